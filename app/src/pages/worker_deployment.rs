//! `/namespaces/{ns}/worker-deployments/{deployment}` (the Temporal UI's URL): one worker
//! deployment from DescribeWorkerDeployment, where it sends new work (current and ramping version)
//! and its versions with their drainage; with writes allowed, the forms that change the routing
//! (plain POST forms carrying the describe's conflict token).
use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::load_worker_deployment,
    components::{PageLoader, PageShell, PageTitle, TimeText},
    urls,
};
use model::{DeploymentVersionRow, WorkerDeploymentPage as Deployment};

#[component]
pub fn WorkerDeploymentPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let deployment = path_param("deployment");
    let page = Resource::new(route_source(move || (namespace.get(), deployment.get())), |(ns, name)| {
        load_worker_deployment(ns, name)
    });
    let render = {
        let done = leptos_router::hooks::use_query_map().with_untracked(|query| query.get("done"));
        move |page| view! { <DeploymentView page done=done.clone() /> }
    };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Loading the worker deployment…" render />
        </PageShell>
    }
}

/// `done`: the write that redirected here (`?done=current`), read with the route before the load.
#[component]
fn DeploymentView(page: Deployment, done: Option<String>) -> impl IntoView {
    let notice = done.and_then(|done| {
        let text = match done.as_str() {
            "current" => "Current version set: new work goes to it (the routing update state below says when every task queue has it).",
            "ramping" => "Ramping version set: it gets that share of new work.",
            "stop-ramping" => "Ramping stopped: all new work goes to the current version.",
            _ => return None,
        };
        Some(view! { <p class="notice" role="status">{text}</p> })
    });
    let heading = view! {
        <PageTitle text=format!("Worker deployment {}", page.name) />
        <p class="breadcrumbs">
            <a href=urls::namespace(&page.namespace)>{page.namespace.clone()}</a>" / worker deployments / "
            <span class="mono">{page.name.clone()}</span>
        </p>
        <h1>"Worker deployment " <span class="mono">{page.name.clone()}</span></h1>
    };
    if let Some(note) = page.unavailable.clone() {
        return view! { {heading} <p class="muted unavailable">{note}</p> }.into_any();
    }
    let forms = match page.refused.clone() {
        Some(refused) => view! { <p class="muted">"Changing where it routes work: " {refused} "."</p> }.into_any(),
        None => view! { <RoutingForms page=page.clone() /> }.into_any(),
    };
    view! {
        {heading}
        {notice}
        <Routing page=page.clone() />
        <Versions versions=page.versions.clone() />
        {forms}
    }
    .into_any()
}

fn unversioned(build_id: Option<String>) -> String {
    build_id.unwrap_or_else(|| "unversioned workers".into())
}

#[component]
fn Routing(page: Deployment) -> impl IntoView {
    let ramping = match page.ramping.clone() {
        Some(build_id) => view! {
            <span class="mono">{build_id}</span>
            {format!(" gets {}% of new work", page.ramp_percentage)}
            {page.ramping_changed.clone().map(|time| view! { " · since " <TimeText time=Some(time) /> })}
        }
        .into_any(),
        None => "none".into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="routing-heading">
            <h2 id="routing-heading">"Routing"</h2>
            <dl class="facts">
                <dt>"Current version"</dt>
                <dd><span class="mono">{unversioned(page.current.clone())}</span>
                    {page.current_changed.clone().map(|time| view! { " · since " <TimeText time=Some(time) /> })}
                </dd>
                <dt>"Ramping version"</dt><dd>{ramping}</dd>
                <dt>"Routing update"</dt><dd>{page.routing_update_state.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>"Created"</dt><dd><TimeText time=page.created.clone() /></dd>
                <dt>"Last changed by"</dt><dd class="mono">{page.last_modifier.clone().unwrap_or_else(|| "—".into())}</dd>
                {page.manager.clone().map(|manager| view! { <dt>"Manager"</dt><dd class="mono">{manager}</dd> })}
            </dl>
        </section>
    }
}

#[component]
fn Versions(versions: Vec<DeploymentVersionRow>) -> impl IntoView {
    let body = if versions.is_empty() {
        view! { <p class="muted">"No versions: no worker of this deployment has polled yet."</p> }.into_any()
    } else {
        let rows = versions
            .into_iter()
            .map(|version| {
                view! {
                    <tr>
                        <td class="mono">{version.build_id}</td>
                        <td>{version.status}</td>
                        <td>
                            {version.drainage.unwrap_or_else(|| "—".into())}
                            {version.drainage_changed.map(|time| view! { <br /><span class="muted">"changed "</span><TimeText time=Some(time) /> })}
                            {version.drainage_checked.map(|time| view! { <br /><span class="muted">"checked "</span><TimeText time=Some(time) /> })}
                        </td>
                        <td><TimeText time=version.current_since /></td>
                        <td><TimeText time=version.ramping_since /></td>
                        <td><TimeText time=version.created /></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data-table">
                <thead><tr>
                    <th>"Build ID"</th><th>"Status"</th><th>"Drainage"</th><th>"Current since"</th>
                    <th>"Ramping since"</th><th>"Created"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! { <section class="panel" aria-labelledby="versions-heading"><h2 id="versions-heading">"Versions"</h2>{body}</section> }
}

/// Set the current version, ramp one, stop ramping: each form carries the CSRF token and the
/// conflict token, and asks for the deployment's name typed out.
#[component]
fn RoutingForms(page: Deployment) -> impl IntoView {
    let build_ids: Vec<String> = page.versions.iter().map(|version| version.build_id.clone()).collect();
    let (has_versions, is_ramping) = (!build_ids.is_empty(), page.ramping.is_some());
    let form = move |slug: &'static str, legend: &'static str, button: &'static str| {
        let ramping = slug == "ramping";
        let choose = (slug != "stop-ramping").then(|| {
            let options =
                build_ids.iter().map(|id| view! { <option value=id.clone()>{id.clone()}</option> }).collect_view();
            view! {
                <label>"Version (build ID) "
                    <select name="build_id" required>{options}</select>
                </label>
            }
        });
        view! {
            <form method="post" action=format!("{}/{slug}", urls::worker_deployment(&page.namespace, &page.name)) class="run-action">
                <fieldset>
                    <legend>{legend}</legend>
                    <input type="hidden" name="csrf" value=page.csrf_token.clone() />
                    <input type="hidden" name="conflict_token" value=page.conflict_token.clone() />
                    {choose}
                    {ramping.then(|| view! {
                        <label>"Share of new work (%) "
                            <input name="percentage" type="number" min="0" max="100" step="any" required inputmode="decimal" />
                        </label>
                    })}
                    <label>"Reason (for the audit log) " <input name="reason" autocomplete="off" /></label>
                    <label>
                        "Type the deployment's name " <span class="mono">{page.name.clone()}</span> " to confirm "
                        <input name="confirm" required autocomplete="off" spellcheck="false" class="mono" />
                    </label>
                    <button type="submit" class="danger">{button}</button>
                </fieldset>
            </form>
        }
    };
    let set = has_versions.then(|| {
        view! {
            {form("current", "Set the current version", "Set current")}
            {form("ramping", "Ramp a version", "Set ramping")}
        }
    });
    let stop = is_ramping.then(|| form("stop-ramping", "Stop ramping", "Stop ramping"));
    view! {
        <section class="panel action-form" aria-labelledby="routing-forms-heading">
            <h2 id="routing-forms-heading">"Change where new work goes"</h2>
            <p class="muted">
                "Each change is refused by Temporal if the deployment changed after this page was loaded: reload it then."
            </p>
            {set}
            {stop}
        </section>
    }
}
