//! `…/{run_id}/actions/{action}`: the confirmation form of one write on a run. A plain POST form
//! (it works without JavaScript); the server checks the policy, the CSRF token, the run ID and the
//! typed confirmation again when it arrives.
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_run_action,
    components::{FailureBlock, PageTitle, PayloadList, TimeText},
    error::AppError,
    urls,
};
use model::{ResetPoint, RunActionPage, StartPrefill, UpdateOutcome};

#[component]
pub fn RunActionFormPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::History load=load render=action_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<RunActionPage, AppError>> {
    let action = route.path.rsplit('/').next().unwrap_or_default().to_string();
    let (update_id, rejected) = (route.query.get("update_id"), route.query.get("rejected"));
    load_run_action(route.namespace, route.workflow_id, route.run_id, action, update_id, rejected)
}

/// The heading and the button of each action.
fn wording(action: &str) -> (&'static str, &'static str) {
    match action {
        "signal" => ("Send a signal", "Send signal"),
        "update" => ("Send an update", "Send update"),
        "cancel" => ("Request cancellation", "Request cancellation"),
        "terminate" => ("Terminate this run", "Terminate"),
        "reset" => ("Reset this run", "Reset"),
        "pause" => ("Pause this run", "Pause"),
        "unpause" => ("Unpause this run", "Unpause"),
        "start" => ("Start another run like this one", "Start"),
        "versioning" => ("Change this run's versioning override", "Set the override"),
        "delete" => ("Delete this run", "Delete"),
        _ => ("Act on this run", "Submit"),
    }
}

fn action_view(page: RunActionPage) -> impl IntoView {
    let (heading, button) = wording(&page.action);
    let title = format!("{} · {}", page.header.workflow_id, page.action);
    let header = page.header.clone();
    let outcome = page.update_outcome.clone().map(|outcome| view! { <UpdateOutcomeView outcome /> });
    let body = if let Some(refused) = page.refused.clone() {
        view! { <p class="warning" role="alert">"You cannot do this here: " {refused} "."</p> }.into_any()
    } else if let Some(unavailable) = page.unavailable.clone() {
        view! { <p class="warning" role="status">"Not possible now: " {unavailable} "."</p> }.into_any()
    } else {
        view! { <ActionForm page button /> }.into_any()
    };
    view! {
        <PageTitle text=title />
        <RunHeaderView header />
        {outcome}
        <section class="panel action-form" aria-labelledby="action-heading">
            <h2 id="action-heading">{heading}</h2>
            {body}
        </section>
    }
}

