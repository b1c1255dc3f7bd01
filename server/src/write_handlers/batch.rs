//! `POST /namespaces/{ns}/batch` starts a batch job over a visibility query; `POST
//! …/batch-operations/{job_id}/stop` stops one. Both pass the same checks as the run actions (the
//! batch's confirmation is the number of runs its dry run counted, typed out) and are audited.
use axum::{
    extract::{Path, Request, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use inspector::{
    TemporalClient,
    temporal::{
        batch::{self, BatchAction},
        failure_resets::{self, FailureReset},
        writes::Reapply,
    },
};
use model::ActionKind;

use super::{
    access_of, audit_entry,
    guard::{self, Claimed, Expected, Refusal},
    read_form, record_outcome, refuse, response,
};
use crate::state::AppState;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct BatchForm {
    csrf: String,
    query: String,
    action: String,
    signal: String,
    input: String,
    exclude_signals: Option<String>,
    reason: String,
    /// The dry run's count, and the same number typed out.
    count: String,
    confirm: String,
}

fn action_of(form: &BatchForm) -> Result<BatchAction, Refusal> {
    Ok(match form.action.as_str() {
        "terminate" => BatchAction::Terminate,
        "cancel" => BatchAction::Cancel,
        "signal" => BatchAction::Signal { name: form.signal.clone(), input: form.input.clone() },
        "reset-first" => BatchAction::Reset { to_first: true, exclude_signals: form.exclude_signals.is_some() },
        "reset-last" => BatchAction::Reset { to_first: false, exclude_signals: form.exclude_signals.is_some() },
        "reset-failure" => BatchAction::ResetBeforeFailure { exclude_signals: form.exclude_signals.is_some() },
        other => {
            return Err(Refusal::bad_request(format!("Choose what the batch does ({other:?} is not one of them).")));
        }
    })
}

pub async fn start_batch(State(state): State<AppState>, Path(namespace): Path<String>, request: Request) -> Response {
    let (parts, form): (Parts, BatchForm) = match read_form(request).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let (access, token) = access_of(&parts);
    let mut entry = audit_entry(&state, &parts, &access, (&namespace, "", ""), &format!("batch-{}", form.action));
    entry.query = form.query.clone();
    entry.reason = form.reason.trim().to_string();
    let claimed = Claimed { csrf: &form.csrf, run_id: "", confirm: &form.confirm };
    let expected = Expected {
        action: ActionKind::Batch,
        namespace: &namespace,
        run_id: "",
        confirmation: Some((form.count.trim(), "the number of runs")),
    };
    let checked = guard::check(&access, token.as_ref(), &claimed, &expected).and_then(|()| action_of(&form));
    let action = match checked {
        Ok(action) => action,
        Err(refusal) => return refuse(&state, &mut entry, &refusal),
    };
    entry.detail = format!("{} runs counted by the dry run", form.count.trim());
    let identity = access.identity();
    let client = state.cluster.temporal.for_request(&parts);
    let reason = form.reason.trim();
    if let BatchAction::ResetBeforeFailure { exclude_signals } = action {
        let reset = FailureReset {
            namespace: &namespace,
            query: &form.query,
            reason,
            identity: &identity,
            reapply: Reapply { exclude_signals, exclude_updates: false },
        };
        return reset_before_failures(&state, &client, entry, &reset).await;
    }
    let started = batch::start(&client, (&namespace, &form.query), &action, reason, &identity).await;
    if let Ok(job_id) = &started {
        entry.detail.push_str(&format!(", job {job_id}"));
    }
    record_outcome(&state, &mut entry, &started);
    let links = state.cluster.links();
    match started {
        Ok(job_id) => Redirect::to(&format!("{}?done=start", links.batch_job(&namespace, &job_id))).into_response(),
        Err(error) => response::failed(&error, &links.batch(&namespace, &form.query)),
    }
}

/// Resets the runs one by one (Temporal's batch cannot choose a point per run), audits the
/// outcome and leads to its report.
async fn reset_before_failures(
    state: &AppState,
    client: &TemporalClient,
    mut entry: crate::audit::AuditEntry,
    reset: &FailureReset<'_>,
) -> Response {
    let done = failure_resets::run(client, reset).await;
    entry.result = match &done {
        Ok(report) => {
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
            entry.detail.push_str(&format!(
                ", report {}: {reset} reset, {skipped} left alone, {failed} failed; {}",
                report.id,
                new_runs.join(" ")
            ));
            if failed == 0 { "ok".into() } else { format!("partly failed: {failed} runs") }
        }
        Err(error) => format!("failed: {error}"),
    };
    state.cluster.temporal.read_cache().forget(&entry.namespace, "");
    state.audit.record(&entry);
    let links = state.cluster.links();
    match done {
        Ok(report) => Redirect::to(&links.batch_resets(&report.namespace, &report.id)).into_response(),
        Err(error) => response::failed(&error, &links.batch(reset.namespace, reset.query)),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StopForm {
    csrf: String,
    reason: String,
}

pub async fn stop_batch(
    State(state): State<AppState>,
    Path((namespace, job_id)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (parts, form): (Parts, StopForm) = match read_form(request).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let (access, token) = access_of(&parts);
    let mut entry = audit_entry(&state, &parts, &access, (&namespace, "", ""), "batch-stop");
    entry.detail = format!("job {job_id}");
    entry.reason = form.reason.trim().to_string();
    let claimed = Claimed { csrf: &form.csrf, run_id: "", confirm: "" };
    let expected = Expected { action: ActionKind::Batch, namespace: &namespace, run_id: "", confirmation: None };
    if let Err(refusal) = guard::check(&access, token.as_ref(), &claimed, &expected) {
        return refuse(&state, &mut entry, &refusal);
    }
    let identity = access.identity();
    let client = state.cluster.temporal.for_request(&parts);
    let stopped = batch::stop(&client, (&namespace, &job_id), entry.reason.as_str(), &identity).await;
    record_outcome(&state, &mut entry, &stopped);
    let page = state.cluster.links().batch_job(&namespace, &job_id);
    match stopped {
        Ok(()) => Redirect::to(&format!("{page}?done=stop")).into_response(),
        Err(error) => response::failed(&error, &page),
    }
}
