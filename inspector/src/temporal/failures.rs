//! Temporal failures (with their cause chains) as [`FailureView`]s.
use temporalio_protos::protos::temporal::api::{
    enums::v1::{RetryState, TimeoutType},
    failure::v1::{Failure, failure::FailureInfo},
};

use super::payloads;
use model::{FailureView, PayloadBody};

/// Nested causes deeper than this are cut off (a malicious or buggy chain cannot recurse forever).
const MAX_DEPTH: usize = 32;

pub fn failure_view(failure: &Failure) -> FailureView {
    view_at_depth(failure, 0)
}

fn view_at_depth(failure: &Failure, depth: usize) -> FailureView {
    let (message, stack_trace) = message_and_stack(failure);
    let (kind, facts, non_retryable, details) = describe_info(failure.failure_info.as_ref());
    let cause = match failure.cause.as_deref() {
        Some(cause) if depth < MAX_DEPTH => Some(Box::new(view_at_depth(cause, depth + 1))),
        _ => None,
    };
    FailureView { message, kind, facts, non_retryable, source: failure.source.clone(), stack_trace, details, cause }
}

/// SDKs with failure encoding on put the real message and stack trace in `encoded_attributes`.
fn message_and_stack(failure: &Failure) -> (String, String) {
    let encoded = failure.encoded_attributes.as_ref().map(payloads::decode);
    if let Some(PayloadBody::Json(json)) = encoded.map(|payload| payload.body)
        && let Ok(attributes) = serde_json::from_str::<serde_json::Value>(&json)
    {
        let text = |key: &str| attributes.get(key).and_then(|v| v.as_str()).map(str::to_string);
        if let Some(message) = text("message") {
            return (message, text("stack_trace").unwrap_or_else(|| failure.stack_trace.clone()));
        }
    }
    (failure.message.clone(), failure.stack_trace.clone())
}

type InfoParts = (String, Vec<(String, String)>, bool, Vec<model::PayloadView>);

