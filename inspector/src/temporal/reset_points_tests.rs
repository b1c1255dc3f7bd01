use temporalio_protos::protos::temporal::api::{
    common::v1::ActivityType,
    history::v1::{
        ActivityTaskFailedEventAttributes, ActivityTaskScheduledEventAttributes, HistoryEvent,
        TimerStartedEventAttributes, WorkflowExecutionSignaledEventAttributes, WorkflowTaskCompletedEventAttributes,
        history_event::Attributes,
    },
};

use super::*;

fn event(event_id: i64, attributes: Attributes) -> HistoryEvent {
    HistoryEvent { event_id, attributes: Some(attributes), ..Default::default() }
}

fn completed(event_id: i64) -> HistoryEvent {
    event(event_id, Attributes::WorkflowTaskCompletedEventAttributes(WorkflowTaskCompletedEventAttributes::default()))
}

fn scheduled(event_id: i64, name: &str) -> HistoryEvent {
    event(
        event_id,
        Attributes::ActivityTaskScheduledEventAttributes(ActivityTaskScheduledEventAttributes {
            activity_type: Some(ActivityType { name: name.into() }),
            ..Default::default()
        }),
    )
}

fn points(events: &[HistoryEvent]) -> Vec<ResetPoint> {
    let mut builder = ResetPoints::default();
    events.iter().for_each(|event| builder.visit(event));
    builder.finish().0
}

#[test]
fn each_point_says_what_followed_it_and_a_failure_wins() {
    let failed = event(
        7,
        Attributes::ActivityTaskFailedEventAttributes(ActivityTaskFailedEventAttributes {
            scheduled_event_id: 5,
            ..Default::default()
        }),
    );
    let timer = event(
        10,
        Attributes::TimerStartedEventAttributes(TimerStartedEventAttributes {
            timer_id: "1".into(),
            ..Default::default()
        }),
    );
    let signal = event(
        12,
        Attributes::WorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes {
            signal_name: "approve".into(),
            ..Default::default()
        }),
    );
    let found =
        points(&[completed(4), scheduled(5, "charge_card"), failed, completed(9), timer, signal, completed(14)]);
    let sentences: Vec<&str> = found.iter().map(|point| point.sentence.as_str()).collect();
    assert_eq!(
        sentences,
        [
            "before activity charge_card failed",
            "before timer 1 started",
            "after everything so far (the latest workflow task)"
        ]
    );
    assert_eq!(found.iter().map(|point| point.event_id).collect::<Vec<_>>(), [4, 9, 14]);
    assert!(found[0].first && !found[0].last && found[2].last);
}

#[test]
fn long_histories_keep_the_first_point_and_the_latest_ones() {
    let events: Vec<HistoryEvent> = (0..(MAX_RESET_POINTS as i64 + 50)).map(|n| completed(4 + n * 3)).collect();
    let mut builder = ResetPoints::default();
    events.iter().for_each(|event| builder.visit(event));
    let (found, dropped) = builder.finish();
    assert_eq!(found.len(), MAX_RESET_POINTS);
    assert_eq!(dropped, 50);
    assert!(found[0].first && found[0].event_id == 4);
    assert_eq!(found.last().unwrap().event_id, events.last().unwrap().event_id);
}

#[test]
fn the_first_failure_names_the_last_workflow_task_before_it() {
    let failed = |event_id, scheduled_event_id| {
        event(
            event_id,
            Attributes::ActivityTaskFailedEventAttributes(ActivityTaskFailedEventAttributes {
                scheduled_event_id,
                ..Default::default()
            }),
        )
    };
    let history = [
        completed(4),
        scheduled(5, "reserve"),
        completed(8),
        scheduled(9, "charge_card"),
        failed(11, 9),
        failed(14, 5),
    ];
    let mut builder = ResetPoints::default();
    history.iter().for_each(|event| builder.visit(event));
    let first = builder.first_failure.clone().expect("a failure was seen");
    assert_eq!((first.event_id, first.sentence.as_str()), (8, "before activity charge_card failed"));
    let mut clean = ResetPoints::default();
    [completed(4), scheduled(5, "reserve")].iter().for_each(|event| clean.visit(event));
    assert!(clean.first_failure.is_none(), "no failure, no point");
}
