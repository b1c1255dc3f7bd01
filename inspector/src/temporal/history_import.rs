//! Reading a history file back: `{"events": [...]}` in the proto3 JSON mapping (what
//! `…/history.json` and `temporal workflow show --output json` write), or a bare array of events.
//! Event types may be the proto names (`EVENT_TYPE_TIMER_FIRED`) or the short ones older Temporal
//! UI downloads use (`TimerFired`). Events are read one at a time from a reader (the uploaded
//! file on disk), never as one JSON tree nor as the whole file in memory.
use std::{fmt, io::Read, ops::Range};

use prost::Message;
use prost_reflect::{DeserializeOptions, DynamicMessage, MessageDescriptor};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::descriptors;

/// The key of `History.events` (field 1, length-delimited): the only field of a `History`.
const EVENTS_KEY: u8 = (1 << 3) | 2;

/// A history as the bytes of a protobuf `History` message, with where each event's own encoding
/// lies in them. A `History` is nothing but its events one after another, each behind the field's
/// key and its length, so this one buffer is at once what `{id}.pb` holds and each event ready to
/// be decoded alone: an import is encoded once (from the JSON), written as it is and read back
/// by walking the lengths, never decoded and re-encoded as a whole.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct EncodedHistory {
    bytes: Vec<u8>,
    events: Vec<Range<usize>>,
}

impl EncodedHistory {
    /// Appends an event, encoded straight into the buffer.
    pub fn push(&mut self, event: &impl Message) {
        self.bytes.push(EVENTS_KEY);
        // Encoding into a Vec cannot run out of room, the only error prost reports.
        let _ = prost::encode_length_delimiter(event.encoded_len(), &mut self.bytes);
        let start = self.bytes.len();
        let _ = event.encode(&mut self.bytes);
        self.events.push(start..self.bytes.len());
    }

    /// The events of a protobuf `History` (as `{id}.pb` holds it), found by their lengths.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<EncodedHistory, String> {
        let mut events = Vec::new();
        let mut rest = bytes.as_slice();
        while let Some((&key, after_key)) = rest.split_first() {
            if key != EVENTS_KEY {
                return Err(format!("byte {} is not the start of an event", bytes.len() - rest.len()));
            }
            rest = after_key;
            let length = prost::decode_length_delimiter(&mut rest).map_err(|error| error.to_string())?;
            let start = bytes.len() - rest.len();
            if length > rest.len() {
                return Err(format!("the event at byte {start} is cut short"));
            }
            events.push(start..start + length);
            rest = &rest[length..];
        }
        Ok(EncodedHistory { bytes, events })
    }

    /// The `History` message's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The encoding of the event at `index` (file order).
    pub fn event(&self, index: usize) -> Option<&[u8]> {
        self.events.get(index).and_then(|range| self.bytes.get(range.clone()))
    }

    /// Each event's encoding, in file order.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &[u8]> + '_ {
        self.events.iter().filter_map(|range| self.bytes.get(range.clone()))
    }
}

/// The events of a history file, in file order, or why the file cannot be read. Give it a
/// buffered reader: the JSON is read a byte at a time.
pub fn parse(reader: impl Read) -> Result<EncodedHistory, String> {
    let descriptor = descriptors::pool()?
        .get_message_by_name("temporal.api.history.v1.HistoryEvent")
        .ok_or("the Temporal descriptors have no HistoryEvent")?;
    let mut json = serde_json::Deserializer::from_reader(reader);
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
    type Value = EncodedHistory;

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
    type Value = EncodedHistory;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Events<'_> {
    type Value = EncodedHistory;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an array of history events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut events = EncodedHistory::default();
        while let Some(mut value) = seq.next_element::<serde_json::Value>()? {
            let position = events.len() + 1;
            normalize_event_type(&mut value);
            let options = DeserializeOptions::new().deny_unknown_fields(false);
            let message = DynamicMessage::deserialize_with_options(self.0.clone(), value, &options)
                .map_err(|error| de::Error::custom(format!("event {position}: {error}")))?;
            events.push(&message);
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
    use temporalio_protos::protos::temporal::api::history::v1::{History, HistoryEvent};

    use super::*;

    fn decoded(events: &EncodedHistory) -> Vec<HistoryEvent> {
        events.events().map(|bytes| HistoryEvent::decode(bytes).expect("a HistoryEvent")).collect()
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

    /// Imports written before this buffer (prost's `History::encode_to_vec`) read the same, and
    /// what is written now is exactly what prost would write.
    #[test]
    fn the_buffer_is_a_protobuf_history() {
        use temporalio_protos::protos::temporal::api::history::v1::{
            WorkflowExecutionSignaledEventAttributes as Signaled, history_event::Attributes,
        };
        // Growing signal names: events from a few bytes to past 127, where the length takes two.
        let events: Vec<HistoryEvent> = (1..=300)
            .map(|event_id| HistoryEvent {
                event_id,
                event_type: 26,
                attributes: Some(Attributes::WorkflowExecutionSignaledEventAttributes(Signaled {
                    signal_name: "s".repeat(event_id as usize),
                    ..Default::default()
                })),
                ..Default::default()
            })
            .collect();
        let mut encoded = EncodedHistory::default();
        events.iter().for_each(|event| encoded.push(event));
        let history = History { events: events.clone() };
        assert_eq!(encoded.as_bytes(), history.encode_to_vec().as_slice());
        let read = EncodedHistory::from_bytes(history.encode_to_vec()).expect("a History");
        assert_eq!(read, encoded);
        assert_eq!(decoded(&read), events);
        assert_eq!(read.event(299).map(|bytes| HistoryEvent::decode(bytes).ok()), Some(Some(events[299].clone())));
        assert_eq!(read.event(300), None);
        assert_eq!(EncodedHistory::from_bytes(Vec::new()), Ok(EncodedHistory::default()));
    }

    #[test]
    fn a_damaged_history_file_is_refused() {
        let whole = History { events: vec![HistoryEvent { event_id: 1, ..Default::default() }] }.encode_to_vec();
        let cut = whole[..whole.len() - 1].to_vec();
        assert!(EncodedHistory::from_bytes(cut).expect_err("cut").contains("cut short"));
        assert!(EncodedHistory::from_bytes(b"{\"events\": []}".to_vec()).expect_err("json").contains("byte 0"));
    }
}
