//! Properties of the history import's parser (`history_import::parse`, what the upload calls) over
//! any file: arbitrary bytes, JSON of any shape, and well-formed histories with odd values, each
//! read to a list of events or to a sentence saying what is wrong. The events a file yields are
//! also rendered the way the import page does, so odd values there cannot panic either.
use model::prop_text::text;
use proptest::prelude::*;
use prost::Message;
use prost_reflect::{DeserializeOptions, DynamicMessage};
use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

use super::{descriptors, event_fields, history, history_import::parse};

/// `parse`'s error, checked to be a sentence.
fn assert_clear_error(error: &str) -> Result<(), TestCaseError> {
    prop_assert!(error.trim().len() > 3, "a vague error: {:?}", error);
    Ok(())
}

/// Keys a history event holds, and a few it never does.
const KEYS: &[&str] = &[
    "events",
    "eventId",
    "eventTime",
    "eventType",
    "attributes",
    "taskQueue",
    "name",
    "input",
    "payloads",
    "metadata",
    "data",
    "encoding",
    "workflowType",
    "workflowRunTimeout",
    "startToFireTimeout",
    "timerId",
    "attempt",
    "failure",
    "message",
    "cause",
    "header",
    "fields",
    "searchAttributes",
    "indexedFields",
    "memo",
    "userMetadata",
    "",
    "workflowExecutionStartedEventAttributes",
    "timerStartedEventAttributes",
    "activityTaskScheduledEventAttributes",
    "workflowExecutionCompletedEventAttributes",
    "result",
    "scheduleToCloseTimeout",
    "retryPolicy",
    "initialInterval",
    "backoffCoefficient",
    "maximumAttempts",
];

/// Values of every JSON type, with the numbers and texts that break naive readers.
fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| format!("\"{n}\"")),
        any::<f64>().prop_map(|f| if f.is_finite() { format!("{f:e}") } else { "1e999".into() }),
        prop::sample::select(vec![
            "1e400",
            "-1e400",
            "123456789012345678901234567890",
            "\"-9223372036854775809\"",
            "0.5",
            "-0",
            "\"NaN\"",
            "\"315576000001s\"",
            "\"9223372036854775807s\"",
            "\"-9223372036854775808.999999999s\"",
            "\"1.5s\"",
            "\"0001-01-01T00:00:00Z\"",
            "\"9999-12-31T23:59:59.999999999Z\"",
            "\"2026-11-25T10:00:00+14:00\"",
            "\"EVENT_TYPE_TIMER_FIRED\"",
            "\"TimerFired\"",
            "\"EVENT_TYPE_NOPE\"",
            "\"İnvalid\"",
            "\"a\\u0000b\"",
            "\"eyJhIjoxfQ==\"",
            "\"not base64!\"",
            "\"json/plain\"",
            "\"\"",
            "42",
            "-1",
            "2147483648",
        ])
        .prop_map(str::to_string),
        text(12).prop_map(|text| serde_json::Value::String(text).to_string()),
    ]
}

