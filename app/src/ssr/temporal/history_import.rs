//! Reading a history file back: `{"events": [...]}` in the proto3 JSON mapping (what
//! `…/history.json` and `temporal workflow show --output json` write), or a bare array of events.
//! Event types may be the proto names (`EVENT_TYPE_TIMER_FIRED`) or the short ones older Temporal
//! UI downloads use (`TimerFired`). Events are read one at a time, never as one JSON tree.
use std::fmt;

use prost::Message;
use prost_reflect::{DeserializeOptions, DynamicMessage, MessageDescriptor};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::descriptors;

/// The events of a history file, in file order, each encoded as a protobuf HistoryEvent (the
/// compact form imports are kept in), or why the file cannot be read.
pub fn parse(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let descriptor = descriptors::pool()?
        .get_message_by_name("temporal.api.history.v1.HistoryEvent")
        .ok_or("the Temporal descriptors have no HistoryEvent")?;
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let events = json.deserialize_any(Document(&descriptor)).map_err(|error| error.to_string())?;
    json.end().map_err(|error| format!("after the events: {error}"))?;
    if events.is_empty() {
        return Err("the file holds no events".to_string());
    }
    Ok(events)
}

/// The whole document: an object with an `events` array, or the array itself.
struct Document<'a>(&'a MessageDescriptor);

impl<'de> Visitor<'de> for Document<'_> {
    type Value = Vec<Vec<u8>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a history: {\"events\": [...]} or an array of events")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut events = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "events" {
                events = Some(map.next_value_seed(Events(self.0))?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        events.ok_or_else(|| de::Error::custom("the object has no \"events\" array"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Events(self.0).visit_seq(seq)
    }
}

/// The `events` array, each element converted as soon as it is read.
struct Events<'a>(&'a MessageDescriptor);

impl<'de> DeserializeSeed<'de> for Events<'_> {
    type Value = Vec<Vec<u8>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Events<'_> {
    type Value = Vec<Vec<u8>>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an array of history events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut events = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(mut value) = seq.next_element::<serde_json::Value>()? {
            let position = events.len() + 1;
            normalize_event_type(&mut value);
            let options = DeserializeOptions::new().deny_unknown_fields(false);
            let message = DynamicMessage::deserialize_with_options(self.0.clone(), value, &options)
                .map_err(|error| de::Error::custom(format!("event {position}: {error}")))?;
            events.push(message.encode_to_vec());
        }
        Ok(events)
    }
}

/// `TimerFired` → `EVENT_TYPE_TIMER_FIRED`; proto names and numbers are left as they are.
fn normalize_event_type(event: &mut serde_json::Value) {
    let Some(kind) = event.get_mut("eventType") else { return };
    let Some(name) = kind.as_str() else { return };
    if name.starts_with("EVENT_TYPE_") || name.is_empty() {
        return;
    }
    let mut upper = String::from("EVENT_TYPE");
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            upper.push('_');
        }
        upper.push(c.to_ascii_uppercase());
    }
    *kind = serde_json::Value::String(upper);
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

    use super::*;

    fn decoded(events: &[Vec<u8>]) -> Vec<HistoryEvent> {
        events.iter().map(|bytes| HistoryEvent::decode(bytes.as_slice()).expect("a HistoryEvent")).collect()
    }

    const STARTED: &str = r#"{"eventId":"1","eventTime":"2026-11-25T10:00:00Z","eventType":"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
        "workflowExecutionStartedEventAttributes":{"workflowType":{"name":"Approval"},"taskQueue":{"name":"orders"}}}"#;

    #[test]
    fn reads_the_download_format_and_a_bare_array() {
        let events = decoded(&parse(format!(r#"{{"events":[{STARTED}]}}"#).as_bytes()).expect("object"));
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].event_id, 1);
        assert!(events[0].attributes.is_some(), "the attributes are read");
        let events = decoded(&parse(format!("[{STARTED}]").as_bytes()).expect("array"));
        assert_eq!(events[0].event_id, 1);
    }

    #[test]
    fn short_event_type_names_and_unknown_fields_are_accepted() {
        let short = r#"[{"eventId":"2","eventType":"WorkflowTaskScheduled","someNewField":1,
            "workflowTaskScheduledEventAttributes":{"taskQueue":{"name":"orders"}}}]"#;
        let events = decoded(&parse(short.as_bytes()).expect("short names"));
        assert_eq!(events[0].event_type, 5, "EVENT_TYPE_WORKFLOW_TASK_SCHEDULED");
    }

    #[test]
    fn malformed_files_say_what_is_wrong() {
        let cases = [
            ("not json", "expected"),
            ("{\"history\": []}", "no \"events\" array"),
            ("{\"events\": []}", "no events"),
            ("[{\"eventId\": \"x\"}]", "event 1"),
            ("[] trailing", "after the events"),
            ("42", "a history"),
        ];
        for (file, expected) in cases {
            let error = parse(file.as_bytes()).expect_err(file);
            assert!(error.contains(expected), "{file}: {error}");
        }
    }
}
