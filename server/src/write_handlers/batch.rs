//! `POST /namespaces/{ns}/batch` starts a batch job over a visibility query; `POST
//! …/batch-operations/{job_id}/stop` stops one (a batch delete needs the delete permission too,
//! a batch on activities the activity-command one). Both pass the same checks as the run actions (the
//! batch's confirmation is the number of runs its dry run counted, typed out) and are audited.
use std::sync::Arc;

use axum::{
    extract::{Path, State},
    response::Response,
};
use inspector::reset_reports::ResetReports;
use inspector::temporal::{
    activity_pauses::{self, ActivityPause},
    batch::{self, BatchAction},
    failure_resets::{self, FailureReset},
    writes::Reapply,
};
use model::{ActionKind, FailureResetPage};

use crate::state::AppState;

use super::{
    guard::{Expected, Refusal},
    response,
    write_request::{WriteForm, WriteRequest},
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct BatchForm {
    csrf: String,
    query: String,
    action: String,
    signal: String,
    input: String,
    exclude_signals: Option<String>,
    activity_type: String,
    reason: String,
    /// The dry run's count, and the same number typed out.
    count: String,
    confirm: String,
}

impl WriteForm for BatchForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
    fn reason(&self) -> &str {
        &self.reason
    }
    fn confirm(&self) -> &str {
        &self.confirm
    }
}

fn action_of(form: &BatchForm) -> Result<BatchAction, Refusal> {
    Ok(match form.action.as_str() {
        "terminate" => BatchAction::Terminate,
        "cancel" => BatchAction::Cancel,
        "signal" => BatchAction::Signal { name: form.signal.clone(), input: form.input.clone() },
        "reset-first" => BatchAction::Reset { to_first: true, exclude_signals: form.exclude_signals.is_some() },
        "reset-last" => BatchAction::Reset { to_first: false, exclude_signals: form.exclude_signals.is_some() },
        "reset-failure" => BatchAction::ResetBeforeFailure { exclude_signals: form.exclude_signals.is_some() },
        "delete" => BatchAction::Delete,
        "pause-activities" => BatchAction::PauseActivities { activity_type: activity_type_of(form)? },
        "unpause-activities" => BatchAction::UnpauseActivities { activity_type: activity_type_of(form)? },
        "reset-activities" => BatchAction::ResetActivities { activity_type: activity_type_of(form)? },
        other => {
            return Err(Refusal::bad_request(format!("Choose what the batch does ({other:?} is not one of them).")));
        }
    })
}

fn activity_type_of(form: &BatchForm) -> Result<String, Refusal> {
    match form.activity_type.trim() {
        "" => Err(Refusal::bad_request(
            "Name the activity type: the batch acts on each run's pending activities of that type.".to_string(),
        )),
        name => Ok(name.to_string()),
    }
}

pub async fn start_batch(
    State(state): State<AppState>,
    Path(namespace): Path<String>,
    mut write: WriteRequest<BatchForm>,
) -> Response {
    let name = format!("batch-{}", write.form.action);
    write.audit_as(&name, (&namespace, "", ""));
    write.audit.query = write.form.query.clone();
    let confirmation = Some((write.form.count.trim(), "the number of runs"));
    let expected = Expected { action: ActionKind::Batch, namespace: &namespace, run_id: "", confirmation };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let action = match action_of(&write.form) {
        Ok(action) => action,
        Err(refusal) => return write.refuse(&refusal),
    };
    // A batch delete needs the delete permission as well as the batch one.
    if action == BatchAction::Delete
        && let Some(refused) = write.refusal(&Expected { action: ActionKind::Delete, ..expected })
    {
        return refused;
    }
    // So do commands on activities, whose own switch may be off while batches are on.
    if action.on_activities()
        && let Some(refused) = write.refusal(&Expected { action: ActionKind::ActivityCommands, ..expected })
    {
        return refused;
    }
    write.audit.detail = format!("{} runs counted by the dry run", write.form.count.trim());
    match action {
        BatchAction::ResetBeforeFailure { exclude_signals } => {
            return reset_before_failures(write, &state.reset_reports, &namespace, exclude_signals).await;
        }
        BatchAction::PauseActivities { activity_type } => {
            return pause_activities(write, &state.reset_reports, &namespace, &activity_type).await;
        }
        _ => {}
    }
    let form = &write.form;
    let started =
        batch::start(&write.client, (&namespace, &form.query), &action, form.reason.trim(), &write.identity).await;
    if let Ok(job_id) = &started {
        write.audit.detail.push_str(&format!(", job {job_id}"));
    }
    write.record(&started);
    match started {
        Ok(job_id) => response::see(&format!("{}?done=start", write.links.batch_job(&namespace, &job_id))),
        Err(error) => response::failed(&error, &write.links.batch(&namespace, &write.form.query)),
    }
}

