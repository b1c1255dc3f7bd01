use crate::components::PageTitle;
use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::load_task_queues,
    components::{PageLoader, PageShell, TimeText},
    urls,
};
use model::TaskQueuesPage as Queues;

/// `/namespaces/{ns}/task-queues`: the queues the namespace's recent workflows use, busiest
/// first, each with its verdict.
#[component]
pub fn TaskQueuesPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let page = Resource::new(route_source(move || namespace.get()), load_task_queues);
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Loading task queues…" render=|page| view! { <QueuesView page /> } />
        </PageShell>
    }
}

#[component]
fn QueuesView(page: Queues) -> impl IntoView {
    let Queues { namespace, rows, workflows_read, more_workflows, described } = page;
    let source = format!(
        "Temporal keeps no list of task queues: these are the queues of the {workflows_read} workflows read \
         (the running ones and the newest){}. The first {described} are described for their verdict.",
        if more_workflows { "; older workflows may use others" } else { "" }
    );
    let body = if rows.is_empty() {
        view! { <p class="muted">"No workflows in this namespace, so no task queue to show."</p> }.into_any()
    } else {
        view! {
            <table class="data-table task-queues">
                <thead>
                    <tr><th>"Task queue"</th><th>"Verdict"</th><th>"Running"</th><th>"Workflows seen"</th><th>"Latest start"</th></tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let href = urls::task_queue(&namespace, &row.name);
                            let verdict = row.verdict.map(|verdict| {
                                let sentence = verdict.sentence(&row.name);
                                view! { <span class=verdict.class() title=sentence>{verdict.label()}</span> }
                            });
                            view! {
                                <tr>
                                    <td class="mono"><a href=href>{row.name.clone()}</a></td>
                                    <td>{verdict}</td>
                                    <td>{row.running}</td>
                                    <td>{row.seen}</td>
                                    <td><TimeText time=row.latest_start /></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <PageTitle text=format!("Task queues · {namespace}") />
        <h1>"Task queues in " {namespace.clone()}</h1>
        <p class="muted">{source}</p>
        {body}
    }
}
