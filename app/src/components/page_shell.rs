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
    let location = leptos_router::hooks::use_location();
    // The settings link brings the reader back here after a change. Only the browser follows
    // the URL; the server's render reads it once, subscribing to nothing.
    let read = move |memo: Memo<String>| if cfg!(feature = "ssr") { memo.get_untracked() } else { memo.get() };
    let settings = move || {
        let search = read(location.search);
        let search = if search.is_empty() || search.starts_with('?') { search } else { format!("?{search}") };
        urls::settings(Some(&format!("{}{search}", urls::with_base_once(&read(location.pathname)))))
    };
    let zone = crate::time_zone::zone().label().to_string();
    view! {
        <header class="site-header">
            <a class="brand" href=urls::home()>"Temporal debugger"</a>
            <nav class="site-nav">
                <a href=urls::namespaces()>"Namespaces"</a>
                {move || namespace.get().map(|ns| view! {
                    <a href=urls::workflows(&ns)>"Workflows"</a>
                    <a href=urls::schedules(&ns)>"Schedules"</a>
                    <a href=urls::task_queues(&ns)>"Task queues"</a>
                    <a href=urls::workers(&ns, "")>"Workers"</a>
                    <a href=urls::namespace(&ns)>"Namespace"</a>
                })}
                <a href=urls::cluster()>"Cluster"</a>
                <a href=urls::nexus_endpoints()>"Nexus"</a>
                <a href=urls::cluster_health("")>"Health"</a>
                <a href=urls::import(None)>"Open a file"</a>
            </nav>
            <ClusterSwitcher />
            <NamespaceSwitcher current=namespace />
            <a class="zone-link" href=settings title="Time zone of every time shown (settings)">{zone}</a>
            <SignOut />
        </header>
        <main class="page">{children()}</main>
    }
}
