use crate::components::PageTitle;
use leptos::prelude::*;

use crate::{
    api::load_cluster,
    components::{CapabilityList, FactList, PageLoader, PageShell},
    urls,
};
use model::ClusterPage as Cluster;

/// `/cluster`: the Temporal cluster behind these pages.
#[component]
pub fn ClusterPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_cluster());
    view! {
        <PageShell>
            <PageLoader page loading="Loading the cluster…" render=|page| view! { <ClusterView page /> } />
        </PageShell>
    }
}

#[component]
fn ClusterView(page: Cluster) -> impl IntoView {
    let Cluster { configured_name, address, facts, supported_clients, capabilities, version_notes } = page;
    view! {
        <PageTitle text=format!("Cluster {configured_name}") />
        <h1>"Cluster " {configured_name}</h1>
        <p class="muted">"Reached at " <span class="mono">{address}</span> ". "
            <a href=urls::cluster_health("")>"Its health, from the server's metrics"</a> "; "
            <a href=urls::nexus_endpoints()>"its Nexus endpoints"</a> "."</p>
        <section class="panel" aria-label="Server">
            <h2>"Server"</h2>
            <FactList facts />
            <FactList facts=version_notes />
        </section>
        <section class="panel" aria-label="Capabilities">
            <h2>"Capabilities"</h2>
            <CapabilityList capabilities />
        </section>
        <section class="panel" aria-label="Supported clients">
            <h2>"Supported SDKs and clients"</h2>
            {if supported_clients.is_empty() {
                view! { <p class="muted">"The server names no client versions."</p> }.into_any()
            } else {
                view! { <FactList facts=supported_clients /> }.into_any()
            }}
        </section>
    }
}
