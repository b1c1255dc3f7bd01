//! Nexus against the fixtures' real service (end2end/fixtures/nexus_ops.py): the cluster's
//! endpoints (the one the xtask created), the caller's pending operation with its attempts and
//! last failure, its operations grouped in the history and the timeline, and the links between
//! the caller's operation and the handler's run.
use app::urls;
use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{Fixture, Page, get, str_of, visible_text};

fn nexus(fixture: &Fixture) -> &Value {
    &fixture.manifest["nexus"]
}

/// (workflow ID, run ID) of the manifest's `caller` or `handler`.
fn run_of<'a>(fixture: &'a Fixture, which: &str) -> (&'a str, &'a str) {
    let entry = &nexus(fixture)[which];
    (str_of(entry, "workflow_id"), str_of(entry, "run_id"))
}

async fn ok(fixture: &Fixture, url: &str) -> Page {
    let page = get(&fixture.app(), url).await;
    page.assert_ok(url);
    page
}

/// The endpoint's ID, read from its link on the list.
async fn endpoint_id(fixture: &Fixture) -> String {
    let list = ok(fixture, &urls::nexus_endpoints()).await;
    let name = str_of(nexus(fixture), "endpoint");
    let prefix = format!("{}/", urls::nexus_endpoints());
    list.html
        .split(&format!("href=\"{prefix}"))
        .skip(1)
        .find_map(|rest| {
            let (id, after) = rest.split_once('"')?;
            after.split_once("</a>")?.0.ends_with(name).then(|| id.to_string())
        })
        .unwrap_or_else(|| panic!("no link to endpoint {name} in {}", visible_text(&list.html)))
}

#[tokio::test]
async fn the_endpoint_the_xtask_created_is_listed_with_its_target_and_description() {
    let fixture = Fixture::get();
    let page = ok(fixture, &urls::nexus_endpoints()).await;
    let text = page.text();
    let manifest = nexus(fixture);
    // The row after the endpoint's name (its target queue may have the same name).
    let (_, row) = text.split_once(str_of(manifest, "endpoint")).unwrap_or_else(|| panic!("no endpoint row: {text}"));
    assert!(row.starts_with(&format!(" {} / {}", fixture.namespace(), str_of(manifest, "task_queue"))), "{row}");
    assert!(row.contains("The debugger's fixture Nexus service"), "the description as text: {row}");
    let queue_link = urls::task_queue(fixture.namespace(), str_of(manifest, "task_queue"));
    assert!(page.html.contains(&format!("href=\"{queue_link}\"")), "the target queue is linked");
    let cluster = ok(fixture, &urls::cluster()).await;
    assert!(cluster.html.contains(&format!("href=\"{}\"", urls::nexus_endpoints())), "linked from the cluster page");
}

#[tokio::test]
async fn an_endpoints_page_shows_its_id_target_and_times() {
    let fixture = Fixture::get();
    let id = endpoint_id(fixture).await;
    let page = ok(fixture, &urls::nexus_endpoint(&id)).await;
    let text = page.text();
    let manifest = nexus(fixture);
    assert!(text.contains(&format!("Nexus endpoint {}", str_of(manifest, "endpoint"))), "{text}");
    assert!(text.contains(&format!("ID {id}")), "{text}");
    let target = format!("A worker's task queue : {} / {}", fixture.namespace(), str_of(manifest, "task_queue"));
    assert!(text.contains(&target), "{text}");
    assert!(text.contains("Created") && text.contains("Updated"), "{text}");
    assert!(text.contains("The debugger's fixture Nexus service (end2end/fixtures/nexus_ops.py)"), "{text}");
}

#[tokio::test]
async fn an_unknown_endpoint_id_is_a_404_with_a_sentence() {
    let fixture = Fixture::get();
    for id in [uuid::Uuid::new_v4().to_string(), "not-an-endpoint".to_string()] {
        let page = get(&fixture.app(), &urls::nexus_endpoint(&id)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{id}: {}", page.text());
        assert!(page.text().contains(&format!("Nexus endpoint \"{id}\" was not found")), "{}", page.text());
    }
}

#[tokio::test]
async fn the_callers_failing_operation_is_pending_with_its_attempts_and_last_failure() {
    let fixture = Fixture::get();
    let (workflow_id, run_id) = run_of(fixture, "caller");
    let page = ok(fixture, &urls::run_tab(fixture.namespace(), workflow_id, run_id, "pending-activities")).await;
    let text = page.text();
    let manifest = nexus(fixture);
    let operation = text
        .split("Nexus operation FixtureNexusService / flaky")
        .nth(1)
        .unwrap_or_else(|| panic!("no pending flaky operation: {text}"));
    // After a few failed attempts Temporal's circuit breaker for the endpoint opens: Blocked.
    let states = [" · BackingOff", " · Scheduled", " · Blocked"];
    assert!(states.iter().any(|state| operation.starts_with(state)), "{operation}");
    assert!(operation.contains(&format!("Endpoint {}", str_of(manifest, "endpoint"))), "{operation}");
    let attempt: i32 = operation
        .split("Attempt ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no attempt: {operation}"));
    assert!(attempt >= 2, "the operation was retried: {operation}");
    assert!(operation.contains("Schedule-to-close timeout 6h 0m 0s"), "{operation}");
    let failure = operation.split("Last attempt failure ").nth(1).expect("the last attempt failure");
    assert!(failure.starts_with("Nexus handler error (INTERNAL)"), "{failure}");
    assert!(failure.contains(str_of(manifest, "flaky_message")), "{failure}");
    assert!(operation.contains("Next attempt"), "{operation}");
    let event = manifest["flaky_scheduled_event_id"].as_i64().expect("flaky_scheduled_event_id");
    let event_link = urls::event(fixture.namespace(), workflow_id, run_id, event);
    assert!(page.html.contains(&format!("href=\"{event_link}\"")), "the scheduled event is linked");
    assert!(!text.contains("FixtureNexusService / greet"), "the completed operation is not pending");
}