/// The run's ID and the CSRF token travel in every form; destructive actions ask for the
/// workflow ID typed out.
#[component]
fn ActionForm(page: RunActionPage, button: &'static str) -> impl IntoView {
    let RunHeader { namespace, workflow_id, run_id, .. } = page.header.clone();
    let action = urls::run_action(&namespace, &workflow_id, &run_id, &page.action);
    let back = urls::run_history(&namespace, &workflow_id, &run_id);
    let destructive = matches!(page.action.as_str(), "terminate" | "reset" | "delete");
    let fields = match page.action.as_str() {
        "signal" => view! { <SignalFields names=page.signal_names.clone() /> }.into_any(),
        "update" => view! { <SignalFields names=page.update_names.clone() kind="Update" /> }.into_any(),
        "start" => match page.start.clone() {
            Some(prefill) => view! { <StartFields prefill workflow_id=workflow_id.clone() /> }.into_any(),
            None => ().into_any(),
        },
        "reset" => {
            view! { <ResetFields points=page.reset_points.clone() dropped=page.reset_points_dropped /> }.into_any()
        }
        "versioning" => match page.versioning.clone() {
            Some(choice) => view! { <super::versioning_fields::VersioningFields choice /> }.into_any(),
            None => ().into_any(),
        },
        "delete" => view! {
            <p class="warning">
                "Temporal deletes the run with its history and its entry in the list; a running run is terminated first. This cannot be undone."
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let reason_label = match page.action.as_str() {
        "signal" | "update" | "start" => None,
        // Temporal keeps no reason for these: only the audit log has it.
        "versioning" | "delete" => Some("Reason (for the audit log)"),
        _ => Some("Reason (recorded in the history)"),
    };
    view! {
        <form method="post" action=action class="run-action">
            <input type="hidden" name="csrf" value=page.csrf_token />
            <input type="hidden" name="run_id" value=run_id.clone() />
            {fields}
            {reason_label.map(|label| view! {
                <label>{label} " " <input name="reason" autocomplete="off" /></label>
            })}
            {destructive.then(|| view! {
                <label>
                    "Type the workflow ID " <span class="mono">{workflow_id.clone()}</span> " to confirm "
                    <input name="confirm" required autocomplete="off" spellcheck="false" class="mono" />
                </label>
            })}
            <p class="muted">"Run " <span class="mono">{run_id}</span> " in namespace " {namespace} "."</p>
            <button type="submit" class=if destructive { "danger" } else { "" }>{button}</button>
            " " <a href=back>"Back to the history"</a>
        </form>
    }
}

use model::RunHeader;

/// A handler's name (from the worker's list, or typed) and its JSON input: signals and updates.
#[component]
fn SignalFields(names: Vec<String>, #[prop(default = "Signal")] kind: &'static str) -> impl IntoView {
    let note = if names.is_empty() {
        format!("The worker reports no {} names: type the one the workflow defines.", kind.to_lowercase())
    } else {
        "Names as the worker reports them; any other name is sent as typed.".to_string()
    };
    view! {
        <label>
            {kind} " " <input name="name" list="handler-names" required autocomplete="off" spellcheck="false" class="mono" />
        </label>
        <datalist id="handler-names">
            {names.into_iter().map(|name| view! { <option value=name /> }).collect_view()}
        </datalist>
        <p class="muted">{note}</p>
        <label>
            "Input (JSON: an array holds one argument per element; empty for none)"
            <input name="input" spellcheck="false" class="mono" autocomplete="off" placeholder="[\"approved\"]" />
        </label>
    }
}

#[component]
fn ResetFields(points: Vec<ResetPoint>, dropped: usize) -> impl IntoView {
    let rows = points
        .into_iter()
        .map(|point| {
            let id = format!("reset-{}", point.event_id);
            let mark = if point.first { " (start over)" } else { "" };
            view! {
                <li>
                    <input type="radio" name="event_id" id=id.clone() value=point.event_id.to_string()
                        checked=point.last required />
                    <label for=id>
                        "Event " {point.event_id} ": " {point.sentence} {mark}
                        {point.time.map(|time| view! { " · " <TimeText time=Some(time) /> })}
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>"Reset to the end of the workflow task"</legend>
            {(dropped > 0).then(|| view! {
                <p class="muted">{format!("{dropped} older workflow tasks are not listed (the first one is).")}</p>
            })}
            <ul class="reset-points">{rows}</ul>
        </fieldset>
        <fieldset>
            <legend>"Signals and updates received after that point"</legend>
            <label><input type="checkbox" name="exclude_signals" value="true" /> " Do not reapply signals"</label>
            <label><input type="checkbox" name="exclude_updates" value="true" /> " Do not reapply updates"</label>
        </fieldset>
    }
}

/// How the update just sent ended: its result, its failure, the validator's rejection, or running.
#[component]
fn UpdateOutcomeView(outcome: UpdateOutcome) -> impl IntoView {
    let body = match outcome {
        UpdateOutcome::Completed { update_id, result } => view! {
            <p>"Update " <span class="mono">{update_id}</span> " completed with:"</p>
            <PayloadList payloads=result />
        }
        .into_any(),
        UpdateOutcome::Failed { update_id, failure } => view! {
            <p class="warning" role="alert">"Update " <span class="mono">{update_id}</span> " failed:"</p>
            <FailureBlock failure />
        }
        .into_any(),
        UpdateOutcome::Rejected { update_id, message } => view! {
            <p class="warning" role="alert">
                "Update " <span class="mono">{update_id}</span> " was rejected by the workflow's validator: " {message}
            </p>
        }
        .into_any(),
        UpdateOutcome::Running { update_id } => view! {
            <p role="status">"Update " <span class="mono">{update_id}</span> " was accepted and is still running. Refresh to see its result."</p>
        }
        .into_any(),
    };
    view! {
        <section class="panel update-outcome" aria-label="Update outcome">{body}</section>
    }
}

/// The new run's ID, type, task queue and input, each editable, filled in from this run.
#[component]
fn StartFields(prefill: StartPrefill, workflow_id: String) -> impl IntoView {
    let StartPrefill { workflow_type, task_queue, input_json, input_note } = prefill;
    view! {
        <label>"Workflow ID " <input name="workflow_id" value=workflow_id required autocomplete="off" spellcheck="false" class="mono" /></label>
        <p class="muted">"The same ID starts a new run of it once this one is closed; change it to run both."</p>
        <label>"Workflow type " <input name="workflow_type" value=workflow_type required autocomplete="off" spellcheck="false" class="mono" /></label>
        <label>"Task queue " <input name="task_queue" value=task_queue required autocomplete="off" spellcheck="false" class="mono" /></label>
        <label>
            "Input (JSON: an array holds one argument per element)"
            // An input, not a textarea: leptos writes a textarea's text unescaped on the server, and
            // this is the run's payload.
            <input name="input" value=input_json spellcheck="false" class="mono" autocomplete="off" />
        </label>
        {input_note.map(|note| view! { <p class="warning">{note} "."</p> })}
    }
}
