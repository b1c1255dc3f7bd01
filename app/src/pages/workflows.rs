use crate::components::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::params::{path_param, query_param, route_source};
use super::workflow_list_controls::{ColumnChooser, ListLink, ListViews};
use crate::{
    api::list_workflows,
    components::{PageLoader, PageShell, StatusBadge, TimeText},
    urls,
};
use model::{
    DEFAULT_COLUMNS, ListColumn, StatusCount, WorkflowPage, WorkflowRow, columns_for, columns_from_query, columns_param,
};

/// `/namespaces/{ns}/workflows?query=…&next=…&size=…&cols=…`
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let query = query_param("query");
    let next_page = query_param("next");
    let page_size = query_param("size");
    let page_size = Memo::new(move |_| page_size.get().and_then(|size| size.parse::<i32>().ok()));
    // Links carry `cols` (comma-separated); the chooser form sends one `col` per box.
    let url_query = use_query_map();
    let chosen = Memo::new(move |_| {
        let map = url_query.read();
        let mut values: Vec<String> = map.get_all("cols").unwrap_or_default();
        values.extend(map.get_all("col").unwrap_or_default());
        let chose = values.iter().any(|value| !value.trim().is_empty());
        (columns_from_query(values.iter().map(String::as_str)), chose)
    });
    let columns = Memo::new(move |_| {
        let (chosen, chose) = chosen.get();
        columns_for(chosen, &query.get().unwrap_or_default(), chose)
    });
    // The columns a link elsewhere keeps: only those the URL chose.
    let kept_columns = Memo::new(move |_| {
        let (chosen, chose) = chosen.get();
        chose.then(|| columns_param(&chosen)).flatten()
    });
    let page = Resource::new(
        route_source(move || {
            let columns = columns_param(&columns.get()).unwrap_or_default();
            (namespace.get(), query.get().unwrap_or_default(), next_page.get(), page_size.get(), columns)
        }),
        |(namespace, query, next_page, page_size, columns)| {
            list_workflows(namespace, query, next_page, page_size, columns)
        },
    );
    let render = {
        let list = ListLink {
            namespace: namespace.get_untracked(),
            query: query.get_untracked().unwrap_or_default(),
            page_size: page_size.get_untracked(),
            columns: columns.get_untracked(),
        };
        let is_first_page = next_page.get_untracked().is_none();
        move |page| view! { <WorkflowResults page list=list.clone() is_first_page /> }
    };
    // After a run's delete (`?deleted=<workflow id>`).
    let deleted = query_param("deleted").get_untracked().map(|workflow_id| {
        view! {
            <p class="notice" role="status">
                "Run of workflow " <span class="mono">{workflow_id}</span>
                " deleted: Temporal removes it in the background, so the list may show it for a few more seconds."
            </p>
        }
    });
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <h1>"Workflows " <span class="muted">"in " {namespace}</span></h1>
            {deleted}
            <ListViews namespace query kept_columns />
            <QueryForm namespace query kept_columns />
            <PageLoader page loading="Loading workflows…" render />
        </PageShell>
    }
}

#[component]
fn WorkflowResults(page: WorkflowPage, list: ListLink, is_first_page: bool) -> impl IntoView {
    let WorkflowPage { rows, next_page, counts, total, can_batch, unavailable } = page;
    let ListLink { namespace, query, .. } = list.clone();
    let batch = (can_batch && !query.trim().is_empty() && !rows.is_empty()).then(|| {
        let href = urls::batch(&namespace, &query);
        view! { <p class="run-actions"><a class="action danger" href=href>"Act on every run this query matches…"</a></p> }
    });
    let stuck =
        view! { <p><a href=urls::stuck_runs(&namespace, &query)>"Why are this query's running runs stuck?"</a></p> };
    let next_link = next_page.map(|token| list.href(&query, Some(&token)));
    let first_link = (!is_first_page).then(|| list.href(&query, None));
    let empty = match unavailable {
        Some(sentence) => view! { <p class="empty unavailable" role="status">{sentence}</p> }.into_any(),
        None if query.contains(model::REPORTED_PROBLEMS) => view! {
            <p class="empty">
                "No run has reported workflow task problems. Temporal marks a run after several failed or \
                 timed-out workflow tasks in a row (the dynamic config \
                 system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute, 5 by default) and clears \
                 the mark when a task succeeds."
            </p>
        }
        .into_any(),
        None => view! { <p class="empty">"No workflow executions match."</p> }.into_any(),
    };
    let table = if rows.is_empty() {
        empty
    } else {
        view! { <WorkflowTable rows namespace=namespace.clone() columns=list.columns.clone() /> }.into_any()
    };
    view! {
        // A plain string made with the data: a title closure over route signals can outlive them.
        <PageTitle text=format!("Workflows in {namespace}") />
        {counts.map(|counts| view! { <StatusCounts counts total list=list.clone() /> })}
        <p class="counts-link"><a href=urls::workflow_counts(&namespace, "", &query)>"Counts by…"</a></p>
        {batch}
        {stuck}
        <ColumnChooser list=list.clone() />
        {table}
        <nav class="pager" aria-label="Pages">
            {first_link.map(|href| view! { <a href=href>"« First page"</a> })}
            {next_link.map(|href| view! { <a href=href rel="next">"Next page »"</a> })}
        </nav>
    }
}

