//! `POST …/{run_id}/activities/{activity_id}/actions/{action}`: pause, unpause, reset or change
//! the options of one pending activity, or complete or fail it by its ID (the activity ID typed
//! out to confirm), behind the same checks and audit line as the run's own actions.
use axum::{extract::Path, response::Response};
use inspector::temporal::{
    activity_completion::{self, Completion},
    activity_writes::{self, ActivityCommand, OptionsChange},
    writes,
};
use model::{ACTIVITY_ACTIONS, ActionKind, AppError, ends_activity};

use super::{
    guard::{Expected, Refusal},
    response,
    write_request::{WriteForm, WriteRequest},
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ActivityForm {
    csrf: String,
    run_id: String,
    reason: String,
    reset_attempts: Option<String>,
    reset_heartbeat: Option<String>,
    keep_paused: Option<String>,
    maximum_attempts: String,
    initial_interval: String,
    maximum_interval: String,
    backoff_coefficient: String,
    start_to_close: String,
    schedule_to_close: String,
    heartbeat: String,
    /// Complete: the result, JSON.
    result: String,
    /// Fail: the failure's message, and whether Temporal may retry the activity.
    message: String,
    non_retryable: Option<String>,
    /// Complete and fail: the activity ID typed out.
    confirm: String,
}

impl WriteForm for ActivityForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
    fn reason(&self) -> &str {
        &self.reason
    }
    fn run_id(&self) -> &str {
        &self.run_id
    }
    fn confirm(&self) -> &str {
        &self.confirm
    }
}

/// An optional number field: empty keeps the value.
pub(super) fn number<T: std::str::FromStr>(text: &str, what: &str) -> Result<Option<T>, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| Refusal::bad_request(format!("{what} must be a number, not {text:?}: nothing was done.")))
}

fn command(action: &str, form: &ActivityForm) -> Result<ActivityCommand, Refusal> {
    Ok(match action {
        "pause" => ActivityCommand::Pause { reason: form.reason.trim().to_string() },
        "unpause" => ActivityCommand::Unpause {
            reset_attempts: form.reset_attempts.is_some(),
            reset_heartbeat: form.reset_heartbeat.is_some(),
        },
        "reset" => ActivityCommand::Reset {
            reset_heartbeat: form.reset_heartbeat.is_some(),
            keep_paused: form.keep_paused.is_some(),
        },
        _ => ActivityCommand::Options(OptionsChange {
            maximum_attempts: number(&form.maximum_attempts, "Maximum attempts")?,
            initial_interval_seconds: number(&form.initial_interval, "The initial retry interval")?,
            maximum_interval_seconds: number(&form.maximum_interval, "The maximum retry interval")?,
            backoff_coefficient: number(&form.backoff_coefficient, "The backoff coefficient")?,
            start_to_close_seconds: number(&form.start_to_close, "The start-to-close timeout")?,
            schedule_to_close_seconds: number(&form.schedule_to_close, "The schedule-to-close timeout")?,
            heartbeat_seconds: number(&form.heartbeat, "The heartbeat timeout")?,
        }),
    })
}

/// Complete with the form's result, or fail with its message; a result that is not JSON is
/// refused here, before anything reaches Temporal.
fn completion(action: &str, form: &ActivityForm) -> Result<Completion, Refusal> {
    let checked = match action {
        "complete" => Completion::complete(&form.result),
        _ => Completion::fail(&form.message, form.non_retryable.is_some()),
    };
    checked.map_err(|error| match error {
        AppError::BadRequest(message) => Refusal::bad_request(message),
        other => Refusal::bad_request(other.to_string()),
    })
}

pub async fn activity_action(
    Path((namespace, workflow_id, run_id, activity_id, action)): Path<(String, String, String, String, String)>,
    mut write: WriteRequest<ActivityForm>,
) -> Response {
    if !ACTIVITY_ACTIONS.contains(&action.as_str()) {
        return response::not_found(&action);
    }
    write.audit_as(&format!("activity-{action}"), (&namespace, &workflow_id, &run_id));
    write.audit.detail = format!("activity {activity_id:?}");
    let confirmation = ends_activity(&action).then_some((activity_id.as_str(), "the activity ID"));
    let expected =
        Expected { action: ActionKind::ActivityCommands, namespace: &namespace, run_id: &run_id, confirmation };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let target =
        writes::Target { namespace: &namespace, workflow_id: &workflow_id, run_id: &run_id, identity: &write.identity };
    let outcome = if ends_activity(&action) {
        let completion = match completion(&action, &write.form) {
            Ok(completion) => completion,
            Err(refusal) => return write.refuse(&refusal),
        };
        if let Completion::Fail { message, non_retryable } = &completion {
            write.audit.detail = format!("activity {activity_id:?}: {message:?}, non-retryable {non_retryable}");
        }
        activity_completion::respond(&write.client, &target, &activity_id, &completion).await
    } else {
        let command = match command(&action, &write.form) {
            Ok(command) => command,
            Err(refusal) => return write.refuse(&refusal),
        };
        if let ActivityCommand::Options(change) = &command {
            write.audit.detail = format!("activity {activity_id:?}: {change:?}");
        }
        activity_writes::run(&write.client, &target, &activity_id, &command).await
    };
    write.record(&outcome);
    let links = &write.links;
    match outcome {
        Ok(()) => {
            let tab = links.run_tab(&namespace, &workflow_id, &run_id, "pending-activities");
            response::see(&format!("{tab}?done=activity-{action}"))
        }
        Err(error) => {
            response::failed(&error, &links.activity_action(&namespace, &workflow_id, &run_id, &activity_id, &action))
        }
    }
}
