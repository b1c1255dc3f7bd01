use std::future::Future;

use leptos::prelude::*;
use leptos_router::{hooks::use_location, params::ParamsMap};
use serde::{Serialize, de::DeserializeOwned};

use super::tabs::{RunHeaderFallback, RunTab};
use crate::{
    components::{ErrorPage, PageShell},
    error::AppError,
    islands::{RUN_VIEW_ID, RefreshLink},
    pages::params::{path_param, route_source},
};

/// Which run a tab is about, and the tab's own URL query (`?name=…` on the queries tab).
#[derive(Debug, Clone, PartialEq)]
pub struct RunRoute {
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
    pub query: ParamsMap,
    /// The whole path: a tab's sub-page (`…/history/events/7`) renders again when it changes.
    pub path: String,
}

/// The frame of a run tab: reads the run from the path, loads the tab's data with `load` and
/// shows it with `render`. When loading fails, the run's identity and tab bar still render and
/// the error (with its HTTP status) takes the tab's place. "Refresh" and live updates swap the
/// run view (`RUN_VIEW_ID`) in place.
#[component]
pub fn RunTabLoader<T, Fut, V>(tab: RunTab, load: fn(RunRoute) -> Fut, render: fn(T) -> V) -> impl IntoView
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let namespace = path_param("namespace");
    let workflow_id = path_param("workflow_id");
    let run_id = path_param("run_id");
    let location = use_location();
    let data = Resource::new(
        route_source(move || RunRoute {
            namespace: namespace.get(),
            workflow_id: workflow_id.get(),
            run_id: run_id.get(),
            query: location.query.get(),
            path: location.pathname.get(),
        }),
        load,
    );
    let here = {
        let search = location.search.get_untracked();
        let path = crate::urls::with_base_once(&location.pathname.get_untracked());
        if search.is_empty() { path } else { format!("{path}?{search}") }
    };
    let failed = move |errors: ArcRwSignal<Errors>| {
        view! {
            <RunHeaderFallback
                namespace=namespace.get_untracked()
                workflow_id=workflow_id.get_untracked()
                run_id=run_id.get_untracked()
                active=tab
            />
            <div class="tab-error"><ErrorPage errors /></div>
        }
    };
    let body = move || {
        view! { <ErrorBoundary fallback=failed>{move || Suspend::new(async move { data.await.map(render) })}</ErrorBoundary> }
    };
    let loading = || view! { <p class="muted">"Loading…"</p> };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <div class="tab-tools">
                <RefreshLink href=here />
            </div>
            <div id=RUN_VIEW_ID>
                <Suspense fallback=loading>{body()}</Suspense>
            </div>
        </PageShell>
    }
}
