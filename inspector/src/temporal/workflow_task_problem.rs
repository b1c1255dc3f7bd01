//! "The workflow task keeps failing": an open run whose pending workflow task is a retry (attempt
//! 2 or more) failed or timed out last time; the banner on every tab of the run names the cause
//! in words, the failure, the worker and its build ID. Only such runs cost a call: the newest
//! [`NEWEST_EVENTS`] events, read backwards, hold the failure (retries are not written to history).
use temporalio_protos::protos::temporal::api::{
    enums::v1::WorkflowTaskFailedCause,
    history::v1::{HistoryEvent, history_event::Attributes},
    workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use super::{TemporalClient, failures, history, time};
use model::{RunRef, WorkflowTaskProblem};

/// How many of the newest events are searched for the failed workflow task.
pub const NEWEST_EVENTS: i32 = 50;

/// The problem, if the run's workflow task is being retried; `None` also when the history
/// cannot be read (the page still shows, and its diagnosis reads the history itself).
pub async fn find(
    client: &TemporalClient,
    namespace: &str,
    described: &DescribeWorkflowExecutionResponse,
) -> Option<WorkflowTaskProblem> {
    let attempt = described.pending_workflow_task.as_ref().map_or(0, |task| task.attempt);
    let execution = described.workflow_execution_info.as_ref()?.execution.as_ref()?;
    if attempt < 2 {
        return None;
    }
    let run = RunRef::new(namespace, execution.workflow_id.as_str(), execution.run_id.as_str());
    let events = history::newest(client, &run, NEWEST_EVENTS).await.ok()?;
    from_newest(&events, attempt)
}

/// The problem in `events` (newest first): the newest workflow-task outcome, if a failure.
pub fn from_newest(events: &[HistoryEvent], attempt: i32) -> Option<WorkflowTaskProblem> {
    let (index, outcome) = events.iter().enumerate().find(|(_, event)| {
        matches!(
            event.attributes,
            Some(
                Attributes::WorkflowTaskCompletedEventAttributes(_)
                    | Attributes::WorkflowTaskFailedEventAttributes(_)
                    | Attributes::WorkflowTaskTimedOutEventAttributes(_)
            )
        )
    })?;
    let mut problem = WorkflowTaskProblem {
        event_id: outcome.event_id,
        timed_out: false,
        cause: String::new(),
        cause_code: String::new(),
        attempt,
        failure: None,
        identity: String::new(),
        build_id: String::new(),
        time: time::time_point(outcome.event_time.as_ref()),
    };
    match outcome.attributes.as_ref()? {
        Attributes::WorkflowTaskFailedEventAttributes(failed) => {
            let cause = WorkflowTaskFailedCause::try_from(failed.cause).unwrap_or(WorkflowTaskFailedCause::Unspecified);
            problem.cause_code =
                failures::enum_label(cause.as_str_name(), "WORKFLOW_TASK_FAILED_CAUSE_").replace(' ', "");
            problem.cause = cause_in_words(cause);
            problem.failure = failed.failure.as_ref().map(failures::failure_view);
            problem.identity = failed.identity.clone();
            #[allow(deprecated)]
            let build_id = failed.worker_version.as_ref().map(|stamp| stamp.build_id.clone()).unwrap_or_default();
            #[allow(deprecated)]
            let checksum = failed.binary_checksum.clone();
            problem.build_id = if build_id.is_empty() { checksum } else { build_id };
        }
        Attributes::WorkflowTaskTimedOutEventAttributes(timed_out) => {
            problem.timed_out = true;
            problem.cause = "timeout: a worker took the task but did not answer within its timeout (a worker that \
                             is stuck, overloaded or blocking its event loop)"
                .into();
            // The worker that had the task is on its WorkflowTaskStarted event, just before.
            problem.identity = events[index..]
                .iter()
                .find(|event| event.event_id == timed_out.started_event_id)
                .and_then(|event| match &event.attributes {
                    Some(Attributes::WorkflowTaskStartedEventAttributes(started)) => Some(started.identity.clone()),
                    _ => None,
                })
                .unwrap_or_default();
        }
        _ => return None,
    }
    Some(problem)
}

/// What a `WORKFLOW_TASK_FAILED_CAUSE_*` means for the person whose run is stuck.
pub fn cause_in_words(cause: WorkflowTaskFailedCause) -> String {
    use WorkflowTaskFailedCause as Cause;
    let words = match cause {
        Cause::NonDeterministicError => "non-determinism: the worker's code no longer matches this history",
        Cause::WorkflowWorkerUnhandledFailure => {
            "the workflow code raised an error or panicked while the worker ran the task"
        }
        Cause::UnhandledCommand | Cause::UnhandledUpdate => {
            "new events (a signal or an update) arrived while the worker answered; it tries again with them"
        }
        Cause::ResetWorkflow => "the run was reset here",
        Cause::BadBinary => "the worker's build is marked bad for this namespace",
        Cause::ResetStickyTaskQueue => "the worker's cache for this run was reset",
        Cause::ForceCloseCommand | Cause::FailoverCloseCommand => {
            "Temporal closed the task (a failover or a forced close)"
        }
        Cause::PendingActivitiesLimitExceeded => "too many activities pending at once (the namespace's limit)",
        Cause::PendingChildWorkflowsLimitExceeded => "too many child workflows pending at once (the namespace's limit)",
        Cause::PendingSignalsLimitExceeded => "too many signals pending at once (the namespace's limit)",
        Cause::PendingRequestCancelLimitExceeded => {
            "too many cancellation requests pending at once (the namespace's limit)"
        }
        Cause::PendingNexusOperationsLimitExceeded => {
            "too many Nexus operations pending at once (the namespace's limit)"
        }
        Cause::GrpcMessageTooLarge => "the worker's answer is larger than Temporal accepts (gRPC message size)",
        Cause::BadSignalInputSize => "a signal's input is larger than Temporal accepts",
        Cause::FeatureDisabled => "the workflow used a feature this server or namespace has turned off",
        Cause::ScheduleActivityDuplicateId | Cause::StartTimerDuplicateId => {
            "the workflow reused an activity or timer ID that is still in use"
        }
        Cause::BadSearchAttributes => "the workflow set search attributes that are unknown or of the wrong type",
        Cause::Unspecified => "the worker did not say why",
        other => {
            let name = other.as_str_name().trim_start_matches("WORKFLOW_TASK_FAILED_CAUSE_");
            return format!("the worker sent a command Temporal refused ({})", name.to_lowercase().replace('_', " "));
        }
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::{
        failure::v1::Failure,
        history::v1::{WorkflowTaskFailedEventAttributes, WorkflowTaskScheduledEventAttributes},
    };

    use super::*;

    fn event(event_id: i64, attributes: Attributes) -> HistoryEvent {
        HistoryEvent { event_id, attributes: Some(attributes), ..Default::default() }
    }

    #[test]
    #[allow(deprecated)]
    fn the_newest_failure_is_named_with_its_cause_and_worker() {
        let failed = event(
            9,
            Attributes::WorkflowTaskFailedEventAttributes(WorkflowTaskFailedEventAttributes {
                cause: WorkflowTaskFailedCause::NonDeterministicError as i32,
                failure: Some(Failure {
                    message: "Nondeterminism error: timer vs activity".into(),
                    ..Default::default()
                }),
                identity: "drift-worker-v2".into(),
                binary_checksum: "build-42".into(),
                ..Default::default()
            }),
        );
        let signal_after = event(
            10,
            Attributes::WorkflowTaskScheduledEventAttributes(WorkflowTaskScheduledEventAttributes::default()),
        );
        let problem = from_newest(&[signal_after, failed], 3).expect("a problem");
        assert_eq!(problem.event_id, 9);
        assert_eq!(problem.cause, "non-determinism: the worker's code no longer matches this history");
        assert_eq!(problem.cause_code, "NonDeterministicError");
        assert_eq!(
            (problem.identity.as_str(), problem.build_id.as_str(), problem.attempt),
            ("drift-worker-v2", "build-42", 3)
        );
        assert!(problem.failure.expect("failure").message.contains("timer vs activity"));
    }

    #[test]
    fn a_completed_task_after_a_failure_is_no_problem() {
        let completed = event(12, Attributes::WorkflowTaskCompletedEventAttributes(Default::default()));
        let failed = event(9, Attributes::WorkflowTaskFailedEventAttributes(Default::default()));
        assert!(from_newest(&[completed, failed], 2).is_none());
        assert!(from_newest(&[], 2).is_none());
    }

    #[test]
    fn every_refused_command_gets_a_sentence() {
        let words = cause_in_words(WorkflowTaskFailedCause::BadScheduleActivityAttributes);
        assert_eq!(words, "the worker sent a command Temporal refused (bad schedule activity attributes)");
    }
}
