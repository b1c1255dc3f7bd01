//! Workflow updates: sending one (waiting for it to complete within the deadline) and reading how
//! one ended afterwards (PollWorkflowExecutionUpdate), so the form can show the result after its
//! POST redirected back to it.
use temporalio_protos::protos::temporal::api::{
    common::v1::{Payloads, WorkflowExecution},
    enums::v1::UpdateWorkflowExecutionLifecycleStage,
    update::v1::{Input, Meta, Outcome, Request, UpdateRef, WaitPolicy, outcome::Value},
    workflowservice::v1::{PollWorkflowExecutionUpdateRequest, UpdateWorkflowExecutionRequest},
};

use super::{TemporalClient, codec, failures, payloads, writes::Target};
use model::AppError;
use model::RunRef;
use model::UpdateOutcome;

fn completed() -> Option<WaitPolicy> {
    Some(WaitPolicy { lifecycle_stage: UpdateWorkflowExecutionLifecycleStage::Completed as i32 })
}

/// Sends update `name` with JSON `input`; answers its ID and, when it already ended, its outcome
/// (a validator's rejection comes back as `Failed`: only the history can tell the two apart).
pub async fn send(
    client: &TemporalClient,
    target: &Target<'_>,
    name: &str,
    input: &str,
) -> Result<(String, Option<UpdateOutcome>), AppError> {
    if name.trim().is_empty() {
        return Err(AppError::BadRequest("Name the update to send.".into()));
    }
    let args = codec::encode_arguments(client, target.namespace, input).await?;
    let update_id = uuid::Uuid::new_v4().to_string();
    let message = UpdateWorkflowExecutionRequest {
        namespace: target.namespace.into(),
        workflow_execution: Some(WorkflowExecution {
            workflow_id: target.workflow_id.into(),
            run_id: target.run_id.into(),
        }),
        wait_policy: completed(),
        request: Some(Request {
            meta: Some(Meta { update_id: update_id.clone(), identity: target.identity.into() }),
            input: Some(Input {
                name: name.trim().into(),
                args: (!args.is_empty()).then_some(Payloads { payloads: args }),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    let what = format!("run {} of workflow {:?}", target.run_id, target.workflow_id);
    let response = client
        .workflow_service()
        .update_workflow_execution(client.request(message))
        .await
        .map_err(|status| client.error(status, &what))?
        .into_inner();
    let outcome = match response.outcome {
        Some(outcome) => Some(view(client, target.namespace, &update_id, outcome).await),
        None => None,
    };
    Ok((update_id, outcome))
}

/// How update `update_id` of the run ended, or that it still runs; `NotFound` when the run never
/// accepted it.
pub async fn outcome(client: &TemporalClient, run: &RunRef, update_id: &str) -> Result<UpdateOutcome, AppError> {
    let (namespace, workflow_id, run_id) = run.ids();
    let message = PollWorkflowExecutionUpdateRequest {
        namespace: namespace.into(),
        update_ref: Some(UpdateRef {
            workflow_execution: Some(WorkflowExecution { workflow_id: workflow_id.into(), run_id: run_id.into() }),
            update_id: update_id.into(),
        }),
        identity: String::new(),
        wait_policy: completed(),
    };
    let request = client.request_with_timeout(message, std::time::Duration::from_secs(3));
    match client.workflow_service().poll_workflow_execution_update(request).await {
        Ok(response) => match response.into_inner().outcome {
            Some(outcome) => Ok(view(client, namespace, update_id, outcome).await),
            None => Ok(UpdateOutcome::Running { update_id: update_id.into() }),
        },
        Err(status) if status.code() == tonic::Code::DeadlineExceeded => {
            Ok(UpdateOutcome::Running { update_id: update_id.into() })
        }
        Err(status) => Err(client.error(status, &format!("update {update_id:?}"))),
    }
}

async fn view(client: &TemporalClient, namespace: &str, update_id: &str, outcome: Outcome) -> UpdateOutcome {
    match outcome.value {
        Some(Value::Success(result)) => {
            let decoded = codec::decode_payloads(client, namespace, result.payloads).await;
            UpdateOutcome::Completed {
                update_id: update_id.into(),
                result: decoded.iter().map(payloads::decode).collect(),
            }
        }
        Some(Value::Failure(failure)) => {
            UpdateOutcome::Failed { update_id: update_id.into(), failure: failures::failure_view(&failure) }
        }
        None => UpdateOutcome::Running { update_id: update_id.into() },
    }
}