/// Resets the runs one by one (Temporal's batch cannot choose a point per run), audits the
/// outcome and leads to its report.
async fn reset_before_failures(
    mut write: WriteRequest<BatchForm>,
    reports: &Arc<ResetReports>,
    namespace: &str,
    exclude_signals: bool,
) -> Response {
    let reset = FailureReset {
        namespace,
        query: &write.form.query,
        reason: write.form.reason.trim(),
        identity: &write.identity,
        reapply: Reapply { exclude_signals, exclude_updates: false },
    };
    let done = failure_resets::run(&write.client, reports, &reset).await;
    let result = match &done {
        Ok(report) => {
            write.audit.detail.push_str(&report_detail(report));
            let (_, _, failed) = report.tally();
            if failed == 0 { "ok".into() } else { format!("partly failed: {failed} runs") }
        }
        Err(error) => format!("failed: {error}"),
    };
    write.record_result(result);
    match done {
        Ok(report) => response::see(&write.links.batch_resets(&report.namespace, &report.id)),
        Err(error) => response::failed(&error, &write.links.batch(namespace, &write.form.query)),
    }
}

/// Pauses the activities run by run (Temporal has no batch pause), audits the outcome and leads
/// to its report.
async fn pause_activities(
    mut write: WriteRequest<BatchForm>,
    reports: &Arc<ResetReports>,
    namespace: &str,
    activity_type: &str,
) -> Response {
    write.audit.detail.push_str(&format!(", activity type {activity_type}"));
    let pause = ActivityPause {
        namespace,
        query: &write.form.query,
        activity_type,
        reason: write.form.reason.trim(),
        identity: &write.identity,
    };
    let done = activity_pauses::run(&write.client, reports, &pause).await;
    let result = match &done {
        Ok(report) => {
            let (paused, skipped, failed) = report.tally();
            write
                .audit
                .detail
                .push_str(&format!(", report {}: {paused} paused, {skipped} left alone, {failed} failed", report.id));
            if failed == 0 { "ok".into() } else { format!("partly failed: {failed} runs") }
        }
        Err(error) => format!("failed: {error}"),
    };
    write.record_result(result);
    match done {
        Ok(report) => response::see(&write.links.batch_resets(&report.namespace, &report.id)),
        Err(error) => response::failed(&error, &write.links.batch(namespace, &write.form.query)),
    }
}

/// The report's tally and each new run, for the audit line.
fn report_detail(report: &FailureResetPage) -> String {
    let (reset, skipped, failed) = report.tally();
    let new_runs: Vec<String> = report
        .outcomes
        .iter()
        .filter_map(|outcome| match &outcome.result {
            model::FailureResetResult::Reset { new_run_id, .. } => {
                Some(format!("{}/{}->{new_run_id}", outcome.workflow_id, outcome.run_id))
            }
            _ => None,
        })
        .collect();
    format!(", report {}: {reset} reset, {skipped} left alone, {failed} failed; {}", report.id, new_runs.join(" "))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StopForm {
    csrf: String,
    reason: String,
}

impl WriteForm for StopForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
    fn reason(&self) -> &str {
        &self.reason
    }
}

pub async fn stop_batch(
    Path((namespace, job_id)): Path<(String, String)>,
    mut write: WriteRequest<StopForm>,
) -> Response {
    write.audit_as("batch-stop", (&namespace, "", ""));
    write.audit.detail = format!("job {job_id}");
    let expected = Expected { action: ActionKind::Batch, namespace: &namespace, run_id: "", confirmation: None };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let reason = write.form.reason.trim();
    let stopped = batch::stop(&write.client, (&namespace, &job_id), reason, &write.identity).await;
    write.record(&stopped);
    let page = write.links.batch_job(&namespace, &job_id);
    match stopped {
        Ok(()) => response::see(&format!("{page}?done=stop")),
        Err(error) => response::failed(&error, &page),
    }
}
