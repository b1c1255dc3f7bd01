//! Renders any history event's attributes, generically, from the Temporal API descriptors: every
//! event type the API defines is covered, including ones this code never names. Payloads,
//! failures, timestamps, durations, enums and event references get their own rendering.
use prost::Message;
use prost_reflect::{DynamicMessage, FieldDescriptor, Kind, MapKey, ReflectMessage, Value};
use temporalio_protos::protos::temporal::api::{
    common::v1::{Payload, Payloads, link},
    enums::v1::EventType,
    failure::v1::Failure,
    history::v1::HistoryEvent,
};

use super::{descriptors, failures, nexus_links, payloads, time};
use model::{EventCategory, EventField, EventRow, FieldValue};

/// Attributes shown in an event's one-line summary, whatever the event type.
const PRIMARY: &[&str] = &[
    "workflowType.name",
    "activityType.name",
    "activityId",
    "taskQueue.name",
    "input",
    "result",
    "failure",
    "details",
    "reason",
    "timerId",
    "startToFireTimeout",
    "signalName",
    "markerName",
    "workflowExecution.workflowId",
    "workflowId",
    "newExecutionRunId",
    "cause",
    "retryState",
    "timeoutType",
    "attempt",
    "lastCompletionResult",
    "continuedFailure",
    "userMetadata.summary",
    "acceptedRequest.input.name",
    "outcome.success",
    "outcome.failure",
    "operation",
    "endpoint",
    // A Nexus operation's handler run, and the caller's event a handler's run completes.
    "links[0].workflowEvent",
    "completionCallbacks[0].links[0].workflowEvent",
];

pub fn event_row(event: &HistoryEvent) -> EventRow {
    let event_type = event_type_name(event.event_type);
    let fields = match dynamic_event(event) {
        Ok(message) => event_fields(&message),
        Err(reason) => vec![EventField {
            path: "attributes".into(),
            value: FieldValue::Text(format!("could not be read: {reason}")),
            primary: true,
        }],
    };
    EventRow {
        event_id: event.event_id,
        time: time::time_point(event.event_time.as_ref()),
        category: EventCategory::of(&event_type),
        event_type,
        fields,
    }
}

/// A raw event, paged without its row: the row (attributes read through the descriptors, the
/// costly part) is built only for the events a page shows or a filter tests.
pub struct RawEvent(pub HistoryEvent);

impl model::PageEvent for RawEvent {
    fn event_id(&self) -> i64 {
        self.0.event_id
    }

    fn millis(&self) -> Option<i64> {
        time::millis(self.0.event_time.as_ref())
    }

    fn to_row(&self) -> EventRow {
        event_row(&self.0)
    }
}

/// `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` → `ActivityTaskScheduled`.
pub fn event_type_name(value: i32) -> String {
    EventType::try_from(value)
        .map(|kind| failures::enum_label(kind.as_str_name(), "EVENT_TYPE_"))
        .unwrap_or_else(|_| format!("UnknownEventType{value}"))
}

fn dynamic_event(event: &HistoryEvent) -> Result<DynamicMessage, String> {
    let pool = descriptors::pool()?;
    let descriptor = pool
        .get_message_by_name("temporal.api.history.v1.HistoryEvent")
        .ok_or("the Temporal descriptors have no HistoryEvent")?;
    DynamicMessage::decode(descriptor, event.encode_to_vec().as_slice()).map_err(|error| error.to_string())
}

fn event_fields(event: &DynamicMessage) -> Vec<EventField> {
    let mut out = Vec::new();
    for (field, value) in event.fields() {
        let in_attributes = field.containing_oneof().is_some_and(|oneof| oneof.name() == "attributes");
        if in_attributes {
            flatten(&field, value, "", &mut out);
        } else if field.name() == "principal" {
            out.extend(principal(value));
        } else if matches!(field.name(), "user_metadata" | "links") {
            flatten(&field, value, field.json_name(), &mut out);
        }
    }
    out
}

/// Who did it, where the server records it (the event's `principal`, from its authorizer's
/// claims; the dev server without sign-in records none): "by alice@example.com (jwt)", in the row.
fn principal(value: &Value) -> Option<EventField> {
    let Value::Message(principal) = value else { return None };
    let text = |name: &str| principal.get_field_by_name(name).and_then(|value| value.as_str().map(str::to_string));
    let (kind, name) = (text("type").unwrap_or_default(), text("name").unwrap_or_default());
    let who = match (name.is_empty(), kind.is_empty()) {
        (true, true) => return None,
        (false, true) => name,
        (true, false) => kind,
        (false, false) => format!("{name} ({kind})"),
    };
    Some(EventField { path: "principal".into(), value: FieldValue::Text(format!("by {who}")), primary: true })
}

