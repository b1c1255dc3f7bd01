use crate::components::PageTitle;
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_workers,
    components::{QueueWorkersSection, TaskQueueKinds, VerdictLine},
    error::AppError,
    urls,
};
use model::{WorkersPage, worst};

/// `…/{run_id}/workers`: who polls the run's task queue, what waits in it, and the verdict.
#[component]
pub fn WorkersPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::Workers load=load render=workers_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<WorkersPage, AppError>> {
    load_workers(route.namespace, route.workflow_id, route.run_id)
}

fn workers_view(page: WorkersPage) -> impl IntoView {
    let WorkersPage { header, kinds, workers } = page;
    let namespace = header.namespace.clone();
    let title = format!("{} · workers", header.workflow_id);
    let task_queue = header.task_queue.clone();
    let queue_page = urls::task_queue(&header.namespace, &task_queue);
    let verdict = worst(kinds.iter().map(|kind| kind.verdict.clone()));
    view! {
        <PageTitle text=title />
        <RunHeaderView header active=RunTab::Workers />
        {verdict.map(|verdict| view! { <VerdictLine verdict task_queue=task_queue.clone() /> })}
        <p>
            <a href=queue_page>"Task queue " <span class="mono">{task_queue.clone()}</span></a>
            ": its Nexus tasks, versioning and rate limits."
        </p>
        <QueueWorkersSection workers namespace task_queue=task_queue.clone() />
        <TaskQueueKinds kinds task_queue />
    }
}
