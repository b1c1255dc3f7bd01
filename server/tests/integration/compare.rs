//! Comparing two runs of one workflow ID.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, get, str_of};

fn rerun() -> (String, Vec<String>) {
    let entry = Fixture::get().workflow("rerun");
    let runs = entry["run_ids"].as_array().expect("run_ids").iter().filter_map(|id| id.as_str().map(String::from));
    (str_of(entry, "workflow_id").to_string(), runs.collect())
}

#[tokio::test]
async fn two_reruns_differ_first_in_their_input() {
    let fixture = Fixture::get();
    let (workflow_id, runs) = rerun();
    let url = urls::compare(fixture.namespace(), &workflow_id, &runs[0], &runs[1]);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains("The runs differ from the first step in input: A has WorkflowExecutionStarted"), "{text}");
    let first = page.html.split("id=\"first-difference\"").nth(1).expect("the first difference is marked");
    let first = crate::support::visible_text(first.split("</tr>").next().unwrap_or_default());
    assert!(first.contains("first run") && first.contains("second run"), "both inputs are shown: {first}");
}

#[tokio::test]
async fn a_run_agrees_with_itself() {
    let fixture = Fixture::get();
    let (workflow_id, runs) = rerun();
    let url = urls::compare(fixture.namespace(), &workflow_id, &runs[1], &runs[1]);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    assert!(page.text().contains("The runs agree on all"), "{}", page.text());
    assert!(!page.html.contains("first-difference"));
}

#[tokio::test]
async fn missing_or_unknown_runs_are_clear_errors() {
    let fixture = Fixture::get();
    let (workflow_id, runs) = rerun();
    let url = format!("{}/compare?a={}", urls::workflow(fixture.namespace(), &workflow_id), runs[0]);
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("Choose two runs to compare"), "{}", page.text());
    let unknown = uuid::Uuid::new_v4().to_string();
    let url = urls::compare(fixture.namespace(), &workflow_id, &runs[0], &unknown);
    assert_eq!(get(&fixture.app(), &url).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_runs_page_offers_to_compare_the_two_newest_runs() {
    let fixture = Fixture::get();
    let (workflow_id, runs) = rerun();
    let page = get(&fixture.app(), &urls::runs(fixture.namespace(), &workflow_id)).await;
    let form = page.html.split("class=\"runs-compare\"").nth(1).expect("compare form");
    let select_a = form.split("name=\"a\"").nth(1).expect("select a");
    assert!(select_a.contains(&format!("value=\"{}\" selected", runs[0])), "A is the older run: {select_a}");
}
