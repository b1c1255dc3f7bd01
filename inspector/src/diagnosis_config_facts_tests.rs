use super::*;
use temporalio_protos::protos::temporal::api::{
    common::v1::{ActivityType, Payload, Payloads, RetryPolicy},
    enums::v1::EventType,
    failure::v1::{ApplicationFailureInfo, Failure},
    history::v1::{
        ActivityTaskCompletedEventAttributes, ActivityTaskFailedEventAttributes, ActivityTaskScheduledEventAttributes,
        ActivityTaskStartedEventAttributes, MarkerRecordedEventAttributes,
        StartChildWorkflowExecutionInitiatedEventAttributes, WorkflowExecutionStartedEventAttributes,
    },
};

fn seconds(seconds: i64) -> Option<prost_wkt_types::Duration> {
    Some(prost_wkt_types::Duration { seconds, nanos: 0 })
}

fn event(id: i64, at_seconds: i64, event_type: EventType, attributes: Option<Attributes>) -> HistoryEvent {
    HistoryEvent {
        event_id: id,
        event_time: Some(prost_wkt_types::Timestamp { seconds: at_seconds, nanos: 0 }),
        event_type: event_type as i32,
        attributes,
        ..Default::default()
    }
}

fn scheduled(id: i64, at: i64, activity_id: &str, name: &str, heartbeat: i64) -> HistoryEvent {
    let attributes = ActivityTaskScheduledEventAttributes {
        activity_id: activity_id.into(),
        activity_type: Some(ActivityType { name: name.into() }),
        start_to_close_timeout: seconds(600),
        schedule_to_close_timeout: seconds(900),
        heartbeat_timeout: seconds(heartbeat),
        retry_policy: Some(RetryPolicy { non_retryable_error_types: vec!["Fatal".into()], ..Default::default() }),
        ..Default::default()
    };
    event(id, at, EventType::ActivityTaskScheduled, Some(Attributes::ActivityTaskScheduledEventAttributes(attributes)))
}

fn started(id: i64, at: i64, scheduled_event_id: i64) -> HistoryEvent {
    let attributes = ActivityTaskStartedEventAttributes { scheduled_event_id, ..Default::default() };
    event(id, at, EventType::ActivityTaskStarted, Some(Attributes::ActivityTaskStartedEventAttributes(attributes)))
}

fn completed(id: i64, at: i64, scheduled_event_id: i64) -> HistoryEvent {
    let attributes = ActivityTaskCompletedEventAttributes { scheduled_event_id, ..Default::default() };
    event(id, at, EventType::ActivityTaskCompleted, Some(Attributes::ActivityTaskCompletedEventAttributes(attributes)))
}

