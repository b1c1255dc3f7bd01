//! Workers from their heartbeats as a table (identity linked to the worker's page, verdict,
//! status, host, SDK, deployment, last heartbeat, slots in use), and a task queue's "Workers"
//! section: the namespace's workers page, the task-queue page and the run's workers tab.
use leptos::prelude::*;

use crate::urls;
use model::{QueueWorkers, SlotUse, WorkerVerdict, WorkerView, human_duration, or_not_reported, worker_queue_query};

/// A worker's verdict as a badge and its sentence.
#[component]
pub fn WorkerVerdictLine(verdict: WorkerVerdict) -> impl IntoView {
    let role = if verdict.unhealthy() { "alert" } else { "status" };
    view! {
        <p class="verdict-line" role=role>
            <span class=verdict.class()>{verdict.label()}</span>
            " "
            {verdict.sentence()}
        </p>
    }
}

/// "12s ago", or "not reported".
pub fn heartbeat_age(worker: &WorkerView) -> String {
    match worker.heartbeat_age_millis {
        Some(age) => format!("{} ago", human_duration(age)),
        None => "not reported".to_string(),
    }
}

/// `activity 1 of 1`: the slots in use of each kind the worker has any of.
pub fn slots_in_use(slots: &[SlotUse]) -> String {
    let kinds: Vec<String> = slots
        .iter()
        .filter(|slots| slots.used > 0 || slots.available.is_none_or(|free| free > 0))
        .map(|slots| match slots.available {
            Some(free) => format!("{} {} of {}", slots.kind.noun(), slots.used, slots.used + free),
            None => format!("{} {} (no upper bound)", slots.kind.noun(), slots.used),
        })
        .collect();
    if kinds.is_empty() { "none".to_string() } else { kinds.join(" · ") }
}

/// The workers, one row each; `show_queue` adds their task queue (the namespace's list).
#[component]
pub fn WorkerTable(workers: Vec<WorkerView>, namespace: String, show_queue: bool) -> impl IntoView {
    let rows = workers
        .into_iter()
        .map(|worker| {
            let href = urls::worker(&namespace, &worker.instance_key);
            let queue = show_queue.then(|| {
                let queue_href = urls::task_queue(&namespace, &worker.task_queue);
                view! { <td class="mono"><a href=queue_href>{worker.task_queue.clone()}</a></td> }
            });
            let age = heartbeat_age(&worker);
            let slots = match &worker.heartbeat {
                Some(details) => slots_in_use(&details.slots),
                None => "not reported".to_string(),
            };
            let identity = if worker.identity.is_empty() { worker.instance_key.clone() } else { worker.identity.clone() };
            let process = format!("{} / {}", or_not_reported(&worker.host), or_not_reported(&worker.process_id));
            view! {
                <tr data-worker=worker.instance_key.clone()>
                    <td class="mono"><a href=href>{identity}</a></td>
                    <td>
                        <span class=worker.verdict.class()>{worker.verdict.label()}</span>
                        " "
                        <span class="worker-verdict">{worker.verdict.sentence()}</span>
                    </td>
                    {queue}
                    <td>{worker.status.label()}</td>
                    <td class="mono">{process}</td>
                    <td>{or_not_reported(&worker.sdk)}</td>
                    <td class="mono">{if worker.deployment.is_empty() { "unversioned".to_string() } else { worker.deployment.clone() }}</td>
                    <td>{age}</td>
                    <td>{slots}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table workers-table">
            <thead>
                <tr>
                    <th scope="col">"Worker"</th>
                    <th scope="col">"Verdict"</th>
                    {show_queue.then(|| view! { <th scope="col">"Task queue"</th> })}
                    <th scope="col">"Status"</th>
                    <th scope="col">"Host / process"</th>
                    <th scope="col">"SDK"</th>
                    <th scope="col">"Deployment / build ID"</th>
                    <th scope="col">"Last heartbeat"</th>
                    <th scope="col">"Slots in use"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A task queue's "Workers" section: its heartbeating workers with their verdicts, or why the
/// server shows none (the pollers below stand in for them).
#[component]
pub fn QueueWorkersSection(workers: QueueWorkers, namespace: String, task_queue: String) -> impl IntoView {
    let QueueWorkers { workers, unavailable, more } = workers;
    let all = urls::workers(&namespace, &worker_queue_query(&task_queue).unwrap_or_default());
    let body = if let Some(note) = unavailable {
        view! { <p class="muted unavailable">{note}" The pollers below are what the server reports instead."</p> }
            .into_any()
    } else if workers.is_empty() {
        view! {
            <p class="muted">
                "No worker on this task queue has sent a heartbeat recently (the server forgets a worker some minutes \
                 after its last one); the pollers below say who polled."
            </p>
        }
        .into_any()
    } else {
        view! {
            <WorkerTable workers namespace=namespace.clone() show_queue=false />
            {more.then(|| view! { <p><a href=all.clone()>"More workers on this task queue"</a></p> })}
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-label="Workers">
            <h2>"Workers"</h2>
            {body}
            <p><a href=all>"This task queue's workers on the workers page"</a></p>
        </section>
    }
}
