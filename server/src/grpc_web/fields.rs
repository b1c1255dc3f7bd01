//! The few fields of a `WorkflowService` request the endpoint reads before forwarding it as it is:
//! the namespace (field 1 of every namespaced request) and, for the audit line, the run it acts
//! on. The rest of the message is skipped unread, so a field Temporal adds changes nothing here.
use bytes::{Buf, Bytes};
use prost::encoding::{DecodeContext, WireType, decode_key, decode_varint, skip_field};

use super::methods::Target;

/// What the endpoint knows of a request message.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RequestFields {
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
}

/// Why a request message could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub String);

impl std::fmt::Display for Malformed {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "The request message is not valid protobuf: {}.", self.0)
    }
}

/// Reads the namespace (when `namespaced`) and the `target` fields of one request message.
pub fn read(message: &Bytes, namespaced: bool, target: Target) -> Result<RequestFields, Malformed> {
    let top = strings(message, &[1, 2, 3])?;
    let mut fields = RequestFields::default();
    if namespaced {
        fields.namespace = top.get(1).cloned().flatten().unwrap_or_default();
    }
    let text = |tag: usize| top.get(tag).cloned().flatten().unwrap_or_default();
    match target {
        Target::Execution => {
            if let Some(execution) = length_delimited(message, 2)? {
                let inner = strings(&execution, &[1, 2])?;
                fields.workflow_id = inner.get(1).cloned().flatten().unwrap_or_default();
                fields.run_id = inner.get(2).cloned().flatten().unwrap_or_default();
            }
        }
        Target::IdAndRun => {
            fields.workflow_id = text(2);
            fields.run_id = text(3);
        }
        Target::WorkflowId => fields.workflow_id = text(2),
        Target::None => {}
    }
    Ok(fields)
}

/// Which of StartBatchOperationRequest's `operation` fields (10 and up) is set, if any.
pub fn batch_operation(message: &Bytes) -> Result<Option<u32>, Malformed> {
    let mut found = None;
    walk(message, |tag, _| {
        if tag >= 10 {
            found = Some(tag);
        }
    })?;
    Ok(found)
}

/// The last value of each of `tags` that is length-delimited and UTF-8, indexed by tag (a field
/// of another type, or bytes that are not text, leave it `None`; the last one wins, as in protobuf).
fn strings(message: &Bytes, tags: &[u32]) -> Result<Vec<Option<String>>, Malformed> {
    let size = tags.iter().max().map_or(0, |max| *max as usize + 1);
    let mut found = vec![None; size];
    walk(message, |tag, value| {
        if tags.contains(&tag) {
            found[tag as usize] = String::from_utf8(value.to_vec()).ok();
        }
    })?;
    Ok(found)
}

/// The last length-delimited value of field `tag`, as bytes.
fn length_delimited(message: &Bytes, tag: u32) -> Result<Option<Bytes>, Malformed> {
    let mut found = None;
    walk(message, |seen, value| {
        if seen == tag {
            found = Some(value);
        }
    })?;
    Ok(found)
}

/// Calls `on_field` with every length-delimited field's tag and bytes; skips the others.
fn walk(message: &Bytes, mut on_field: impl FnMut(u32, Bytes)) -> Result<(), Malformed> {
    let mut buf = message.clone();
    while buf.has_remaining() {
        let (tag, wire_type) = decode_key(&mut buf).map_err(|error| Malformed(error.to_string()))?;
        if wire_type != WireType::LengthDelimited {
            skip_field(wire_type, tag, &mut buf, DecodeContext::default())
                .map_err(|error| Malformed(error.to_string()))?;
            continue;
        }
        let length = decode_varint(&mut buf).map_err(|error| Malformed(error.to_string()))?;
        let length = usize::try_from(length).ok().filter(|length| *length <= buf.remaining());
        let Some(length) = length else {
            return Err(Malformed(format!("field {tag} is longer than the message")));
        };
        on_field(tag, buf.split_to(length));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use prost::Message;
    use temporalio_protos::protos::temporal::api::{
        common::v1::WorkflowExecution,
        workflowservice::v1::{
            ListNamespacesRequest, PauseWorkflowExecutionRequest, SignalWorkflowExecutionRequest,
            StartWorkflowExecutionRequest,
        },
    };

    use super::*;

    fn bytes(message: impl Message) -> Bytes {
        message.encode_to_vec().into()
    }

    #[test]
    fn the_namespace_and_the_run_are_read_from_a_signal() {
        let signal = SignalWorkflowExecutionRequest {
            namespace: "orders".into(),
            workflow_execution: Some(WorkflowExecution { workflow_id: "order-1".into(), run_id: "r-1".into() }),
            signal_name: "approve".into(),
            identity: "someone".into(),
            ..Default::default()
        };
        let fields = read(&bytes(signal), true, Target::Execution).unwrap();
        assert_eq!(
            fields,
            RequestFields { namespace: "orders".into(), workflow_id: "order-1".into(), run_id: "r-1".into() }
        );
    }

    #[test]
    fn ids_as_plain_fields_and_requests_without_a_namespace() {
        let pause = PauseWorkflowExecutionRequest {
            namespace: "ns".into(),
            workflow_id: "w".into(),
            run_id: "r".into(),
            ..Default::default()
        };
        let fields = read(&bytes(pause), true, Target::IdAndRun).unwrap();
        assert_eq!((fields.workflow_id.as_str(), fields.run_id.as_str()), ("w", "r"));
        let start =
            StartWorkflowExecutionRequest { namespace: "ns".into(), workflow_id: "new".into(), ..Default::default() };
        let fields = read(&bytes(start), true, Target::WorkflowId).unwrap();
        assert_eq!((fields.namespace.as_str(), fields.workflow_id.as_str(), fields.run_id.as_str()), ("ns", "new", ""));
        // ListNamespaces' field 1 is its page size, a varint: no namespace, no error.
        let list = ListNamespacesRequest { page_size: 10, ..Default::default() };
        assert_eq!(read(&bytes(list), false, Target::None).unwrap(), RequestFields::default());
        assert_eq!(read(&Bytes::new(), true, Target::Execution).unwrap(), RequestFields::default());
    }

    #[test]
    fn malformed_messages_are_refused_with_a_reason() {
        // Field 1, length-delimited, announcing 10 bytes of which 2 follow.
        let error = read(&Bytes::from_static(b"\x0a\x0aab"), true, Target::None).unwrap_err();
        assert!(error.to_string().contains("field 1 is longer than the message"), "{error}");
        assert!(read(&Bytes::from_static(b"\xff"), true, Target::None).is_err());
    }
}