fn failed(id: i64, at: i64, scheduled_event_id: i64, kind: &str, non_retryable: bool) -> HistoryEvent {
    let info = ApplicationFailureInfo { r#type: kind.into(), non_retryable, ..Default::default() };
    let failure = Failure { failure_info: Some(FailureInfo::ApplicationFailureInfo(info)), ..Default::default() };
    let attributes =
        ActivityTaskFailedEventAttributes { scheduled_event_id, failure: Some(failure), ..Default::default() };
    event(id, at, EventType::ActivityTaskFailed, Some(Attributes::ActivityTaskFailedEventAttributes(attributes)))
}

fn child(id: i64, workflow_id: &str, policy: WorkflowIdReusePolicy) -> HistoryEvent {
    let attributes = StartChildWorkflowExecutionInitiatedEventAttributes {
        workflow_id: workflow_id.into(),
        workflow_id_reuse_policy: policy as i32,
        ..Default::default()
    };
    let attributes = Some(Attributes::StartChildWorkflowExecutionInitiatedEventAttributes(attributes));
    event(id, 300, EventType::StartChildWorkflowExecutionInitiated, attributes)
}

fn marker(id: i64, at: i64, name: &str, data: &str) -> HistoryEvent {
    let payload = Payload {
        metadata: [("encoding".to_string(), b"json/plain".to_vec())].into(),
        data: data.as_bytes().to_vec(),
        ..Default::default()
    };
    let details = [("data".to_string(), Payloads { payloads: vec![payload] })].into();
    let attributes = MarkerRecordedEventAttributes { marker_name: name.into(), details, ..Default::default() };
    event(id, at, EventType::MarkerRecorded, Some(Attributes::MarkerRecordedEventAttributes(attributes)))
}

fn task(id: i64, at: i64, event_type: EventType) -> HistoryEvent {
    event(id, at, event_type, None)
}

fn history() -> Vec<HistoryEvent> {
    let start = WorkflowExecutionStartedEventAttributes { workflow_task_timeout: seconds(2), ..Default::default() };
    vec![
        event(
            1,
            0,
            EventType::WorkflowExecutionStarted,
            Some(Attributes::WorkflowExecutionStartedEventAttributes(start)),
        ),
        scheduled(2, 0, "1", "slow", 0),
        scheduled(3, 0, "2", "beating", 10),
        scheduled(4, 0, "3", "slow", 0),
        started(5, 1, 2),
        started(6, 1, 3),
        started(7, 1, 4),
        completed(8, 10, 4),
        completed(9, 181, 2),
        completed(10, 200, 3),
        scheduled(11, 200, "4", "charge", 0),
        started(12, 200, 11),
        failed(13, 201, 11, "Declined", true),
        child(14, "child-a", WorkflowIdReusePolicy::AllowDuplicate),
        child(15, "child-a", WorkflowIdReusePolicy::AllowDuplicate),
        child(16, "child-b", WorkflowIdReusePolicy::RejectDuplicate),
        child(17, "child-b", WorkflowIdReusePolicy::RejectDuplicate),
        child(18, "child-c", WorkflowIdReusePolicy::Unspecified),
        task(19, 300, EventType::WorkflowTaskScheduled),
        task(20, 300, EventType::WorkflowTaskStarted),
        task(21, 301, EventType::WorkflowTaskCompleted),
        task(22, 301, EventType::WorkflowTaskScheduled),
        task(23, 302, EventType::WorkflowTaskStarted),
        task(24, 303, EventType::WorkflowTaskCompleted),
        marker(25, 303, "core_local_activity", r#"{"seq":1,"attempt":4,"activity_type":"flaky"}"#),
        marker(26, 303, "LocalActivity", r#"{"ActivityID":"2","ActivityType":"once","Attempt":1}"#),
        scheduled(27, 303, "9", "slow", 0),
        scheduled(28, 303, "9", "slow", 5),
    ]
}

fn collect(events: &[HistoryEvent], newest_first: bool) -> ConfigFacts {
    let mut collector = ConfigFactsCollector::new(newest_first, vec!["9".into()]);
    let mut push = |event: &HistoryEvent| collector.push(event);
    if newest_first {
        events.iter().rev().for_each(&mut push)
    } else {
        events.iter().for_each(&mut push)
    }
    collector.finish()
}

#[test]
fn the_facts_are_the_same_in_either_order() {
    let events = history();
    assert_eq!(collect(&events, true), collect(&events, false));
}

#[test]
fn activity_settings_are_kept_per_type_and_for_the_pending_ones() {
    let facts = collect(&history(), false);
    assert_eq!(facts.workflow_task_timeout_millis, Some(2_000));
    let types: Vec<_> = facts.activity_types.iter().map(|s| (s.activity_type.as_str(), s.event_id)).collect();
    assert_eq!(types, vec![("slow", 2), ("beating", 3), ("charge", 11)]);
    assert_eq!(facts.activity_types[0].non_retryable_error_types, vec!["Fatal".to_string()]);
    assert_eq!(
        (facts.activity_types[0].start_to_close_millis, facts.activity_types[0].schedule_to_close_millis),
        (600_000, 900_000)
    );
    // Activity ID 9 was scheduled twice; the newer event is the pending one.
    assert_eq!(facts.pending.iter().map(|s| (s.event_id, s.heartbeat_millis)).collect::<Vec<_>>(), vec![(28, 5_000)]);
}

#[test]
fn only_long_completions_without_heartbeat_timeout_count() {
    let facts = collect(&history(), false);
    let long = &facts.long_without_heartbeat;
    assert_eq!(long.len(), 1, "{long:?}");
    assert_eq!((long[0].scheduled_event_id, long[0].completed_event_id, long[0].millis), (2, 9, 180_000));
}

#[test]
fn non_retryable_failures_children_and_local_retries_are_found() {
    let facts = collect(&history(), false);
    assert_eq!(facts.non_retryable_raised, vec![("Declined".to_string(), 13)]);
    let children: Vec<_> = facts.repeated_children.iter().map(|c| (c.workflow_id.as_str(), c.starts)).collect();
    assert_eq!(children, vec![("child-a", 2)], "RejectDuplicate and single starts are not repeats");
    let retry = &facts.local_retries;
    assert_eq!(retry.len(), 1, "attempt 1 is not a retry");
    assert_eq!((retry[0].marker_event_id, retry[0].activity_type.as_str(), retry[0].attempt), (25, "flaky", 4));
    assert_eq!(retry[0].millis, 3_000, "from the chain's first workflow task start");
}

#[test]
fn an_event_between_workflow_tasks_starts_the_measure_again() {
    let events = vec![
        task(1, 0, EventType::WorkflowTaskStarted),
        task(2, 50, EventType::WorkflowExecutionSignaled),
        task(3, 60, EventType::WorkflowTaskStarted),
        marker(4, 61, "core_local_activity", r#"{"attempt":2,"activity_type":"flaky"}"#),
        marker(5, 62, "Version", r#"{"attempt":9}"#),
    ];
    for newest_first in [false, true] {
        let retries = collect(&events, newest_first).local_retries;
        assert_eq!(retries.iter().map(|r| r.millis).collect::<Vec<_>>(), vec![1_000], "other markers are not read");
    }
}
