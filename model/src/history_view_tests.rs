use super::*;
use crate::ZoneRules;
use crate::test_events::{event_at, json_payload, text};

fn event(event_id: i64, event_type: &str, millis: i64, fields: Vec<(&str, FieldValue)>) -> EventRow {
    event_at(event_id, event_type, Some(millis), fields)
}

fn history() -> Vec<EventRow> {
    let json = json_payload;
    vec![
        event(
            1,
            "WorkflowExecutionStarted",
            0,
            vec![("workflowType.name", text("Order")), ("input", json("\"SKU-9\""))],
        ),
        event(2, "WorkflowTaskScheduled", 10, vec![]),
        event(5, "ActivityTaskScheduled", 100, vec![("activityType.name", text("charge"))]),
        event(6, "ActivityTaskStarted", 150, vec![("scheduledEventId", FieldValue::EventRef(5))]),
        event(7, "TimerStarted", 160, vec![("timerId", text("t1"))]),
        event(8, "ActivityTaskFailed", 2_600, vec![("scheduledEventId", FieldValue::EventRef(5))]),
        event(9, "MarkerRecorded", 2_700, vec![("markerName", text("core_local_activity"))]),
        event(10, "WorkflowExecutionSignaled", 2_800, vec![("signalName", text("approve"))]),
        event(11, "TimerFired", 60_160, vec![("startedEventId", FieldValue::EventRef(7))]),
        event(
            12,
            "StartChildWorkflowExecutionInitiated",
            60_200,
            vec![("workflowId", text("child-1")), ("workflowType.name", text("Child"))],
        ),
        event(13, "ChildWorkflowExecutionStarted", 60_300, vec![("initiatedEventId", FieldValue::EventRef(12))]),
        event(
            14,
            "ChildWorkflowExecutionCompleted",
            61_200,
            vec![("initiatedEventId", FieldValue::EventRef(12)), ("startedEventId", FieldValue::EventRef(13))],
        ),
    ]
}

#[test]
fn options_round_trip_through_the_url() {
    let query = |pairs: &'static [(&'static str, &'static str)]| {
        move |key: &str| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
    };
    let options = HistoryOptions::from_query(query(&[
        ("view", "compact"),
        ("category", "activity,failures,bogus"),
        ("search", " sku "),
        ("order", "desc"),
    ]));
    assert_eq!(options.layout, HistoryLayout::Compact);
    assert_eq!(options.filters, [EventFilter::Activity, EventFilter::Failures]);
    assert_eq!(options.search, "sku");
    assert!(options.newest_first);
    let encode = |value: &str| value.replace(',', "%2C");
    assert_eq!(options.query_string(encode), "?view=compact&category=activity%2Cfailures&search=sku&order=desc");
    assert_eq!(HistoryOptions::from_query(query(&[])).query_string(encode), "");
    assert_eq!(options.toggled(EventFilter::Activity).filters, [EventFilter::Failures]);
}

#[test]
fn filters_search_and_order_pick_the_events() {
    let ids = |options: &HistoryOptions| {
        options.apply(history(), &ZoneRules::utc()).iter().map(|e| e.event_id).collect::<Vec<_>>()
    };
    let only = |filters: Vec<EventFilter>| HistoryOptions { filters, ..Default::default() };
    assert_eq!(ids(&only(vec![EventFilter::Activity])), [5, 6, 8]);
    assert_eq!(ids(&only(vec![EventFilter::Timer, EventFilter::Failures])), [7, 8, 11]);
    assert_eq!(ids(&only(vec![EventFilter::LocalActivity])), [9]);
    assert_eq!(ids(&only(vec![EventFilter::Marker])), Vec::<i64>::new());
    let search = HistoryOptions { search: "sku-9".into(), ..Default::default() };
    assert_eq!(ids(&search), [1], "payload content is searched, case-insensitively");
    let search = HistoryOptions { search: "Approve".into(), newest_first: true, ..Default::default() };
    assert_eq!(ids(&search), [10]);
    let newest_first = HistoryOptions { newest_first: true, ..Default::default() };
    assert_eq!(ids(&newest_first).first(), Some(&14));
}

#[test]
fn compact_rows_join_each_activity_and_timer_from_first_to_last_event() {
    let rows = compact(&history());
    let summary: Vec<_> =
        rows.iter().map(|row| (row.kind, row.name.as_str(), row.event_ids.clone(), row.outcome.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("Workflow", "Order", vec![1], "WorkflowExecutionStarted"),
            ("Activity", "charge", vec![5, 6, 8], "Failed"),
            ("Timer", "t1", vec![7, 11], "Fired"),
            ("Local activity", "core_local_activity", vec![9], "MarkerRecorded"),
            ("Signal", "approve", vec![10], "WorkflowExecutionSignaled"),
            ("Child workflow", "child-1", vec![12, 13, 14], "Completed"),
        ]
    );
    assert!(rows[1].failed);
    assert_eq!(rows[1].duration.as_deref(), Some("2.5s"));
    assert_eq!(rows[2].duration.as_deref(), Some("1m 0s"));
}

#[test]
fn the_time_column_gives_durations_over_the_whole_history() {
    let events = history();
    let elapsed = TimeColumn::Elapsed.texts(&events);
    assert_eq!(elapsed[&1], "+0ms");
    assert_eq!(elapsed[&8], "+2.6s");
    let delta = TimeColumn::SincePrevious.texts(&events);
    assert_eq!(delta[&6], "+50ms", "event 6 came 50ms after event 5");
    assert!(TimeColumn::Clock.texts(&events).is_empty());
    let options = HistoryOptions::from_query(|key| (key == "time").then(|| "delta".to_string()));
    assert_eq!(options.time, TimeColumn::SincePrevious);
    assert_eq!(options.query_string(|value| value.to_string()), "?time=delta");
}

#[test]
fn compact_rows_join_each_nexus_operation_by_its_scheduled_event_even_when_interleaved() {
    let scheduled = |id: i64, at: i64, operation: &str| {
        event(
            id,
            "NexusOperationScheduled",
            at,
            vec![
                ("endpoint", text("payments-endpoint")),
                ("service", text("payments")),
                ("operation", text(operation)),
            ],
        )
    };
    let of = |id: i64| ("scheduledEventId", FieldValue::EventRef(id));
    let events = vec![
        scheduled(5, 100, "charge"),
        scheduled(6, 100, "refund"),
        event(7, "NexusOperationStarted", 300, vec![of(5)]),
        event(8, "NexusOperationCancelRequested", 400, vec![of(6)]),
        event(
            9,
            "NexusOperationCancelRequestCompleted",
            450,
            vec![("requestedEventId", FieldValue::EventRef(8)), of(6)],
        ),
        event(10, "NexusOperationCompleted", 1_100, vec![of(5)]),
        event(11, "NexusOperationCanceled", 1_200, vec![of(6)]),
        scheduled(12, 1_300, "settle"),
        event(13, "NexusOperationFailed", 1_500, vec![of(12)]),
    ];
    let rows = compact(&events);
    let summary: Vec<_> =
        rows.iter().map(|row| (row.kind, row.name.as_str(), row.event_ids.clone(), row.outcome.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("Nexus operation", "payments / charge", vec![5, 7, 10], "Completed"),
            ("Nexus operation", "payments / refund", vec![6, 8, 9, 11], "Canceled"),
            ("Nexus operation", "payments / settle", vec![12, 13], "Failed"),
        ]
    );
    assert_eq!(rows[0].duration.as_deref(), Some("1s"));
    assert!(!rows[0].failed && !rows[1].failed && rows[2].failed);
}
