//! Pausing the pending activities of one type in each run a visibility query matches: Temporal's
//! batch jobs can unpause and reset activities but not pause them, so the debugger pauses run by
//! run (PauseActivity by type) and keeps a report like the reset-before-failure one
//! ([`super::failure_resets`]), shown on the same page.
use std::sync::Arc;

use temporalio_protos::protos::temporal::api::{
    common::v1::WorkflowExecution,
    workflowservice::v1::{PauseActivityRequest, pause_activity_request},
};

use super::{TemporalClient, describe, failure_resets, time};
use crate::reset_reports::ResetReports;
use model::{AppError, FailureResetOutcome, FailureResetPage, FailureResetResult, RunByRunAction, WorkflowRow};

/// What the pause is over and who asks.
pub struct ActivityPause<'a> {
    pub namespace: &'a str,
    pub query: &'a str,
    pub activity_type: &'a str,
    pub reason: &'a str,
    pub identity: &'a str,
}

/// Pauses the activities in each matching run (at most [`failure_resets::MAX_RUNS`]) and keeps
/// the report in `reports`; answers it.
pub async fn run(
    client: &TemporalClient,
    reports: &Arc<ResetReports>,
    request: &ActivityPause<'_>,
) -> Result<FailureResetPage, AppError> {
    if request.query.trim().is_empty() {
        return Err(AppError::BadRequest(
            "Name the runs with a visibility query: an empty one would be every workflow in the namespace.".into(),
        ));
    }
    if request.activity_type.trim().is_empty() {
        return Err(AppError::BadRequest("Name the activity type whose pending activities to pause.".into()));
    }
    let (rows, more_runs) = failure_resets::matching_runs(client, request.namespace, request.query).await?;
    let mut outcomes = Vec::with_capacity(rows.len());
    for row in rows {
        let result = pause_one(client, request, &row).await;
        outcomes.push(FailureResetOutcome { workflow_id: row.workflow_id, run_id: row.run_id, result });
    }
    let report = FailureResetPage {
        namespace: request.namespace.into(),
        id: uuid::Uuid::new_v4().simple().to_string(),
        query: request.query.into(),
        reason: request.reason.into(),
        identity: request.identity.into(),
        time: time::now(),
        outcomes,
        more_runs,
        action: RunByRunAction::PauseActivities { activity_type: request.activity_type.trim().into() },
    };
    failure_resets::keep(reports, report).await
}

/// Looks at the run's pending activities first, so a run without one of the type (or with all of
/// them paused already) is reported as left alone rather than as Temporal's refusal.
async fn pause_one(client: &TemporalClient, request: &ActivityPause<'_>, row: &WorkflowRow) -> FailureResetResult {
    let activity_type = request.activity_type.trim();
    let described = match describe::describe(client, request.namespace, &row.workflow_id, &row.run_id).await {
        Ok(described) => described,
        Err(error) => return FailureResetResult::Failed(format!("it could not be described: {error}")),
    };
    let of_type: Vec<bool> = described
        .pending_activities
        .iter()
        .filter(|activity| activity.activity_type.as_ref().is_some_and(|kind| kind.name == activity_type))
        .map(|activity| activity.paused)
        .collect();
    if of_type.is_empty() {
        return FailureResetResult::Skipped(format!("no pending {activity_type} activity"));
    }
    let unpaused = of_type.iter().filter(|paused| !**paused).count();
    if unpaused == 0 {
        return FailureResetResult::Skipped(format!("its {activity_type} activities are paused already"));
    }
    let message = PauseActivityRequest {
        namespace: request.namespace.into(),
        execution: Some(WorkflowExecution { workflow_id: row.workflow_id.clone(), run_id: row.run_id.clone() }),
        identity: request.identity.into(),
        reason: request.reason.into(),
        request_id: uuid::Uuid::new_v4().to_string(),
        activity: Some(pause_activity_request::Activity::Type(activity_type.into())),
    };
    match client.workflow_service().pause_activity(client.request(message)).await {
        Ok(_) => FailureResetResult::Paused { activities: unpaused },
        Err(status) => {
            let error = client.error(status, &format!("run {} of workflow {:?}", row.run_id, row.workflow_id));
            FailureResetResult::Failed(format!("Temporal did not pause it: {error}"))
        }
    }
}