#[component]
fn StatusCounts(counts: Vec<StatusCount>, total: Option<i64>, list: ListLink) -> impl IntoView {
    let query = list.query.clone();
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
                            <a href=list.href(&filter, None)>
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

/// Runs as table rows, in the chosen columns (by default status, IDs linked to the run, type,
/// start, end, duration).
#[component]
pub fn WorkflowTable(
    rows: Vec<WorkflowRow>,
    namespace: String,
    /// A run to mark as the one the reader came from (the runs page's `?run=`).
    #[prop(optional)]
    current_run: Option<String>,
    #[prop(optional)] columns: Option<Vec<ListColumn>>,
) -> impl IntoView {
    let columns = columns.unwrap_or_else(|| DEFAULT_COLUMNS.to_vec());
    let headings = columns.iter().map(|column| view! { <th scope="col">{column.label()}</th> }).collect_view();
    view! {
        <table class="data-table workflows-table">
            <thead>
                <tr>{headings}</tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let is_current = current_run.as_deref() == Some(row.run_id.as_str());
                        let cells = columns
                            .iter()
                            .map(|column| cell(column, &row, &namespace, &columns, is_current))
                            .collect_view();
                        view! { <tr class:current-run=is_current aria-current=is_current.then_some("true")>{cells}</tr> }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// One cell of a row. Search attribute values are the run's own text: Leptos escapes it.
fn cell(column: &ListColumn, row: &WorkflowRow, namespace: &str, columns: &[ListColumn], is_current: bool) -> AnyView {
    let run_link = urls::run_history(namespace, &row.workflow_id, &row.run_id);
    match column {
        ListColumn::Status => view! { <td><StatusBadge status=row.status /></td> }.into_any(),
        ListColumn::WorkflowId => {
            view! { <td class="mono"><a href=run_link>{row.workflow_id.clone()}</a></td> }.into_any()
        }
        ListColumn::RunId => view! {
            <td class="mono">
                <a href=run_link>{row.run_id.clone()}</a>
                {is_current.then(|| view! { " " <span class="current-marker">"← this run"</span> })}
            </td>
        }
        .into_any(),
        ListColumn::Type => view! { <td>{row.workflow_type.clone()}</td> }.into_any(),
        ListColumn::Start => view! { <td><TimeText time=row.start_time.clone() /></td> }.into_any(),
        ListColumn::End => view! { <td><TimeText time=row.close_time.clone() /></td> }.into_any(),
        ListColumn::Duration => view! { <td>{row.duration.clone().unwrap_or_default()}</td> }.into_any(),
        ListColumn::TaskQueue => {
            let href = urls::task_queue(namespace, &row.task_queue);
            view! { <td class="mono"><a href=href>{row.task_queue.clone()}</a></td> }.into_any()
        }
        ListColumn::HistoryLength => view! { <td class="number">{row.history_length}</td> }.into_any(),
        ListColumn::Attribute(name) => {
            let position = columns
                .iter()
                .filter(|column| matches!(column, ListColumn::Attribute(_)))
                .position(|column| matches!(column, ListColumn::Attribute(other) if other == name));
            match position.and_then(|index| row.attributes.get(index).cloned().flatten()) {
                Some(value) => view! { <td class="attribute-value">{value}</td> }.into_any(),
                None => view! { <td><span class="muted">"—"</span></td> }.into_any(),
            }
        }
    }
}

/// The visibility query box, a GET form: the query (and the columns it keeps) go in the URL.
#[component]
fn QueryForm(
    namespace: Memo<String>,
    query: Memo<Option<String>>,
    kept_columns: Memo<Option<String>>,
) -> impl IntoView {
    view! {
        <form method="get" action=move || urls::workflows(&namespace.get()) class="query-form">
            <label for="query">"Visibility query"</label>
            <input
                id="query"
                type="search"
                name="query"
                placeholder="WorkflowType = 'OrderWorkflow' AND ExecutionStatus = 'Running'"
                value=query.get_untracked().unwrap_or_default()
            />
            {move || kept_columns.get().map(|columns| view! { <input type="hidden" name="cols" value=columns /> })}
            <button type="submit">"Search"</button>
            {move || query.get().map(|_| view! { <a href=urls::workflows(&namespace.get())>"Clear"</a> })}
        </form>
    }
}
