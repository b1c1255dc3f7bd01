use std::future::Future;

use leptos::prelude::*;
use leptos_router::{hooks::use_location, params::ParamsMap};
use serde::{Serialize, de::DeserializeOwned};

use super::tabs::{RunHeaderFallback, RunTab};
use crate::{
    components::{ErrorPage, PageShell},
    error::AppError,
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

/// Loads the current tab's data again in place (given as context to the tab's view).
#[derive(Clone, Copy)]
pub struct TabRefresh(#[cfg_attr(not(feature = "hydrate"), allow(dead_code))] pub Callback<()>);

/// The frame of a run tab: reads the run from the path, loads the tab's data with `load` and
/// shows it with `render`. When loading fails, the run's identity and tab bar still render and
/// the error (with its HTTP status) takes the tab's place. With JavaScript on, "Refresh" loads
/// the data again in place; without it, the same link reloads the page.
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
    provide_context(TabRefresh(Callback::new(move |_| data.refetch())));
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let (refreshing, set_refreshing) = signal(false);
    let here = move || {
        let search = location.search.get();
        let path = crate::urls::with_base_once(&location.pathname.get());
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
    // Only the browser shows "Refreshing…". On the server `set_pending` makes Transition run an
    // isomorphic effect as a task of its own, which may run after the request has ended and its
    // reactive values are gone: the panic "Tried to access a reactive value that has already been
    // disposed" (leptos transition.rs) that concurrent viewers caused.
    #[cfg(feature = "hydrate")]
    let tab_view = view! { <Transition fallback=loading set_pending=set_refreshing>{body()}</Transition> };
    #[cfg(not(feature = "hydrate"))]
    let tab_view = view! { <Transition fallback=loading>{body()}</Transition> };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <div class="tab-tools">
                <span class="muted" role="status">{move || refreshing.get().then_some("Refreshing…")}</span>
                <a
                    class="refresh"
                    href=here
                    on:click=move |event| {
                        event.prevent_default();
                        data.refetch();
                    }
                >
                    "Refresh"
                </a>
            </div>
            {tab_view}
        </PageShell>
    }
}
