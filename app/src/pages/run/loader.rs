use std::future::Future;

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    components::{ErrorPage, PageShell},
    error::AppError,
    pages::params::path_param,
};

/// The frame of a run tab: reads namespace, workflow ID and run ID from the path, loads the
/// tab's data with `load` and shows it with `render`, or the error with its HTTP status.
#[component]
pub fn RunTabLoader<T, Fut, V>(load: fn(String, String, String) -> Fut, render: fn(T) -> V) -> impl IntoView
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let namespace = path_param("namespace");
    let workflow_id = path_param("workflow_id");
    let run_id = path_param("run_id");
    let data = Resource::new(
        move || (namespace.get(), workflow_id.get(), run_id.get()),
        move |(namespace, workflow_id, run_id)| load(namespace, workflow_id, run_id),
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                    {move || Suspend::new(async move { data.await.map(render) })}
                </ErrorBoundary>
            </Suspense>
        </PageShell>
    }
}
