//! Decodes payloads by `metadata.encoding`. Payload content is untrusted: nothing here panics,
//! and the page escapes whatever text comes out.
use std::sync::atomic::{AtomicBool, Ordering};

use base64::{Engine, engine::general_purpose::STANDARD};
use temporalio_protos::protos::temporal::api::common::v1::{Payload, Payloads};

use model::{EncodedPayload, PayloadBody, PayloadView};

/// Whether a codec server is configured: then payloads in encodings this server does not read
/// keep their stored form, for the page's codec call (see `codec`).
static KEEP_ENCODED: AtomicBool = AtomicBool::new(false);

pub fn keep_encoded_for_codec(keep: bool) {
    KEEP_ENCODED.store(keep, Ordering::Relaxed);
}

/// Encodings this server reads itself; anything else is what a codec produces.
pub fn is_standard(encoding: &str) -> bool {
    matches!(encoding, "json/plain" | "json/protobuf" | "binary/null" | "binary/plain" | "binary/protobuf")
}

pub fn encoded(payload: &Payload) -> EncodedPayload {
    let mut metadata: Vec<(String, String)> =
        payload.metadata.iter().map(|(key, value)| (key.clone(), STANDARD.encode(value))).collect();
    metadata.sort();
    EncodedPayload { metadata, data: STANDARD.encode(&payload.data) }
}

pub fn decode_all(payloads: Option<&Payloads>) -> Vec<PayloadView> {
    payloads.map(|payloads| payloads.payloads.iter().map(decode).collect()).unwrap_or_default()
}

pub fn decode(payload: &Payload) -> PayloadView {
    let metadata_text = |key: &str| payload.metadata.get(key).map(|value| String::from_utf8_lossy(value).into_owned());
    let encoding = metadata_text("encoding").unwrap_or_default();
    let message_type = metadata_text("messageType");
    let data = &payload.data;
    let body = match encoding.as_str() {
        "json/plain" | "json/protobuf" => json_body(data),
        "binary/null" => PayloadBody::Null,
        "binary/plain" => base64_body(data, "raw bytes"),
        "binary/protobuf" => base64_body(data, "binary protobuf"),
        "binary/encrypted" => base64_body(data, "encrypted: a codec server is needed to decode it"),
        "" if !payload.external_payloads.is_empty() => base64_body(data, "stored outside Temporal (external payload)"),
        "" => base64_body(data, "no encoding in the payload's metadata"),
        _ => base64_body(data, "encoding not known to this debugger"),
    };
    let encoded = (KEEP_ENCODED.load(Ordering::Relaxed) && !is_standard(&encoding) && !encoding.is_empty())
        .then(|| encoded(payload));
    PayloadView { encoding, message_type, size: data.len(), body, codec: Default::default(), encoded }
}

fn json_body(data: &[u8]) -> PayloadBody {
    match serde_json::from_slice::<serde_json::Value>(data) {
        Ok(value) => match serde_json::to_string_pretty(&value) {
            Ok(pretty) => PayloadBody::Json(pretty),
            Err(_) => base64_body(data, "JSON that could not be printed"),
        },
        Err(_) => base64_body(data, "labelled JSON but is not valid JSON"),
    }
}

fn base64_body(data: &[u8], note: &str) -> PayloadBody {
    PayloadBody::Base64 { data: STANDARD.encode(data), note: note.to_string() }
}

/// JSON text → `json/plain` payloads, the SDKs' default encoding.
pub fn json_arguments(text: &str) -> Result<Vec<Payload>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| format!("The arguments are not valid JSON: {error}"))?;
    let values = match value {
        serde_json::Value::Array(values) => values,
        single => vec![single],
    };
    Ok(values.into_iter().map(json_payload).collect())
}

/// JSON text → one `json/plain` payload (an activity's result: an array stays one value).
pub fn json_value(text: &str) -> Result<Payload, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|error| format!("The result is not valid JSON ({error}): nothing was sent."))?;
    Ok(json_payload(value))
}

fn json_payload(value: serde_json::Value) -> Payload {
    Payload {
        metadata: std::collections::HashMap::from([("encoding".to_string(), b"json/plain".to_vec())]),
        data: value.to_string().into_bytes(),
        external_payloads: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn payload(encoding: Option<&str>, data: &[u8]) -> Payload {
        let mut metadata = HashMap::new();
        if let Some(encoding) = encoding {
            metadata.insert("encoding".to_string(), encoding.as_bytes().to_vec());
        }
        Payload { metadata, data: data.to_vec(), external_payloads: Vec::new() }
    }

    #[test]
    fn json_plain_is_pretty_printed() {
        let view = decode(&payload(Some("json/plain"), br#"{"order_id":42,"tags":["a"]}"#));
        assert_eq!(view.encoding, "json/plain");
        assert_eq!(view.body, PayloadBody::Json("{\n  \"order_id\": 42,\n  \"tags\": [\n    \"a\"\n  ]\n}".into()));
        assert_eq!(view.size, 28);
    }

    #[test]
    fn json_strings_keep_their_quotes_and_markup_stays_text() {
        let view = decode(&payload(Some("json/plain"), br#""<script>alert(1)</script>""#));
        assert_eq!(view.body, PayloadBody::Json("\"<script>alert(1)</script>\"".into()));
    }

    #[test]
    fn binary_null_is_null() {
        assert_eq!(decode(&payload(Some("binary/null"), b"")).body, PayloadBody::Null);
    }

    #[test]
    fn protobuf_json_is_json_with_its_message_type() {
        let mut p = payload(Some("json/protobuf"), br#"{"name":"x"}"#);
        p.metadata.insert("messageType".into(), b"acme.Order".to_vec());
        let view = decode(&p);
        assert_eq!(view.message_type.as_deref(), Some("acme.Order"));
        assert!(matches!(view.body, PayloadBody::Json(_)));
    }

    #[test]
    fn undecodable_payloads_become_labelled_base64() {
        let cases = [
            (Some("binary/plain"), &b"\x00\x01raw"[..], "raw bytes"),
            (Some("binary/encrypted"), &b"\xde\xad"[..], "codec server"),
            (Some("binary/protobuf"), &b"\x08\x01"[..], "protobuf"),
            (Some("json/plain"), &b"{not json"[..], "not valid JSON"),
            (Some("json/plain"), &b"\xff\xfe"[..], "not valid JSON"),
            (Some("x-custom/zstd"), &b"abc"[..], "not known"),
            (None, &b"abc"[..], "no encoding"),
        ];
        for (encoding, data, expected_note) in cases {
            let view = decode(&payload(encoding, data));
            match view.body {
                PayloadBody::Base64 { data: encoded, note } => {
                    assert_eq!(STANDARD.decode(encoded).expect("base64"), data);
                    assert!(note.contains(expected_note), "{encoding:?}: {note}");
                }
                other => panic!("{encoding:?} decoded as {other:?}"),
            }
        }
    }

    #[test]
    fn invalid_utf8_metadata_does_not_panic() {
        let mut p = payload(None, b"{}");
        p.metadata.insert("encoding".into(), vec![0xff, b'j']);
        let view = decode(&p);
        assert!(matches!(view.body, PayloadBody::Base64 { .. }));
    }

    #[test]
    fn missing_payloads_decode_to_nothing() {
        assert!(decode_all(None).is_empty());
    }
}

#[cfg(test)]
#[path = "payloads_props.rs"]
mod props;
