use super::*;
use crate::diagnosis_config_facts::{LocalRetry, LongActivity, RepeatedChild, ScheduledSettings};
use model::{FailureView, TimePoint};

const MINUTE: i64 = 60_000;

fn settings(event_id: i64, activity_id: &str, activity_type: &str) -> ScheduledSettings {
    ScheduledSettings {
        event_id,
        activity_id: activity_id.into(),
        activity_type: activity_type.into(),
        start_to_close_millis: 10 * MINUTE,
        schedule_to_close_millis: 0,
        heartbeat_millis: 0,
        maximum_attempts: 0,
        non_retryable_error_types: vec![],
    }
}

fn pending(activity_id: &str, activity_type: &str, state: &str, started_millis: i64) -> PendingActivityView {
    PendingActivityView {
        activity_id: activity_id.into(),
        activity_type: activity_type.into(),
        state: state.into(),
        attempt: 3,
        maximum_attempts: 0,
        scheduled_time: None,
        last_started_time: Some(TimePoint { iso: String::new(), millis: started_millis }),
        expiration_time: None,
        next_attempt_time: None,
        next_attempt_in: None,
        current_retry_interval: None,
        last_heartbeat_time: None,
        heartbeat_details: vec![],
        last_worker_identity: String::new(),
        last_failure: None,
    }
}

fn failure(kind: &str) -> FailureView {
    FailureView {
        message: "declined".into(),
        kind: kind.into(),
        facts: vec![],
        non_retryable: false,
        source: String::new(),
        stack_trace: String::new(),
        details: vec![],
        cause: None,
    }
}

fn findings(facts: &ConfigFacts, activities: &[PendingActivityView], status: ExecutionStatus) -> Vec<Finding> {
    config_findings(&ConfigInputs {
        status,
        facts,
        pending_activities: activities,
        last_event_id: 40,
        now_millis: 10 * MINUTE,
    })
}

fn running(facts: &ConfigFacts, activities: &[PendingActivityView]) -> Vec<Finding> {
    findings(facts, activities, ExecutionStatus::Running)
}

#[test]
fn a_pending_activity_running_for_minutes_without_heartbeat_timeout_is_a_warning() {
    let facts = ConfigFacts { pending: vec![settings(5, "1", "export")], ..ConfigFacts::default() };
    let found = running(&facts, &[pending("1", "export", "Started", 7 * MINUTE)]);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].severity, &found[0].evidence), (Severity::Warning, &Evidence::Event(5)));
    let text = &found[0].text;
    assert!(text.contains("Activity export (ID 1) has run for 3m 0s without a heartbeat timeout"), "{text}");
    assert!(text.contains("start-to-close timeout of 10m 0s passes"), "{text}");
    // Less than two minutes, not started, or with a heartbeat timeout: nothing.
    assert!(running(&facts, &[pending("1", "export", "Started", 9 * MINUTE)]).is_empty());
    assert!(running(&facts, &[pending("1", "export", "Scheduled", 0)]).is_empty());
    let beating = ConfigFacts {
        pending: vec![ScheduledSettings { heartbeat_millis: 5_000, ..settings(5, "1", "export") }],
        ..ConfigFacts::default()
    };
    assert!(running(&beating, &[pending("1", "export", "Started", 0)]).is_empty());
}

#[test]
fn a_long_completion_without_heartbeat_timeout_is_named_with_its_events() {
    let long = LongActivity {
        scheduled_event_id: 5,
        completed_event_id: 9,
        activity_type: "export".into(),
        millis: 3 * MINUTE,
    };
    let facts = ConfigFacts {
        activity_types: vec![settings(5, "1", "export")],
        long_without_heartbeat: vec![long],
        ..ConfigFacts::default()
    };
    let found = running(&facts, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].severity, &found[0].evidence), (Severity::Info, &Evidence::Event(5)));
    assert!(found[0].text.contains("Activity export ran for 3m 0s (completed in event 9) without a heartbeat timeout"));
    assert!(found[0].text.contains("noticed only after 10m 0s"), "{}", found[0].text);
}

#[test]
fn a_start_to_close_as_long_as_schedule_to_close_leaves_no_retry() {
    let equal = ScheduledSettings { schedule_to_close_millis: 10 * MINUTE, ..settings(5, "1", "export") };
    let found = running(&ConfigFacts { activity_types: vec![equal.clone()], ..ConfigFacts::default() }, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].severity, &found[0].evidence), (Severity::Info, &Evidence::Event(5)));
    assert!(found[0].text.contains("start-to-close timeout is its whole schedule-to-close timeout (10m 0s)"));
    let shorter = ScheduledSettings { start_to_close_millis: MINUTE, ..equal.clone() };
    let single = ScheduledSettings { maximum_attempts: 1, ..equal };
    let no_budget = settings(6, "2", "import");
    let quiet = ConfigFacts { activity_types: vec![shorter, single, no_budget], ..ConfigFacts::default() };
    assert!(running(&quiet, &[]).is_empty());
}

