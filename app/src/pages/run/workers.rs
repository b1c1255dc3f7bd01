use crate::components::PageTitle;
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_workers,
    components::TimeText,
    error::AppError,
    model::{PollerView, WorkersPage},
};

/// `…/{run_id}/workers`: who polls the run's task queue.
#[component]
pub fn WorkersPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::Workers load=load render=workers_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<WorkersPage, AppError>> {
    load_workers(route.namespace, route.workflow_id, route.run_id)
}

fn workers_view(page: WorkersPage) -> impl IntoView {
    let WorkersPage { header, workflow_pollers, activity_pollers } = page;
    let title = format!("{} · workers", header.workflow_id);
    let task_queue = header.task_queue.clone();
    view! {
        <PageTitle text=title />
        <RunHeaderView header active=RunTab::Workers />
        <PollerTable heading="Workflow task pollers" kind="workflow" pollers=workflow_pollers task_queue=task_queue.clone() />
        <PollerTable heading="Activity task pollers" kind="activity" pollers=activity_pollers task_queue />
    }
}

#[component]
fn PollerTable(
    heading: &'static str,
    kind: &'static str,
    pollers: Vec<PollerView>,
    task_queue: String,
) -> impl IntoView {
    let body = if pollers.is_empty() {
        view! {
            <p class="warning" role="status">
                "No worker is polling task queue " <span class="mono">{task_queue}</span> " for " {kind}
                " tasks. Nothing will run them until a worker starts polling it: this is the usual reason a workflow looks stuck."
            </p>
        }
        .into_any()
    } else {
        view! {
            <table class="data-table">
                <thead><tr><th>"Identity"</th><th>"Last access"</th><th>"Rate per second"</th></tr></thead>
                <tbody>
                    {pollers
                        .into_iter()
                        .map(|poller| view! {
                            <tr>
                                <td class="mono">{poller.identity}</td>
                                <td><TimeText time=poller.last_access_time /></td>
                                <td>{poller.rate_per_second}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-label=heading>
            <h2>{heading}</h2>
            {body}
        </section>
    }
}
