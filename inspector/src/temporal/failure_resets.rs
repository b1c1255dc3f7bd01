//! Resetting each run a visibility query matches to its last workflow task before its first
//! failure: the batch the Temporal UI's recovery guide describes but Temporal's batch jobs cannot
//! run, since their reset point is the same for every run. The debugger reads each history from
//! the start up to its first failure and resets that run; the report is kept in the data directory
//! ([`crate::reset_reports`]) for its page.
use std::{ops::ControlFlow, sync::Arc};

use super::{
    TemporalClient,
    history::{self, Direction},
    reset_points::ResetPoints,
    time,
    workflows::{self, ListRequest},
    writes::{self, Reapply, Target},
};
use crate::reset_reports::ResetReports;
use model::AppError;
use model::{FailureResetOutcome, FailureResetPage, FailureResetResult, RunByRunAction, RunRef, WorkflowRow};

/// Most runs one such reset touches; the dry run says so when the query matches more.
pub const MAX_RUNS: usize = model::FAILURE_RESET_MAX_RUNS;

/// What the reset is over and who asks.
pub struct FailureReset<'a> {
    pub namespace: &'a str,
    pub query: &'a str,
    pub reason: &'a str,
    pub identity: &'a str,
    pub reapply: Reapply,
}

/// Resets each matching run (at most [`MAX_RUNS`]) and keeps the report in `reports`; answers it.
pub async fn run(
    client: &TemporalClient,
    reports: &Arc<ResetReports>,
    request: &FailureReset<'_>,
) -> Result<FailureResetPage, AppError> {
    if request.query.trim().is_empty() {
        return Err(AppError::BadRequest(
            "Name the runs with a visibility query: an empty one would be every workflow in the namespace.".into(),
        ));
    }
    let (rows, more_runs) = matching_runs(client, request.namespace, request.query).await?;
    let mut outcomes = Vec::with_capacity(rows.len());
    for row in rows {
        let result = reset_one(client, request, &row).await;
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
        action: RunByRunAction::ResetBeforeFailure,
    };
    keep(reports, report).await
}

/// Keeps `report` in `reports` (on a blocking thread); answers it.
pub(super) async fn keep(reports: &Arc<ResetReports>, report: FailureResetPage) -> Result<FailureResetPage, AppError> {
    let (store, kept) = (reports.clone(), report.clone());
    let written = tokio::task::spawn_blocking(move || store.keep(&kept))
        .await
        .unwrap_or_else(|error| Err(format!("the writing task failed: {error}")));
    match written {
        Ok(()) => Ok(report),
        Err(error) => {
            let (done, skipped, failed) = report.tally();
            Err(AppError::Internal(format!(
                "the changes ran ({done} done, {skipped} left alone, {failed} failed) but their report could not \
                 be kept: {error}"
            )))
        }
    }
}

/// The first [`MAX_RUNS`] runs `query` matches, and whether it matches more.
pub(super) async fn matching_runs(
    client: &TemporalClient,
    namespace: &str,
    query: &str,
) -> Result<(Vec<WorkflowRow>, bool), AppError> {
    let mut rows = Vec::new();
    let mut next_page: Option<String> = None;
    loop {
        let request =
            ListRequest { namespace, query, next_page: next_page.as_deref(), page_size: Some(100), attributes: &[] };
        let (page, next) = workflows::list(client, request).await?;
        rows.extend(page);
        if rows.len() > MAX_RUNS {
            rows.truncate(MAX_RUNS);
            return Ok((rows, true));
        }
        match next {
            Some(token) => next_page = Some(token),
            None => return Ok((rows, false)),
        }
    }
}

async fn reset_one(client: &TemporalClient, request: &FailureReset<'_>, row: &WorkflowRow) -> FailureResetResult {
    let run = RunRef::new(request.namespace, row.workflow_id.as_str(), row.run_id.as_str());
    let mut points = ResetPoints::default();
    let scanned = history::scan(client, &run, Direction::OldestFirst, |event| {
        points.visit(&event);
        if points.first_failure.is_some() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    })
    .await;
    if let Err(error) = scanned {
        return FailureResetResult::Failed(format!("its history could not be read: {error}"));
    }
    let Some(point) = points.first_failure else {
        return FailureResetResult::Skipped(
            "no failure in its history (or none after a completed workflow task)".into(),
        );
    };
    let target = Target {
        namespace: request.namespace,
        workflow_id: &row.workflow_id,
        run_id: &row.run_id,
        identity: request.identity,
    };
    match writes::reset(client, &target, point.event_id, request.reason, request.reapply).await {
        Ok(new_run_id) => FailureResetResult::Reset { event_id: point.event_id, sentence: point.sentence, new_run_id },
        Err(error) => FailureResetResult::Failed(format!("Temporal did not reset it: {error}")),
    }
}
