use temporalio_protos::protos::temporal::api::sdk::v1::WorkflowDefinition;

use super::*;

#[test]
fn known_query_types_are_read_from_each_sdks_error() {
    let python = "Query handler for 'nope' expected but not found, known queries: [__stack_trace status]";
    assert_eq!(known_query_types(python), Some(vec!["status".to_string(), "__stack_trace".to_string()]));
    let go = "unknown queryType nope. KnownQueryTypes=[__stack_trace __open_sessions progress]";
    assert_eq!(known_query_types(go).expect("go")[0], "progress");
    let java = "Unknown query type: nope, knownTypes=[\"state\", \"__stack_trace\"]";
    assert_eq!(known_query_types(java).expect("java"), vec!["state", "__stack_trace"]);
    let typescript = "Workflow did not register a handler for nope. Registered queries: [__stack_trace count]";
    assert_eq!(known_query_types(typescript).expect("ts"), vec!["count", "__stack_trace"]);
    assert_eq!(known_query_types("known queries: []"), Some(Vec::new()));
    assert_eq!(known_query_types("query handler panicked"), None);
    assert_eq!(known_query_types("known queries: [unterminated"), None);
}

#[test]
fn json_arguments_are_one_payload_per_array_element() {
    let payloads = json_arguments(r#"["Hello", {"n": 1}]"#).expect("array");
    assert_eq!(payloads.len(), 2);
    assert_eq!(payloads[0].data, br#""Hello""#);
    assert_eq!(payloads[1].metadata["encoding"], b"json/plain");
    assert_eq!(json_arguments("42").expect("single").len(), 1);
    assert!(json_arguments("  ").expect("empty").is_empty());
    let error = json_arguments("[1,").expect_err("malformed");
    assert!(error.starts_with("The arguments are not valid JSON"), "{error}");
}

#[test]
fn metadata_lists_the_workflows_handlers_before_the_builtin_ones() {
    let definition = |name: &str| WorkflowInteractionDefinition { name: name.into(), description: String::new() };
    let metadata = WorkflowMetadata {
        definition: Some(WorkflowDefinition {
            r#type: "Approval".into(),
            query_definitions: vec![definition("__stack_trace"), definition("status"), definition("greeting")],
            signal_definitions: vec![definition("approve")],
            update_definitions: Vec::new(),
        }),
        current_details: "waiting for approval".into(),
    };
    let handlers = handlers_from_metadata(metadata);
    let names: Vec<_> = handlers.queries.iter().map(|query| query.name.as_str()).collect();
    assert_eq!(names, ["greeting", "status", "__stack_trace"]);
    assert_eq!(handlers.signals[0].name, "approve");
    assert_eq!(handlers.current_details, "waiting for approval");
    assert_eq!(handlers.source, HandlersSource::Metadata);
}

/// Lowercasing "İ" takes three bytes for its two: offsets found in `to_lowercase` text landed
/// inside the "ä" here and the slice panicked.
#[test]
fn text_that_lowercases_longer_does_not_shift_the_marker() {
    let message = format!("{}known queries: [ä]", "İ".repeat(17));
    assert_eq!(known_query_types(&message), Some(vec!["ä".to_string()]));
    assert_eq!(known_query_types("İİ KNOWNQUERYTYPES=[b a]"), Some(vec!["a".to_string(), "b".to_string()]));
}