fn describe_info(info: Option<&FailureInfo>) -> InfoParts {
    let fact = |label: &str, value: String| (label.to_string(), value);
    match info {
        Some(FailureInfo::ApplicationFailureInfo(app)) => {
            let kind = if app.r#type.is_empty() { "Application error".to_string() } else { app.r#type.clone() };
            let mut facts = Vec::new();
            if let Some(delay) = super::time::duration(app.next_retry_delay.as_ref()) {
                facts.push(fact("Next retry delay", delay));
            }
            (kind, facts, app.non_retryable, payloads::decode_all(app.details.as_ref()))
        }
        Some(FailureInfo::TimeoutFailureInfo(timeout)) => {
            let kind = format!("Timeout ({})", timeout_type(timeout.timeout_type));
            (kind, Vec::new(), false, payloads::decode_all(timeout.last_heartbeat_details.as_ref()))
        }
        Some(FailureInfo::CanceledFailureInfo(canceled)) => {
            let mut facts = Vec::new();
            if !canceled.identity.is_empty() {
                facts.push(fact("Canceled by", canceled.identity.clone()));
            }
            ("Canceled".into(), facts, false, payloads::decode_all(canceled.details.as_ref()))
        }
        Some(FailureInfo::TerminatedFailureInfo(terminated)) => {
            let facts = (!terminated.identity.is_empty())
                .then(|| fact("Terminated by", terminated.identity.clone()))
                .into_iter()
                .collect();
            ("Terminated".into(), facts, true, Vec::new())
        }
        Some(FailureInfo::ServerFailureInfo(server)) => {
            ("Server error".into(), Vec::new(), server.non_retryable, Vec::new())
        }
        Some(FailureInfo::ResetWorkflowFailureInfo(reset)) => {
            ("Reset".into(), Vec::new(), false, payloads::decode_all(reset.last_heartbeat_details.as_ref()))
        }
        Some(FailureInfo::ActivityFailureInfo(activity)) => {
            let activity_type = activity.activity_type.as_ref().map(|t| t.name.clone()).unwrap_or_default();
            let facts = vec![
                fact("Activity", format!("{activity_type} (ID {})", activity.activity_id)),
                fact("Scheduled event", activity.scheduled_event_id.to_string()),
                fact("Retry state", retry_state(activity.retry_state)),
                fact("Worker", activity.identity.clone()),
            ];
            ("Activity failed".into(), facts, false, Vec::new())
        }
        Some(FailureInfo::ChildWorkflowExecutionFailureInfo(child)) => {
            let execution = child.workflow_execution.as_ref();
            let facts = vec![
                fact("Child workflow", execution.map(|e| e.workflow_id.clone()).unwrap_or_default()),
                fact("Child run", execution.map(|e| e.run_id.clone()).unwrap_or_default()),
                fact("Workflow type", child.workflow_type.as_ref().map(|t| t.name.clone()).unwrap_or_default()),
                fact("Retry state", retry_state(child.retry_state)),
            ];
            ("Child workflow failed".into(), facts, false, Vec::new())
        }
        Some(FailureInfo::NexusOperationExecutionFailureInfo(nexus)) => {
            let facts = vec![
                fact("Endpoint", nexus.endpoint.clone()),
                fact("Operation", format!("{}/{}", nexus.service, nexus.operation)),
            ];
            ("Nexus operation failed".into(), facts, false, Vec::new())
        }
        Some(FailureInfo::NexusHandlerFailureInfo(handler)) => {
            (format!("Nexus handler error ({})", handler.r#type), Vec::new(), false, Vec::new())
        }
        None => ("Failure".into(), Vec::new(), false, Vec::new()),
    }
}

/// `RETRY_STATE_TIMEOUT` → `Timeout`; unknown numbers stay numbers.
pub fn retry_state(value: i32) -> String {
    RetryState::try_from(value)
        .map(|state| enum_label(state.as_str_name(), "RETRY_STATE_"))
        .unwrap_or_else(|_| value.to_string())
}

fn timeout_type(value: i32) -> String {
    TimeoutType::try_from(value)
        .map(|kind| enum_label(kind.as_str_name(), "TIMEOUT_TYPE_"))
        .unwrap_or_else(|_| value.to_string())
}

/// `RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED` → `MaximumAttemptsReached`.
pub fn enum_label(name: &str, prefix: &str) -> String {
    name.strip_prefix(prefix)
        .unwrap_or(name)
        .split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use temporalio_protos::protos::temporal::api::{
        common::v1::{ActivityType, Payload, Payloads},
        failure::v1::{ActivityFailureInfo, ApplicationFailureInfo},
    };

    fn json(data: &str) -> Payloads {
        let metadata = [("encoding".to_string(), b"json/plain".to_vec())].into();
        Payloads { payloads: vec![Payload { metadata, data: data.as_bytes().to_vec(), external_payloads: vec![] }] }
    }

    fn application(message: &str, kind: &str, cause: Option<Failure>) -> Failure {
        Failure {
            message: message.into(),
            source: "PythonSDK".into(),
            stack_trace: format!("  File \"workflows.py\", line 1, in {kind}"),
            cause: cause.map(Box::new),
            failure_info: Some(FailureInfo::ApplicationFailureInfo(ApplicationFailureInfo {
                r#type: kind.into(),
                non_retryable: true,
                details: Some(json(r#"{"reason":"insufficient_funds"}"#)),
                ..Default::default()
            })),
            ..Default::default()
        }
    }

    #[test]
    fn cause_chain_is_kept_in_order_with_types_and_details() {
        let declined = application("card declined", "PaymentDeclined", None);
        let activity = Failure {
            message: "Activity task failed".into(),
            cause: Some(Box::new(declined)),
            failure_info: Some(FailureInfo::ActivityFailureInfo(ActivityFailureInfo {
                activity_type: Some(ActivityType { name: "charge_card".into() }),
                activity_id: "1".into(),
                scheduled_event_id: 5,
                retry_state: RetryState::NonRetryableFailure as i32,
                ..Default::default()
            })),
            ..Default::default()
        };
        let top = failure_view(&application("order 42 could not be paid", "OrderFailed", Some(activity)));
        let chain = top.chain();
        assert_eq!(chain.len(), 3);
        assert_eq!(chain[0].kind, "OrderFailed");
        assert!(chain[0].non_retryable);
        assert_eq!(chain[1].kind, "Activity failed");
        assert!(chain[1].facts.contains(&("Activity".into(), "charge_card (ID 1)".into())));
        assert!(chain[1].facts.contains(&("Retry state".into(), "NonRetryableFailure".into())));
        assert_eq!(top.root_cause().message, "card declined");
        assert_eq!(top.root_cause().details.len(), 1);
        assert!(top.stack_trace.contains("workflows.py"));
    }

    #[test]
    fn encoded_attributes_replace_the_placeholder_message() {
        let metadata = [("encoding".to_string(), b"json/plain".to_vec())].into();
        let failure = Failure {
            message: "Encoded failure".into(),
            encoded_attributes: Some(Payload {
                metadata,
                data: br#"{"message":"secret reason","stack_trace":"at f()"}"#.to_vec(),
                external_payloads: vec![],
            }),
            ..Default::default()
        };
        let view = failure_view(&failure);
        assert_eq!(view.message, "secret reason");
        assert_eq!(view.stack_trace, "at f()");
    }

    #[test]
    fn very_deep_chains_are_cut_off() {
        let mut failure = application("bottom", "E", None);
        for level in 0..100 {
            failure = application(&format!("level {level}"), "E", Some(failure));
        }
        assert_eq!(failure_view(&failure).chain().len(), MAX_DEPTH + 1);
    }

    #[test]
    fn enum_names_become_labels() {
        assert_eq!(enum_label("RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED", "RETRY_STATE_"), "MaximumAttemptsReached");
        assert_eq!(timeout_type(TimeoutType::StartToClose as i32), "StartToClose");
        assert_eq!(retry_state(999), "999");
    }
}
