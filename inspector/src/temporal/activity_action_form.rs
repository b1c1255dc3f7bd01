//! The data of a pending activity's command forms: the run, the activity as it is now, and
//! whether the viewer may act on it.
use super::pending;
use crate::RequestContext;
use model::AppError;
use model::{ACTIVITY_ACTIONS, ActionKind, ActivityActionPage, RunRef};

pub async fn action_page(
    ctx: &RequestContext,
    run: &RunRef,
    activity_id: &str,
    action: &str,
) -> Result<ActivityActionPage, AppError> {
    let (namespace, run_id) = (run.namespace.as_str(), run.run_id.as_str());
    if !ACTIVITY_ACTIONS.contains(&action) {
        return Err(AppError::NotFound(format!("there is no activity command {action:?}")));
    }
    let super::run_context::RunContext { described, header } = super::run_context::load(ctx, run).await?;
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
        refused: ctx.access.check(ActionKind::ActivityCommands, namespace).err(),
        csrf_token: ctx.csrf.token(),
        header,
        action: action.to_string(),
        activity,
        unavailable,
    })
}
