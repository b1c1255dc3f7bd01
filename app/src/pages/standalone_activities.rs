//! `/namespaces/{ns}/activities?query=…&next=…` (the Temporal UI's URL): the namespace's
//! standalone activities (server 1.32+, started with no workflow), filtered by a visibility query,
//! a page at a time. A cluster without them gets a note.
use leptos::prelude::*;

use super::params::{path_param, query_param, route_source};
use crate::{
    api::list_standalone_activities,
    components::{PageLoader, PageShell, PageTitle, TimeText},
    urls,
};
use model::{StandaloneActivitiesPage as Activities, StandaloneActivityRow};

#[component]
pub fn StandaloneActivitiesPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let query = query_param("query");
    let next = query_param("next");
    let activities = Resource::new(
        route_source(move || (namespace.get(), query.get().unwrap_or_default(), next.get())),
        |(namespace, query, next)| list_standalone_activities(namespace, query, next),
    );
    let render = {
        let (namespace, first_page) = (namespace.get_untracked(), next.get_untracked().is_none());
        move |page| view! { <ActivityList page namespace=namespace.clone() first_page /> }
    };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page=activities loading="Loading standalone activities…" render />
        </PageShell>
    }
}

/// The class of a status badge: the workflow statuses' colours where the names match.
pub fn status_class(status: &str) -> String {
    format!("status-badge status-{}", status.replace(' ', "").to_ascii_lowercase())
}

#[component]
fn QueryForm(namespace: String, query: String) -> impl IntoView {
    let clear = (!query.is_empty()).then(|| view! { <a href=urls::standalone_activities(&namespace, "")>"Clear"</a> });
    view! {
        <form method="get" action=urls::standalone_activities(&namespace, "") class="query-form">
            <label for="query">"Visibility query"</label>
            <input
                id="query"
                type="search"
                name="query"
                placeholder="ActivityType = 'charge_card' AND ExecutionStatus = 'Running'"
                value=query
            />
            <button type="submit">"Search"</button>
            {clear}
        </form>
    }
}

#[component]
fn ActivityList(page: Activities, namespace: String, first_page: bool) -> impl IntoView {
    let Activities { query, rows, next_page, count, unavailable } = page;
    let title = format!("Standalone activities · {namespace}");
    let heading = view! {
        <PageTitle text=title />
        <h1>"Standalone activities"</h1>
    };
    if let Some(note) = unavailable {
        return view! {
            {heading}
            <p class="notice unavailable-note" role="status">{note}</p>
        }
        .into_any();
    }
    let here = urls::standalone_activities(&namespace, &query);
    let counted = count.map(|count| {
        let noun = if count == 1 { "activity" } else { "activities" };
        let sentence = if query.is_empty() {
            format!("{count} standalone {noun} in {namespace}.")
        } else {
            format!("{count} standalone {noun} match the query.")
        };
        view! { <p class="muted activity-count">{sentence}</p> }
    });
    let body = if rows.is_empty() {
        let sentence = match (first_page, query.is_empty()) {
            (false, _) => "No more standalone activities.".to_string(),
            (true, true) => format!("The namespace {namespace} has no standalone activities."),
            (true, false) => "No standalone activity matches the query.".to_string(),
        };
        view! { <p class="empty">{sentence}</p> }.into_any()
    } else {
        let rows = rows.into_iter().map(|row| view! { <ActivityRow row namespace=namespace.clone() /> }).collect_view();
        view! {
            <table class="data-table standalone-activities">
                <thead>
                    <tr>
                        <th scope="col">"Activity ID"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Task queue"</th>
                        <th scope="col">"Scheduled"</th>
                        <th scope="col">"Closed or state"</th>
                        <th scope="col">"Attempt"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let separator = if here.contains('?') { '&' } else { '?' };
    view! {
        {heading}
        <QueryForm namespace=namespace.clone() query=query.clone() />
        {counted}
        {body}
        <nav class="pager" aria-label="Pages">
            {(!first_page).then(|| view! { <a href=here.clone()>"First page"</a> })}
            {next_page.map(|token| {
                view! { <a rel="next" href=format!("{here}{separator}next={}", urls::encode(&token))>"Next page"</a> }
            })}
        </nav>
    }
    .into_any()
}

#[component]
fn ActivityRow(row: StandaloneActivityRow, namespace: String) -> impl IntoView {
    let StandaloneActivityRow {
        activity_id,
        run_id,
        activity_type,
        status,
        task_queue,
        scheduled,
        closed,
        state,
        attempt,
    } = row;
    let link = urls::standalone_activity(&namespace, &activity_id, &run_id);
    let queue = urls::task_queue(&namespace, &task_queue);
    let closed_or_state = match (closed, state) {
        (Some(closed), _) => view! { <TimeText time=Some(closed) /> }.into_any(),
        (None, Some(state)) => view! { <span>{state}</span> }.into_any(),
        (None, None) => view! { <span class="muted">"—"</span> }.into_any(),
    };
    view! {
        <tr>
            <td class="mono"><a href=link>{activity_id}</a></td>
            <td>{activity_type}</td>
            <td><span class=status_class(&status)>{status.clone()}</span></td>
            <td class="mono"><a href=queue>{task_queue}</a></td>
            <td><TimeText time=scheduled /></td>
            <td>{closed_or_state}</td>
            <td>{attempt.map(|attempt| attempt.to_string()).unwrap_or_default()}</td>
        </tr>
    }
}
