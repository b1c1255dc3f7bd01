//! The write calls on one run: signal, request cancellation, terminate, reset, pause, unpause and
//! delete.
//! Each carries the acting user's identity and a fresh request ID; the caller has already checked
//! the write policy (see `crate::access`) and the CSRF token.
use temporalio_protos::protos::temporal::api::{
    common::v1::{Payloads, WorkflowExecution, WorkflowType},
    enums::v1::ResetReapplyExcludeType,
    taskqueue::v1::TaskQueue,
    workflowservice::v1::{
        DeleteWorkflowExecutionRequest, PauseWorkflowExecutionRequest, RequestCancelWorkflowExecutionRequest,
        ResetWorkflowExecutionRequest, SignalWorkflowExecutionRequest, StartWorkflowExecutionRequest,
        TerminateWorkflowExecutionRequest, UnpauseWorkflowExecutionRequest,
    },
};

use super::{TemporalClient, capabilities, codec};
use model::AppError;

/// The run a write is about and who makes it.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    pub namespace: &'a str,
    pub workflow_id: &'a str,
    pub run_id: &'a str,
    /// Recorded by Temporal as the request's `identity`.
    pub identity: &'a str,
}

impl Target<'_> {
    fn execution(&self) -> Option<WorkflowExecution> {
        Some(WorkflowExecution { workflow_id: self.workflow_id.into(), run_id: self.run_id.into() })
    }

    fn what(&self) -> String {
        format!("run {} of workflow {:?}", self.run_id, self.workflow_id)
    }
}

fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Sends signal `name` with JSON `input` (an array gives one argument per element).
pub async fn signal(client: &TemporalClient, target: &Target<'_>, name: &str, input: &str) -> Result<(), AppError> {
    if name.trim().is_empty() {
        return Err(AppError::BadRequest("Name the signal to send.".into()));
    }
    let payloads = codec::encode_arguments(client, target.namespace, input).await?;
    let message = SignalWorkflowExecutionRequest {
        namespace: target.namespace.into(),
        workflow_execution: target.execution(),
        signal_name: name.trim().into(),
        input: (!payloads.is_empty()).then_some(Payloads { payloads }),
        identity: target.identity.into(),
        request_id: request_id(),
        ..Default::default()
    };
    let result = client.workflow_service().signal_workflow_execution(client.request(message)).await;
    result.map(drop).map_err(|status| client.error(status, &target.what()))
}

pub async fn request_cancel(client: &TemporalClient, target: &Target<'_>, reason: &str) -> Result<(), AppError> {
    let message = RequestCancelWorkflowExecutionRequest {
        namespace: target.namespace.into(),
        workflow_execution: target.execution(),
        identity: target.identity.into(),
        request_id: request_id(),
        reason: reason.into(),
        ..Default::default()
    };
    let result = client.workflow_service().request_cancel_workflow_execution(client.request(message)).await;
    result.map(drop).map_err(|status| client.error(status, &target.what()))
}

pub async fn terminate(client: &TemporalClient, target: &Target<'_>, reason: &str) -> Result<(), AppError> {
    let message = TerminateWorkflowExecutionRequest {
        namespace: target.namespace.into(),
        workflow_execution: target.execution(),
        reason: reason.into(),
        identity: target.identity.into(),
        ..Default::default()
    };
    let result = client.workflow_service().terminate_workflow_execution(client.request(message)).await;
    result.map(drop).map_err(|status| client.error(status, &target.what()))
}

/// Deletes the run with its history and visibility record (a running one is terminated first);
/// Temporal removes it in the background, so the list may show it for a few more seconds.
pub async fn delete(client: &TemporalClient, target: &Target<'_>) -> Result<(), AppError> {
    let message =
        DeleteWorkflowExecutionRequest { namespace: target.namespace.into(), workflow_execution: target.execution() };
    let result = client.workflow_service().delete_workflow_execution(client.request(message)).await;
    result.map(drop).map_err(|status| client.error(status, &target.what()))
}

