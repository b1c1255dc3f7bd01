use prost_wkt_types::Timestamp;
use temporalio_protos::protos::temporal::api::{
    common::v1::ActivityType,
    failure::v1::Failure,
    history::v1::{
        ActivityTaskCompletedEventAttributes, ActivityTaskScheduledEventAttributes, ActivityTaskStartedEventAttributes,
        NexusOperationCompletedEventAttributes, NexusOperationScheduledEventAttributes,
        NexusOperationStartedEventAttributes, TimerStartedEventAttributes, WorkflowExecutionSignaledEventAttributes,
    },
};

use super::*;

fn at(event_id: i64, seconds: i64, attributes: Attributes) -> HistoryEvent {
    HistoryEvent {
        event_id,
        event_time: Some(Timestamp { seconds: 1_700_000_000 + seconds, nanos: 0 }),
        attributes: Some(attributes),
        ..Default::default()
    }
}

fn scheduled(event_id: i64, seconds: i64, name: &str) -> HistoryEvent {
    at(
        event_id,
        seconds,
        Attributes::ActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes {
            activity_id: format!("a{event_id}"),
            activity_type: Some(ActivityType { name: name.into() }),
            ..Default::default()
        }),
    )
}

const T0: i64 = 1_700_000_000_000;

#[test]
fn a_retried_activity_shows_its_earlier_attempts_then_its_last_one() {
    let mut builder = LaneBuilder::default();
    builder.visit(&scheduled(5, 0, "charge_card"));
    builder.visit(&at(
        6,
        30,
        Attributes::ActivityTaskStartedEventAttributes(ActivityTaskStartedEventAttributes {
            scheduled_event_id: 5,
            attempt: 4,
            last_failure: Some(Failure { message: "card service down".into(), ..Default::default() }),
            ..Default::default()
        }),
    ));
    builder.visit(&at(
        7,
        32,
        Attributes::ActivityTaskCompletedEventAttributes(ActivityTaskCompletedEventAttributes {
            scheduled_event_id: 5,
            started_event_id: 6,
            ..Default::default()
        }),
    ));
    let lanes = builder.finish(T0 + 60_000, false, &HashMap::new());
    assert_eq!(lanes.len(), 1);
    assert_eq!(lanes[0].label, "charge_card · a5");
    let spans = &lanes[0].spans;
    assert_eq!(spans.len(), 2);
    assert_eq!((spans[0].state, spans[0].from, spans[0].to), (BarState::Retried, T0, T0 + 30_000));
    assert!(spans[0].title.contains("attempts 1–3 failed") && spans[0].title.contains("card service down"));
    assert_eq!((spans[1].state, spans[1].from, spans[1].to), (BarState::Completed, T0 + 30_000, T0 + 32_000));
    assert!(spans[1].title.contains("(attempt 4)"));
}

#[test]
fn open_work_is_drawn_up_to_now_as_pending_with_its_note() {
    let mut builder = LaneBuilder::default();
    builder.visit(&scheduled(5, 0, "reserve_inventory"));
    builder.visit(&at(
        6,
        1,
        Attributes::TimerStartedEventAttributes(TimerStartedEventAttributes {
            timer_id: "1".into(),
            ..Default::default()
        }),
    ));
    let notes = HashMap::from([("a5".to_string(), "attempt 7, last failure: boom".to_string())]);
    let lanes = builder.finish(T0 + 90_000, true, &notes);
    assert_eq!(lanes.len(), 2);
    for lane in &lanes {
        let span = lane.spans.last().expect("a span");
        assert_eq!((span.state, span.to), (BarState::Pending, T0 + 90_000));
    }
    assert!(lanes[0].spans[0].title.contains("attempt 7, last failure: boom"), "{:?}", lanes[0].spans);
    assert_eq!(lanes[1].label, "timer 1");
}

#[test]
fn signals_of_one_name_share_a_lane_of_instants() {
    let mut builder = LaneBuilder::default();
    for (id, second) in [(3, 1), (4, 5), (5, 9)] {
        builder.visit(&at(
            id,
            second,
            Attributes::WorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes {
                signal_name: "approve".into(),
                ..Default::default()
            }),
        ));
    }
    let lanes = builder.finish(T0, false, &HashMap::new());
    assert_eq!(lanes.len(), 1);
    assert_eq!(lanes[0].kind, LaneKind::Signal);
    assert!(lanes[0].spans.iter().all(|span| span.state == BarState::Instant && span.from == span.to));
}

#[test]
fn what_was_open_when_a_run_closed_is_not_pending() {
    let mut builder = LaneBuilder::default();
    builder.visit(&scheduled(5, 0, "reserve_inventory"));
    let lanes = builder.finish(T0 + 10_000, false, &HashMap::new());
    let span = &lanes[0].spans[0];
    assert_eq!((span.state, span.to), (BarState::Canceled, T0 + 10_000));
    assert!(span.title.contains("still waiting when the run closed"), "{}", span.title);
}

fn nexus_scheduled(event_id: i64, seconds: i64, operation: &str) -> HistoryEvent {
    at(
        event_id,
        seconds,
        Attributes::NexusOperationScheduledEventAttributes(NexusOperationScheduledEventAttributes {
            endpoint: "payments-endpoint".into(),
            service: "payments".into(),
            operation: operation.into(),
            ..Default::default()
        }),
    )
}

#[test]
fn each_nexus_operation_is_one_bar_from_scheduled_to_closed_and_a_pending_one_carries_its_attempts() {
    let mut builder = LaneBuilder::default();
    builder.visit(&nexus_scheduled(5, 0, "greet"));
    builder.visit(&at(
        6,
        1,
        Attributes::NexusOperationStartedEventAttributes(NexusOperationStartedEventAttributes {
            scheduled_event_id: 5,
            ..Default::default()
        }),
    ));
    builder.visit(&nexus_scheduled(7, 2, "charge"));
    builder.visit(&at(
        8,
        3,
        Attributes::NexusOperationCompletedEventAttributes(NexusOperationCompletedEventAttributes {
            scheduled_event_id: 5,
            ..Default::default()
        }),
    ));
    let notes = HashMap::from([(nexus_note_key(7), "attempt 4, last failure: ledger down".to_string())]);
    let lanes = builder.finish(T0 + 60_000, true, &notes);
    assert_eq!(lanes.len(), 2, "{lanes:?}");
    assert_eq!(lanes[0].label, "payments greet · payments-endpoint");
    let greet = lanes[0].spans.last().expect("a span");
    assert_eq!((greet.state, greet.to), (BarState::Completed, T0 + 3_000));
    let charge = lanes[1].spans.last().expect("a span");
    assert_eq!((charge.state, charge.to), (BarState::Pending, T0 + 60_000));
    assert!(charge.title.contains("attempt 4, last failure: ledger down"), "{}", charge.title);
}
