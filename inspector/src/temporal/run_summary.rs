//! The run page's summary: the describe's facts with what the history's first and last events
//! add (parent namespace, continue-as-new links, attempt).
use temporalio_protos::protos::temporal::api::{
    enums::v1::PendingWorkflowTaskState, workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use super::{describe::execution_status, failures::enum_label, history::RunOutcome, time};
use model::{ParentLink, PendingWorkflowTaskView, RunSummary};

pub fn run_summary(
    namespace: &str,
    described: &DescribeWorkflowExecutionResponse,
    outcome: &RunOutcome,
    permissions: model::Permissions,
) -> RunSummary {
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let execution = info.execution.clone().unwrap_or_default();
    let config = described.execution_config.clone().unwrap_or_default();
    let extended = described.workflow_extended_info.clone().unwrap_or_default();
    let parent = info.parent_execution.as_ref().map(|parent| ParentLink {
        namespace: outcome.parent_namespace.clone().unwrap_or_else(|| namespace.to_string()),
        workflow_id: parent.workflow_id.clone(),
        run_id: parent.run_id.clone(),
    });
    let pending_workflow_task = described.pending_workflow_task.as_ref().map(|task| PendingWorkflowTaskView {
        state: PendingWorkflowTaskState::try_from(task.state)
            .map(|state| enum_label(state.as_str_name(), "PENDING_WORKFLOW_TASK_STATE_"))
            .unwrap_or_default(),
        scheduled_time: time::time_point(task.scheduled_time.as_ref()),
        attempt: task.attempt,
    });
    RunSummary {
        namespace: namespace.to_string(),
        workflow_id: execution.workflow_id,
        run_id: execution.run_id,
        workflow_type: info.r#type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        status: execution_status(info.status),
        task_queue: info.task_queue.clone(),
        start_time: time::time_point(info.start_time.as_ref()),
        close_time: time::time_point(info.close_time.as_ref()),
        duration: time::elapsed(info.start_time.as_ref(), info.close_time.as_ref()),
        history_length: info.history_length,
        history_size: time::human_bytes(info.history_size_bytes),
        parent,
        continued_from: outcome.continued_from.clone(),
        continued_as: outcome.continued_as.clone(),
        pending_activities: described.pending_activities.len(),
        pending_children: described.pending_children.len(),
        pending_workflow_task,
        workflow_run_timeout: time::duration(config.workflow_run_timeout.as_ref()),
        workflow_execution_timeout: time::duration(config.workflow_execution_timeout.as_ref()),
        cancel_requested: extended.cancel_requested,
        attempt: outcome.attempt,
        permissions,
        workflow_task_problem: None,
        metadata: super::run_metadata::metadata(described),
    }
}
