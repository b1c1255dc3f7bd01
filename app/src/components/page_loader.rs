use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use super::ErrorPage;
use crate::error::AppError;

/// The body of a page that loads one thing: `loading` while it loads, then `render` of what it
/// loaded, or the error in its place (`ErrorPage` answers with the error's HTTP status).
///
/// `render` runs after the load has waited, when the request's reactive values may already be
/// disposed (a request the browser abandoned): reading a route memo or router hook then panics.
/// So it gets only the loaded value and what it captured: read the route before, into owned values.
#[component]
pub fn PageLoader<T, V, F>(
    /// What the page loads, from its server function.
    page: Resource<Result<T, AppError>>,
    /// The sentence shown while it loads ("Loading the task queue…").
    loading: &'static str,
    /// The page, from what was loaded.
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="muted">{loading}</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                {move || {
                    // The resource's future holds its state by `Arc`: taken now, nothing in the
                    // async block below touches the reactive arena.
                    let loaded = page.into_future();
                    let render = render.clone();
                    Suspend::new(async move { loaded.await.map(render) })
                }}
            </ErrorBoundary>
        </Suspense>
    }
}
