use crate::components::PageTitle;
use leptos::prelude::*;
use leptos::{ev::SubmitEvent, html::Input};
use leptos_router::{NavigateOptions, hooks::use_navigate};

use super::params::{path_param, query_param, route_source};
use crate::{
    api::list_workflows,
    components::{ErrorPage, PageShell, StatusBadge, TimeText},
    model::{StatusCount, WorkflowPage, WorkflowRow},
    urls,
};

/// `/namespaces/{ns}/workflows?query=…&next=…`
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let query = query_param("query");
    let next_page = query_param("next");
    let page_size = query_param("size");
    let page_size = Memo::new(move |_| page_size.get().and_then(|size| size.parse::<i32>().ok()));
    let page = Resource::new(
        route_source(move || (namespace.get(), query.get().unwrap_or_default(), next_page.get(), page_size.get())),
        |(namespace, query, next_page, page_size)| list_workflows(namespace, query, next_page, page_size),
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <h1>"Workflows " <span class="muted">"in " {namespace}</span></h1>
            <QueryForm namespace query />
            <Suspense fallback=|| view! { <p class="muted">"Loading workflows…"</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>
                    {move || Suspend::new(async move {
                        let page = page.await?;
                        let namespace = namespace.get_untracked();
                        let query = query.get_untracked().unwrap_or_default();
                        let is_first_page = next_page.get_untracked().is_none();
                        let page_size = page_size.get_untracked();
                        Ok::<_, crate::error::AppError>(view! { <WorkflowResults page namespace query page_size is_first_page /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </PageShell>
    }
}

#[component]
fn WorkflowResults(
    page: WorkflowPage,
    namespace: String,
    query: String,
    page_size: Option<i32>,
    is_first_page: bool,
) -> impl IntoView {
    let WorkflowPage { rows, next_page, counts, total, can_batch } = page;
    let batch = (can_batch && !query.trim().is_empty() && !rows.is_empty()).then(|| {
        let href = urls::batch(&namespace, &query);
        view! { <p class="run-actions"><a class="action danger" href=href>"Act on every run this query matches…"</a></p> }
    });
    let next_link = next_page.map(|token| urls::workflows_page(&namespace, &query, Some(&token), page_size));
    let first_link = (!is_first_page).then(|| urls::workflows_page(&namespace, &query, None, page_size));
    let empty = rows.is_empty();
    view! {
        // A plain string made with the data: a title closure over route signals can outlive them.
        <PageTitle text=format!("Workflows in {namespace}") />
        {counts.map(|counts| view! { <StatusCounts counts total namespace=namespace.clone() query=query.clone() /> })}
        {batch}
        {if empty {
            view! { <p class="empty">"No workflow executions match."</p> }.into_any()
        } else {
            view! { <WorkflowTable rows namespace=namespace.clone() /> }.into_any()
        }}
        <nav class="pager" aria-label="Pages">
            {first_link.map(|href| view! { <a href=href>"« First page"</a> })}
            {next_link.map(|href| view! { <a href=href rel="next">"Next page »"</a> })}
        </nav>
    }
}

#[component]
fn StatusCounts(counts: Vec<StatusCount>, total: Option<i64>, namespace: String, query: String) -> impl IntoView {
    view! {
        <ul class="status-counts" aria-label="Executions by status">
            {total.map(|total| view! { <li class="status-count-total">{total} " total"</li> })}
            {counts
                .into_iter()
                .map(|count| {
                    let status_filter = format!("ExecutionStatus = '{}'", count.status.name());
                    let filter = if query.trim().is_empty() {
                        status_filter
                    } else {
                        format!("({}) AND {status_filter}", query.trim())
                    };
                    view! {
                        <li>
                            <a href=urls::workflows_query(&namespace, &filter, None)>
                                <StatusBadge status=count.status />
                                " "
                                <span class="count" data-status=count.status.name()>{count.count}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Runs as table rows: status, IDs (linked to the run), type, start, end, duration.
#[component]
pub fn WorkflowTable(
    rows: Vec<WorkflowRow>,
    namespace: String,
    /// A run to mark as the one the reader came from (the runs page's `?run=`).
    #[prop(optional)]
    current_run: Option<String>,
) -> impl IntoView {
    view! {
        <table class="data-table workflows-table">
            <thead>
                <tr>
                    <th>"Status"</th>
                    <th>"Workflow ID"</th>
                    <th>"Run ID"</th>
                    <th>"Type"</th>
                    <th>"Start"</th>
                    <th>"End"</th>
                    <th>"Duration"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let run_link = urls::run_history(&namespace, &row.workflow_id, &row.run_id);
                        let is_current = current_run.as_deref() == Some(row.run_id.as_str());
                        view! {
                            <tr class:current-run=is_current aria-current=is_current.then_some("true")>
                                <td><StatusBadge status=row.status /></td>
                                <td class="mono"><a href=run_link.clone()>{row.workflow_id}</a></td>
                                <td class="mono">
                                    <a href=run_link>{row.run_id}</a>
                                    {is_current.then(|| view! { " " <span class="current-marker">"← this run"</span> })}
                                </td>
                                <td>{row.workflow_type}</td>
                                <td><TimeText time=row.start_time /></td>
                                <td><TimeText time=row.close_time /></td>
                                <td>{row.duration.unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The visibility query box. A plain GET form without JavaScript; after hydration it navigates
/// client-side, and follows the URL when the query changes by navigation (a status count link,
/// back and forward) without wiping what was typed before hydration.
#[component]
fn QueryForm(namespace: Memo<String>, query: Memo<Option<String>>) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    Effect::new(move |previous: Option<()>| {
        let current = query.get().unwrap_or_default();
        if previous.is_some()
            && let Some(input) = input.get()
        {
            input.set_value(&current);
        }
    });
    let navigate = use_navigate();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = input.get().map(|input| input.value()).unwrap_or_default();
        navigate(&urls::workflows_query(&namespace.get_untracked(), &typed, None), NavigateOptions::default());
    };
    view! {
        <form method="get" action=move || urls::workflows(&namespace.get()) class="query-form" on:submit=on_submit>
            <label for="query">"Visibility query"</label>
            <input
                id="query"
                type="search"
                name="query"
                node_ref=input
                placeholder="WorkflowType = 'OrderWorkflow' AND ExecutionStatus = 'Running'"
                value=query.get_untracked().unwrap_or_default()
            />
            <button type="submit">"Search"</button>
            {move || query.get().map(|_| view! { <a href=urls::workflows(&namespace.get())>"Clear"</a> })}
        </form>
    }
}
