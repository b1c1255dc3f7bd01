//! Pending activities and child workflows, from DescribeWorkflowExecution.
use std::collections::HashMap;

use temporalio_protos::protos::temporal::api::{
    enums::v1::{PendingActivityState, PendingNexusOperationState, TimeoutType},
    failure::v1::failure::FailureInfo,
    history::v1::{HistoryEvent, history_event::Attributes},
    workflow::v1::{PendingActivityInfo, PendingChildExecutionInfo, PendingNexusOperationInfo},
    workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use super::{failures, payloads, time};
use crate::diagnosis::HeartbeatFacts;
use model::{PendingActivityView, PendingChildView, PendingNexusView};

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

pub fn nexus_operation(info: &PendingNexusOperationInfo) -> PendingNexusView {
    #[allow(deprecated)] // older servers only fill operation_id
    let operation_token =
        if info.operation_token.is_empty() { info.operation_id.clone() } else { info.operation_token.clone() };
    PendingNexusView {
        endpoint: info.endpoint.clone(),
        service: info.service.clone(),
        operation: info.operation.clone(),
        operation_token,
        state: PendingNexusOperationState::try_from(info.state)
            .map(|state| failures::enum_label(state.as_str_name(), "PENDING_NEXUS_OPERATION_STATE_"))
            .unwrap_or_default(),
        attempt: info.attempt,
        scheduled_time: time::time_point(info.scheduled_time.as_ref()),
        schedule_to_close_timeout: time::duration(info.schedule_to_close_timeout.as_ref()),
        last_attempt_complete_time: time::time_point(info.last_attempt_complete_time.as_ref()),
        next_attempt_time: time::time_point(info.next_attempt_schedule_time.as_ref()),
        blocked_reason: info.blocked_reason.clone(),
        scheduled_event_id: info.scheduled_event_id,
        last_attempt_failure: info.last_attempt_failure.as_ref().map(failures::failure_view),
    }
}

/// The activity ID and heartbeat timeout an ActivityTaskScheduled event declares, if any.
pub fn heartbeat_timeout(event: &HistoryEvent) -> Option<(String, i64)> {
    match event.attributes.as_ref()? {
        Attributes::ActivityTaskScheduledEventAttributes(scheduled) => {
            let timeout = scheduled.heartbeat_timeout.as_ref()?;
            let millis = timeout.seconds * 1000 + i64::from(timeout.nanos) / 1_000_000;
            (millis > 0).then(|| (scheduled.activity_id.clone(), millis))
        }
        _ => None,
    }
}

/// The heartbeat facts of each pending activity whose scheduled event declared a heartbeat timeout
/// (`timeouts`: activity ID to timeout, from [`heartbeat_timeout`]).
pub fn heartbeat_facts(
    described: &DescribeWorkflowExecutionResponse,
    timeouts: &HashMap<String, i64>,
) -> Vec<HeartbeatFacts> {
    described
        .pending_activities
        .iter()
        .filter_map(|info| {
            let timeout_millis = *timeouts.get(&info.activity_id)?;
            let started = info.state == PendingActivityState::Started as i32;
            let last_beat_millis = match (
                time::millis(info.last_heartbeat_time.as_ref()),
                time::millis(info.last_started_time.as_ref()),
            ) {
                (Some(beat), Some(start)) => Some(beat.max(start)),
                (beat, start) => beat.or(start),
            };
            let last_attempt_missed_heartbeat = matches!(
                info.last_failure.as_ref().and_then(|failure| failure.failure_info.as_ref()),
                Some(FailureInfo::TimeoutFailureInfo(timeout)) if timeout.timeout_type == TimeoutType::Heartbeat as i32
            );
            Some(HeartbeatFacts {
                activity_id: info.activity_id.clone(),
                activity_type: info.activity_type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
                timeout_millis,
                started,
                last_beat_millis,
                last_attempt_missed_heartbeat,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::failure::v1::{ApplicationFailureInfo, Failure};

    use super::*;

    #[test]
    fn a_pending_nexus_operation_keeps_its_endpoint_state_and_last_failure() {
        let info = PendingNexusOperationInfo {
            endpoint: "payments-endpoint".into(),
            service: "payments".into(),
            operation: "charge".into(),
            operation_token: "tok-1".into(),
            state: PendingNexusOperationState::BackingOff as i32,
            attempt: 3,
            scheduled_event_id: 5,
            blocked_reason: String::new(),
            last_attempt_failure: Some(Failure {
                message: "handler unavailable".into(),
                failure_info: Some(FailureInfo::ApplicationFailureInfo(ApplicationFailureInfo {
                    r#type: "Unavailable".into(),
                    ..Default::default()
                })),
                ..Default::default()
            }),
            ..Default::default()
        };
        let view = nexus_operation(&info);
        assert_eq!((view.endpoint.as_str(), view.operation.as_str()), ("payments-endpoint", "charge"));
        assert_eq!(view.state, "BackingOff");
        assert_eq!(view.operation_token, "tok-1");
        assert_eq!(view.last_attempt_failure.expect("failure").message, "handler unavailable");
    }
}
