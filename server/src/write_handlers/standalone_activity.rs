//! `POST /namespaces/{ns}/activities/{activity_id}/{run_id}/actions/{action}`: pause, unpause,
//! reset, change the options of, request the cancellation of or terminate one standalone
//! activity's run, under the activity commands' permission, with the same checks and audit line
//! as the run's actions (terminating needs the activity ID typed out).
use axum::{extract::Path, response::Response};
use inspector::temporal::{
    activity_writes::OptionsChange,
    standalone_activity_writes::{self, StandaloneCommand, StandaloneTarget},
};
use model::{ActionKind, STANDALONE_ACTIVITY_ACTIONS};

use super::{
    activity::number,
    guard::{Expected, Refusal},
    response,
    write_request::{WriteForm, WriteRequest},
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StandaloneActivityForm {
    csrf: String,
    run_id: String,
    reason: String,
    confirm: String,
    reset_heartbeat: Option<String>,
    keep_paused: Option<String>,
    maximum_attempts: String,
    initial_interval: String,
    maximum_interval: String,
    backoff_coefficient: String,
    start_to_close: String,
    schedule_to_close: String,
    heartbeat: String,
}

impl WriteForm for StandaloneActivityForm {
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

fn command(action: &str, form: &StandaloneActivityForm) -> Result<StandaloneCommand, Refusal> {
    let reason = form.reason.trim().to_string();
    Ok(match action {
        "pause" => StandaloneCommand::Pause { reason },
        "unpause" => StandaloneCommand::Unpause { reason },
        "cancel" => StandaloneCommand::Cancel { reason },
        "terminate" => StandaloneCommand::Terminate { reason },
        "reset" => StandaloneCommand::Reset {
            reset_heartbeat: form.reset_heartbeat.is_some(),
            keep_paused: form.keep_paused.is_some(),
        },
        _ => StandaloneCommand::Options(OptionsChange {
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

pub async fn standalone_activity_action(
    Path((namespace, activity_id, run_id, action)): Path<(String, String, String, String)>,
    mut write: WriteRequest<StandaloneActivityForm>,
) -> Response {
    if !STANDALONE_ACTIVITY_ACTIONS.contains(&action.as_str()) {
        return response::not_found(&action);
    }
    // No workflow: the audit line's workflow ID stays empty, the activity is in its detail.
    write.audit_as(&format!("standalone-activity-{action}"), (&namespace, "", &run_id));
    write.audit.detail = format!("standalone activity {activity_id:?}");
    let confirmation = (action == "terminate").then_some((activity_id.as_str(), "the activity ID"));
    let expected =
        Expected { action: ActionKind::ActivityCommands, namespace: &namespace, run_id: &run_id, confirmation };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let command = match command(&action, &write.form) {
        Ok(command) => command,
        Err(refusal) => return write.refuse(&refusal),
    };
    if let StandaloneCommand::Options(change) = &command {
        write.audit.detail = format!("standalone activity {activity_id:?}: {change:?}");
    }
    let target = StandaloneTarget {
        namespace: &namespace,
        activity_id: &activity_id,
        run_id: &run_id,
        identity: &write.identity,
    };
    let outcome = standalone_activity_writes::run(&write.client, &target, &command).await;
    write.record(&outcome);
    let links = &write.links;
    match outcome {
        Ok(()) => {
            let page = links.standalone_activity(&namespace, &activity_id, &run_id);
            response::see(&format!("{page}?done=activity-{action}"))
        }
        Err(error) => {
            response::failed(&error, &links.standalone_activity_action(&namespace, &activity_id, &run_id, &action))
        }
    }
}
