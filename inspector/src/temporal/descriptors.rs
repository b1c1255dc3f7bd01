//! The Temporal API's protobuf descriptors (published by temporalio-protos at build time), for
//! reading messages generically: history event attributes, and SDK messages that workers send
//! back as payloads (`json/protobuf` or `binary/protobuf`).
use std::sync::LazyLock;

use prost_reflect::{DescriptorPool, DynamicMessage};
use temporalio_protos::protos::temporal::api::common::v1::Payload;

const DESCRIPTORS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/temporal_descriptors.bin"));

static POOL: LazyLock<Result<DescriptorPool, String>> =
    LazyLock::new(|| DescriptorPool::decode(DESCRIPTORS).map_err(|error| error.to_string()));

pub fn pool() -> Result<&'static DescriptorPool, String> {
    POOL.as_ref().map_err(Clone::clone)
}

/// Every boolean field of `message` (the protobuf message `full_name`), unset ones as false, in
/// the descriptor's order, each named in words (`eager_workflow_start` → "eager workflow start"):
/// capability lists that grow with each server release, shown without a hand-kept copy.
pub fn bool_fields(message: &impl prost::Message, full_name: &str) -> Vec<(String, bool)> {
    let Some(descriptor) = pool().ok().and_then(|pool| pool.get_message_by_name(full_name)) else {
        return Vec::new();
    };
    let Ok(dynamic) = DynamicMessage::decode(descriptor.clone(), message.encode_to_vec().as_slice()) else {
        return Vec::new();
    };
    descriptor
        .fields()
        .filter(|field| matches!(field.kind(), prost_reflect::Kind::Bool) && !field.is_list())
        .map(|field| {
            let value = dynamic.get_field(&field).as_bool().unwrap_or(false);
            (field.name().replace('_', " "), value)
        })
        .collect()
}

/// Reads a payload holding the protobuf message `full_name` (e.g. `temporal.api.sdk.v1.WorkflowMetadata`),
/// in proto3 JSON or binary form, into its generated type.
pub fn decode_payload<M: prost::Message + Default>(payload: &Payload, full_name: &str) -> Result<M, String> {
    let encoding = payload.metadata.get("encoding").map(|value| String::from_utf8_lossy(value).into_owned());
    match encoding.as_deref() {
        Some("binary/protobuf") => M::decode(payload.data.as_slice()).map_err(|error| error.to_string()),
        Some("json/protobuf") | Some("json/plain") => {
            let descriptor = pool()?
                .get_message_by_name(full_name)
                .ok_or_else(|| format!("{full_name} is not in the Temporal API descriptors"))?;
            let mut json = serde_json::Deserializer::from_slice(&payload.data);
            let message = DynamicMessage::deserialize(descriptor, &mut json).map_err(|error| error.to_string())?;
            message.transcode_to::<M>().map_err(|error| error.to_string())
        }
        Some(other) => Err(format!("a payload encoded as {other} cannot hold {full_name}")),
        None => Err("the payload has no encoding".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use temporalio_protos::protos::temporal::api::sdk::v1::WorkflowMetadata;

    use super::*;

    fn payload(encoding: &str, data: &[u8]) -> Payload {
        let metadata = HashMap::from([("encoding".to_string(), encoding.as_bytes().to_vec())]);
        Payload { metadata, data: data.to_vec(), external_payloads: Vec::new() }
    }

    #[test]
    fn workflow_metadata_reads_from_proto_json_and_binary() {
        let json =
            br#"{"definition":{"type":"Approval","queryDefinitions":[{"name":"status","description":"where it is"}],
            "signalDefinitions":[{"name":"approve"}]},"currentDetails":"waiting"}"#;
        let metadata: WorkflowMetadata =
            decode_payload(&payload("json/protobuf", json), "temporal.api.sdk.v1.WorkflowMetadata").expect("json");
        let definition = metadata.definition.clone().expect("definition");
        assert_eq!(definition.r#type, "Approval");
        assert_eq!(definition.query_definitions[0].description, "where it is");
        assert_eq!(metadata.current_details, "waiting");

        let binary = prost::Message::encode_to_vec(&metadata);
        let again: WorkflowMetadata =
            decode_payload(&payload("binary/protobuf", &binary), "temporal.api.sdk.v1.WorkflowMetadata")
                .expect("binary");
        assert_eq!(again, metadata);
    }

    #[test]
    fn malformed_payloads_are_errors_not_panics() {
        let name = "temporal.api.sdk.v1.WorkflowMetadata";
        assert!(decode_payload::<WorkflowMetadata>(&payload("json/protobuf", b"{not json"), name).is_err());
        assert!(decode_payload::<WorkflowMetadata>(&payload("binary/protobuf", &[0xff, 0xff, 0xff]), name).is_err());
        assert!(decode_payload::<WorkflowMetadata>(&payload("binary/encrypted", b"x"), name).is_err());
        assert!(decode_payload::<WorkflowMetadata>(&payload("json/plain", b"{}"), "no.such.Message").is_err());
    }
}
