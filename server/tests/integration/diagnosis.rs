//! The diagnosis panel on the run page, against the fixture workflows.
use app::urls;

use crate::support::{Fixture, get, str_of};

async fn diagnosis_of(name: &str) -> String {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let panel = page.html.split("aria-label=\"Diagnosis\"").nth(1).unwrap_or_else(|| panic!("{name}: no diagnosis"));
    crate::support::visible_text(panel.split("</section>").next().unwrap_or_default())
}

#[tokio::test]
async fn retrying_activity_is_explained() {
    let text = diagnosis_of("retrying").await;
    assert!(text.contains("Why is it not progressing?"), "{text}");
    assert!(text.contains("Activity reserve_inventory (ID 1) is retrying: attempt"), "{text}");
    assert!(text.contains("last failure \"inventory service unavailable: connection refused\""), "{text}");
    assert!(text.contains("next attempt at"), "{text}");
    assert!(text.contains("(Pending activities)"));
}

#[tokio::test]
async fn unpolled_task_queue_is_the_reason() {
    let fixture = Fixture::get();
    let queue = str_of(fixture.workflow("unpolled"), "task_queue");
    let text = diagnosis_of("unpolled").await;
    assert!(text.contains(&format!("No worker polls task queue \"{queue}\" for workflow tasks")), "{text}");
    assert!(text.contains("(Workers)"));
}

#[tokio::test]
async fn sleeping_workflow_waits_on_its_timer() {
    let text = diagnosis_of("sleeping").await;
    assert!(text.contains("Waiting on timer"), "{text}");
    assert!(text.contains("6h 0m 0s"), "{text}");
}

#[tokio::test]
async fn signal_waiter_waits_on_a_signal_or_condition() {
    let text = diagnosis_of("signal_waiter").await;
    assert!(text.contains("Waiting for a signal, an update or a condition"), "{text}");
}

#[tokio::test]
async fn failed_run_names_its_first_failure() {
    let text = diagnosis_of("failed").await;
    assert!(text.contains("How it ended"), "{text}");
    assert!(text.contains("The run closed as Failed. OrderFailed: order 42 could not be paid"), "{text}");
    assert!(text.contains("first failure: PaymentDeclined: card declined"), "{text}");
}

#[tokio::test]
async fn a_missed_heartbeat_is_explained() {
    let text = diagnosis_of("heartbeat_timeout").await;
    // Which of the three statements depends on where the retry loop is when the page renders.
    let named = [
        "heartbeat timeout of 2s is near",
        "past its heartbeat timeout of 2s",
        "last attempt timed out on its heartbeat",
    ]
    .iter()
    .any(|statement| text.contains(statement));
    assert!(named, "{text}");
    assert!(text.contains("Activity sync_ledger (ID 1)"), "{text}");
}
