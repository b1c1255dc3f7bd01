//! Builders of event rows for the tests of the code that reads histories.
use super::{EventCategory, EventField, EventRow, FieldValue, PayloadBody, PayloadView, TimePoint};

/// An event with its fields (all primary), at `millis` when given.
pub fn event_at(event_id: i64, event_type: &str, millis: Option<i64>, fields: Vec<(&str, FieldValue)>) -> EventRow {
    EventRow {
        event_id,
        time: millis.map(|millis| TimePoint { iso: String::new(), millis }),
        event_type: event_type.into(),
        category: EventCategory::of(event_type),
        fields: fields
            .into_iter()
            .map(|(path, value)| EventField { path: path.into(), value, primary: true })
            .collect(),
    }
}

/// A `json/plain` payload list holding `json`.
pub fn json_payload(json: &str) -> FieldValue {
    FieldValue::Payloads(vec![PayloadView {
        encoding: "json/plain".into(),
        message_type: None,
        size: json.len(),
        body: PayloadBody::Json(json.into()),
        codec: Default::default(),
        encoded: None,
    }])
}

pub fn text(value: &str) -> FieldValue {
    FieldValue::Text(value.into())
}
