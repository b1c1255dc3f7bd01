//! Properties of payload decoding over any payload a worker, a client or an imported file can
//! store: any metadata (encodings and message types as arbitrary bytes) and any data.
use std::collections::HashMap;

use base64::{Engine, engine::general_purpose::STANDARD};
use model::prop_text::text;
use proptest::prelude::*;
use temporalio_protos::protos::temporal::api::{common::v1::Payload, sdk::v1::WorkflowMetadata};

use super::{decode, is_standard};
use crate::temporal::descriptors::decode_payload;
use model::PayloadBody;

const ENCODINGS: &[&str] = &[
    "json/plain",
    "json/protobuf",
    "binary/null",
    "binary/plain",
    "binary/protobuf",
    "binary/encrypted",
    "binary/zlib",
    "",
    "JSON/PLAIN",
    "json/plain ",
    "İ",
];

/// A metadata value: a known encoding, text, or bytes that are not UTF-8.
fn metadata_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::sample::select(ENCODINGS).prop_map(|encoding| encoding.as_bytes().to_vec()),
        text(12).prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..12),
    ]
}

fn metadata() -> impl Strategy<Value = HashMap<String, Vec<u8>>> {
    prop::collection::hash_map(
        prop_oneof![Just("encoding".to_string()), Just("messageType".to_string()), text(8)],
        metadata_value(),
        0..4,
    )
}

/// Data: JSON texts (some nested past serde_json's limit), and any bytes.
fn data() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        text(24).prop_map(|text| serde_json::Value::String(text).to_string().into_bytes()),
        (any::<i64>(), any::<f64>(), text(6)).prop_map(|(n, f, s)| {
            let f = if f.is_finite() { f.to_string() } else { "1e999".into() };
            format!(r#"{{"n":{n},"f":{f},"s":{},"a":[null,true,{{}}]}}"#, serde_json::Value::String(s)).into_bytes()
        }),
        (0..300usize).prop_map(|depth| format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()),
        prop::sample::select(vec!["1e400", "-0", "123456789012345678901234567890", "\"\\ud800\"", "{\"a\":1}x"])
            .prop_map(|text| text.as_bytes().to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Every payload decodes to a view that tells the truth about it: its size, its encoding as
    /// text, JSON only when the data is JSON, and otherwise the very bytes in base64 with a reason.
    #[test]
    fn any_payload_decodes_to_a_faithful_view(metadata in metadata(), data in data()) {
        let payload = Payload { metadata, data, external_payloads: Vec::new() };
        let view = decode(&payload);
        prop_assert_eq!(view.size, payload.data.len());
        let encoding = payload.metadata.get("encoding").map(|value| String::from_utf8_lossy(value).into_owned());
        prop_assert_eq!(&view.encoding, &encoding.clone().unwrap_or_default());
        let json = serde_json::from_slice::<serde_json::Value>(&payload.data).ok();
        match &view.body {
            PayloadBody::Json(text) => {
                prop_assert!(matches!(view.encoding.as_str(), "json/plain" | "json/protobuf"));
                // The data's own JSON, pretty-printed (compared as text: a float may not
                // read back to the very same bits).
                prop_assert!(serde_json::from_str::<serde_json::Value>(text).is_ok(), "{}", text);
                let pretty = json.as_ref().and_then(|json| serde_json::to_string_pretty(json).ok());
                prop_assert_eq!(Some(text), pretty.as_ref());
            }
            PayloadBody::Null => prop_assert_eq!(view.encoding.as_str(), "binary/null"),
            PayloadBody::Base64 { data, note } => {
                prop_assert_eq!(STANDARD.decode(data).ok(), Some(payload.data.clone()));
                prop_assert!(note.len() > 3, "no reason given");
                prop_assert!(json.is_none() || !matches!(view.encoding.as_str(), "json/plain" | "json/protobuf"));
            }
        }
        // Encodings this server reads never ask the codec server.
        prop_assert!(!is_standard(&view.encoding) || view.encoded.is_none());
    }

    /// A payload said to hold a protobuf message (the workflow's metadata query answer) is read or
    /// refused with a sentence, whatever it holds.
    #[test]
    fn any_payload_reads_as_a_message_or_a_sentence(metadata in metadata(), data in data()) {
        let payload = Payload { metadata, data, external_payloads: Vec::new() };
        if let Err(error) = decode_payload::<WorkflowMetadata>(&payload, "temporal.api.sdk.v1.WorkflowMetadata") {
            prop_assert!(error.trim().len() > 3, "a vague error: {:?}", error);
        }
    }
}
