//! Properties of reading a codec server's answer (`payload_from_json`): any JSON it sends back
//! gives a payload or a sentence, and the proto3 JSON this server sends reads back unchanged.
use std::collections::HashMap;

use model::prop_text::text;
use proptest::prelude::*;
use serde_json::{Value, json};
use temporalio_protos::protos::temporal::api::common::v1::Payload;

use super::{STANDARD, payload_from_json, payloads};
use base64::Engine;

/// Any JSON value, small.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text(10).prop_map(Value::String),
        prop::sample::select(vec!["AAE=", "anNvbi9wbGFpbg==", "not base64", "====", "A", ""]).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![Just("metadata".to_string()), Just("data".to_string()), text(6)], inner),
                0..4
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_answer_gives_a_payload_or_a_sentence(answer in value()) {
        match payload_from_json(&answer) {
            // What it read is what the answer's base64 says.
            Ok(payload) => {
                let data = answer["data"].as_str().unwrap_or_default();
                prop_assert_eq!(Some(payload.data), STANDARD.decode(data).ok());
            }
            Err(error) => prop_assert!(error.contains("not base64"), "{}", error),
        }
    }

    #[test]
    fn a_payload_round_trips_through_the_codec_json(
        metadata in prop::collection::hash_map(text(8), prop::collection::vec(any::<u8>(), 0..16), 0..4),
        data in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let payload = Payload { metadata, data, external_payloads: Vec::new() };
        let encoded = payloads::encoded(&payload);
        let sent = json!({
            "metadata": encoded.metadata.iter().cloned().collect::<HashMap<_, _>>(),
            "data": encoded.data,
        });
        prop_assert_eq!(payload_from_json(&sent), Ok(payload));
    }
}
