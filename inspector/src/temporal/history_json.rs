//! A history in the proto3 JSON mapping, the shape `temporal workflow show --output json` writes
//! and the SDKs' `WorkflowHistory.from_json` / replayers read: `{"events": [...]}`.
use prost::Message;
use prost_reflect::{DynamicMessage, SerializeOptions};
use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

use super::descriptors;

/// The opening of the document, before the first event.
pub const OPENING: &str = "{\"events\":[";
/// The end of the document, after the last event.
pub const CLOSING: &str = "]}\n";

/// Events as proto3 JSON objects, comma-separated; `first` says whether they open the list.
pub fn events_json(events: &[HistoryEvent], first: bool) -> Result<String, String> {
    let descriptor = descriptors::pool()?
        .get_message_by_name("temporal.api.history.v1.HistoryEvent")
        .ok_or("the Temporal descriptors have no HistoryEvent")?;
    let options = SerializeOptions::new();
    let mut out = Vec::with_capacity(events.len() * 512);
    for (index, event) in events.iter().enumerate() {
        if index > 0 || !first {
            out.push(b',');
        }
        let message = DynamicMessage::decode(descriptor.clone(), event.encode_to_vec().as_slice())
            .map_err(|error| format!("event {}: {error}", event.event_id))?;
        let mut serializer = serde_json::Serializer::new(&mut out);
        message
            .serialize_with_options(&mut serializer, &options)
            .map_err(|error| format!("event {}: {error}", event.event_id))?;
    }
    String::from_utf8(out).map_err(|error| error.to_string())
}

/// `{"events": [...]}`, indented for reading; on failure, a sentence saying why.
pub fn pretty(events: &[HistoryEvent]) -> String {
    let compact = events_json(events, true).map(|events| format!("{OPENING}{events}{CLOSING}"));
    match compact.and_then(|text| serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())) {
        Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_default(),
        Err(message) => format!("The history could not be written as JSON: {message}"),
    }
}

/// A file name for a run's history: its IDs with anything unsafe in a file name replaced.
pub fn file_name(workflow_id: &str, run_id: &str) -> String {
    let safe = |value: &str| -> String {
        value.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
    };
    format!("{}_{}_history.json", safe(workflow_id), safe(run_id))
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::{
        common::v1::{Payload, Payloads, WorkflowType},
        enums::v1::EventType,
        history::v1::{WorkflowExecutionStartedEventAttributes, history_event::Attributes},
    };

    use super::*;

    #[test]
    fn events_use_the_proto3_json_mapping() {
        let event = HistoryEvent {
            event_id: 1,
            event_type: EventType::WorkflowExecutionStarted as i32,
            event_time: Some(prost_wkt_types::Timestamp { seconds: 1_764_000_000, nanos: 5_000_000 }),
            attributes: Some(Attributes::WorkflowExecutionStartedEventAttributes(
                WorkflowExecutionStartedEventAttributes {
                    workflow_type: Some(WorkflowType { name: "Greeting".into() }),
                    input: Some(Payloads {
                        payloads: vec![Payload { data: b"\"<b>\"".to_vec(), ..Default::default() }],
                    }),
                    ..Default::default()
                },
            )),
            ..Default::default()
        };
        let text = format!("{OPENING}{}{CLOSING}", events_json(&[event.clone(), event], true).expect("json"));
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let first = &value["events"][0];
        assert_eq!(first["eventId"], "1", "int64 as a string");
        assert_eq!(first["eventType"], "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
        assert_eq!(first["eventTime"], "2025-11-24T16:00:00.005Z");
        let started = &first["workflowExecutionStartedEventAttributes"];
        assert_eq!(started["workflowType"]["name"], "Greeting");
        assert_eq!(started["input"]["payloads"][0]["data"], "IjxiPiI=", "bytes as base64");
        assert_eq!(value["events"].as_array().map(Vec::len), Some(2));
        assert!(events_json(&[], false).expect("empty").is_empty());
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_name("order/2024?x=1#y", "0f3c-9"), "order_2024_x_1_y_0f3c-9_history.json");
    }
}
