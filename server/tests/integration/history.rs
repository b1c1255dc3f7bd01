//! The run page of every fixture workflow: summary, input, outcome and the whole history.
use app::urls;
use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{Fixture, Page, get, str_of};

async fn run_page(fixture: &Fixture, entry: &Value, run_id: &str) -> Page {
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), run_id);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    page
}

fn event_rows(page: &Page) -> usize {
    page.html.matches("<tr id=\"event-").count()
}

/// A JSON value as the page prints it (pretty JSON, two-space indent), compared on visible text.
fn shown(value: &Value) -> String {
    crate::support::visible_text(&serde_json::to_string_pretty(value).expect("json"))
}

#[tokio::test]
async fn every_fixture_run_shows_its_summary_and_every_event() {
    let fixture = Fixture::get();
    let workflows = fixture.manifest["workflows"].as_object().expect("workflows");
    // `live` fixtures are signalled by other tests while this one runs.
    for (name, entry) in workflows.iter().filter(|(_, entry)| entry["live"] != true) {
        let page = run_page(fixture, entry, str_of(entry, "run_id")).await;
        let text = page.text();
        assert!(text.contains(str_of(entry, "workflow_type")), "{name}: no workflow type");
        assert!(text.contains(&format!("Status {}", str_of(entry, "status"))), "{name}: no status");
        assert!(text.contains(str_of(entry, "task_queue")), "{name}: no task queue");
        let length = entry["history_length"].as_u64().expect("history_length") as usize;
        // The first page of the table: up to 1,000 events.
        let expected = length.min(model::DEFAULT_HISTORY_PAGE_SIZE);
        let rows = event_rows(&page);
        if str_of(entry, "status") == "Running" {
            assert!(rows >= expected, "{name}: {rows} rows, history had {expected}");
        } else {
            assert_eq!(rows, expected, "{name}: one row per event");
        }
        assert!(!text.contains("could not be read") && !text.contains("undecodable"), "{name}: {text}");
        assert!(!text.contains("UnknownEventType"), "{name}");
    }
}

#[tokio::test]
async fn completed_run_shows_input_result_and_event_types() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    let page = run_page(fixture, entry, str_of(entry, "run_id")).await;
    let text = page.text();
    assert!(text.contains(&format!("Input json/plain · {} B {}", 14, shown(&entry["input"][0]))), "{text}");
    assert!(text.contains(&format!("Result json/plain · 22 B {}", shown(&entry["result"]))), "{text}");
    for event_type in
        ["WorkflowExecutionStarted", "ActivityTaskScheduled", "ActivityTaskCompleted", "WorkflowExecutionCompleted"]
    {
        assert!(text.contains(event_type), "{event_type}");
    }
    assert!(text.contains("activityType.name compose_greeting"), "activity attributes are shown");
}

#[tokio::test]
async fn failed_run_shows_the_whole_cause_chain() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("failed");
    let page = run_page(fixture, entry, str_of(entry, "run_id")).await;
    let text = page.text();
    let failure_section =
        text.split("Failure OrderFailed").nth(1).map(|rest| format!("OrderFailed{rest}")).unwrap_or_default();
    assert!(failure_section.contains(str_of(entry, "failure_type")), "{text}");
    assert!(failure_section.contains(str_of(entry, "failure_message")));
    assert!(failure_section.contains("non-retryable"));
    assert!(failure_section.contains("caused by Activity failed"));
    assert!(failure_section.contains("charge_card"));
    assert!(failure_section.contains("caused by PaymentDeclined"));
    assert!(failure_section.contains("card declined"));
    assert!(failure_section.contains("\"reason\": \"insufficient_funds\""));
    assert!(failure_section.contains("Stack trace"));
    assert!(text.contains(&shown(&entry["input"][0])), "input object");
}

#[tokio::test]
async fn binary_and_null_payloads_are_labelled() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("binary_payloads");
    let page = run_page(fixture, entry, str_of(entry, "run_id")).await;
    let text = page.text();
    let base64 = entry["input_base64"][0].as_str().expect("base64 of the bytes input");
    assert!(text.contains(&format!("binary/plain · 11 B base64 — raw bytes {base64}")), "{text}");
    assert!(text.contains("binary/null · 0 B null"), "{text}");
}

#[tokio::test]
async fn ended_runs_say_how_they_ended() {
    let fixture = Fixture::get();
    for (name, expected) in [
        ("terminated", "terminated by fixture"),
        ("timed_out", "The workflow run exceeded its timeout"),
        ("canceled", "The workflow run was canceled"),
    ] {
        let entry = fixture.workflow(name);
        let text = run_page(fixture, entry, str_of(entry, "run_id")).await.text();
        assert!(text.contains(&format!("Failure {}", "")) && text.contains(expected), "{name}: {text}");
    }
}

