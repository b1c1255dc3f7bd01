//! DescribeWorkflowExecution, through the read cache, and the run's status in it.
use temporalio_protos::protos::temporal::api::{
    common::v1::WorkflowExecution,
    enums::v1::WorkflowExecutionStatus,
    workflowservice::v1::{DescribeWorkflowExecutionRequest, DescribeWorkflowExecutionResponse},
};

use std::sync::Arc;

use super::cache::{RunKey, Verdict};
use super::{TemporalClient, failures::enum_label};
use model::{AppError, ExecutionStatus, RunRef};

/// The run's describe, through the cluster's read cache: a closed run's is kept for a minute, an
/// open run's for a second, and concurrent identical describes share one call.
pub async fn describe(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<DescribeWorkflowExecutionResponse, AppError> {
    let cache = client.read_cache();
    let key = RunKey::new(client.scope(), (namespace, workflow_id, run_id));
    // Boxed: moka's single-flight future is large, and run pages nest several of these.
    let (described, hit) =
        Box::pin(cache.describes.get(key, describe_call(client, namespace, workflow_id, run_id))).await;
    cache.record("DescribeWorkflowExecution", hit);
    described.map(Arc::unwrap_or_clone)
}

/// What the run's describe says of its history; `Unknown` when it cannot be described.
pub async fn verdict(client: &TemporalClient, run: &RunRef) -> Verdict {
    match describe(client, &run.namespace, &run.workflow_id, &run.run_id).await {
        Ok(described) => Verdict::of(&run.run_id, &described),
        Err(_) => Verdict::Unknown,
    }
}

async fn describe_call(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<DescribeWorkflowExecutionResponse, AppError> {
    let request = DescribeWorkflowExecutionRequest {
        namespace: namespace.to_string(),
        execution: Some(WorkflowExecution { workflow_id: workflow_id.to_string(), run_id: run_id.to_string() }),
    };
    client
        .workflow_service()
        .describe_workflow_execution(client.request(request))
        .await
        .map(tonic::Response::into_inner)
        .map_err(|status| client.error(status, &format!("run {run_id} of workflow \"{workflow_id}\"")))
}

/// A run's status as the pages name it.
pub fn execution_status(value: i32) -> ExecutionStatus {
    WorkflowExecutionStatus::try_from(value)
        .map(|status| ExecutionStatus::from_name(&enum_label(status.as_str_name(), "WORKFLOW_EXECUTION_STATUS_")))
        .unwrap_or(ExecutionStatus::Unspecified)
}
