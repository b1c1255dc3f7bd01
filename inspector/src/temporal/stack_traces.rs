//! The call-stack tab: `__enhanced_stack_trace` first (frames with source locations), then the
//! plain `__stack_trace` for SDKs without it.
use std::collections::HashMap;

use serde::Deserialize;
use temporalio_protos::protos::temporal::api::common::v1::Payload;

use super::{
    TemporalClient, payloads,
    queries::{QueryError, ask},
    time,
};
use model::{EnhancedStack, PayloadBody, SourceLine, StackFrame, StackTrace};

pub const STACK_TRACE_QUERY: &str = "__stack_trace";
pub const ENHANCED_STACK_TRACE_QUERY: &str = "__enhanced_stack_trace";

/// Source lines shown on each side of a frame's line.
const CONTEXT_LINES: u32 = 2;

/// Asks the run's worker for its stacks. `has_workflow_pollers` comes from DescribeTaskQueue:
/// without a poller the query could only time out, so it is not sent.
pub async fn stack_trace(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
    has_workflow_pollers: bool,
) -> StackTrace {
    if !has_workflow_pollers {
        return StackTrace::NoWorker;
    }
    let Some(taken_at) = time::now() else {
        return StackTrace::Failed("the server clock is unreadable".into());
    };
    match ask(client, namespace, workflow_id, run_id, ENHANCED_STACK_TRACE_QUERY, Vec::new()).await {
        Ok(answer) => {
            if let Some(enhanced) = answer.first().and_then(enhanced_stack) {
                return StackTrace::Trace { text: stack_text(&enhanced), taken_at, enhanced: Some(enhanced) };
            }
        }
        // Unknown to this SDK (or its handler failed): the plain query may still work.
        Err(QueryError::Worker(_)) => {}
        Err(error) => return StackTrace::Failed(error.message()),
    }
    match ask(client, namespace, workflow_id, run_id, STACK_TRACE_QUERY, Vec::new()).await {
        Ok(answer) => match answer.first() {
            Some(payload) => StackTrace::Trace { text: plain_text(payload), taken_at, enhanced: None },
            None => StackTrace::Failed("the worker answered with no stack trace".into()),
        },
        Err(error) => StackTrace::Failed(error.message()),
    }
}

fn plain_text(payload: &Payload) -> String {
    serde_json::from_slice::<String>(&payload.data).unwrap_or_else(|_| match payloads::decode(payload).body {
        PayloadBody::Json(json) => json,
        PayloadBody::Null => String::new(),
        PayloadBody::Base64 { data, note } => format!("({note}) {data}"),
    })
}

/// Reads an `EnhancedStackTrace` payload; `None` when it is not one or has no frames.
pub fn enhanced_stack(payload: &Payload) -> Option<EnhancedStack> {
    let trace = decode_enhanced(payload)?;
    let stacks: Vec<Vec<StackFrame>> = trace
        .stacks
        .iter()
        .map(|stack| {
            stack
                .locations
                .iter()
                .map(|location| {
                    let line = u32::try_from(location.line).ok().filter(|line| *line > 0);
                    StackFrame {
                        function: location.function_name.clone(),
                        file: location.file_path.clone(),
                        line,
                        column: u32::try_from(location.column).ok().filter(|column| *column > 0),
                        internal: location.internal_code,
                        source: line
                            .and_then(|line| trace.sources.get(&location.file_path).map(|slice| around(slice, line)))
                            .unwrap_or_default(),
                    }
                })
                .collect()
        })
        .filter(|frames: &Vec<StackFrame>| !frames.is_empty())
        .collect();
    if stacks.is_empty() {
        return None;
    }
    let sdk = trace.sdk.map(|sdk| format!("{} {}", sdk.name, sdk.version).trim().to_string()).unwrap_or_default();
    Some(EnhancedStack { sdk, stacks })
}

// `temporal.api.sdk.v1.EnhancedStackTrace` (sdk/v1/enhanced_stack_trace.proto). temporalio-protos
// does not compile that file, so its messages are declared here, for binary and proto3 JSON.

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct EnhancedStackTrace {
    #[prost(message, optional, tag = "1")]
    sdk: Option<StackTraceSdkInfo>,
    #[prost(map = "string, message", tag = "2")]
    sources: HashMap<String, StackTraceFileSlice>,
    #[prost(message, repeated, tag = "3")]
    stacks: Vec<StackTraceMessage>,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
struct StackTraceSdkInfo {
    #[prost(string, tag = "1")]
    name: String,
    #[prost(string, tag = "2")]
    version: String,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct StackTraceFileSlice {
    #[prost(uint32, tag = "1")]
    #[serde(alias = "line_offset")]
    line_offset: u32,
    #[prost(string, tag = "2")]
    content: String,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default)]
struct StackTraceMessage {
    #[prost(message, repeated, tag = "1")]
    locations: Vec<StackTraceFileLocation>,
}

#[derive(Clone, PartialEq, prost::Message, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct StackTraceFileLocation {
    #[prost(string, tag = "1")]
    #[serde(alias = "file_path")]
    file_path: String,
    #[prost(int32, tag = "2")]
    line: i32,
    #[prost(int32, tag = "3")]
    column: i32,
    #[prost(string, tag = "4")]
    #[serde(alias = "function_name")]
    function_name: String,
    #[prost(bool, tag = "5")]
    #[serde(alias = "internal_code")]
    internal_code: bool,
}

fn decode_enhanced(payload: &Payload) -> Option<EnhancedStackTrace> {
    match payload.metadata.get("encoding").map(Vec::as_slice) {
        Some(b"binary/protobuf") => prost::Message::decode(payload.data.as_slice()).ok(),
        Some(b"json/protobuf") | Some(b"json/plain") => serde_json::from_slice(&payload.data).ok(),
        _ => None,
    }
}

/// The lines around `line` (1-based, in the whole file) of a file slice starting after `line_offset`.
fn around(slice: &StackTraceFileSlice, line: u32) -> Vec<SourceLine> {
    let first = line.saturating_sub(CONTEXT_LINES).max(slice.line_offset + 1);
    let last = line + CONTEXT_LINES;
    let lines: Vec<SourceLine> = slice
        .content
        .lines()
        .enumerate()
        .map(|(index, text)| (slice.line_offset + 1 + index as u32, text))
        .skip_while(|(number, _)| *number < first)
        .take_while(|(number, _)| *number <= last)
        .map(|(number, text)| SourceLine { number, text: text.to_string(), current: number == line })
        .collect();
    // A slice that does not reach the frame's line ("Cannot access code.") is not its source.
    if lines.iter().any(|source| source.current) { lines } else { Vec::new() }
}

/// The stacks as text, one frame per line, for copying.
fn stack_text(stack: &EnhancedStack) -> String {
    stack
        .stacks
        .iter()
        .map(|frames| {
            frames
                .iter()
                .map(|frame| {
                    let position = match (frame.line, frame.column) {
                        (Some(line), Some(column)) => format!(":{line}:{column}"),
                        (Some(line), None) => format!(":{line}"),
                        _ => String::new(),
                    };
                    format!("{} ({}{position})", frame.function, frame.file)
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
#[path = "stack_traces_tests.rs"]
mod tests;
