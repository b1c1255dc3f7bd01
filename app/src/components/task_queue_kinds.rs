//! One task queue's kinds of tasks (workflow, activity, Nexus): the verdict in words, the backlog
//! and the pollers. The task-queue page and the run's workers tab show the same thing.
use leptos::prelude::*;

use super::TimeText;
use model::{BacklogView, PollerView, QueueVerdict, TaskTypeView};

/// A verdict as a badge and its sentence.
#[component]
pub fn VerdictLine(verdict: QueueVerdict, task_queue: String) -> impl IntoView {
    let role = if verdict.severity() > 0 { "alert" } else { "status" };
    view! {
        <p class="verdict-line" role=role>
            <span class=verdict.class()>{verdict.label()}</span>
            " "
            {verdict.sentence(&task_queue)}
        </p>
    }
}

/// A section per kind of task: its verdict, backlog and pollers.
#[component]
pub fn TaskQueueKinds(kinds: Vec<TaskTypeView>, task_queue: String) -> impl IntoView {
    kinds
        .into_iter()
        .map(|kind| {
            let heading = format!("{} tasks", capitalised(kind.kind.noun()));
            view! {
                <section class="panel task-kind" aria-label=heading.clone()>
                    <h2>{heading.clone()}</h2>
                    <VerdictLine verdict=kind.verdict task_queue=task_queue.clone() />
                    <BacklogFacts backlog=kind.backlog />
                    <PollerTable pollers=kind.pollers />
                </section>
            }
        })
        .collect_view()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[component]
fn BacklogFacts(backlog: Option<BacklogView>) -> impl IntoView {
    match backlog {
        None => view! { <p class="muted">"Backlog: not reported by this server."</p> }.into_any(),
        Some(backlog) => view! {
            <dl class="facts backlog-facts">
                <dt>"Backlog"</dt>
                <dd data-testid="backlog-count">{format!("{} (approximate)", backlog.count)}</dd>
                <dt>"Oldest task waiting"</dt>
                <dd>{if backlog.count > 0 { model::human_duration((backlog.oldest_age_seconds * 1000.0) as i64) } else { "—".to_string() }}</dd>
                <dt>"Added"</dt>
                <dd>{format!("{:.2} tasks/s", backlog.add_rate)}</dd>
                <dt>"Dispatched"</dt>
                <dd>{format!("{:.2} tasks/s", backlog.dispatch_rate)}</dd>
            </dl>
        }
        .into_any(),
    }
}

#[component]
fn PollerTable(pollers: Vec<PollerView>) -> impl IntoView {
    if pollers.is_empty() {
        return view! { <p class="muted">"No pollers in the last few minutes."</p> }.into_any();
    }
    view! {
        <table class="data-table">
            <thead>
                <tr><th>"Identity"</th><th>"Last access"</th><th>"Rate per second"</th><th>"Deployment / build ID"</th></tr>
            </thead>
            <tbody>
                {pollers
                    .into_iter()
                    .map(|poller| view! {
                        <tr>
                            <td class="mono">{poller.identity}</td>
                            <td><TimeText time=poller.last_access_time /></td>
                            <td>{poller.rate_per_second}</td>
                            <td class="mono">{if poller.deployment.is_empty() { "unversioned".to_string() } else { poller.deployment }}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
