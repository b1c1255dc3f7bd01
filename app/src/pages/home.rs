use leptos::prelude::*;

use crate::{
    api::default_namespace,
    components::{GoTo, PageLoader},
    urls,
};

/// `/` → the workflows of the default namespace.
#[component]
pub fn HomeRedirect() -> impl IntoView {
    let target = Resource::new(|| (), |_| default_namespace());
    view! {
        <PageLoader
            page=target
            loading="Redirecting…"
            render=|namespace| view! { <GoTo path=urls::workflows(&namespace) /> }
        />
    }
}