#[tokio::test]
async fn the_compact_history_groups_each_operation_from_scheduled_to_closed() {
    let fixture = Fixture::get();
    let (workflow_id, run_id) = run_of(fixture, "caller");
    let url = format!("{}?view=compact", urls::run_history(fixture.namespace(), workflow_id, run_id));
    let page = ok(fixture, &url).await;
    let table = page.html.split("class=\"data-table compact-table\"").nth(1).expect("compact table");
    let text = visible_text(table);
    let greet = nexus(fixture)["greet_scheduled_event_id"].as_i64().expect("greet_scheduled_event_id");
    let row = text
        .split("Nexus operation FixtureNexusService / greet ")
        .nth(1)
        .unwrap_or_else(|| panic!("no greet row: {text}"));
    assert!(row.starts_with("Completed"), "{row}");
    // Scheduled, started, completed: three events of one row, the first the scheduled one.
    let events: Vec<i64> = row
        .split("Nexus operation")
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .rev()
        .take(3)
        .filter_map(|word| word.parse().ok())
        .collect();
    assert_eq!(events.len(), 3, "{row}");
    assert_eq!(events[2], greet, "{row}");
    let flaky = text.split("Nexus operation FixtureNexusService / flaky ").nth(1).expect("flaky row");
    assert!(flaky.starts_with("Scheduled"), "still only scheduled: {flaky}");
}

#[tokio::test]
async fn the_timeline_has_a_lane_per_operation_and_the_pending_one_says_its_attempts() {
    let fixture = Fixture::get();
    let (workflow_id, run_id) = run_of(fixture, "caller");
    let page = ok(fixture, &urls::run_tab(fixture.namespace(), workflow_id, run_id, "timeline")).await;
    assert_eq!(page.html.matches("class=\"lane lane-nexus\"").count(), 2, "a lane per operation");
    let pending = page.html.split("bar bar-pending").nth(1).expect("a pending bar");
    let title = pending.split("<title>").nth(1).and_then(|rest| rest.split("</title>").next()).expect("its title");
    assert!(title.contains("attempt") && title.contains("the ledger is not reachable yet"), "{title}");
}

#[tokio::test]
async fn the_callers_operation_links_to_the_handlers_run_and_back() {
    let fixture = Fixture::get();
    let namespace = fixture.namespace();
    let (caller_id, caller_run) = run_of(fixture, "caller");
    let (handler_id, handler_run) = run_of(fixture, "handler");
    let greet = nexus(fixture)["greet_scheduled_event_id"].as_i64().expect("greet_scheduled_event_id");
    // NexusOperationStarted links to the handler's WorkflowExecutionStarted.
    let caller = ok(fixture, &urls::run_history(namespace, caller_id, caller_run)).await;
    let to_handler = urls::event(namespace, handler_id, handler_run, 1);
    assert!(caller.html.contains(&format!("href=\"{to_handler}\"")), "{}", visible_text(&caller.html));
    // The handler's start carries the caller's completion callback, linked to the scheduled event.
    let to_caller = urls::event(namespace, caller_id, caller_run, greet);
    let handler = ok(fixture, &urls::run_history(namespace, handler_id, handler_run)).await;
    assert!(handler.html.contains(&format!("href=\"{to_caller}\"")), "{}", visible_text(&handler.html));
    // The handler's pending tab lists the callback that completed the caller's operation.
    let pending = ok(fixture, &urls::run_tab(namespace, handler_id, handler_run, "pending-activities")).await;
    let text = pending.text();
    let callback = text.split("Completion callbacks").nth(1).unwrap_or_else(|| panic!("no callbacks: {text}"));
    assert!(callback.contains("Nexus temporal://system · Succeeded"), "{callback}");
    assert!(
        callback.contains(&format!("Completes {namespace} / {caller_id} / {caller_run} · event {greet}")),
        "{callback}"
    );
    assert!(pending.html.contains(&format!("href=\"{to_caller}\"")), "the callback links to the caller's event");
}
