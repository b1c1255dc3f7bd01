//! `/namespaces/{ns}/workers/{key}`: one worker's last heartbeat in full (DescribeWorker): who and
//! where it is, its verdict, slots, pollers and sticky cache. What it left empty says "not
//! reported"; an unknown key is a 404 with a sentence.
use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::load_worker,
    components::{PageLoader, PageShell, PageTitle, TimeText, WorkerVerdictLine, heartbeat_age},
    urls,
};
use model::{HeartbeatDetails, WorkerDetailPage, WorkerView, human_duration, or_not_reported};

#[component]
pub fn WorkerPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let key = path_param("worker_key");
    let page = Resource::new(route_source(move || (namespace.get(), key.get())), |(ns, key)| load_worker(ns, key));
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Loading the worker…" render=|page| view! { <WorkerDetail page /> } />
        </PageShell>
    }
}

#[component]
fn WorkerDetail(page: WorkerDetailPage) -> impl IntoView {
    let WorkerDetailPage { namespace, worker } = page;
    let name = if worker.identity.is_empty() { worker.instance_key.clone() } else { worker.identity.clone() };
    let queue_href = urls::task_queue(&namespace, &worker.task_queue);
    let details = worker.heartbeat.clone();
    view! {
        <PageTitle text=format!("Worker {name}") />
        <p class="breadcrumbs">
            <a href=urls::workers(&namespace, "")>"Workers"</a>" / "<span class="mono">{name.clone()}</span>
        </p>
        <h1>"Worker " <span class="mono">{name}</span></h1>
        <WorkerVerdictLine verdict=worker.verdict.clone() />
        <p>"Task queue " <a class="mono" href=queue_href>{worker.task_queue.clone()}</a></p>
        <WorkerFacts worker />
        {match details {
            Some(details) => view! { <HeartbeatTables details /> }.into_any(),
            None => view! { <p class="muted">"Slots, pollers and sticky cache: not reported by this server."</p> }.into_any(),
        }}
    }
}

#[component]
fn WorkerFacts(worker: WorkerView) -> impl IntoView {
    let details = worker.heartbeat.as_ref();
    let percent =
        |share: Option<f32>| share.map_or("not reported".to_string(), |share| format!("{:.0}%", share * 100.0));
    let interval = details
        .and_then(|details| details.interval_millis)
        .map_or_else(|| "not reported (the SDKs' default is 60s)".to_string(), human_duration);
    let plugins = if worker.plugins.is_empty() { "none reported".to_string() } else { worker.plugins.join(", ") };
    view! {
        <dl class="facts worker-facts">
            <dt>"Instance key"</dt><dd class="mono">{worker.instance_key.clone()}</dd>
            <dt>"Identity"</dt><dd class="mono">{or_not_reported(&worker.identity)}</dd>
            <dt>"Status"</dt><dd>{worker.status.label()}</dd>
            <dt>"Host"</dt><dd class="mono">{or_not_reported(&worker.host)}</dd>
            <dt>"Process ID"</dt><dd class="mono">{or_not_reported(&worker.process_id)}</dd>
            <dt>"SDK"</dt><dd>{or_not_reported(&worker.sdk)}</dd>
            <dt>"Deployment / build ID"</dt>
            <dd class="mono">{if worker.deployment.is_empty() { "unversioned".to_string() } else { worker.deployment.clone() }}</dd>
            <dt>"Started"</dt><dd><TimeText time=worker.start_time.clone() /></dd>
            <dt>"Last heartbeat"</dt>
            <dd><TimeText time=details.and_then(|details| details.time.clone()) />" ("{heartbeat_age(&worker)}")"</dd>
            <dt>"Heartbeat interval"</dt><dd>{interval}</dd>
            <dt>"Host CPU in use"</dt><dd>{percent(details.and_then(|details| details.host_cpu))}</dd>
            <dt>"Host memory in use"</dt><dd>{percent(details.and_then(|details| details.host_memory))}</dd>
            <dt>"Plugins"</dt><dd>{plugins}</dd>
        </dl>
    }
}

#[component]
fn HeartbeatTables(details: HeartbeatDetails) -> impl IntoView {
    let HeartbeatDetails { slots, pollers, sticky_cache_hits, sticky_cache_misses, sticky_cache_size, .. } = details;
    let slot_rows = slots
        .into_iter()
        .map(|slots| {
            let available = slots.available.map_or("no upper bound".to_string(), |free| free.to_string());
            view! {
                <tr>
                    <td>{slots.kind.noun()}</td>
                    <td>{or_not_reported(&slots.supplier)}</td>
                    <td>{slots.used}</td>
                    <td>{available}</td>
                    <td>{format!("{} of {}", slots.recent_failed, slots.recent_processed)}</td>
                    <td>{format!("{} of {}", slots.failed, slots.processed)}</td>
                </tr>
            }
        })
        .collect_view();
    let poller_rows = pollers
        .into_iter()
        .map(|pollers| {
            view! {
                <tr>
                    <td>{pollers.kind.label()}</td>
                    <td>{pollers.in_flight}</td>
                    <td><TimeText time=pollers.last_success /></td>
                    <td>{if pollers.autoscaling { "yes" } else { "no" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-label="Slots">
            <h2>"Slots"</h2>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">"Kind"</th><th scope="col">"Supplier"</th><th scope="col">"In use"</th>
                        <th scope="col">"Free"</th><th scope="col">"Failed since the previous heartbeat"</th>
                        <th scope="col">"Failed since it started"</th>
                    </tr>
                </thead>
                <tbody>{slot_rows}</tbody>
            </table>
        </section>
        <section class="panel" aria-label="Pollers">
            <h2>"Pollers"</h2>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">"Polls for"</th><th scope="col">"In flight"</th>
                        <th scope="col">"Last successful poll"</th><th scope="col">"Autoscaling"</th>
                    </tr>
                </thead>
                <tbody>{poller_rows}</tbody>
            </table>
        </section>
        <section class="panel" aria-label="Sticky cache">
            <h2>"Sticky cache"</h2>
            <dl class="facts">
                <dt>"Hits"</dt><dd>{sticky_cache_hits}</dd>
                <dt>"Misses"</dt><dd>{sticky_cache_misses}</dd>
                <dt>"Workflows cached"</dt><dd>{sticky_cache_size}</dd>
            </dl>
        </section>
    }
}
