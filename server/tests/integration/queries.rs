//! The queries tab: the handler list from the worker, queries with JSON arguments, and errors.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, Page, get, str_of};

async fn queries(name: &str, query: Option<(&str, &str)>) -> Page {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let (workflow_id, run_id) = (str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let url = match query {
        Some((query, args)) => urls::run_query(fixture.namespace(), workflow_id, run_id, query, args),
        None => urls::run_tab(fixture.namespace(), workflow_id, run_id, "queries"),
    };
    get(&fixture.app(), &url).await
}

fn requested_by() -> String {
    Fixture::get().workflow("signal_waiter")["input"][0].as_str().expect("signal_waiter input").to_string()
}

#[tokio::test]
async fn handlers_come_from_the_workflow_metadata_query() {
    let page = queries("signal_waiter", None).await;
    page.assert_ok("queries");
    let text = page.text();
    assert!(text.contains("As the worker reports them (__temporal_workflow_metadata)"), "{text}");
    for query in ["status", "greeting", "broken", "__stack_trace"] {
        assert!(text.contains(query), "query {query} listed: {text}");
    }
    assert!(text.contains("Whether the request is approved, and who asked"), "descriptions: {text}");
    let signal = str_of(Fixture::get().workflow("signal_waiter"), "signal_name");
    assert!(text.split("Signals").nth(1).is_some_and(|signals| signals.contains(signal)), "{text}");
}

#[tokio::test]
async fn a_query_without_arguments_is_answered_with_its_decoded_result() {
    let page = queries("signal_waiter", Some(("status", ""))).await;
    page.assert_ok("status");
    let text = page.text();
    assert!(text.contains("Answer to status"), "{text}");
    assert!(text.contains(&format!("\"requested_by\": \"{}\"", requested_by())), "{text}");
    assert!(text.contains("\"approved\": false"), "{text}");
}

#[tokio::test]
async fn json_array_arguments_are_one_argument_each() {
    let text = queries("signal_waiter", Some(("greeting", r#"["Good morning", "!"]"#))).await.text();
    assert!(text.contains(&format!("\"Good morning, {}!\"", requested_by())), "{text}");
}

#[tokio::test]
async fn query_answers_are_escaped() {
    let page = queries("signal_waiter", Some(("greeting", r#"["<script>alert(1)</script>", "<b>"]"#))).await;
    page.assert_ok("greeting");
    assert!(!page.html.contains("<script>alert(1)"), "raw markup from a payload reached the page");
    assert!(page.text().contains("<script>alert(1)</script>"), "shown as text");
    // The arguments go back into the form: they must not break out of it either.
    let page = queries("signal_waiter", Some(("greeting", "</textarea>\"><img src=x onerror=alert(1)>"))).await;
    assert!(!page.html.contains("<img src=x"), "markup from the URL reached the page");
}

#[tokio::test]
async fn arguments_that_are_not_json_answer_400_with_the_form() {
    let page = queries("signal_waiter", Some(("greeting", "[1,"))).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let text = page.text();
    assert!(text.contains("The arguments are not valid JSON"), "{text}");
    assert!(text.contains("Run a query"), "the form stays to fix them: {text}");
}

#[tokio::test]
async fn a_failing_query_shows_the_workers_error() {
    let page = queries("signal_waiter", Some(("broken", ""))).await;
    page.assert_ok("broken");
    assert!(
        page.text().contains("The worker answered with an error: the broken query always fails"),
        "{}",
        page.text()
    );
    let text = queries("signal_waiter", Some(("no_such_query", ""))).await.text();
    assert!(text.contains("known queries: ["), "unknown query lists the known ones: {text}");
}

#[tokio::test]
async fn without_a_worker_no_query_is_sent() {
    let fixture = Fixture::get();
    let queue = str_of(fixture.workflow("unpolled"), "task_queue");
    let page = queries("unpolled", Some(("status", ""))).await;
    page.assert_ok("unpolled");
    let text = page.text();
    assert!(text.contains(&format!("No worker is polling task queue {queue}")), "{text}");
    assert!(text.contains("Not sent: no worker polls the workflow task queue."), "{text}");
}

#[tokio::test]
async fn query_errors_can_be_hidden() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("signal_waiter");
    let url = urls::run_query(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"), "broken", "");
    let app = crate::support::app_with_config(server::Config::from_flags([
        "server",
        "--temporal-address",
        &fixture.temporal_address,
        "--hide-workflow-query-errors",
        "true",
    ]));
    let text = get(&app, &url).await.text();
    assert!(text.contains("its error is hidden") && !text.contains("the broken query always fails"), "{text}");
}
