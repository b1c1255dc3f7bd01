//! `POST …/{run_id}/actions/{action}`: the writes on one run (signal, update, start another,
//! cancel, terminate, pause, unpause, reset, versioning override, delete). Each leads to the page
//! that shows its result: the run's history (with its summary), the new run, the update's form with how it
//! ended, or the workflow list after a delete.
use axum::{extract::Path, response::Response};
use inspector::temporal::{
    run_action_form::action_of,
    updates,
    versioning_override::{self, OverrideChoice},
    writes,
};
use model::{ActionKind, AppError, PageLinks};

use super::{
    guard::Expected,
    response,
    write_request::{WriteForm, WriteRequest},
};

/// The fields an action's form may send; each action reads the ones it needs.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ActionForm {
    csrf: String,
    run_id: String,
    confirm: String,
    reason: String,
    /// Signal or update name.
    name: String,
    /// Signal, update or start input, JSON.
    input: String,
    /// Reset: the workflow task's completed event.
    event_id: String,
    exclude_signals: Option<String>,
    exclude_updates: Option<String>,
    /// Start: the new run's workflow ID, type and task queue.
    workflow_id: String,
    workflow_type: String,
    task_queue: String,
    /// Versioning override: `pinned`, `auto-upgrade` or `remove`, and the pinned version.
    r#override: String,
    deployment_name: String,
    build_id: String,
}

impl WriteForm for ActionForm {
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

type Write = WriteRequest<ActionForm>;

/// The run and the action the URL names.
struct RunAction {
    namespace: String,
    workflow_id: String,
    run_id: String,
    slug: String,
}

impl RunAction {
    fn target<'a>(&'a self, identity: &'a str) -> writes::Target<'a> {
        writes::Target { namespace: &self.namespace, workflow_id: &self.workflow_id, run_id: &self.run_id, identity }
    }

    /// The action's form: where a failure or an update's outcome is shown.
    fn form_page(&self, links: &PageLinks) -> String {
        links.run_action(&self.namespace, &self.workflow_id, &self.run_id, &self.slug)
    }
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
    /// The workflow list: the run is gone.
    Deleted,
}

pub async fn run_action(
    Path((namespace, workflow_id, run_id, slug)): Path<(String, String, String, String)>,
    mut write: Write,
) -> Response {
    let Some(action) = action_of(&slug) else {
        return response::not_found(&slug);
    };
    let run = RunAction { namespace, workflow_id, run_id, slug };
    write.audit_as(&run.slug, (&run.namespace, &run.workflow_id, &run.run_id));
    // Destructive actions ask for the workflow ID typed out.
    let confirmation = matches!(action, ActionKind::Terminate | ActionKind::Reset | ActionKind::Delete)
        .then_some((run.workflow_id.as_str(), "the workflow ID"));
    let expected = Expected { action, namespace: &run.namespace, run_id: &run.run_id, confirmation };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let outcome = match run.slug.as_str() {
        "signal" => signal(&mut write, &run).await,
        "update" => update(&mut write, &run).await,
        "start" => start(&mut write, &run).await,
        "reset" => reset(&mut write, &run).await,
        "versioning" => versioning(&mut write, &run).await,
        "delete" => writes::delete(&write.client, &run.target(&write.identity)).await.map(|()| Done::Deleted),
        _ => plain(&write, &run).await,
    };
    write.record(&outcome);
    answer(&write.links, &run, outcome)
}

async fn signal(write: &mut Write, run: &RunAction) -> Result<Done, AppError> {
    let form = &write.form;
    write.audit.detail = format!("signal {:?}", form.name.trim());
    writes::signal(&write.client, &run.target(&write.identity), &form.name, &form.input).await.map(|()| Done::History)
}

async fn update(write: &mut Write, run: &RunAction) -> Result<Done, AppError> {
    let form = &write.form;
    write.audit.detail = format!("update {:?}", form.name.trim());
    let (update_id, outcome) =
        updates::send(&write.client, &run.target(&write.identity), &form.name, &form.input).await?;
    write.audit.detail = format!("update {:?}, id {update_id}", form.name.trim());
    let rejected = match outcome {
        Some(model::UpdateOutcome::Failed { failure, .. }) => Some(failure.message),
        _ => None,
    };
    Ok(Done::Update { update_id, rejected })
}

/// Another run like this one, with the form's edits.
async fn start(write: &mut Write, run: &RunAction) -> Result<Done, AppError> {
    let form = &write.form;
    let new = writes::NewWorkflow {
        workflow_id: &form.workflow_id,
        workflow_type: &form.workflow_type,
        task_queue: &form.task_queue,
        input: &form.input,
    };
    write.audit.detail = format!("start {:?} as workflow {:?}", new.workflow_type.trim(), new.workflow_id.trim());
    let new_run = writes::start(&write.client, &run.target(&write.identity), &new).await?;
    write.audit.detail.push_str(&format!(", new run {new_run}"));
    Ok(Done::Started { workflow_id: form.workflow_id.trim().to_string(), run_id: new_run })
}

async fn reset(write: &mut Write, run: &RunAction) -> Result<Done, AppError> {
    let form = &write.form;
    let event_id: i64 = form
        .event_id
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("Choose the workflow task to reset to.".into()))?;
    let reapply = writes::Reapply {
        exclude_signals: form.exclude_signals.is_some(),
        exclude_updates: form.exclude_updates.is_some(),
    };
    write.audit.detail = format!("to event {event_id}");
    let target = run.target(&write.identity);
    let new_run = writes::reset(&write.client, &target, event_id, form.reason.trim(), reapply).await?;
    write.audit.detail = format!("to event {event_id}, new run {new_run}");
    Ok(Done::NewRun(new_run))
}

/// Pins the run to a version, makes it auto-upgrade, or removes its override.
async fn versioning(write: &mut Write, run: &RunAction) -> Result<Done, AppError> {
    let form = &write.form;
    let choice = OverrideChoice::from_form(form.r#override.trim(), &form.deployment_name, &form.build_id)?;
    write.audit.detail = format!("versioning override {}", choice.words());
    versioning_override::set(&write.client, &run.target(&write.identity), &choice).await.map(|()| Done::History)
}

/// Cancel, terminate, pause and unpause: the reason is all they take.
async fn plain(write: &Write, run: &RunAction) -> Result<Done, AppError> {
    let (client, target, reason) = (&write.client, run.target(&write.identity), write.form.reason.trim());
    match run.slug.as_str() {
        "cancel" => writes::request_cancel(client, &target, reason).await,
        "terminate" => writes::terminate(client, &target, reason).await,
        "pause" | "unpause" => writes::set_paused(client, &target, run.slug == "pause", reason).await,
        slug => Err(AppError::NotFound(format!("there is no run action {slug:?}"))),
    }
    .map(|()| Done::History)
}

fn answer(links: &PageLinks, run: &RunAction, outcome: Result<Done, AppError>) -> Response {
    let RunAction { namespace, workflow_id, run_id, slug } = run;
    match outcome {
        Ok(Done::History) => response::see_history(links, (namespace, workflow_id, run_id), slug),
        Ok(Done::NewRun(new_run)) => response::see_history(links, (namespace, workflow_id, &new_run), slug),
        Ok(Done::Started { workflow_id: new_id, run_id: new_run }) => {
            response::see_history(links, (namespace, &new_id, &new_run), slug)
        }
        Ok(Done::Update { update_id, rejected }) => response::see_update(&run.form_page(links), &update_id, rejected),
        Ok(Done::Deleted) => response::see_deleted(links, namespace, workflow_id),
        Err(error) => response::failed(&error, &run.form_page(links)),
    }
}
