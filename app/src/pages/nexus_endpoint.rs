//! `/nexus/{id}` (the Temporal UI's URL): one Nexus endpoint, its target and its description.
use leptos::prelude::*;

use super::{
    nexus_endpoints::TargetText,
    params::{path_param, route_source},
};
use crate::{
    api::load_nexus_endpoint,
    components::{PageLoader, PageShell, PageTitle, PayloadBlock, TimeText},
    urls,
};
use model::{NexusEndpointPage as Endpoint, NexusEndpointView, NexusTarget};

#[component]
pub fn NexusEndpointPage() -> impl IntoView {
    let id = path_param("id");
    let page = Resource::new(route_source(move || id.get()), load_nexus_endpoint);
    view! {
        <PageShell>
            <PageLoader page loading="Loading the Nexus endpoint…" render=|page| view! { <EndpointView page /> } />
        </PageShell>
    }
}

#[component]
fn EndpointView(page: Endpoint) -> impl IntoView {
    let NexusEndpointView {
        id,
        name,
        version,
        target,
        description,
        description_text,
        created_time,
        last_modified_time,
        url_prefix,
    } = page.endpoint;
    let kind = match &target {
        NexusTarget::Worker { .. } => "A worker's task queue",
        NexusTarget::External { .. } => "An external URL",
        NexusTarget::Unknown => "Not given",
    };
    let description = match (description_text, description) {
        (Some(text), _) => Some(view! { <p class="nexus-description">{text}</p> }.into_any()),
        (None, Some(payload)) => Some(view! { <PayloadBlock payload /> }.into_any()),
        (None, None) => None,
    };
    view! {
        <PageTitle text=format!("Nexus endpoint {name}") />
        <p class="breadcrumbs">
            <a href=urls::nexus_endpoints()>"Nexus endpoints"</a>" / "<span class="mono">{name.clone()}</span>
        </p>
        <h1>"Nexus endpoint " <span class="mono">{name}</span></h1>
        <section class="panel" aria-label="Endpoint">
            <dl class="facts summary-facts">
                <dt>"ID"</dt>
                <dd class="mono">{id}</dd>
                <dt>"Target"</dt>
                <dd>{kind} ": " <TargetText target /></dd>
                <dt>"Created"</dt>
                <dd><TimeText time=created_time /></dd>
                <dt>"Updated"</dt>
                <dd><TimeText time=last_modified_time /></dd>
                <dt>"Version"</dt>
                <dd>{version}</dd>
                <dt>"URL prefix"</dt>
                <dd class="mono">{url_prefix}</dd>
            </dl>
        </section>
        <section class="panel" aria-label="Description">
            <h2>"Description"</h2>
            {description.unwrap_or_else(|| view! { <p class="muted">"No description."</p> }.into_any())}
        </section>
    }
}
