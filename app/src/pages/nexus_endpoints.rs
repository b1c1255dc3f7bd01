//! `/nexus` (the Temporal UI's URL): the cluster's Nexus endpoints, each with where it sends its
//! operations. Endpoints are cluster-wide, so the page is not under a namespace.
use leptos::prelude::*;

use crate::{
    api::load_nexus_endpoints,
    components::{PageLoader, PageShell, PageTitle, TimeText},
    urls,
};
use model::{NexusEndpointView, NexusEndpointsPage as Endpoints, NexusTarget};

#[component]
pub fn NexusEndpointsPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_nexus_endpoints());
    view! {
        <PageShell>
            <PageLoader page loading="Loading the Nexus endpoints…" render=|page| view! { <EndpointList page /> } />
        </PageShell>
    }
}

#[component]
fn EndpointList(page: Endpoints) -> impl IntoView {
    let Endpoints { endpoints, unavailable, truncated } = page;
    let body = match unavailable {
        Some(note) => view! { <p class="muted unavailable">{note}</p> }.into_any(),
        None if endpoints.is_empty() => view! {
            <p class="empty">
                "This cluster has no Nexus endpoints. "
                <span class="mono">"temporal operator nexus endpoint create"</span>
                " makes one."
            </p>
        }
        .into_any(),
        None => {
            let rows = endpoints.into_iter().map(|endpoint| view! { <EndpointRow endpoint /> }).collect_view();
            view! {
                <table class="data-table nexus-endpoints">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Target"</th>
                            <th scope="col">"Description"</th>
                            <th scope="col">"Created"</th>
                            <th scope="col">"Updated"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <PageTitle text="Nexus endpoints".to_string() />
        <h1>"Nexus endpoints"</h1>
        <p class="muted">"Endpoints belong to the whole cluster: each routes Nexus operations to a worker's task queue in a namespace, or to a URL."</p>
        {body}
        {truncated.then(|| view! { <p class="muted">"Only the first endpoints are listed."</p> })}
    }
}

#[component]
fn EndpointRow(endpoint: NexusEndpointView) -> impl IntoView {
    let NexusEndpointView { id, name, target, description, description_text, created_time, last_modified_time, .. } =
        endpoint;
    let description = description_text.or_else(|| description.map(|payload| payload.body.text().to_string()));
    view! {
        <tr>
            <td><a class="mono" href=urls::nexus_endpoint(&id)>{name}</a></td>
            <td><TargetText target /></td>
            <td class="nexus-description">{description}</td>
            <td><TimeText time=created_time /></td>
            <td><TimeText time=last_modified_time /></td>
        </tr>
    }
}

/// `namespace / task queue` with links to both, or the external URL as text (never a link: it is
/// the handler's address, not a page).
#[component]
pub fn TargetText(target: NexusTarget) -> impl IntoView {
    match target {
        NexusTarget::Worker { namespace, task_queue } => view! {
            <a class="mono" href=urls::namespace(&namespace)>{namespace.clone()}</a>
            " / "
            <a class="mono" href=urls::task_queue(&namespace, &task_queue)>{task_queue.clone()}</a>
        }
        .into_any(),
        NexusTarget::External { url } => view! { <span class="mono">{url}</span> }.into_any(),
        NexusTarget::Unknown => view! { <span class="muted">"no target"</span> }.into_any(),
    }
}
