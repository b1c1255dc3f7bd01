//! Completing or failing a pending activity by its ID (RespondActivityTaskCompletedById,
//! RespondActivityTaskFailedById), as the outside system an asynchronously completed activity
//! waits for would. Both carry the acting user's identity; the result is encoded like a signal's
//! input (`json/plain`, then the codec server when one is configured).
use temporalio_protos::protos::temporal::api::{
    common::v1::{Payload, Payloads},
    failure::v1::{ApplicationFailureInfo, Failure, failure::FailureInfo},
    workflowservice::v1::{RespondActivityTaskCompletedByIdRequest, RespondActivityTaskFailedByIdRequest},
};

use super::{Namespaced, TemporalClient, codec, payloads, writes::Target};
use model::AppError;

impl Namespaced for RespondActivityTaskCompletedByIdRequest {
    fn namespace(&self) -> &str {
        &self.namespace
    }
}

impl Namespaced for RespondActivityTaskFailedByIdRequest {
    fn namespace(&self) -> &str {
        &self.namespace
    }
}

/// Where a failure sent from here says it came from.
const FAILURE_SOURCE: &str = "temporal-debugger";

/// How the user ends the activity (made with [`Completion::complete`] or [`Completion::fail`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// The activity's result, as JSON text.
    Complete {
        result: String,
    },
    Fail {
        message: String,
        non_retryable: bool,
    },
}

impl Completion {
    /// A completion with `result`, checked: empty or invalid JSON is refused before anything is sent.
    pub fn complete(result: &str) -> Result<Completion, AppError> {
        result_payload(result)?;
        Ok(Completion::Complete { result: result.to_string() })
    }

    /// A failure with `message`, checked: it must say why.
    pub fn fail(message: &str, non_retryable: bool) -> Result<Completion, AppError> {
        failure(message, non_retryable)?;
        Ok(Completion::Fail { message: message.trim().to_string(), non_retryable })
    }
}

/// The result's JSON text as one payload; empty or invalid JSON is refused with a sentence.
pub fn result_payload(text: &str) -> Result<Payload, AppError> {
    if text.trim().is_empty() {
        return Err(AppError::BadRequest(
            "The result is empty: write it as JSON (null for no result). Nothing was sent.".into(),
        ));
    }
    payloads::json_value(text).map_err(AppError::BadRequest)
}

/// The failure sent for `message`: an application failure, retried or not as asked.
pub fn failure(message: &str, non_retryable: bool) -> Result<Failure, AppError> {
    let message = message.trim();
    if message.is_empty() {
        return Err(AppError::BadRequest("Say why the activity failed: nothing was sent.".into()));
    }
    Ok(Failure {
        message: message.to_string(),
        source: FAILURE_SOURCE.into(),
        failure_info: Some(FailureInfo::ApplicationFailureInfo(ApplicationFailureInfo {
            non_retryable,
            ..Default::default()
        })),
        ..Default::default()
    })
}

pub async fn respond(
    client: &TemporalClient,
    target: &Target<'_>,
    activity_id: &str,
    completion: &Completion,
) -> Result<(), AppError> {
    let service = &mut client.workflow_service();
    let (namespace, workflow_id, run_id) =
        (target.namespace.to_string(), target.workflow_id.to_string(), target.run_id.to_string());
    let (activity_id, identity) = (activity_id.to_string(), target.identity.to_string());
    let result = match completion {
        Completion::Complete { result } => {
            let plain = vec![result_payload(result)?];
            let encoded = codec::encode_plain(client, target.namespace, plain).await?;
            let message = RespondActivityTaskCompletedByIdRequest {
                namespace,
                workflow_id,
                run_id,
                activity_id: activity_id.clone(),
                result: Some(Payloads { payloads: encoded }),
                identity,
                ..Default::default()
            };
            service.respond_activity_task_completed_by_id(client.request(message)).await.map(drop)
        }
        Completion::Fail { message, non_retryable } => {
            let message = RespondActivityTaskFailedByIdRequest {
                namespace,
                workflow_id,
                run_id,
                activity_id: activity_id.clone(),
                failure: Some(failure(message, *non_retryable)?),
                identity,
                ..Default::default()
            };
            service.respond_activity_task_failed_by_id(client.request(message)).await.map(drop)
        }
    };
    result.map_err(|status| client.error(status, &format!("activity {activity_id:?} of run {}", target.run_id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_is_one_json_plain_payload() {
        let payload = result_payload(r#"[1, {"ok": true}]"#).expect("valid JSON");
        assert_eq!(payload.data, br#"[1,{"ok":true}]"#);
        assert_eq!(payload.metadata.get("encoding").map(Vec::as_slice), Some(&b"json/plain"[..]));
        assert_eq!(result_payload("null").expect("null").data, b"null");
    }

    #[test]
    fn empty_or_invalid_results_are_refused_with_a_sentence() {
        for (text, sentence) in [("  ", "The result is empty"), ("{oops", "The result is not valid JSON")] {
            let error = result_payload(text).expect_err(text);
            assert!(matches!(&error, AppError::BadRequest(message) if message.contains(sentence)), "{error:?}");
        }
    }

    #[test]
    fn a_failure_says_whether_it_may_be_retried() {
        let sent = failure("  the bank said no ", true).expect("a message");
        assert_eq!((sent.message.as_str(), sent.source.as_str()), ("the bank said no", FAILURE_SOURCE));
        assert!(matches!(sent.failure_info, Some(FailureInfo::ApplicationFailureInfo(info)) if info.non_retryable));
        assert!(failure(" ", false).is_err());
    }
}
