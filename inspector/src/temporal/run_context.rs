//! A run's context, loaded once per request: describe, then the header every run page shows
//! (status, task queue, the viewer's permissions and the workflow task's problem).
use temporalio_protos::protos::temporal::api::workflowservice::v1::DescribeWorkflowExecutionResponse;

use super::{describe::describe, describe::execution_status, workflow_task_problem};
use crate::RequestContext;
use model::{AppError, Permissions, RunHeader, RunRef};

pub struct RunContext {
    pub described: DescribeWorkflowExecutionResponse,
    pub header: RunHeader,
}

/// Describes the run and builds its header.
pub async fn load(ctx: &RequestContext, run: &RunRef) -> Result<RunContext, AppError> {
    let described = describe(&ctx.client, &run.namespace, &run.workflow_id, &run.run_id).await?;
    let header = header(ctx, &run.namespace, &described).await;
    Ok(RunContext { described, header })
}

/// The run's header with its workflow-task problem (a history read only for a retried task).
pub async fn header(ctx: &RequestContext, namespace: &str, described: &DescribeWorkflowExecutionResponse) -> RunHeader {
    let mut header = plain_header(ctx, namespace, described);
    header.workflow_task_problem = workflow_task_problem::find(&ctx.client, namespace, described).await;
    header
}

/// The header from the describe alone, without the workflow-task problem (no call).
fn plain_header(ctx: &RequestContext, namespace: &str, described: &DescribeWorkflowExecutionResponse) -> RunHeader {
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let execution = info.execution.unwrap_or_default();
    RunHeader {
        namespace: namespace.to_string(),
        workflow_id: execution.workflow_id,
        run_id: execution.run_id,
        workflow_type: info.r#type.map(|t| t.name).unwrap_or_default(),
        status: execution_status(info.status),
        task_queue: info.task_queue,
        pending_activities: described.pending_activities.len(),
        permissions: permissions(ctx, namespace),
        workflow_task_problem: None,
    }
}

/// The viewer's permissions here, less the actions this cluster turned out not to offer.
pub fn permissions(ctx: &RequestContext, namespace: &str) -> Permissions {
    let mut permissions = ctx.access.permissions(namespace);
    ctx.client.unavailable().restrict(&mut permissions);
    permissions
}