#[test]
fn unlimited_retries_of_a_failure_listed_as_non_retryable_elsewhere_are_a_warning() {
    let listing =
        ScheduledSettings { non_retryable_error_types: vec!["Declined".into()], ..settings(3, "1", "refund") };
    let facts = ConfigFacts { activity_types: vec![settings(5, "2", "charge"), listing], ..ConfigFacts::default() };
    let retrying =
        PendingActivityView { last_failure: Some(failure("Declined")), ..pending("2", "charge", "Scheduled", 0) };
    let found = running(&facts, std::slice::from_ref(&retrying));
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].severity, &found[0].evidence), (Severity::Warning, &Evidence::Event(3)));
    let text = &found[0].text;
    assert!(text.contains("Activity charge (ID 2) retries without limit on Declined failures"), "{text}");
    assert!(text.contains("activity refund's retry policy lists it as non-retryable"), "{text}");
    // A bounded retry policy, or another failure type, is not this finding.
    let bounded = PendingActivityView { maximum_attempts: 5, ..retrying.clone() };
    assert!(running(&facts, &[bounded]).is_empty());
    let other = PendingActivityView { last_failure: Some(failure("Timeout")), ..retrying };
    assert!(running(&facts, &[other]).is_empty());
}

#[test]
fn unlimited_retries_of_a_failure_raised_non_retryable_point_at_that_failure() {
    let facts = ConfigFacts { non_retryable_raised: vec![("Declined".into(), 12)], ..ConfigFacts::default() };
    let retrying =
        PendingActivityView { last_failure: Some(failure("Declined")), ..pending("2", "charge", "Scheduled", 0) };
    let found = running(&facts, &[retrying]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].evidence, Evidence::Event(12));
    assert!(found[0].text.contains("an activity of this run failed with it marked non-retryable"));
}

#[test]
fn history_size_warns_past_the_threshold_and_blocks_near_the_limit() {
    let size = |events: i64, bytes: i64| ConfigFacts {
        history_length: events,
        history_size_bytes: bytes,
        ..ConfigFacts::default()
    };
    assert!(running(&size(10_239, 1024), &[]).is_empty());
    let warned = running(&size(10_240, 1024), &[]);
    assert_eq!((warned[0].severity, &warned[0].evidence), (Severity::Warning, &Evidence::Event(40)));
    assert!(
        warned[0].text.contains("The history has 10240 events (1.0 KiB), past the warning threshold"),
        "{}",
        warned[0].text
    );
    assert!(warned[0].text.contains("at 51200 events or 50 MiB"));
    assert!(warned[0].text.contains("Use continue-as-new"));
    assert_eq!(running(&size(100, 11 * 1024 * 1024), &[])[0].severity, Severity::Warning);
    assert_eq!(running(&size(46_080, 0), &[])[0].severity, Severity::Blocking);
    assert_eq!(running(&size(100, 46 * 1024 * 1024), &[])[0].severity, Severity::Blocking);
    // A closed run at the limit is explained too, and only by this rule.
    let closed = ConfigFacts { long_without_heartbeat: vec![], ..size(51_200, 0) };
    let found = findings(&closed, &[], ExecutionStatus::Terminated);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Blocking);
}

#[test]
fn a_child_id_started_again_under_allow_duplicate_is_information() {
    let child = RepeatedChild { workflow_id: "invoice-7".into(), first_event_id: 14, last_event_id: 30, starts: 2 };
    let found = running(&ConfigFacts { repeated_children: vec![child], ..ConfigFacts::default() }, &[]);
    assert_eq!((found[0].severity, &found[0].evidence), (Severity::Info, &Evidence::Event(14)));
    assert!(found[0].text.contains("Child workflow ID invoice-7 was started 2 times in this run (events 14 to 30)"));
    assert!(found[0].text.contains("use RejectDuplicate"));
}

#[test]
fn local_retries_beyond_the_workflow_task_timeout_are_a_warning() {
    let retry = |millis| LocalRetry { marker_event_id: 25, activity_type: "flaky".into(), attempt: 4, millis };
    let facts = |millis, timeout| ConfigFacts {
        workflow_task_timeout_millis: timeout,
        local_retries: vec![retry(millis)],
        ..ConfigFacts::default()
    };
    let found = running(&facts(3_000, Some(2_000)), &[]);
    assert_eq!((found[0].severity, &found[0].evidence), (Severity::Warning, &Evidence::Event(25)));
    let text = &found[0].text;
    assert!(
        text.contains("Local activity flaky took 4 attempts, and the workflow tasks it ran in lasted 3s"),
        "{text}"
    );
    assert!(text.contains("workflow task timeout of 2s"), "{text}");
    assert!(running(&facts(1_500, Some(2_000)), &[]).is_empty());
    // Without a timeout in the started event, the server's default of 10 s applies.
    assert!(running(&facts(9_000, None), &[]).is_empty());
    assert_eq!(running(&facts(11_000, None), &[]).len(), 1);
}
