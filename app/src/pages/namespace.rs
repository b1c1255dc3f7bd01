use crate::components::PageTitle;
use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::load_namespace,
    components::{CapabilityList, FactList, PageLoader, PageShell, TimeText},
    urls,
};
use model::{DeploymentRow, NamespacePage as Namespace, SearchAttributeType};

/// `/namespaces/{ns}`: the namespace's settings, capabilities, search attributes and worker
/// deployments, with the links into its workflows, schedules and task queues.
#[component]
pub fn NamespacePage() -> impl IntoView {
    let namespace = path_param("namespace");
    let page = Resource::new(route_source(move || namespace.get()), load_namespace);
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Loading the namespace…" render=|page| view! { <NamespaceView page /> } />
        </PageShell>
    }
}

#[component]
fn NamespaceView(page: Namespace) -> impl IntoView {
    let Namespace {
        name,
        facts,
        data,
        capabilities,
        limits,
        clusters,
        failovers,
        bad_binaries,
        search_attributes,
        deployments,
    } = page;
    view! {
        <PageTitle text=format!("Namespace {name}") />
        <h1>"Namespace " {name.clone()}</h1>
        <nav class="namespace-links" aria-label="In this namespace">
            <a href=urls::workflows(&name)>"Workflows"</a>
            <a href=urls::schedules(&name)>"Schedules"</a>
            <a href=urls::standalone_activities(&name, "")>"Standalone activities"</a>
            <a href=urls::task_queues(&name)>"Task queues"</a>
            <a href=urls::workers(&name, "")>"Workers"</a>
            <a href=urls::stuck_runs(&name, "")>"Stuck runs"</a>
        </nav>
        <section class="panel" aria-label="Settings">
            <h2>"Settings"</h2>
            <FactList facts />
            {(!clusters.is_empty()).then(|| view! { <p>"Clusters: " {clusters.join(", ")}</p> })}
            <FactList facts=limits />
        </section>
        <section class="panel" aria-label="Capabilities">
            <h2>"Capabilities"</h2>
            <CapabilityList capabilities />
        </section>
        {(!data.is_empty()).then(|| view! {
            <section class="panel" aria-label="Data"><h2>"Data"</h2><FactList facts=data /></section>
        })}
        {(!failovers.is_empty()).then(|| view! {
            <section class="panel" aria-label="Failovers"><h2>"Failovers"</h2><FactList facts=failovers /></section>
        })}
        {(!bad_binaries.is_empty()).then(|| view! {
            <section class="panel" aria-label="Bad binaries"><h2>"Bad binaries"</h2><FactList facts=bad_binaries /></section>
        })}
        <SearchAttributes attributes=search_attributes />
        <Deployments deployments namespace=name.clone() />
    }
}

#[component]
fn SearchAttributes(attributes: Result<Vec<SearchAttributeType>, String>) -> impl IntoView {
    let body = match attributes {
        Err(reason) => view! { <p class="muted">{reason}</p> }.into_any(),
        Ok(attributes) => view! {
            <table class="data-table">
                <thead><tr><th>"Name"</th><th>"Type"</th><th>"Kind"</th></tr></thead>
                <tbody>
                    {attributes
                        .into_iter()
                        .map(|attribute| view! {
                            <tr class=if attribute.custom { "" } else { "builtin" }>
                                <td class="mono">{attribute.name}</td>
                                <td>{attribute.value_type}</td>
                                <td>{if attribute.custom { "custom" } else { "system" }}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    };
    view! { <section class="panel" aria-label="Search attributes"><h2>"Search attributes"</h2>{body}</section> }
}

#[component]
fn Deployments(deployments: Result<Vec<DeploymentRow>, String>, namespace: String) -> impl IntoView {
    let body = match deployments {
        Err(reason) => view! { <p class="muted unavailable">{reason}</p> }.into_any(),
        Ok(rows) if rows.is_empty() => {
            view! { <p class="muted">"No worker deployments: the namespace's workers are unversioned."</p> }.into_any()
        }
        Ok(rows) => view! {
            <table class="data-table">
                <thead><tr><th>"Deployment"</th><th>"Current"</th><th>"Ramping"</th><th>"Latest version"</th><th>"Versions"</th><th>"Created"</th></tr></thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| view! {
                            <tr>
                                <td class="mono"><a href=urls::worker_deployment(&namespace, &row.name)>{row.name.clone()}</a></td>
                                <td class="mono">{row.current}</td>
                                <td class="mono">{row.ramping.unwrap_or_else(|| "—".into())}</td>
                                <td class="mono">{row.latest}</td>
                                <td>{row.versions.join("; ")}</td>
                                <td><TimeText time=row.created /></td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    };
    view! { <section class="panel" aria-label="Worker deployments"><h2>"Worker deployments"</h2>{body}</section> }
}