/// JSON of any shape (within serde_json's nesting limit and a little past it, by `deep`).
fn json() -> impl Strategy<Value = String> {
    leaf().prop_recursive(5, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|fields| {
                let fields: Vec<String> = fields.into_iter().map(|(key, value)| format!("\"{key}\":{value}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// Arrays nested `depth` deep around `inside`.
fn deep(depth: usize, inside: &str) -> String {
    format!("{}{inside}{}", "[".repeat(depth), "]".repeat(depth))
}

const EVENT_TYPES: &[&str] = &[
    "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
    "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED",
    "EVENT_TYPE_TIMER_STARTED",
    "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED",
    "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED",
    "EVENT_TYPE_UNSPECIFIED",
];

/// Durations and times at and past the edges proto3 JSON allows.
const DURATIONS: &[&str] = &["0s", "1.5s", "315576000000s", "-315576000000s", "86400s", "0.000000001s"];
const TIMES: &[&str] =
    &["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "2026-11-25T10:00:00-14:00"];

/// A well-formed event of a few types, with ids, times, durations and payloads at the edges.
fn event() -> impl Strategy<Value = String> {
    (
        any::<i64>(),
        prop::sample::select(EVENT_TYPES),
        prop::sample::select(TIMES),
        prop::sample::select(DURATIONS),
        any::<i32>(),
        prop::collection::vec(any::<u8>(), 0..12),
        text(8),
    )
        .prop_map(|(id, kind, time, duration, attempt, data, name)| {
            use base64::Engine;
            let data = base64::engine::general_purpose::STANDARD.encode(data);
            let payloads =
                format!(r#"{{"payloads":[{{"metadata":{{"encoding":"anNvbi9wbGFpbg=="}},"data":"{data}"}}]}}"#);
            let name = serde_json::Value::String(name);
            let attributes = match kind {
                "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED" => format!(
                    r#""workflowExecutionStartedEventAttributes":{{"workflowType":{{"name":{name}}},"input":{payloads},
                    "workflowRunTimeout":"{duration}","attempt":{attempt},"expirationTime":"{time}"}}"#
                ),
                "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED" => {
                    format!(r#""workflowExecutionCompletedEventAttributes":{{"result":{payloads}}}"#)
                }
                "EVENT_TYPE_TIMER_STARTED" => {
                    format!(r#""timerStartedEventAttributes":{{"timerId":{name},"startToFireTimeout":"{duration}"}}"#)
                }
                "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED" => format!(
                    r#""activityTaskScheduledEventAttributes":{{"activityType":{{"name":{name}}},"input":{payloads},
                    "scheduleToCloseTimeout":"{duration}","retryPolicy":{{"initialInterval":"{duration}"}}}}"#
                ),
                _ => r#""workflowTaskScheduledEventAttributes":{"attempt":1}"#.to_string(),
            };
            format!(r#"{{"eventId":"{id}","eventTime":"{time}","eventType":"{kind}",{attributes}}}"#)
        })
}

/// The event a well-formed JSON event decodes to, as the import keeps it.
fn decoded(json: &str) -> Result<HistoryEvent, String> {
    let pool = descriptors::pool()?;
    let descriptor = pool.get_message_by_name("temporal.api.history.v1.HistoryEvent").ok_or("no HistoryEvent")?;
    let value: serde_json::Value = serde_json::from_str(json).map_err(|error| error.to_string())?;
    let options = DeserializeOptions::new().deny_unknown_fields(false);
    let message = DynamicMessage::deserialize_with_options(descriptor, value, &options).map_err(|e| e.to_string())?;
    message.transcode_to::<HistoryEvent>().map_err(|error| error.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Any bytes at all: events or a sentence, never a panic.
    #[test]
    fn any_bytes_give_events_or_a_sentence(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match parse(bytes.as_slice()) {
            Ok(events) => prop_assert!(!events.is_empty()),
            Err(error) => assert_clear_error(&error)?,
        }
    }

    /// JSON of any shape, as the file or as its `events`, optionally buried deep.
    #[test]
    fn any_json_gives_events_or_a_sentence(
        body in json(),
        wrap in 0..4usize,
        depth in prop_oneof![Just(0usize), 120..140usize],
    ) {
        let file = match wrap {
            0 => body,
            1 => format!("{{\"events\":{body}}}"),
            2 => format!("[{body}]"),
            _ => format!("{{\"events\":[{}]}}", deep(depth, &body)),
        };
        match parse(file.as_bytes()) {
            Ok(events) => prop_assert!(!events.is_empty()),
            Err(error) => assert_clear_error(&error)?,
        }
    }

    /// Well-formed events with values at the edges: every one is kept, in either document form,
    /// and each renders as the import page shows it.
    #[test]
    fn well_formed_histories_keep_every_event(
        events in prop::collection::vec(event(), 1..4),
        bare in any::<bool>(),
    ) {
        let list = events.join(",");
        let file = if bare { format!("[{list}]") } else { format!("{{\"events\":[{list}]}}") };
        let parsed = match parse(file.as_bytes()) {
            Ok(parsed) => parsed,
            Err(error) => {
                // Only the values proto3 JSON itself rules out may fail, and then `decoded` agrees.
                assert_clear_error(&error)?;
                prop_assert!(events.iter().any(|event| decoded(event).is_err()), "{}: {}", error, file);
                return Ok(());
            }
        };
        prop_assert_eq!(parsed.len(), events.len());
        let mut rows = Vec::new();
        for bytes in parsed.events() {
            let event = HistoryEvent::decode(bytes).map_err(|error| TestCaseError::fail(error.to_string()))?;
            let row = event_fields::event_row(&event);
            prop_assert_eq!(row.event_id, event.event_id);
            rows.push(event);
        }
        let outcome = history::run_outcome(rows.first(), rows.last());
        prop_assert!(outcome.attempt == 0 || rows[0].event_type == 1, "{:?}", outcome.attempt);
    }
}

/// Nesting past serde_json's limit is an error, not a stack overflow.
#[test]
fn very_deep_nesting_is_refused() {
    let error = parse(deep(100_000, "1").as_bytes()).expect_err("too deep");
    assert!(error.contains("recursion"), "{error}");
    let error = parse(format!("{{\"events\":[{{\"eventId\":{}}}]}}", deep(5_000, "")).as_bytes()).expect_err("deep");
    assert!(!error.is_empty());
}
