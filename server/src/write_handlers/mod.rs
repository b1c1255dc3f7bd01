//! `POST …/{run_id}/actions/{action}`: the writes on one run (signal, cancel, terminate, reset,
//! pause, unpause). Each passes [`guard::check`], runs as the user's identity, writes one audit
//! line whatever the outcome, and answers with a redirect to the page that shows its result.
mod activity;
mod batch;
mod guard;
mod response;
mod schedule;

pub use activity::activity_action;
pub use batch::{start_batch, stop_batch};
pub use schedule::schedule_action;

use axum::{
    extract::{Path, Request, State},
    http::request::Parts,
    response::Response,
};
use guard::{Claimed, Expected, Refusal};
use inspector::{
    access::{Access, CsrfToken},
    temporal::{run_actions::action_of, updates, writes},
};
use model::ActionKind;

use crate::{audit::AuditEntry, state::AppState};

/// The fields an action's form may send; each action reads the ones it needs.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ActionForm {
    csrf: String,
    run_id: String,
    confirm: String,
    reason: String,
    /// Signal name.
    name: String,
    /// Signal input, JSON.
    input: String,
    /// Reset: the workflow task's completed event.
    event_id: String,
    exclude_signals: Option<String>,
    exclude_updates: Option<String>,
    /// Start: the new run's workflow ID, type and task queue (its input is `input`).
    workflow_id: String,
    workflow_type: String,
    task_queue: String,
}

/// What a successful action leads to.
enum Done {
    /// The run's history, where the action's event shows up.
    History,
    /// The new run a reset made.
    NewRun(String),
    /// The run just started.
    Started { workflow_id: String, run_id: String },
    /// The update's form again, showing how it ended (`rejected`: the validator's message).
    Update { update_id: String, rejected: Option<String> },
}

pub async fn run_action(
    State(state): State<AppState>,
    Path((namespace, workflow_id, run_id, slug)): Path<(String, String, String, String)>,
    request: Request,
) -> Response {
    let (parts, form): (Parts, ActionForm) = match read_form(request).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let Some(action) = action_of(&slug) else {
        return response::not_found(&slug);
    };
    let (access, token) = access_of(&parts);
    let mut entry = audit_entry(&state, &parts, &access, (&namespace, &workflow_id, &run_id), &slug);
    entry.reason = form.reason.trim().to_string();
    let claimed = Claimed { csrf: &form.csrf, run_id: &form.run_id, confirm: &form.confirm };
    let expected = Expected {
        action,
        namespace: &namespace,
        run_id: &run_id,
        confirmation: matches!(action, ActionKind::Terminate | ActionKind::Reset)
            .then_some((workflow_id.as_str(), "the workflow ID")),
    };
    if let Err(refusal) = guard::check(&access, token.as_ref(), &claimed, &expected) {
        return refuse(&state, &mut entry, &refusal);
    }
    let identity = access.identity();
    let target =
        writes::Target { namespace: &namespace, workflow_id: &workflow_id, run_id: &run_id, identity: &identity };
    let client = state.cluster.temporal.for_request(&parts);
    let outcome = async {
        let reason = form.reason.trim();
        match slug.as_str() {
            "signal" => {
                entry.detail = format!("signal {:?}", form.name.trim());
                writes::signal(&client, &target, &form.name, &form.input).await.map(|()| Done::History)
            }
            "update" => {
                entry.detail = format!("update {:?}", form.name.trim());
                let (update_id, outcome) = updates::send(&client, &target, &form.name, &form.input).await?;
                entry.detail = format!("update {:?}, id {update_id}", form.name.trim());
                let rejected = match outcome {
                    Some(model::UpdateOutcome::Failed { failure, .. }) => Some(failure.message),
                    _ => None,
                };
                Ok(Done::Update { update_id, rejected })
            }
            "start" => {
                let new = writes::NewWorkflow {
                    workflow_id: &form.workflow_id,
                    workflow_type: &form.workflow_type,
                    task_queue: &form.task_queue,
                    input: &form.input,
                };
                entry.detail = format!("start {:?} as workflow {:?}", new.workflow_type.trim(), new.workflow_id.trim());
                let new_run = writes::start(&client, &target, &new).await?;
                entry.detail.push_str(&format!(", new run {new_run}"));
                Ok(Done::Started { workflow_id: form.workflow_id.trim().to_string(), run_id: new_run })
            }
            "cancel" => writes::request_cancel(&client, &target, reason).await.map(|()| Done::History),
            "terminate" => writes::terminate(&client, &target, reason).await.map(|()| Done::History),
            "pause" | "unpause" => {
                writes::set_paused(&client, &target, slug == "pause", reason).await.map(|()| Done::History)
            }
            "reset" => {
                let event_id: i64 =
                    form.event_id.trim().parse().map_err(|_| {
                        app::error::AppError::BadRequest("Choose the workflow task to reset to.".into())
                    })?;
                let reapply = writes::Reapply {
                    exclude_signals: form.exclude_signals.is_some(),
                    exclude_updates: form.exclude_updates.is_some(),
                };
                entry.detail = format!("to event {event_id}");
                let new_run = writes::reset(&client, &target, event_id, reason, reapply).await?;
                entry.detail = format!("to event {event_id}, new run {new_run}");
                Ok(Done::NewRun(new_run))
            }
            _ => Err(app::error::AppError::NotFound(format!("there is no run action {slug:?}"))),
        }
    }
    .await;
    record_outcome(&state, &mut entry, &outcome);
    let links = state.cluster.links();
    match outcome {
        Ok(Done::History) => response::see_history(&links, &namespace, &workflow_id, &run_id, &slug),
        Ok(Done::NewRun(new_run)) => response::see_history(&links, &namespace, &workflow_id, &new_run, &slug),
        Ok(Done::Started { workflow_id: new_id, run_id: new_run }) => {
            response::see_history(&links, &namespace, &new_id, &new_run, &slug)
        }
        Ok(Done::Update { update_id, rejected }) => {
            response::see_update(&links.run_action(&namespace, &workflow_id, &run_id, &slug), &update_id, rejected)
        }
        Err(error) => response::failed(&error, &links.run_action(&namespace, &workflow_id, &run_id, &slug)),
    }
}

