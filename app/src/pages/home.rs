use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::{api::default_namespace, components::ErrorPage, urls};

/// `/` → the workflows of the default namespace.
#[component]
pub fn HomeRedirect() -> impl IntoView {
    let target = Resource::new(|| (), |_| default_namespace());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Redirecting…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                {move || Suspend::new(async move {
                    target.await.map(|namespace| view! { <Redirect path=urls::workflows(&namespace) /> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
