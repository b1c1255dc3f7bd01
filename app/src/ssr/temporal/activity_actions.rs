//! The data of a pending activity's command forms: the run, the activity as it is now, and
//! whether the viewer may act on it.
use super::{TemporalClient, describe::describe, pending};
use crate::{
    error::AppError,
    model::{ACTIVITY_ACTIONS, ActionKind, ActivityActionPage},
    ssr::access::{Access, CsrfToken},
};

pub async fn action_page(
    client: &TemporalClient,
    (namespace, workflow_id, run_id): (&str, &str, &str),
    activity_id: &str,
    action: &str,
) -> Result<ActivityActionPage, AppError> {
    if !ACTIVITY_ACTIONS.contains(&action) {
        return Err(AppError::NotFound(format!("there is no activity command {action:?}")));
    }
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = super::workflow_task_problem::run_header(client, namespace, &described).await;
    let activity = described
        .pending_activities
        .iter()
        .find(|info| info.activity_id == activity_id)
        .map(pending::activity)
        .ok_or_else(|| {
            AppError::NotFound(format!("run {run_id} has no pending activity {activity_id:?} (it may have completed)"))
        })?;
    let paused = activity.state == "Paused";
    let unavailable = match action {
        "pause" if paused => Some("the activity is already paused".to_string()),
        "unpause" if !paused => Some("the activity is not paused".to_string()),
        _ => None,
    };
    Ok(ActivityActionPage {
        refused: Access::current().check(ActionKind::ActivityCommands, namespace).err(),
        csrf_token: CsrfToken::current(),
        header,
        action: action.to_string(),
        activity,
        unavailable,
    })
}
