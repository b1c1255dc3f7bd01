//! Event attribute extraction, for every event type the fixture workload produces.
use super::*;
use std::collections::HashMap;
use temporalio_protos::protos::temporal::api::{
    common::v1::{ActivityType, Header, RetryPolicy, WorkflowExecution, WorkflowType},
    enums::v1::RetryState,
    failure::v1::{ApplicationFailureInfo, failure::FailureInfo},
    history::v1::{history_event::Attributes, *},
    taskqueue::v1::TaskQueue,
};

fn json_payloads(texts: &[&str]) -> Payloads {
    Payloads {
        payloads: texts
            .iter()
            .map(|text| Payload {
                metadata: HashMap::from([("encoding".to_string(), b"json/plain".to_vec())]),
                data: text.as_bytes().to_vec(),
                external_payloads: vec![],
            })
            .collect(),
    }
}

fn event(event_type: EventType, attributes: Attributes) -> HistoryEvent {
    HistoryEvent {
        event_id: 7,
        event_time: Some(prost_wkt_types::Timestamp { seconds: 1_764_092_771, nanos: 0 }),
        event_type: event_type as i32,
        attributes: Some(attributes),
        ..Default::default()
    }
}

fn text<'a>(row: &'a EventRow, path: &str) -> &'a str {
    match row.field(path) {
        Some(FieldValue::Text(text)) => text,
        other => panic!("{path} of {}: {other:?}", row.event_type),
    }
}

fn queue(name: &str) -> Option<TaskQueue> {
    Some(TaskQueue { name: name.into(), ..Default::default() })
}

