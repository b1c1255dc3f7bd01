use leptos::prelude::*;

use crate::{
    api::default_namespace,
    components::{ErrorPage, GoTo},
    urls,
};

/// `/` → the workflows of the default namespace.
#[component]
pub fn HomeRedirect() -> impl IntoView {
    let target = Resource::new(|| (), |_| default_namespace());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Redirecting…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                {move || Suspend::new(async move {
                    target.await.map(|namespace| view! { <GoTo path=urls::workflows(&namespace) /> })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
