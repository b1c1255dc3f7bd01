use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    params::{path_param, query_param},
    workflows::WorkflowTable,
};
use crate::{
    api::list_runs,
    components::{ErrorPage, PageShell},
    model::RunsPage as Runs,
};

/// `/namespaces/{ns}/workflows/{workflow_id}/runs`: the runs of one workflow ID, newest first.
#[component]
pub fn RunsPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let workflow_id = path_param("workflow_id");
    let current_run = query_param("run");
    let runs = Resource::new(move || (namespace.get(), workflow_id.get()), |(ns, id)| list_runs(ns, id));
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <Suspense fallback=|| view! { <p class="muted">"Loading runs…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                    {move || Suspend::new(async move {
                        let namespace = namespace.get_untracked();
                        let current_run = current_run.get_untracked();
                        runs.await.map(|runs| view! { <RunsView runs namespace current_run /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </PageShell>
    }
}

#[component]
fn RunsView(runs: Runs, namespace: String, current_run: Option<String>) -> impl IntoView {
    let Runs { workflow_id, runs, truncated } = runs;
    let count = runs.len();
    let position = current_run.as_ref().and_then(|current| runs.iter().position(|run| &run.run_id == current));
    let summary = format!(
        "{count} run{}, newest first{}",
        if count == 1 { "" } else { "s" },
        if truncated { " (more exist: only the newest are listed)" } else { "" }
    );
    view! {
        <Title text=format!("Runs of {workflow_id}") />
        <h1>"Runs of " <span class="mono">{workflow_id}</span></h1>
        <p class="muted">
            {summary}
            {position.map(|index| format!(" · the run you came from is number {} of {count}, counting from the newest", index + 1))}
        </p>
        <WorkflowTable rows=runs namespace current_run=current_run.unwrap_or_default() />
    }
}