/// A write's form (URL-encoded, at most 64 KB) and the request it came with.
async fn read_form<T: serde::de::DeserializeOwned + Default>(request: Request) -> Result<(Parts, T), Response> {
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(bytes) => Ok((parts, serde_urlencoded::from_bytes(&bytes).unwrap_or_default())),
        Err(_) => Err(response::refused(&Refusal::bad_request("The form is too large."))),
    }
}

/// The request's access and CSRF token, as the access layer set them (read-only without one).
fn access_of(parts: &Parts) -> (Access, Option<CsrfToken>) {
    let access = parts.extensions.get::<Access>().cloned().unwrap_or_else(Access::read_only);
    (access, parts.extensions.get::<CsrfToken>().cloned())
}

/// Writes a write's outcome into its audit line ("ok" or "failed: …") and records the line. The
/// read cache forgets the workflow (the namespace's runs for a batch): whoever wrote sees the
/// change on the next page, not up to a minute later. A failed write may have been applied too.
fn record_outcome<T>(state: &AppState, entry: &mut AuditEntry, outcome: &Result<T, app::error::AppError>) {
    state.cluster.temporal.read_cache().forget(&entry.namespace, &entry.workflow_id);
    entry.result = match outcome {
        Ok(_) => "ok".into(),
        Err(error) => format!("failed: {error}"),
    };
    state.audit.record(entry);
}

/// A refused write: its audit line, and the answer saying why.
fn refuse(state: &AppState, entry: &mut AuditEntry, refusal: &Refusal) -> Response {
    entry.result = format!("refused: {}", refusal.message);
    state.audit.record(entry);
    response::refused(refusal)
}

/// The audit line of a write on a run, its result still to fill in.
fn audit_entry(
    state: &AppState,
    parts: &Parts,
    access: &Access,
    (namespace, workflow_id, run_id): (&str, &str, &str),
    action: &str,
) -> AuditEntry {
    AuditEntry {
        time: chrono_now(),
        user: access.identity(),
        action: action.to_string(),
        cluster: state.cluster.temporal.cluster().to_string(),
        namespace: namespace.to_string(),
        workflow_id: workflow_id.to_string(),
        run_id: run_id.to_string(),
        query: String::new(),
        reason: String::new(),
        detail: String::new(),
        result: String::new(),
        request_id: parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_string(),
    }
}

fn chrono_now() -> String {
    inspector::temporal::time::now().map(|now| now.iso).unwrap_or_default()
}
