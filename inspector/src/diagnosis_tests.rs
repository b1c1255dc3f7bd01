use super::*;
use model::{EventCategory, EventField, EventRow, TimePoint, ZoneSpan};

static UTC: std::sync::LazyLock<ZoneRules> = std::sync::LazyLock::new(ZoneRules::utc);

fn event(event_id: i64, event_type: &str, fields: &[(&str, FieldValue)]) -> EventRow {
    EventRow {
        event_id,
        time: Some(TimePoint { iso: "2026-11-25T10:00:00.000Z".into(), millis: 0 }),
        event_type: event_type.into(),
        category: EventCategory::of(event_type),
        fields: fields
            .iter()
            .map(|(path, value)| EventField { path: path.to_string(), value: value.clone(), primary: false })
            .collect(),
    }
}

fn text(value: &str) -> FieldValue {
    FieldValue::Text(value.into())
}

fn failure(kind: &str, message: &str, cause: Option<FailureView>) -> FailureView {
    FailureView {
        message: message.into(),
        kind: kind.into(),
        facts: vec![],
        non_retryable: false,
        source: String::new(),
        stack_trace: String::new(),
        details: vec![],
        cause: cause.map(Box::new),
    }
}

fn running<'a>(events: &'a [EventRow], activities: &'a [PendingActivityView]) -> RunFacts<'a> {
    RunFacts {
        status: ExecutionStatus::Running,
        task_queue: "orders",
        workflow_pollers: Some(1),
        activity_pollers: Some(1),
        queue_verdicts: &[],
        task_queue_page: "/namespaces/default/task-queues/orders",
        queue_workers: &[],
        pending_activities: activities,
        history: HistoryFacts::from_events(events),
        failure: None,
        heartbeats: &[],
        now_millis: 0,
        zone: &UTC,
        config: Default::default(),
    }
}

fn retrying_activity() -> PendingActivityView {
    PendingActivityView {
        activity_id: "1".into(),
        activity_type: "reserve_inventory".into(),
        state: "Scheduled".into(),
        attempt: 4,
        maximum_attempts: 0,
        scheduled_time: None,
        last_started_time: None,
        expiration_time: None,
        next_attempt_time: Some(TimePoint { iso: String::new(), millis: 8_000 }),
        next_attempt_in: Some("8s".into()),
        current_retry_interval: Some("8s".into()),
        last_heartbeat_time: None,
        heartbeat_details: vec![],
        last_worker_identity: "worker-1".into(),
        last_failure: Some(failure("RuntimeError", "connection refused", None)),
    }
}

#[test]
fn no_workflow_poller_blocks_the_run_and_points_at_the_workers_tab() {
    let events = [event(1, "WorkflowExecutionStarted", &[]), event(2, "WorkflowTaskScheduled", &[])];
    let facts = RunFacts { workflow_pollers: Some(0), ..running(&events, &[]) };
    let findings = diagnose(&facts);
    assert_eq!(findings[0].severity, Severity::Blocking);
    assert!(findings[0].text.contains("No worker polls task queue \"orders\" for workflow tasks"));
    assert_eq!(findings[0].evidence, Evidence::tab("workers", "Workers"));
}

#[test]
fn retrying_activity_names_attempt_failure_and_next_retry() {
    let activities = [retrying_activity()];
    let findings = diagnose(&running(&[], &activities));
    assert_eq!(findings.len(), 1);
    let text = &findings[0].text;
    assert!(text.contains("reserve_inventory (ID 1) is retrying: attempt 4 of unlimited"), "{text}");
    assert!(text.contains("last failure \"connection refused\""));
    assert!(text.contains("next attempt at 1970-01-01 00:00:08.000 UTC (in 8s)"));
    assert_eq!(findings[0].evidence, Evidence::tab("pending-activities", "Pending activities"));
}

#[test]
fn findings_name_times_in_the_readers_zone() {
    let activities = [retrying_activity()];
    let paris = ZoneRules {
        name: "Europe/Paris".into(),
        spans: vec![ZoneSpan { from_millis: i64::MIN, offset_seconds: 3600, abbreviation: "CET".into() }],
    };
    let findings = diagnose(&RunFacts { zone: &paris, ..running(&[], &activities) });
    assert!(findings[0].text.contains("next attempt at 1970-01-01 01:00:08.000 CET (in 8s)"), "{}", findings[0].text);
}

#[test]
fn pending_activity_without_activity_poller_is_blocking() {
    let activities = [PendingActivityView { last_failure: None, ..retrying_activity() }];
    let facts = RunFacts { activity_pollers: Some(0), ..running(&[], &activities) };
    let findings = diagnose(&facts);
    assert!(
        findings
            .iter()
            .any(|f| f.severity == Severity::Blocking && f.text.contains("for activity tasks; 1 pending activity"))
    );
}