#[tokio::test]
async fn running_run_says_what_is_pending() {
    let fixture = Fixture::get();
    let retrying = fixture.workflow("retrying");
    let text = run_page(fixture, retrying, str_of(retrying, "run_id")).await.text();
    assert!(text.contains("1 pending activity"), "{text}");
    assert!(text.contains("No result yet"));
    let unpolled = fixture.workflow("unpolled");
    let text = run_page(fixture, unpolled, str_of(unpolled, "run_id")).await.text();
    assert!(text.contains("workflow task scheduled"), "{text}");
}

#[tokio::test]
async fn continue_as_new_runs_link_to_their_neighbours() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("continue_as_new");
    let runs: Vec<&str> = entry["run_ids"].as_array().expect("run_ids").iter().filter_map(Value::as_str).collect();
    assert_eq!(runs.len(), 4);
    let workflow_id = str_of(entry, "workflow_id");
    let page = run_page(fixture, entry, runs[1]).await;
    let link = |run: &str| format!("href=\"{}\"", urls::run_history(fixture.namespace(), workflow_id, run));
    let from = page.html.split("Continued from").nth(1).expect("continued from");
    assert!(from.contains(&link(runs[0])), "previous run link");
    let to = page.html.split("Continued as").nth(1).expect("continued as");
    assert!(to.contains(&link(runs[2])), "next run link");
    assert!(page.text().contains("Status ContinuedAsNew"));
}

#[tokio::test]
async fn children_link_to_their_parent() {
    let fixture = Fixture::get();
    let parent = fixture.workflow("parent");
    let parent_href = urls::run_history(fixture.namespace(), str_of(parent, "workflow_id"), str_of(parent, "run_id"));
    let children = parent["children"].as_array().expect("children");
    assert_eq!(children.len(), 3);
    for child in children {
        let page = run_page(fixture, child, str_of(child, "run_id")).await;
        let after = page.html.split(">Parent<").nth(1).expect("parent fact");
        assert!(after.contains(&format!("href=\"{parent_href}\"")), "child links to its parent");
    }
    let parent_text = run_page(fixture, parent, str_of(parent, "run_id")).await.text();
    for child in children {
        assert!(parent_text.contains(str_of(child, "workflow_id")), "parent history names its children");
    }
    assert!(parent_text.contains("ChildWorkflowExecutionCompleted"));
}

#[tokio::test]
async fn odd_workflow_id_opens_as_one_path_segment() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("odd_id");
    let workflow_id = str_of(entry, "workflow_id");
    assert!(workflow_id.contains('/') && workflow_id.contains('?') && workflow_id.contains('#'));
    let page = run_page(fixture, entry, str_of(entry, "run_id")).await;
    let text = page.text();
    assert!(text.contains(workflow_id), "the decoded ID is shown");
    assert!(text.contains(&shown(&entry["input"][0])));
}

#[tokio::test]
async fn large_history_renders_every_event() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("large");
    let expected = entry["history_length"].as_u64().expect("length") as usize;
    assert!(expected > 1000, "the large fixture spans several history pages");
    // One page of the table holds up to 5,000 events when asked (1,000 by default).
    let url = format!(
        "{}?size=5000",
        urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"))
    );
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    assert_eq!(event_rows(&page), expected);
    assert!(page.html.contains(&format!("id=\"event-{expected}\"")));
}

#[tokio::test]
async fn hostile_payloads_are_escaped() {
    use temporalio_protos::protos::temporal::api::{
        common::v1::{Payload, Payloads, WorkflowType},
        taskqueue::v1::TaskQueue,
        workflowservice::v1::{StartWorkflowExecutionRequest, workflow_service_client::WorkflowServiceClient},
    };
    let fixture = Fixture::get();
    let mut client =
        WorkflowServiceClient::connect(format!("http://{}", fixture.temporal_address)).await.expect("connect");
    // Not under the fixture prefix: the list tests count exactly what the fixture started.
    let workflow_id = format!("hostile-{}-{}", fixture.prefix(), uuid::Uuid::new_v4());
    let hostile = r#""<img src=x onerror=alert(1)><script>alert(2)</script>""#;
    let payload = Payload {
        metadata: [("encoding".to_string(), b"json/plain".to_vec())].into(),
        data: hostile.as_bytes().to_vec(),
        external_payloads: vec![],
    };
    let response = client
        .start_workflow_execution(StartWorkflowExecutionRequest {
            namespace: fixture.namespace().to_string(),
            workflow_id: workflow_id.clone(),
            workflow_type: Some(WorkflowType { name: "<b>Hostile</b>".into() }),
            task_queue: Some(TaskQueue { name: format!("{}-nobody", fixture.prefix()), ..Default::default() }),
            input: Some(Payloads { payloads: vec![payload] }),
            request_id: uuid::Uuid::new_v4().to_string(),
            ..Default::default()
        })
        .await
        .expect("start")
        .into_inner();
    let url = urls::run_history(fixture.namespace(), &workflow_id, &response.run_id);
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.html.contains("<img src=x"), "markup from a payload must not reach the page");
    assert!(!page.html.contains("<script>alert(2)"));
    assert!(!page.html.contains("<b>Hostile</b>"));
    assert!(page.html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.text().contains("<b>Hostile</b>"), "shown as text");
}
