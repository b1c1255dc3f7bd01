//! `/namespaces/{ns}/workers` (the Temporal UI's URL): the namespace's workers from their
//! heartbeats, with their verdicts, filtered by a ListWorkers query (a GET form), a page at a
//! time. A server without heartbeats gets a note that sends to the task queues' pollers.
use leptos::prelude::*;

use super::params::{path_param, query_param, route_source};
use crate::{
    api::list_namespace_workers,
    components::{PageLoader, PageShell, PageTitle, WorkerTable},
    urls,
};
use model::WorkerListPage;

#[component]
pub fn NamespaceWorkersPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let query = query_param("query");
    let next = query_param("next");
    let page = Resource::new(route_source(move || (namespace.get(), query.get(), next.get())), |(ns, query, next)| {
        list_namespace_workers(ns, query, next)
    });
    let first_page = next.get_untracked().is_none();
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Loading workers…" render=move |page| view! { <WorkerList page first_page /> } />
        </PageShell>
    }
}

#[component]
fn WorkerList(page: WorkerListPage, first_page: bool) -> impl IntoView {
    let WorkerListPage { namespace, query, workers, next_page, unavailable } = page;
    let here = urls::workers(&namespace, &query);
    let body = if let Some(note) = unavailable {
        view! {
            <p class="muted unavailable">{note}</p>
            <p>
                "Each task queue's page lists its pollers: "
                <a href=urls::task_queues(&namespace)>"Task queues"</a>
            </p>
        }
        .into_any()
    } else if workers.is_empty() {
        let sentence = match (first_page, query.is_empty()) {
            (false, _) => "No more workers.".to_string(),
            (true, true) => format!(
                "No worker has sent a heartbeat to namespace {namespace} recently (the server forgets a worker some \
                 minutes after its last heartbeat)."
            ),
            (true, false) => "No worker matches this query.".to_string(),
        };
        view! { <p class="empty">{sentence}</p> }.into_any()
    } else {
        view! { <WorkerTable workers namespace=namespace.clone() show_queue=true /> }.into_any()
    };
    let next_link = next_page.map(|token| {
        let separator = if here.contains('?') { '&' } else { '?' };
        view! { <a rel="next" href=format!("{here}{separator}next={}", urls::encode(&token))>"Next page"</a> }
    });
    view! {
        <PageTitle text=format!("Workers · {namespace}") />
        <h1>"Workers"</h1>
        <p class="muted">
            "Each worker as its last heartbeat describes it (Temporal 1.29 or later; SDKs heartbeat every 60 s by \
             default). Times and ages come from the workers' own clocks."
        </p>
        <form method="get" action=urls::workers(&namespace, "") class="query-form">
            <label for="query">"Worker query"</label>
            <input
                id="query"
                type="search"
                name="query"
                placeholder="TaskQueue = 'orders' AND Status = 'Running'"
                value=query.clone()
            />
            <button type="submit">"Search"</button>
            {(!query.is_empty()).then(|| view! { <a href=urls::workers(&namespace, "")>"Clear"</a> })}
        </form>
        {body}
        <nav class="pager" aria-label="Pages">
            {(!first_page).then(|| view! { <a href=here.clone()>"First page"</a> })}
            {next_link}
        </nav>
    }
}
