//! Commands on one standalone activity's run: pause, unpause, reset, new options (the
//! `…ActivityExecution` calls, which name an activity without a workflow: the older PauseActivity
//! and its kin answer "WorkflowId is not set on request"), request cancellation and terminate.
//! They follow the activity commands' permission and carry the acting user's identity.
use prost_wkt_types::FieldMask;
use temporalio_protos::protos::temporal::api::workflowservice::v1::{
    PauseActivityExecutionRequest, RequestCancelActivityExecutionRequest, ResetActivityExecutionRequest,
    TerminateActivityExecutionRequest, UnpauseActivityExecutionRequest, UpdateActivityExecutionOptionsRequest,
};

use super::{TemporalClient, activity_writes::OptionsChange, capabilities::means_unavailable, standalone_activities};
use crate::RequestContext;
use model::{ActionKind, AppError, STANDALONE_ACTIVITY_ACTIONS, StandaloneActivityActionPage};

/// One command on a standalone activity.
#[derive(Debug, Clone, PartialEq)]
pub enum StandaloneCommand {
    Pause { reason: String },
    Unpause { reason: String },
    Reset { reset_heartbeat: bool, keep_paused: bool },
    Options(OptionsChange),
    Cancel { reason: String },
    Terminate { reason: String },
}

/// Which activity run, and who acts.
pub struct StandaloneTarget<'a> {
    pub namespace: &'a str,
    pub activity_id: &'a str,
    pub run_id: &'a str,
    pub identity: &'a str,
}

pub async fn run(
    client: &TemporalClient,
    target: &StandaloneTarget<'_>,
    command: &StandaloneCommand,
) -> Result<(), AppError> {
    let service = &mut client.workflow_service();
    let namespace = target.namespace.to_string();
    let (activity_id, run_id) = (target.activity_id.to_string(), target.run_id.to_string());
    let identity = target.identity.to_string();
    let request_id = uuid::Uuid::new_v4().to_string();
    let result = match command {
        StandaloneCommand::Pause { reason } => {
            let message = PauseActivityExecutionRequest {
                namespace,
                activity_id,
                run_id,
                identity,
                reason: reason.clone(),
                request_id,
                ..Default::default()
            };
            service.pause_activity_execution(client.request(message)).await.map(drop)
        }
        StandaloneCommand::Unpause { reason } => {
            let message = UnpauseActivityExecutionRequest {
                namespace,
                activity_id,
                run_id,
                identity,
                reason: reason.clone(),
                request_id,
                ..Default::default()
            };
            service.unpause_activity_execution(client.request(message)).await.map(drop)
        }
        StandaloneCommand::Reset { reset_heartbeat, keep_paused } => {
            let message = ResetActivityExecutionRequest {
                namespace,
                activity_id,
                run_id,
                identity,
                keep_paused: *keep_paused,
                reset_heartbeat: *reset_heartbeat,
                request_id,
                ..Default::default()
            };
            service.reset_activity_execution(client.request(message)).await.map(drop)
        }
        StandaloneCommand::Options(change) => {
            let (options, paths) = change.request_parts();
            if paths.is_empty() {
                return Err(AppError::BadRequest("Give at least one new value.".into()));
            }
            let message = UpdateActivityExecutionOptionsRequest {
                namespace,
                activity_id,
                run_id,
                identity,
                activity_options: Some(options),
                update_mask: Some(FieldMask { paths }),
                request_id,
                ..Default::default()
            };
            service.update_activity_execution_options(client.request(message)).await.map(drop)
        }
        StandaloneCommand::Cancel { reason } => {
            let message = RequestCancelActivityExecutionRequest {
                namespace,
                activity_id,
                run_id,
                identity,
                request_id,
                reason: reason.clone(),
            };
            service.request_cancel_activity_execution(client.request(message)).await.map(drop)
        }
        StandaloneCommand::Terminate { reason } => {
            let message = TerminateActivityExecutionRequest {
                namespace,
                activity_id,
                run_id,
                identity,
                request_id,
                reason: reason.clone(),
            };
            service.terminate_activity_execution(client.request(message)).await.map(drop)
        }
    };
    result.map_err(|status| {
        if means_unavailable(&status) {
            // Not remembered for the cluster: the workflow activities' commands are other calls.
            return AppError::BadRequest(format!(
                "This cluster does not offer this command on standalone activities (Temporal answered: {}).",
                status.message()
            ));
        }
        client.error(status, &format!("standalone activity {:?} (run {})", target.activity_id, target.run_id))
    })
}

/// The form of `action` on one standalone activity's run: the activity as it is now, and whether
/// the viewer may act and the activity can take it.
pub async fn action_page(
    ctx: &RequestContext,
    namespace: &str,
    (activity_id, run_id): (&str, &str),
    action: &str,
) -> Result<StandaloneActivityActionPage, AppError> {
    if !STANDALONE_ACTIVITY_ACTIONS.contains(&action) {
        return Err(AppError::NotFound(format!("there is no standalone activity command {action:?}")));
    }
    let activity = standalone_activities::activity_page(ctx, namespace, activity_id, run_id).await?;
    let unavailable = if !activity.is_open() {
        Some(format!("the activity is closed ({})", activity.status))
    } else if !activity.offered_actions().contains(&action) {
        Some(
            if action == "pause" { "the activity is already paused" } else { "the activity is not paused" }.to_string(),
        )
    } else {
        None
    };
    Ok(StandaloneActivityActionPage {
        refused: ctx.access.check(ActionKind::ActivityCommands, namespace).err(),
        csrf_token: ctx.csrf.token(),
        action: action.to_string(),
        activity,
        unavailable,
    })
}
