use std::collections::HashMap;

use super::*;

fn json_payload(json: &str) -> Payload {
    let metadata = HashMap::from([
        ("encoding".to_string(), b"json/protobuf".to_vec()),
        ("messageType".to_string(), b"temporal.api.sdk.v1.EnhancedStackTrace".to_vec()),
    ]);
    Payload { metadata, data: json.as_bytes().to_vec(), external_payloads: Vec::new() }
}

#[test]
fn enhanced_stack_frames_carry_the_source_around_their_line() {
    let payload = json_payload(
        r#"{"sdk":{"name":"sdk-python","version":"1.35.0"},
            "sources":{"/app/workflows.py":{"content":"one\ntwo\nthree\nfour\nfive\nsix\n"},
                       "<string>":{"content":"Cannot access code."}},
            "stacks":[{"locations":[
                {"filePath":"/app/workflows.py","line":4,"column":-1,"functionName":"run"},
                {"filePath":"<string>","line":2846,"column":-1,"functionName":"exec"}]},
                {"locations":[]}]}"#,
    );
    let stack = enhanced_stack(&payload).expect("enhanced stack");
    assert_eq!(stack.sdk, "sdk-python 1.35.0");
    assert_eq!(stack.stacks.len(), 1, "empty stacks are dropped");
    let run = &stack.stacks[0][0];
    assert_eq!((run.function.as_str(), run.line, run.column), ("run", Some(4), None));
    let numbers: Vec<u32> = run.source.iter().map(|line| line.number).collect();
    assert_eq!(numbers, [2, 3, 4, 5, 6]);
    assert!(run.source.iter().any(|line| line.current && line.text == "four"));
    assert!(stack.stacks[0][1].source.is_empty(), "a slice without the line is not shown");
    assert_eq!(stack_text(&stack), "run (/app/workflows.py:4)\nexec (<string>:2846)");
}

#[test]
fn a_slice_with_an_offset_is_numbered_from_it() {
    let slice = StackTraceFileSlice { line_offset: 10, content: "eleven\ntwelve\nthirteen".into() };
    let lines = around(&slice, 11);
    assert_eq!(lines.iter().map(|line| line.number).collect::<Vec<_>>(), [11, 12, 13]);
    assert!(lines[0].current);
}

#[test]
fn payloads_that_are_not_enhanced_stacks_give_none() {
    assert!(enhanced_stack(&json_payload("\"plain text stack\"")).is_none());
    assert!(enhanced_stack(&json_payload("{\"stacks\":[]}")).is_none());
    assert!(enhanced_stack(&json_payload("{broken")).is_none());
}

#[test]
fn binary_enhanced_stacks_are_read_too() {
    let trace = EnhancedStackTrace {
        sdk: Some(StackTraceSdkInfo { name: "sdk-go".into(), version: "1.30.0".into() }),
        sources: HashMap::new(),
        stacks: vec![StackTraceMessage {
            locations: vec![StackTraceFileLocation {
                file_path: "main.go".into(),
                line: 12,
                column: 3,
                function_name: "main.Workflow".into(),
                internal_code: false,
            }],
        }],
    };
    let metadata = HashMap::from([("encoding".to_string(), b"binary/protobuf".to_vec())]);
    let payload = Payload { metadata, data: prost::Message::encode_to_vec(&trace), external_payloads: Vec::new() };
    let stack = enhanced_stack(&payload).expect("binary");
    assert_eq!(stack_text(&stack), "main.Workflow (main.go:12:3)");
}
