use crate::components::PageTitle;
use leptos::prelude::*;

use super::{
    params::{path_param, query_param, route_source},
    workflows::WorkflowTable,
};
use crate::{
    api::list_runs,
    components::{PageLoader, PageShell},
    urls,
};
use model::{RunsPage as Runs, WorkflowRow};

/// `/namespaces/{ns}/workflows/{workflow_id}/runs`: the runs of one workflow ID, newest first.
#[component]
pub fn RunsPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let workflow_id = path_param("workflow_id");
    let current_run = query_param("run");
    let runs = Resource::new(route_source(move || (namespace.get(), workflow_id.get())), |(ns, id)| list_runs(ns, id));
    let render = {
        let (namespace, current_run) = (namespace.get_untracked(), current_run.get_untracked());
        move |runs| view! { <RunsView runs namespace=namespace.clone() current_run=current_run.clone() /> }
    };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page=runs loading="Loading runs…" render />
        </PageShell>
    }
}

#[component]
fn RunsView(runs: Runs, namespace: String, current_run: Option<String>) -> impl IntoView {
    let Runs { workflow_id, runs, truncated, can_terminate } = runs;
    // "Terminate latest": the form names the run it ends, so a newer run started meanwhile is safe.
    let terminate_latest = runs.first().filter(|latest| can_terminate && latest.status.is_running()).map(|latest| {
        let href = urls::run_action(&namespace, &workflow_id, &latest.run_id, "terminate");
        view! {
            <p class="run-actions">
                <a class="action danger" href=href>"Terminate the latest run…"</a>
                " " <span class="muted mono">{latest.run_id.clone()}</span>
            </p>
        }
    });
    let title = format!("Runs of {workflow_id}");
    let count = runs.len();
    let position = current_run.as_ref().and_then(|current| runs.iter().position(|run| &run.run_id == current));
    let summary = format!(
        "{count} run{}, newest first{}",
        if count == 1 { "" } else { "s" },
        if truncated { " (more exist: only the newest are listed)" } else { "" }
    );
    view! {
        <PageTitle text=title />
        <h1>"Runs of " <span class="mono">{workflow_id.clone()}</span></h1>
        <p class="muted">
            {summary}
            {position.map(|index| format!(" · the run you came from is number {} of {count}, counting from the newest", index + 1))}
        </p>
        {terminate_latest}
        {(runs.len() >= 2).then(|| view! { <ComparePicker namespace=namespace.clone() workflow_id=workflow_id.clone() runs=runs.clone() /> })}
        <WorkflowTable rows=runs namespace current_run=current_run.unwrap_or_default() />
    }
}

/// Two runs to compare: the previous and the newest are chosen to begin with.
#[component]
fn ComparePicker(namespace: String, workflow_id: String, runs: Vec<WorkflowRow>) -> impl IntoView {
    let action = format!("{}/compare", urls::workflow(&namespace, &workflow_id));
    let options = move |selected: usize| {
        runs.iter()
            .enumerate()
            .map(|(index, run)| {
                let label = format!("{} · {}", run.run_id, run.status.name());
                view! { <option value=run.run_id.clone() selected=index == selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <form method="get" action=action class="runs-compare">
            <label>"Compare A " <select name="a">{options.clone()(1)}</select></label>
            <label>" with B " <select name="b">{options(0)}</select></label>
            <button type="submit">"Compare"</button>
        </form>
    }
}
