use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::latest_run,
    components::{GoTo, PageLoader, PageShell},
    urls,
};

/// `/namespaces/{ns}/workflows/{workflow_id}` → the history of the workflow's latest run.
#[component]
pub fn LatestRunRedirect() -> impl IntoView {
    let namespace = path_param("namespace");
    let workflow_id = path_param("workflow_id");
    let target = Resource::new(
        route_source(move || (namespace.get(), workflow_id.get())),
        |(namespace, workflow_id)| async move {
            let run_id = latest_run(namespace.clone(), workflow_id.clone()).await?;
            Ok::<_, crate::error::AppError>(urls::run_history(&namespace, &workflow_id, &run_id))
        },
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page=target loading="Finding the latest run…" render=|path| view! { <GoTo path /> } />
        </PageShell>
    }
}

/// `/namespaces/{ns}/workflows/{workflow_id}/{run_id}` → that run's history tab.
#[component]
pub fn RunRedirect() -> impl IntoView {
    let namespace = path_param("namespace");
    let workflow_id = path_param("workflow_id");
    let run_id = path_param("run_id");
    view! { <GoTo path=urls::run_history(&namespace.get_untracked(), &workflow_id.get_untracked(), &run_id.get_untracked()) /> }
}
