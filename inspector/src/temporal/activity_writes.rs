//! Commands on one pending activity of a run (server 1.28+: pause, unpause, reset, update its
//! options). Each names the activity by its ID and carries the acting user's identity.
use prost_wkt_types::{Duration, FieldMask};
use temporalio_protos::protos::temporal::api::{
    activity::v1::ActivityOptions,
    common::v1::{RetryPolicy, WorkflowExecution},
    workflowservice::v1::{
        PauseActivityRequest, ResetActivityRequest, UnpauseActivityRequest, UpdateActivityOptionsRequest,
        pause_activity_request, reset_activity_request, unpause_activity_request, update_activity_options_request,
    },
};

use super::{TemporalClient, writes::Target};
use model::ActionKind;
use model::AppError;

/// New values for an activity's options; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OptionsChange {
    pub start_to_close_seconds: Option<i64>,
    pub schedule_to_close_seconds: Option<i64>,
    pub heartbeat_seconds: Option<i64>,
    pub initial_interval_seconds: Option<i64>,
    pub maximum_interval_seconds: Option<i64>,
    pub backoff_coefficient: Option<f64>,
    /// 0: unlimited.
    pub maximum_attempts: Option<i32>,
}

impl OptionsChange {
    /// The options message and its update mask (the paths Temporal's own CLI sends).
    pub(super) fn request_parts(&self) -> (ActivityOptions, Vec<String>) {
        let seconds = |value: i64| Some(Duration { seconds: value, nanos: 0 });
        let mut options = ActivityOptions::default();
        let mut retry = RetryPolicy::default();
        let mut paths = Vec::new();
        let mut set = |path: &str, given: bool| {
            if given {
                paths.push(path.to_string());
            }
        };
        if let Some(value) = self.start_to_close_seconds {
            options.start_to_close_timeout = seconds(value);
        }
        set("start_to_close_timeout", self.start_to_close_seconds.is_some());
        if let Some(value) = self.schedule_to_close_seconds {
            options.schedule_to_close_timeout = seconds(value);
        }
        set("schedule_to_close_timeout", self.schedule_to_close_seconds.is_some());
        if let Some(value) = self.heartbeat_seconds {
            options.heartbeat_timeout = seconds(value);
        }
        set("heartbeat_timeout", self.heartbeat_seconds.is_some());
        if let Some(value) = self.initial_interval_seconds {
            retry.initial_interval = seconds(value);
        }
        set("retry_policy.initial_interval", self.initial_interval_seconds.is_some());
        if let Some(value) = self.maximum_interval_seconds {
            retry.maximum_interval = seconds(value);
        }
        set("retry_policy.maximum_interval", self.maximum_interval_seconds.is_some());
        if let Some(value) = self.backoff_coefficient {
            retry.backoff_coefficient = value;
        }
        set("retry_policy.backoff_coefficient", self.backoff_coefficient.is_some());
        if let Some(value) = self.maximum_attempts {
            retry.maximum_attempts = value;
        }
        set("retry_policy.maximum_attempts", self.maximum_attempts.is_some());
        options.retry_policy = Some(retry);
        (options, paths)
    }
}

/// One command on a pending activity.
#[derive(Debug, Clone, PartialEq)]
pub enum ActivityCommand {
    Pause { reason: String },
    Unpause { reset_attempts: bool, reset_heartbeat: bool },
    Reset { reset_heartbeat: bool, keep_paused: bool },
    Options(OptionsChange),
}

fn execution(target: &Target<'_>) -> Option<WorkflowExecution> {
    Some(WorkflowExecution { workflow_id: target.workflow_id.into(), run_id: target.run_id.into() })
}

pub async fn run(
    client: &TemporalClient,
    target: &Target<'_>,
    activity_id: &str,
    command: &ActivityCommand,
) -> Result<(), AppError> {
    let service = &mut client.workflow_service();
    let (namespace, identity, id) =
        (target.namespace.to_string(), target.identity.to_string(), activity_id.to_string());
    let result = match command {
        ActivityCommand::Pause { reason } => {
            let message = PauseActivityRequest {
                namespace,
                execution: execution(target),
                identity,
                reason: reason.clone(),
                request_id: uuid::Uuid::new_v4().to_string(),
                activity: Some(pause_activity_request::Activity::Id(id)),
            };
            service.pause_activity(client.request(message)).await.map(drop)
        }
        ActivityCommand::Unpause { reset_attempts, reset_heartbeat } => {
            let message = UnpauseActivityRequest {
                namespace,
                execution: execution(target),
                identity,
                reset_attempts: *reset_attempts,
                reset_heartbeat: *reset_heartbeat,
                activity: Some(unpause_activity_request::Activity::Id(id)),
                ..Default::default()
            };
            service.unpause_activity(client.request(message)).await.map(drop)
        }
        ActivityCommand::Reset { reset_heartbeat, keep_paused } => {
            let message = ResetActivityRequest {
                namespace,
                execution: execution(target),
                identity,
                reset_heartbeat: *reset_heartbeat,
                keep_paused: *keep_paused,
                activity: Some(reset_activity_request::Activity::Id(id)),
                ..Default::default()
            };
            service.reset_activity(client.request(message)).await.map(drop)
        }
        ActivityCommand::Options(change) => {
            let (options, paths) = change.request_parts();
            if paths.is_empty() {
                return Err(AppError::BadRequest("Give at least one new value.".into()));
            }
            let message = UpdateActivityOptionsRequest {
                namespace,
                execution: execution(target),
                identity,
                activity_options: Some(options),
                update_mask: Some(FieldMask { paths }),
                activity: Some(update_activity_options_request::Activity::Id(id)),
                ..Default::default()
            };
            service.update_activity_options(client.request(message)).await.map(drop)
        }
    };
    result.map_err(|status| {
        if super::capabilities::means_unavailable(&status) {
            client.unavailable().remember(ActionKind::ActivityCommands, &status);
        }
        client.error(status, &format!("activity {activity_id:?} of run {}", target.run_id))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_given_options_are_in_the_mask() {
        let change =
            OptionsChange { maximum_attempts: Some(3), start_to_close_seconds: Some(30), ..Default::default() };
        let (options, paths) = change.request_parts();
        assert_eq!(paths, ["start_to_close_timeout", "retry_policy.maximum_attempts"]);
        assert_eq!(options.retry_policy.map(|retry| retry.maximum_attempts), Some(3));
        assert_eq!(options.start_to_close_timeout.map(|timeout| timeout.seconds), Some(30));
        assert!(OptionsChange::default().request_parts().1.is_empty());
    }
}