#[test]
fn workflow_started_shows_type_queue_input_and_timeouts() {
    let row = event_row(&event(
        EventType::WorkflowExecutionStarted,
        Attributes::WorkflowExecutionStartedEventAttributes(WorkflowExecutionStartedEventAttributes {
            workflow_type: Some(WorkflowType { name: "GreetingWorkflow".into() }),
            task_queue: queue("fixtures"),
            input: Some(json_payloads(&[r#""Ada Lovelace""#])),
            workflow_run_timeout: Some(prost_wkt_types::Duration { seconds: 7200, nanos: 0 }),
            header: Some(Header::default()),
            attempt: 1,
            ..Default::default()
        }),
    ));
    assert_eq!(row.event_type, "WorkflowExecutionStarted");
    assert_eq!(row.event_id, 7);
    assert_eq!(
        row.time.as_ref().map(|t| t.text_in(&model::ZoneRules::utc())),
        Some("2025-11-25 17:46:11.000 UTC".to_string())
    );
    assert_eq!(text(&row, "workflowType.name"), "GreetingWorkflow");
    assert_eq!(text(&row, "taskQueue.name"), "fixtures");
    assert_eq!(text(&row, "workflowRunTimeout"), "2h 0m 0s");
    match row.field("input") {
        Some(FieldValue::Payloads(payloads)) => {
            assert_eq!(payloads[0].body, model::PayloadBody::Json("\"Ada Lovelace\"".into()))
        }
        other => panic!("input: {other:?}"),
    }
    let primary: Vec<&str> = row.primary_fields().map(|field| field.path.as_str()).collect();
    assert!(primary.contains(&"workflowType.name") && primary.contains(&"input"), "{primary:?}");
    assert!(row.field("header").is_none(), "empty messages are left out");
}

#[test]
fn activity_scheduled_shows_type_id_retry_policy_and_event_refs() {
    let row = event_row(&event(
        EventType::ActivityTaskScheduled,
        Attributes::ActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes {
            activity_id: "1".into(),
            activity_type: Some(ActivityType { name: "reserve_inventory".into() }),
            task_queue: queue("fixtures"),
            start_to_close_timeout: Some(prost_wkt_types::Duration { seconds: 10, nanos: 0 }),
            workflow_task_completed_event_id: 4,
            retry_policy: Some(RetryPolicy { backoff_coefficient: 2.0, maximum_attempts: 0, ..Default::default() }),
            ..Default::default()
        }),
    ));
    assert_eq!(text(&row, "activityType.name"), "reserve_inventory");
    assert_eq!(text(&row, "activityId"), "1");
    assert_eq!(text(&row, "startToCloseTimeout"), "10s");
    assert_eq!(text(&row, "retryPolicy.backoffCoefficient"), "2");
    assert_eq!(row.field("workflowTaskCompletedEventId"), Some(&FieldValue::EventRef(4)));
    assert_eq!(row.category, EventCategory::Activity);
}

#[test]
fn activity_failed_carries_the_failure_and_retry_state() {
    let failure = Failure {
        message: "inventory service unavailable".into(),
        failure_info: Some(FailureInfo::ApplicationFailureInfo(ApplicationFailureInfo {
            r#type: "RuntimeError".into(),
            ..Default::default()
        })),
        ..Default::default()
    };
    let row = event_row(&event(
        EventType::ActivityTaskFailed,
        Attributes::ActivityTaskFailedEventAttributes(ActivityTaskFailedEventAttributes {
            failure: Some(failure),
            scheduled_event_id: 5,
            started_event_id: 6,
            retry_state: RetryState::MaximumAttemptsReached as i32,
            identity: "worker@host".into(),
            ..Default::default()
        }),
    ));
    match row.field("failure") {
        Some(FieldValue::Failure(failure)) => {
            assert_eq!(failure.message, "inventory service unavailable");
            assert_eq!(failure.kind, "RuntimeError");
        }
        other => panic!("failure: {other:?}"),
    }
    assert_eq!(text(&row, "retryState"), "MaximumAttemptsReached");
    assert_eq!(row.field("scheduledEventId"), Some(&FieldValue::EventRef(5)));
    assert!(row.is_failure());
}

#[test]
fn every_fixture_event_type_renders_its_key_attribute() {
    let execution = Some(WorkflowExecution { workflow_id: "child-0".into(), run_id: "r1".into() });
    let child_type = Some(WorkflowType { name: "ChildWorkflow".into() });
    let cases: Vec<(EventType, Attributes, &str, &str)> = vec![
        (
            EventType::WorkflowTaskScheduled,
            Attributes::WorkflowTaskScheduledEventAttributes(WorkflowTaskScheduledEventAttributes {
                task_queue: queue("fixtures"),
                attempt: 1,
                ..Default::default()
            }),
            "taskQueue.name",
            "fixtures",
        ),
        (
            EventType::WorkflowTaskStarted,
            Attributes::WorkflowTaskStartedEventAttributes(WorkflowTaskStartedEventAttributes {
                identity: "1234@host".into(),
                ..Default::default()
            }),
            "identity",
            "1234@host",
        ),
        (
            EventType::WorkflowTaskCompleted,
            Attributes::WorkflowTaskCompletedEventAttributes(WorkflowTaskCompletedEventAttributes {
                identity: "1234@host".into(),
                ..Default::default()
            }),
            "identity",
            "1234@host",
        ),
        (
            EventType::ActivityTaskStarted,
            Attributes::ActivityTaskStartedEventAttributes(ActivityTaskStartedEventAttributes {
                attempt: 3,
                ..Default::default()
            }),
            "attempt",
            "3",
        ),
        (
            EventType::TimerStarted,
            Attributes::TimerStartedEventAttributes(TimerStartedEventAttributes {
                timer_id: "t1".into(),
                start_to_fire_timeout: Some(prost_wkt_types::Duration { seconds: 21_600, nanos: 0 }),
                ..Default::default()
            }),
            "startToFireTimeout",
            "6h 0m 0s",
        ),
        (
            EventType::TimerFired,
            Attributes::TimerFiredEventAttributes(TimerFiredEventAttributes {
                timer_id: "t1".into(),
                started_event_id: 5,
            }),
            "timerId",
            "t1",
        ),
        (
            EventType::WorkflowExecutionSignaled,
            Attributes::WorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes {
                signal_name: "approve".into(),
                ..Default::default()
            }),
            "signalName",
            "approve",
        ),
        (
            EventType::StartChildWorkflowExecutionInitiated,
            Attributes::StartChildWorkflowExecutionInitiatedEventAttributes(
                StartChildWorkflowExecutionInitiatedEventAttributes {
                    workflow_id: "child-0".into(),
                    workflow_type: child_type.clone(),
                    ..Default::default()
                },
            ),
            "workflowId",
            "child-0",
        ),
        (
            EventType::ChildWorkflowExecutionCompleted,
            Attributes::ChildWorkflowExecutionCompletedEventAttributes(
                ChildWorkflowExecutionCompletedEventAttributes {
                    workflow_execution: execution.clone(),
                    workflow_type: child_type.clone(),
                    ..Default::default()
                },
            ),
            "workflowExecution.workflowId",
            "child-0",
        ),
        (
            EventType::WorkflowExecutionContinuedAsNew,
            Attributes::WorkflowExecutionContinuedAsNewEventAttributes(
                WorkflowExecutionContinuedAsNewEventAttributes {
                    new_execution_run_id: "r2".into(),
                    ..Default::default()
                },
            ),
            "newExecutionRunId",
            "r2",
        ),
        (
            EventType::WorkflowExecutionTerminated,
            Attributes::WorkflowExecutionTerminatedEventAttributes(WorkflowExecutionTerminatedEventAttributes {
                reason: "terminated by fixture".into(),
                ..Default::default()
            }),
            "reason",
            "terminated by fixture",
        ),
        (
            EventType::WorkflowExecutionCancelRequested,
            Attributes::WorkflowExecutionCancelRequestedEventAttributes(
                WorkflowExecutionCancelRequestedEventAttributes { cause: "fixture".into(), ..Default::default() },
            ),
            "cause",
            "fixture",
        ),
        (
            EventType::WorkflowExecutionTimedOut,
            Attributes::WorkflowExecutionTimedOutEventAttributes(WorkflowExecutionTimedOutEventAttributes {
                retry_state: RetryState::Timeout as i32,
                ..Default::default()
            }),
            "retryState",
            "Timeout",
        ),
        (
            EventType::ActivityTaskTimedOut,
            Attributes::ActivityTaskTimedOutEventAttributes(ActivityTaskTimedOutEventAttributes {
                failure: None,
                scheduled_event_id: 5,
                retry_state: RetryState::Timeout as i32,
                ..Default::default()
            }),
            "retryState",
            "Timeout",
        ),
        (
            EventType::MarkerRecorded,
            Attributes::MarkerRecordedEventAttributes(MarkerRecordedEventAttributes {
                marker_name: "core_local_activity".into(),
                ..Default::default()
            }),
            "markerName",
            "core_local_activity",
        ),
    ];
    for (event_type, attributes, path, expected) in cases {
        let row = event_row(&event(event_type, attributes));
        assert_eq!(text(&row, path), expected, "{event_type:?}");
        assert!(!row.event_type.starts_with("Unknown"), "{event_type:?}");
    }
}

#[test]
fn unknown_event_types_are_named_by_number() {
    assert_eq!(event_type_name(9999), "UnknownEventType9999");
    assert_eq!(event_type_name(EventType::WorkflowTaskFailed as i32), "WorkflowTaskFailed");
}

#[test]
fn enum_prefixes_follow_proto_naming() {
    assert_eq!(enum_prefix("RetryState"), "RETRY_STATE_");
    assert_eq!(enum_prefix("ContinueAsNewInitiator"), "CONTINUE_AS_NEW_INITIATOR_");
}

#[test]
fn the_principal_shows_in_the_row_as_who_did_it() {
    use temporalio_protos::protos::temporal::api::common::v1::Principal;
    let signaled = |principal: Option<Principal>| HistoryEvent {
        principal,
        ..event(
            EventType::WorkflowExecutionSignaled,
            Attributes::WorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes {
                signal_name: "approve".into(),
                ..Default::default()
            }),
        )
    };
    let by = |kind: &str, name: &str| {
        let row = event_row(&signaled(Some(Principal { r#type: kind.into(), name: name.into() })));
        let field = row.fields.iter().find(|field| field.path == "principal").cloned();
        assert!(field.as_ref().is_none_or(|field| field.primary), "in the row: {field:?}");
        field.map(|field| field.value)
    };
    assert_eq!(by("jwt", "alice@example.com"), Some(FieldValue::Text("by alice@example.com (jwt)".into())));
    assert_eq!(by("", "bob"), Some(FieldValue::Text("by bob".into())));
    assert_eq!(by("", ""), None, "an empty principal says nothing");
    let row = event_row(&signaled(None));
    assert!(row.fields.iter().all(|field| !field.path.starts_with("principal")), "{:?}", row.fields);
}
