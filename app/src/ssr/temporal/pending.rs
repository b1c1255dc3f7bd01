//! Pending activities and child workflows, from DescribeWorkflowExecution.
use temporalio_protos::protos::temporal::api::{
    enums::v1::PendingActivityState,
    workflow::v1::{PendingActivityInfo, PendingChildExecutionInfo},
    workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use super::{failures, payloads, time, workflows::execution_status};
use crate::model::{PendingActivityView, PendingChildView, RunHeader};

pub fn run_header(namespace: &str, described: &DescribeWorkflowExecutionResponse) -> RunHeader {
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
    }
}

pub fn activity(info: &PendingActivityInfo) -> PendingActivityView {
    let state = if info.paused {
        "Paused".to_string()
    } else {
        PendingActivityState::try_from(info.state)
            .map(|state| failures::enum_label(state.as_str_name(), "PENDING_ACTIVITY_STATE_"))
            .unwrap_or_default()
    };
    let next_attempt_in = time::millis(info.next_attempt_schedule_time.as_ref())
        .map(|next| time::human_millis(next - time::now_millis()));
    PendingActivityView {
        activity_id: info.activity_id.clone(),
        activity_type: info.activity_type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        state,
        attempt: info.attempt,
        maximum_attempts: info.maximum_attempts,
        scheduled_time: time::time_point(info.scheduled_time.as_ref()),
        last_started_time: time::time_point(info.last_started_time.as_ref()),
        expiration_time: time::time_point(info.expiration_time.as_ref()),
        next_attempt_time: time::time_point(info.next_attempt_schedule_time.as_ref()),
        next_attempt_in,
        current_retry_interval: time::duration(info.current_retry_interval.as_ref()),
        last_heartbeat_time: time::time_point(info.last_heartbeat_time.as_ref()),
        heartbeat_details: payloads::decode_all(info.heartbeat_details.as_ref()),
        last_worker_identity: info.last_worker_identity.clone(),
        last_failure: info.last_failure.as_ref().map(failures::failure_view),
    }
}

pub fn child(info: &PendingChildExecutionInfo) -> PendingChildView {
    PendingChildView {
        workflow_id: info.workflow_id.clone(),
        run_id: info.run_id.clone(),
        workflow_type: info.workflow_type_name.clone(),
        initiated_event_id: info.initiated_id,
    }
}
