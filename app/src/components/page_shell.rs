use leptos::prelude::*;

use super::{ClusterSwitcher, NamespaceSwitcher, SignOut};
use crate::urls;

/// The frame of every page: the header with the namespace switcher, then the page itself.
#[component]
pub fn PageShell(
    /// The namespace the page is about, if any; the switcher marks it.
    #[prop(into, optional)]
    namespace: MaybeProp<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href=urls::home()>"Temporal debugger"</a>
            <nav class="site-nav">
                <a href=urls::namespaces()>"Namespaces"</a>
                {move || namespace.get().map(|ns| view! { <a href=urls::workflows(&ns)>"Workflows"</a> })}
                <a href=urls::import(None)>"Open a file"</a>
            </nav>
            <ClusterSwitcher />
            <NamespaceSwitcher current=namespace />
            <SignOut />
        </header>
        <main class="page">{children()}</main>
    }
}
