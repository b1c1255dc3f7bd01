use crate::components::PageTitle;
use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::load_task_queue,
    components::{PageLoader, PageShell, QueueWorkersSection, TaskQueueKinds, TimeText, VerdictLine},
    urls,
};
use model::{QueueVersioning, TaskQueuePage as Queue};

/// `/namespaces/{ns}/task-queues/{queue}`: is anyone polling, are they keeping up.
#[component]
pub fn TaskQueuePage() -> impl IntoView {
    let namespace = path_param("namespace");
    let queue = path_param("task_queue");
    let page =
        Resource::new(route_source(move || (namespace.get(), queue.get())), |(ns, queue)| load_task_queue(ns, queue));
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Loading the task queue…" render=|page| view! { <QueueView page /> } />
        </PageShell>
    }
}

#[component]
fn QueueView(page: Queue) -> impl IntoView {
    let Queue { namespace, name, kinds, verdict, unavailable, versioning, rate_limits, versioning_rules, workers } =
        page;
    let quoted = if name.contains('\'') { format!("\"{name}\"") } else { format!("'{name}'") };
    let running =
        urls::workflows_query(&namespace, &format!("TaskQueue = {quoted} AND ExecutionStatus = 'Running'"), None);
    view! {
        <PageTitle text=format!("Task queue {name}") />
        <p class="breadcrumbs">
            <a href=urls::task_queues(&namespace)>"Task queues"</a>" / "<span class="mono">{name.clone()}</span>
        </p>
        <h1>"Task queue " <span class="mono">{name.clone()}</span></h1>
        <VerdictLine verdict task_queue=name.clone() />
        <p><a href=running>"Running workflows on this task queue"</a></p>
        {unavailable.into_iter().map(|note| view! { <p class="muted unavailable">{note}</p> }).collect_view()}
        <QueueWorkersSection workers namespace=namespace.clone() task_queue=name.clone() />
        <TaskQueueKinds kinds task_queue=name />
        <p class="muted">
            "Counts and rates are the server's sums over the queue's partitions; Temporal's public API does not report them partition by partition."
        </p>
        <VersioningPanel versioning rate_limits versioning_rules />
    }
}

#[component]
fn VersioningPanel(
    versioning: Option<QueueVersioning>,
    rate_limits: Vec<(String, String)>,
    versioning_rules: Result<Vec<String>, String>,
) -> impl IntoView {
    let versioning = versioning.map(|versioning| {
        view! {
            <dt>"Current version"</dt>
            <dd class="mono">{versioning.current}</dd>
            {versioning.ramping.map(|ramping| view! {
                <dt>"Ramping version"</dt>
                <dd class="mono">{format!("{ramping} ({}% of new work)", versioning.ramping_percentage)}</dd>
            })}
            <dt>"Routing changed"</dt>
            <dd><TimeText time=versioning.updated /></dd>
        }
    });
    let none = versioning.is_none() && rate_limits.is_empty();
    view! {
        <section class="panel" aria-label="Versioning and rate limits">
            <h2>"Versioning and rate limits"</h2>
            {none.then(|| view! {
                <p class="muted">"Tasks go to unversioned workers; the server reports no rate limit for this queue."</p>
            })}
            <dl class="facts">
                {versioning}
                {rate_limits
                    .into_iter()
                    .map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> })
                    .collect_view()}
            </dl>
            {match versioning_rules {
                Ok(rules) if rules.is_empty() => view! { <p class="muted">"No build-ID versioning rules."</p> }.into_any(),
                Ok(rules) => view! {
                    <h3>"Build-ID versioning rules"</h3>
                    <ol class="versioning-rules">{rules.into_iter().map(|rule| view! { <li>{rule}</li> }).collect_view()}</ol>
                }
                .into_any(),
                Err(reason) => view! { <p class="muted unavailable">{reason}</p> }.into_any(),
            }}
        </section>
    }
}