#[test]
fn failed_workflow_task_is_reported_with_its_cause() {
    let events = [
        event(3, "WorkflowTaskCompleted", &[]),
        event(
            9,
            "WorkflowTaskFailed",
            &[
                ("cause", text("NonDeterministicError")),
                ("failure", FieldValue::Failure(Box::new(failure("Failure", "nondeterminism detected", None)))),
            ],
        ),
    ];
    let findings = diagnose(&running(&events, &[]));
    assert_eq!(findings[0].text, "The last workflow task failed (NonDeterministicError): nondeterminism detected");
    assert_eq!(findings[0].evidence, Evidence::Event(9));
}

#[test]
fn a_later_completed_workflow_task_clears_an_older_failure() {
    let events = [event(5, "WorkflowTaskFailed", &[("cause", text("X"))]), event(9, "WorkflowTaskCompleted", &[])];
    assert!(diagnose(&running(&events, &[])).iter().all(|f| !f.text.contains("workflow task failed")));
}

#[test]
fn open_timer_and_child_are_waits_and_fired_ones_are_not() {
    let events = [
        event(5, "TimerStarted", &[("timerId", text("1")), ("startToFireTimeout", text("6h 0m 0s"))]),
        event(6, "TimerStarted", &[("timerId", text("2")), ("startToFireTimeout", text("1s"))]),
        event(7, "TimerFired", &[("timerId", text("2"))]),
        event(
            8,
            "StartChildWorkflowExecutionInitiated",
            &[("workflowId", text("child-a")), ("workflowType.name", text("Child"))],
        ),
        event(
            9,
            "StartChildWorkflowExecutionInitiated",
            &[("workflowId", text("child-b")), ("workflowType.name", text("Child"))],
        ),
        event(12, "ChildWorkflowExecutionCompleted", &[("initiatedEventId", FieldValue::EventRef(9))]),
    ];
    let findings = diagnose(&running(&events, &[]));
    let texts: Vec<&str> = findings.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Waiting on timer 1 for 6h 0m 0s, started at 1970-01-01 00:00:00.000 UTC.",
            "Waiting on child workflow child-a (Child)."
        ]
    );
    assert_eq!(findings[0].evidence, Evidence::Event(5));
    assert_eq!(findings[1].evidence, Evidence::Event(8));
}

#[test]
fn nothing_pending_means_waiting_on_a_signal_or_condition() {
    let events = [event(4, "WorkflowTaskCompleted", &[])];
    let findings = diagnose(&running(&events, &[]));
    assert_eq!(findings.len(), 1);
    assert!(findings[0].text.starts_with("Waiting for a signal, an update or a condition"));
    assert_eq!(findings[0].evidence, Evidence::tab("call-stack", "Call stack"));
}

#[test]
fn closed_run_states_how_it_ended_and_the_first_failure() {
    let events = [event(1, "WorkflowExecutionStarted", &[]), event(11, "WorkflowExecutionFailed", &[])];
    let chain = failure(
        "OrderFailed",
        "order 42 could not be paid",
        Some(failure(
            "Activity failed",
            "Activity task failed",
            Some(failure("PaymentDeclined", "card declined", None)),
        )),
    );
    let facts = RunFacts { status: ExecutionStatus::Failed, failure: Some(&chain), ..running(&events, &[]) };
    let findings = diagnose(&facts);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].text,
        "The run closed as Failed. OrderFailed: order 42 could not be paid — first failure: PaymentDeclined: card declined"
    );
    assert_eq!(findings[0].evidence, Evidence::Event(11));
}

#[test]
fn a_queue_falling_behind_is_a_warning_linked_to_its_page() {
    use model::{BacklogView, TaskKind, verdict};
    let backlog = BacklogView { count: 30, oldest_age_seconds: 95.0, add_rate: 0.6, dispatch_rate: 0.3 };
    let verdicts = [verdict(TaskKind::Workflow, 1, None), verdict(TaskKind::Activity, 1, Some(&backlog))];
    let facts = RunFacts { queue_verdicts: &verdicts, ..running(&[], &[]) };
    let findings = diagnose(&facts);
    let behind =
        findings.iter().find(|finding| finding.text.starts_with("Polled but falling behind")).expect("finding");
    assert_eq!(behind.severity, Severity::Warning);
    assert!(behind.text.contains("30 tasks wait, the oldest for 1m 35s"), "{}", behind.text);
    assert_eq!(
        behind.evidence,
        Evidence::Page { href: "/namespaces/default/task-queues/orders".into(), label: "task queue".into() }
    );
}
