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

/// The diagnosis of one of the configuration fixtures (`end2end/fixtures/config_smells.py`).
async fn config_diagnosis(name: &str) -> String {
    let fixture = Fixture::get();
    let entry = &fixture.manifest["config_smells"][name];
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let panel = page.html.split("aria-label=\"Diagnosis\"").nth(1).unwrap_or_else(|| panic!("{name}: no diagnosis"));
    crate::support::visible_text(panel.split("</section>").next().unwrap_or_default())
}

#[tokio::test]
async fn activities_running_for_minutes_without_heartbeat_timeout_are_named() {
    // Two minutes after the fixture started its activities: one ran 125 s, the other still runs.
    let started_at =
        Fixture::get().manifest["config_smells"]["no_heartbeat"]["started_at"].as_f64().expect("started_at");
    let due = std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(started_at + 130.0);
    if let Ok(wait) = due.duration_since(std::time::SystemTime::now()) {
        tokio::time::sleep(wait).await;
    }
    let text = config_diagnosis("no_heartbeat").await;
    assert!(text.contains("Activity config_sleep (ID 2) has run for "), "{text}");
    assert!(text.contains("without a heartbeat timeout: if its worker crashed"), "{text}");
    assert!(text.contains("start-to-close timeout of 2h 0m 0s passes"), "{text}");
    assert!(text.contains("Activity config_sleep ran for 2m 5s (completed in event"), "{text}");
}

#[tokio::test]
async fn a_start_to_close_cut_to_schedule_to_close_is_named() {
    let text = config_diagnosis("budget_timeouts").await;
    assert!(
        text.contains("Activity config_refund's start-to-close timeout is its whole schedule-to-close timeout (30s)"),
        "{text}"
    );
    assert!(text.contains("(event 5)"), "the scheduled event is the evidence: {text}");
}

#[tokio::test]
async fn unlimited_retries_of_a_non_retryable_failure_are_named() {
    let text = config_diagnosis("unlimited_retries").await;
    assert!(text.contains("Activity config_charge (ID 2) retries without limit on CardDeclined failures"), "{text}");
    assert!(text.contains("but activity config_refund's retry policy lists it as non-retryable"), "{text}");
    assert!(text.contains("(event 5)"), "config_refund's scheduled event is the evidence: {text}");
}

#[tokio::test]
async fn a_child_id_started_twice_is_named() {
    let entry = &Fixture::get().manifest["config_smells"]["repeated_child"];
    let text = config_diagnosis("repeated_child").await;
    let child = format!("Child workflow ID {}-child was started 2 times in this run", str_of(entry, "workflow_id"));
    assert!(text.contains(&child), "{text}");
    assert!(text.contains("AllowDuplicate"), "{text}");
}

#[tokio::test]
async fn local_activity_retries_past_the_workflow_task_timeout_are_named() {
    let text = config_diagnosis("local_retries").await;
    assert!(text.contains("Local activity config_local_flaky took 4 attempts"), "{text}");
    assert!(text.contains("longer than the workflow task timeout of 2s"), "{text}");
}