fn flatten(field: &FieldDescriptor, value: &Value, path: &str, out: &mut Vec<EventField>) {
    let mut push = |value: FieldValue| {
        out.push(EventField { path: path.to_string(), primary: PRIMARY.contains(&path), value });
    };
    match value {
        Value::Message(message) => flatten_message(message, path, out),
        Value::List(items) if items.iter().all(|item| !matches!(item, Value::Message(_))) => {
            let texts: Vec<String> = items.iter().map(|item| scalar_text(field, item)).collect();
            push(FieldValue::Text(texts.join(", ")));
        }
        Value::List(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(field, item, &format!("{path}[{index}]"), out);
            }
        }
        Value::Map(entries) => {
            let mut entries: Vec<(&MapKey, &Value)> = entries.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            let value_field = match field.kind() {
                Kind::Message(entry) => entry.map_entry_value_field(),
                _ => field.clone(),
            };
            for (key, item) in entries {
                flatten(&value_field, item, &format!("{path}.{}", map_key_text(key)), out);
            }
        }
        Value::I64(id) if path.ends_with("EventId") => push(FieldValue::EventRef(*id)),
        scalar => push(FieldValue::Text(scalar_text(field, scalar))),
    }
}

fn flatten_message(message: &DynamicMessage, path: &str, out: &mut Vec<EventField>) {
    let primary = PRIMARY.contains(&path);
    let mut push = |value: FieldValue| out.push(EventField { path: path.to_string(), primary, value });
    match message.descriptor().full_name() {
        "temporal.api.common.v1.Payloads" => push(match message.transcode_to::<Payloads>() {
            Ok(decoded) => FieldValue::Payloads(payloads::decode_all(Some(&decoded))),
            Err(error) => FieldValue::Text(format!("undecodable payloads: {error}")),
        }),
        "temporal.api.common.v1.Payload" => push(match message.transcode_to::<Payload>() {
            Ok(decoded) => FieldValue::Payloads(vec![payloads::decode(&decoded)]),
            Err(error) => FieldValue::Text(format!("undecodable payload: {error}")),
        }),
        "temporal.api.common.v1.Link.WorkflowEvent" => push(match message.transcode_to::<link::WorkflowEvent>() {
            Ok(decoded) => FieldValue::Link(Box::new(nexus_links::workflow_event_link(&decoded))),
            Err(error) => FieldValue::Text(format!("undecodable link: {error}")),
        }),
        "temporal.api.failure.v1.Failure" => push(match message.transcode_to::<Failure>() {
            Ok(decoded) => FieldValue::Failure(Box::new(failures::failure_view(&decoded))),
            Err(error) => FieldValue::Text(format!("undecodable failure: {error}")),
        }),
        "google.protobuf.Timestamp" => {
            let seconds = message.get_field_by_name("seconds").and_then(|v| v.as_i64()).unwrap_or(0);
            let nanos = message.get_field_by_name("nanos").and_then(|v| v.as_i32()).unwrap_or(0);
            let timestamp = prost_wkt_types::Timestamp { seconds, nanos };
            if let Some(point) = time::time_point(Some(&timestamp)) {
                push(FieldValue::Time(point));
            }
        }
        "google.protobuf.Duration" => {
            let seconds = message.get_field_by_name("seconds").and_then(|v| v.as_i64()).unwrap_or(0);
            let nanos = message.get_field_by_name("nanos").and_then(|v| v.as_i32()).unwrap_or(0);
            let duration = prost_wkt_types::Duration { seconds, nanos };
            // A zero duration means "not set" (no timeout), which is noise in the attribute list.
            if let Some(text) = time::duration(Some(&duration)) {
                push(FieldValue::Text(text));
            }
        }
        _ => {
            for (field, value) in message.fields() {
                let child = if path.is_empty() {
                    field.json_name().to_string()
                } else {
                    format!("{path}.{}", field.json_name())
                };
                flatten(&field, value, &child, out);
            }
        }
    }
}

fn scalar_text(field: &FieldDescriptor, value: &Value) -> String {
    use base64::{Engine, engine::general_purpose::STANDARD};
    match value {
        Value::Bool(v) => v.to_string(),
        Value::I32(v) => v.to_string(),
        Value::I64(v) => v.to_string(),
        Value::U32(v) => v.to_string(),
        Value::U64(v) => v.to_string(),
        Value::F32(v) => v.to_string(),
        Value::F64(v) => v.to_string(),
        Value::String(v) => v.clone(),
        Value::Bytes(v) => format!("{} bytes, base64 {}", v.len(), STANDARD.encode(v)),
        Value::EnumNumber(number) => match field.kind() {
            Kind::Enum(descriptor) => descriptor
                .get_value(*number)
                .map(|value| failures::enum_label(value.name(), &enum_prefix(descriptor.name())))
                .unwrap_or_else(|| number.to_string()),
            _ => number.to_string(),
        },
        Value::Message(_) | Value::List(_) | Value::Map(_) => String::new(),
    }
}

/// Proto enum values carry their type's name as prefix: `RetryState` → `RETRY_STATE_`.
fn enum_prefix(enum_name: &str) -> String {
    let mut prefix = String::new();
    for (index, ch) in enum_name.chars().enumerate() {
        if ch.is_ascii_uppercase() && index > 0 {
            prefix.push('_');
        }
        prefix.push(ch.to_ascii_uppercase());
    }
    prefix.push('_');
    prefix
}

fn map_key_text(key: &MapKey) -> String {
    match key {
        MapKey::Bool(v) => v.to_string(),
        MapKey::I32(v) => v.to_string(),
        MapKey::I64(v) => v.to_string(),
        MapKey::U32(v) => v.to_string(),
        MapKey::U64(v) => v.to_string(),
        MapKey::String(v) => v.clone(),
    }
}

#[cfg(test)]
#[path = "event_fields_tests.rs"]
mod tests;
