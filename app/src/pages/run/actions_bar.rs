//! The run's action links, shown only for the actions the server allows this viewer; each opens
//! the action's confirmation form.
use leptos::prelude::*;

use crate::urls;
use model::{ActionKind, ExecutionStatus, RunHeader};

#[component]
pub fn ActionsBar(header: RunHeader) -> impl IntoView {
    let permissions = &header.permissions;
    let open = header.status.is_running();
    let paused = header.status == ExecutionStatus::Paused;
    let offered: Vec<(&str, &str)> = [
        (ActionKind::Signal, open, "signal", "Signal"),
        (ActionKind::Update, open, "update", "Update"),
        (ActionKind::Cancel, open, "cancel", "Request cancellation"),
        (ActionKind::Pause, open && !paused, "pause", "Pause"),
        (ActionKind::Pause, paused, "unpause", "Unpause"),
        (ActionKind::Reset, true, "reset", "Reset…"),
        (ActionKind::Terminate, open, "terminate", "Terminate…"),
        (ActionKind::StartWorkflow, true, "start", "Start another like this"),
        (ActionKind::VersioningOverride, open, "versioning", "Versioning override…"),
        (ActionKind::Delete, true, "delete", "Delete…"),
    ]
    .into_iter()
    .filter(|(kind, offered, _, _)| *offered && permissions.allows(*kind))
    .map(|(_, _, slug, label)| (slug, label))
    .collect();
    let pause_note = permissions
        .unavailable_note(ActionKind::Pause)
        .filter(|_| open)
        .map(|note| view! { <p class="muted unavailable-note">"Pause: " {note.to_string()}</p> });
    let links = (!offered.is_empty()).then(|| {
        let links = offered
            .into_iter()
            .map(|(slug, label)| {
                let href = urls::run_action(&header.namespace, &header.workflow_id, &header.run_id, slug);
                let class = if matches!(slug, "terminate" | "reset" | "delete") { "action danger" } else { "action" };
                view! { <a class=class href=href>{label}</a> }
            })
            .collect_view();
        view! { <nav class="run-actions" aria-label="Actions on this run">{links}</nav> }
    });
    view! { {links} {pause_note} }
}

/// After a write, the page it redirected to says what was done (`?done=terminate`).
#[component]
pub fn DoneNotice() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    move || {
        let done = query.with(|query| query.get("done"))?;
        let sentence = match done.as_str() {
            "signal" => "Signal sent: its WorkflowExecutionSignaled event is in the history below.",
            "cancel" => "Cancellation requested: the workflow decides how to end; the request is in the history.",
            "terminate" => "Run terminated: its WorkflowExecutionTerminated event ends the history.",
            "reset" => "This is the new run the reset made; the old run ends with the reset's termination.",
            "pause" => "Run paused: no workflow task runs until it is unpaused.",
            "unpause" => "Run unpaused.",
            "start" => "This is the run just started like the other one.",
            "versioning" => {
                "Versioning override changed: the summary shows it, and the run's next workflow task is routed by it."
            }
            "activity-pause" => "Activity paused: no attempt starts until it is unpaused.",
            "activity-unpause" => "Activity unpaused.",
            "activity-reset" => "Activity reset: it starts again from attempt 1.",
            "activity-options" => "Activity options changed: the next attempt uses them.",
            "activity-complete" => "Activity completed: its ActivityTaskCompleted event is in the history.",
            "activity-fail" => {
                "Activity failed: its ActivityTaskFailed event is in the history (it is retried unless non-retryable)."
            }
            _ => return None,
        };
        Some(view! { <p class="notice" role="status">{sentence}</p> })
    }
}
