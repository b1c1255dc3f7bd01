use crate::time_zone::TimeText;
use leptos::prelude::*;

use crate::islands::CurrentDetailsFacts;
use crate::{components::TimeText, urls};
use model::RunSummary;

/// The facts of a run at a glance.
#[component]
pub fn RunSummaryPanel(summary: RunSummary) -> impl IntoView {
    let RunSummary { namespace, workflow_id, .. } = &summary;
    let run_link = |run_id: &str| urls::run_history(namespace, workflow_id, run_id);
    let continued_from = summary.continued_from.as_deref().map(|id| (run_link(id), id.to_string()));
    let continued_as = summary.continued_as.as_deref().map(|id| (run_link(id), id.to_string()));
    let parent = summary.parent.clone().map(|parent| {
        let href = urls::run_history(&parent.namespace, &parent.workflow_id, &parent.run_id);
        (href, parent.workflow_id)
    });
    let state = run_state(&summary);
    let metadata = summary.metadata.clone();
    let reset_to = metadata.reset_run_id.clone().map(|id| (run_link(&id), id));
    let reset_from = metadata.reset_from.clone().map(|origin| (run_link(&origin.run_id), origin));
    let first_run = metadata.first_run_id.clone().map(|id| (run_link(&id), id));
    let priority = match (metadata.priority_key, metadata.fairness_key.clone()) {
        (None, None) => None,
        (key, fairness) => Some(format!(
            "{}{}",
            key.map_or("default".to_string(), |key| key.to_string()),
            fairness.map(|fairness| format!(" · fairness key {fairness}")).unwrap_or_default()
        )),
    };
    view! {
        <section class="panel summary" aria-label="Summary">
            {metadata.summary.clone().map(|text| view! { <p class="user-summary">{text}</p> })}
            {metadata.details_html.clone().map(|html| view! { <div class="user-details" inner_html=html></div> })}
            <dl class="facts summary-facts">
                <dt>"Status"</dt>
                <dd>{summary.status.name()} {summary.cancel_requested.then_some(" (cancel requested)")}</dd>
                <dt>"State"</dt>
                <dd>{state}</dd>
                <dt>"Workflow type"</dt>
                <dd>{summary.workflow_type.clone()}</dd>
                <dt>"Task queue"</dt>
                <dd class="mono"><a href=urls::task_queue(namespace, &summary.task_queue)>{summary.task_queue.clone()}</a></dd>
                <dt>"Start"</dt>
                <dd><TimeText time=summary.start_time.clone() /></dd>
                <dt>"Close"</dt>
                <dd><TimeText time=summary.close_time.clone() /></dd>
                <dt>"Duration"</dt>
                <dd>{summary.duration.clone().unwrap_or_default()}</dd>
                <dt>"History"</dt>
                <dd>{summary.history_length} " events, " {summary.history_size.clone()}</dd>
                <dt>"Attempt"</dt>
                <dd>{summary.attempt}</dd>
                {summary.workflow_run_timeout.clone().map(|t| view! { <dt>"Run timeout"</dt><dd>{t}</dd> })}
                {summary.workflow_execution_timeout.clone().map(|t| view! { <dt>"Execution timeout"</dt><dd>{t}</dd> })}
                {metadata.cron_schedule.clone().map(|cron| view! { <dt>"Cron schedule"</dt><dd class="mono">{cron}</dd> })}
                {metadata.scheduled_by.clone().map(|id| view! { <dt>"Scheduled by"</dt><dd class="mono">{id}</dd> })}
                {priority.map(|text| view! { <dt>"Priority"</dt><dd>{text}</dd> })}
                {metadata.versioning.iter().cloned().map(|(name, value)| view! { <dt>{name}</dt><dd class="mono">{value}</dd> }).collect_view()}
                {metadata.sdk.clone().map(|sdk| view! { <dt>"SDK"</dt><dd class="mono">{sdk}</dd> })}
                <dt>"State transitions"</dt>
                <dd>{metadata.state_transitions}</dd>
                {first_run.map(|(href, id)| view! { <dt>"First run"</dt><dd class="mono"><a href=href>{id}</a></dd> })}
                {reset_to.map(|(href, id)| view! {
                    <dt>"Reset to"</dt><dd class="mono"><a href=href>{id}</a> " " <TimeText time=metadata.last_reset_time.clone() /></dd>
                })}
                {reset_from.map(|(href, origin)| view! {
                    <dt>"Reset from"</dt>
                    <dd class="mono">
                        <a href=href>{origin.run_id}</a>
                        {origin.through_later_resets.then_some(" (where this history began; reset again since)")}
                    </dd>
                })}
                {parent.map(|(href, id)| view! { <dt>"Parent"</dt><dd class="mono"><a href=href>{id}</a></dd> })}
                {continued_from.map(|(href, id)| view! {
                    <dt>"Continued from"</dt><dd class="mono"><a href=href>{id}</a></dd>
                })}
                {continued_as.map(|(href, id)| view! {
                    <dt>"Continued as"</dt><dd class="mono"><a href=href>{id}</a></dd>
                })}
            </dl>
            {summary.status.is_running().then(|| view! {
                <CurrentDetailsFacts
                    namespace=summary.namespace.clone()
                    workflow_id=summary.workflow_id.clone()
                    run_id=summary.run_id.clone()
                />
            })}
        </section>
    }
}

/// In words: what the run is doing right now.
fn run_state(summary: &RunSummary) -> String {
    if !summary.status.is_running() {
        return format!("Closed ({})", summary.status.name());
    }
    let mut parts = Vec::new();
    if let Some(task) = &summary.pending_workflow_task {
        let since = task.scheduled_time.as_ref().map(|t| format!(" since {}", t.text())).unwrap_or_default();
        parts.push(format!("workflow task {}{since} (attempt {})", task.state.to_lowercase(), task.attempt));
    }
    if summary.pending_activities > 0 {
        parts.push(format!(
            "{} pending activit{}",
            summary.pending_activities,
            if summary.pending_activities == 1 { "y" } else { "ies" }
        ));
    }
    if summary.pending_children > 0 {
        parts.push(format!(
            "{} pending child workflow{}",
            summary.pending_children,
            if summary.pending_children == 1 { "" } else { "s" }
        ));
    }
    if parts.is_empty() {
        "Running, waiting (no pending workflow task, activity or child)".to_string()
    } else {
        format!("Running: {}", parts.join(", "))
    }
}
