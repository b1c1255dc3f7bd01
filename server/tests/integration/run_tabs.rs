//! The debugging tabs of a run: pending activities, workers, call stack.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, Page, get, str_of};

async fn tab(fixture: &Fixture, name: &str, tab: &str) -> Page {
    let entry = fixture.workflow(name);
    let url = urls::run_tab(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"), tab);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    page
}

#[tokio::test]
async fn retrying_activity_shows_attempts_and_last_failure() {
    let fixture = Fixture::get();
    let text = tab(fixture, "retrying", "pending-activities").await.text();
    assert!(text.contains("Pending activities (1)"), "{text}");
    assert!(text.contains("reserve_inventory"));
    let attempt: u32 = text
        .split("Attempt ")
        .nth(1)
        .and_then(|rest| rest.split(" of unlimited").next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no 'Attempt N of unlimited' in {text}"));
    assert!(attempt >= 2, "the activity has retried: attempt {attempt}");
    assert!(text.contains("Last failure RuntimeError"), "{text}");
    assert!(text.contains("inventory service unavailable: connection refused"));
    assert!(text.contains("Next attempt"));
}

#[tokio::test]
async fn closed_run_has_no_pending_activities() {
    let text = tab(Fixture::get(), "completed", "pending-activities").await.text();
    assert!(text.contains("No pending activities.") && text.contains("Pending activities (0)"), "{text}");
}

#[tokio::test]
async fn workers_tab_lists_the_fixture_worker() {
    let fixture = Fixture::get();
    let page = tab(fixture, "completed", "workers").await;
    let text = page.text();
    let workflow_section = text.split("Workflow tasks").nth(1).expect("workflow tasks section");
    assert!(workflow_section.trim_start().starts_with("keeping up"), "the fixture worker polls: {text}");
    assert!(text.contains("Activity tasks"));
    assert!(page.html.matches("<td class=\"mono\">").count() >= 2, "a poller row per kind");
    let queue = str_of(fixture.workflow("completed"), "task_queue");
    assert!(
        page.html.contains(&format!("href=\"{}\"", urls::task_queue(fixture.namespace(), queue))),
        "links its queue"
    );
}

#[tokio::test]
async fn unpolled_task_queue_is_said_in_words() {
    let fixture = Fixture::get();
    let queue = str_of(fixture.workflow("unpolled"), "task_queue");
    let text = tab(fixture, "unpolled", "workers").await.text();
    assert!(text.contains(&format!("Nobody polls task queue \"{queue}\" for workflow tasks")), "{text}");
    let text = tab(fixture, "unpolled", "call-stack").await.text();
    assert!(text.contains(&format!("No worker is polling task queue {queue}")), "{text}");
}

#[tokio::test]
async fn call_stack_of_a_waiting_workflow_comes_from_its_worker() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("signal_waiter");
    assert_eq!(str_of(entry, "status"), "Running");
    let text = tab(fixture, "signal_waiter", "call-stack").await.text();
    assert!(text.contains("Taken at"), "{text}");
    // The Python SDK answers __enhanced_stack_trace: frames with file, line and source.
    assert!(text.contains("sdk-python") && text.contains("(enhanced stack trace)"), "{text}");
    assert!(text.contains("Stack 1 of"), "{text}");
    assert!(text.contains("_workflow_instance.py:"), "a frame with its file and line: {text}");
}

#[tokio::test]
async fn closed_run_has_no_call_stack() {
    let text = tab(Fixture::get(), "completed", "call-stack").await.text();
    assert!(text.contains("This run is closed"), "{text}");
}

#[tokio::test]
async fn tabs_of_an_unknown_run_are_404() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    for tab in ["history", "pending-activities", "workers", "call-stack", "queries", "relationships"] {
        let url =
            urls::run_tab(fixture.namespace(), str_of(entry, "workflow_id"), &uuid::Uuid::new_v4().to_string(), tab);
        let page = get(&fixture.app(), &url).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{tab}");
        // The error takes the tab's place; the run's tab bar still renders.
        assert!(page.html.contains("aria-label=\"Run views\""), "{tab}: tab bar");
    }
}