/// Which of the run's later signals and updates the new run gets again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reapply {
    pub exclude_signals: bool,
    pub exclude_updates: bool,
}

/// Resets the run to the workflow task that finished with event `event_id`; answers the new run's ID.
pub async fn reset(
    client: &TemporalClient,
    target: &Target<'_>,
    event_id: i64,
    reason: &str,
    reapply: Reapply,
) -> Result<String, AppError> {
    let mut exclude = Vec::new();
    if reapply.exclude_signals {
        exclude.push(ResetReapplyExcludeType::Signal as i32);
    }
    if reapply.exclude_updates {
        exclude.push(ResetReapplyExcludeType::Update as i32);
    }
    let message = ResetWorkflowExecutionRequest {
        namespace: target.namespace.into(),
        workflow_execution: target.execution(),
        reason: reason.into(),
        workflow_task_finish_event_id: event_id,
        request_id: request_id(),
        reset_reapply_exclude_types: exclude,
        identity: target.identity.into(),
        ..Default::default()
    };
    let result = client.workflow_service().reset_workflow_execution(client.request(message)).await;
    result.map(|response| response.into_inner().run_id).map_err(|status| client.error(status, &target.what()))
}

/// Pauses (`pause`) or unpauses the run: no workflow tasks run while it is paused.
pub async fn set_paused(
    client: &TemporalClient,
    target: &Target<'_>,
    pause: bool,
    reason: &str,
) -> Result<(), AppError> {
    let service = &mut client.workflow_service();
    let result = if pause {
        let message = PauseWorkflowExecutionRequest {
            namespace: target.namespace.into(),
            workflow_id: target.workflow_id.into(),
            run_id: target.run_id.into(),
            identity: target.identity.into(),
            reason: reason.into(),
            request_id: request_id(),
        };
        service.pause_workflow_execution(client.request(message)).await.map(drop)
    } else {
        let message = UnpauseWorkflowExecutionRequest {
            namespace: target.namespace.into(),
            workflow_id: target.workflow_id.into(),
            run_id: target.run_id.into(),
            identity: target.identity.into(),
            reason: reason.into(),
            request_id: request_id(),
        };
        service.unpause_workflow_execution(client.request(message)).await.map(drop)
    };
    result.map_err(|status| {
        if capabilities::means_unavailable(&status) {
            client.unavailable().remember(model::ActionKind::Pause, &status);
        }
        client.error(status, &target.what())
    })
}

/// A new workflow to start: "start another like this one", edited.
#[derive(Debug, Clone)]
pub struct NewWorkflow<'a> {
    pub workflow_id: &'a str,
    pub workflow_type: &'a str,
    pub task_queue: &'a str,
    /// JSON: an array holds one argument per element.
    pub input: &'a str,
}

/// Starts `new` in the target's namespace; answers the new run's ID.
pub async fn start(client: &TemporalClient, target: &Target<'_>, new: &NewWorkflow<'_>) -> Result<String, AppError> {
    for (value, what) in
        [(new.workflow_id, "workflow ID"), (new.workflow_type, "workflow type"), (new.task_queue, "task queue")]
    {
        if value.trim().is_empty() {
            return Err(AppError::BadRequest(format!("Give the new run a {what}.")));
        }
    }
    let payloads = codec::encode_arguments(client, target.namespace, new.input).await?;
    let message = StartWorkflowExecutionRequest {
        namespace: target.namespace.into(),
        workflow_id: new.workflow_id.trim().into(),
        workflow_type: Some(WorkflowType { name: new.workflow_type.trim().into() }),
        task_queue: Some(TaskQueue { name: new.task_queue.trim().into(), ..Default::default() }),
        input: (!payloads.is_empty()).then_some(Payloads { payloads }),
        identity: target.identity.into(),
        request_id: request_id(),
        ..Default::default()
    };
    let result = client.workflow_service().start_workflow_execution(client.request(message)).await;
    result
        .map(|response| response.into_inner().run_id)
        .map_err(|status| client.error(status, &format!("workflow {:?}", new.workflow_id.trim())))
}
