//! `/namespaces/{ns}/counts?by=<field>&query=<visibility query>`: how many runs the query matches,
//! grouped by one field (value, count, share, each value linking to the list narrowed to it), and
//! a GET form choosing the field and the query. A field the visibility store cannot group by is
//! shown as unavailable, with the server's answer.
use leptos::prelude::*;

use super::params::{path_param, query_param, route_source};
use crate::{
    api::load_workflow_counts,
    components::{PageLoader, PageShell, PageTitle},
    urls,
};
use model::{WorkflowCountsPage as Counts, share_text};

#[component]
pub fn WorkflowCountsPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let by = query_param("by");
    let query = query_param("query");
    let counts = Resource::new(
        route_source(move || (namespace.get(), by.get().unwrap_or_default(), query.get().unwrap_or_default())),
        |(namespace, by, query)| load_workflow_counts(namespace, by, query),
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <h1>"Counts " <span class="muted">"in " {namespace}</span></h1>
            <PageLoader page=counts loading="Counting the runs…" render=|counts| view! { <CountsView counts /> } />
        </PageShell>
    }
}

#[component]
fn CountsView(counts: Counts) -> impl IntoView {
    let grouped_total = counts.grouped_total();
    let rows = counts
        .groups
        .iter()
        .map(|group| {
            let list = urls::workflows_query(&counts.namespace, &counts.filtered_query(&group.value), None);
            let value = if group.value.is_empty() { "(none)".to_string() } else { group.value.clone() };
            view! {
                <tr>
                    <td><a href=list>{value}</a></td>
                    <td class="num">{group.count}</td>
                    <td class="num">{share_text(group.count, grouped_total)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = match (&counts.unavailable, counts.groups.is_empty()) {
        (Some(note), _) => view! { <p class="warning counts-unavailable" role="status">{note.clone()}</p> }.into_any(),
        (None, true) => view! { <p class="empty">"No run matches."</p> }.into_any(),
        (None, false) => view! {
            <table class="data-table counts-table">
                <caption class="muted">{format!("By {}", counts.by)}</caption>
                <thead><tr>
                    <th scope="col">{counts.by.clone()}</th>
                    <th scope="col" class="num">"Runs"</th>
                    <th scope="col" class="num">"Share"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">"Total"</th><td class="num">{grouped_total}</td><td class="num">"100%"</td></tr></tfoot>
            </table>
        }
        .into_any(),
    };
    let options = counts
        .fields
        .iter()
        .map(|field| view! { <option value=field.clone() selected=*field == counts.by>{field.clone()}</option> })
        .collect_view();
    let list = urls::workflows_query(&counts.namespace, &counts.query, None);
    let total = counts.total;
    view! {
        <PageTitle text=format!("Counts by {} in {}", counts.by, counts.namespace) />
        <form method="get" action=urls::workflow_counts(&counts.namespace, "", "") class="counts-form">
            <label>"Group by " <select name="by">{options}</select></label>
            " "
            <label>"Query " <input name="query" value=counts.query.clone() class="mono" size="60" autocomplete="off" spellcheck="false" /></label>
            " " <button type="submit">"Count"</button>
        </form>
        <p role="status">
            {format!("{total} {}", if total == 1 { "run matches" } else { "runs match" })}
            {if counts.query.is_empty() { " (every run in the namespace)".to_string() } else { String::new() }}
            " · " <a href=list>"the list"</a>
        </p>
        {table}
        <p class="muted">"Temporal's counts are approximate, and its groups may leave some runs out."</p>
    }
}
