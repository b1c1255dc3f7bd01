//! Above the workflow list: its views (named queries, such as the runs whose workflow tasks keep
//! failing), the column chooser and the list's own links. Both are links and a GET form, so each choice is a URL that
//! works with JavaScript off and can be shared.
use leptos::prelude::*;

use crate::urls;
use model::{DEFAULT_COLUMNS, FIXED_COLUMNS, LIST_VIEWS, ListColumn, attribute_columns, columns_param, current_view};

/// What a link back to this list keeps: namespace, query, page size and columns.
#[derive(Debug, Clone)]
pub struct ListLink {
    pub namespace: String,
    pub query: String,
    pub page_size: Option<i32>,
    pub columns: Vec<ListColumn>,
}

impl ListLink {
    pub fn href(&self, query: &str, next_page: Option<&str>) -> String {
        let columns = columns_param(&self.columns);
        urls::workflows_page(&self.namespace, query, next_page, self.page_size, columns.as_deref())
    }
}

/// The views as tabs; the one whose query the list shows is marked. A view keeps the columns the
/// URL chose (`cols`), if any.
#[component]
pub fn ListViews(
    namespace: Memo<String>,
    query: Memo<Option<String>>,
    kept_columns: Memo<Option<String>>,
) -> impl IntoView {
    view! {
        <nav class="list-views" aria-label="Views">
            {LIST_VIEWS
                .iter()
                .map(|list_view| {
                    let href = move || {
                        urls::workflows_page(&namespace.get(), list_view.query, None, None, kept_columns.get().as_deref())
                    };
                    let current = move || {
                        current_view(&query.get().unwrap_or_default()).map(|view| view.label) == Some(list_view.label)
                    };
                    view! {
                        <a href=href class:current=current aria-current=move || current().then_some("page")>
                            {list_view.label}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// Which columns the list shows: a box per fixed column and the search attributes by name.
#[component]
pub fn ColumnChooser(list: ListLink) -> impl IntoView {
    let attributes = attribute_columns(&list.columns).join(", ");
    let defaults = (list.columns != DEFAULT_COLUMNS.as_slice()).then(|| {
        let default_link = ListLink { columns: DEFAULT_COLUMNS.to_vec(), ..list.clone() };
        view! { " " <a href=default_link.href(&list.query, None)>"Default columns"</a> }
    });
    let boxes = FIXED_COLUMNS
        .iter()
        .map(|column| {
            let checked = list.columns.contains(column);
            view! {
                <label class="column-choice">
                    <input type="checkbox" name="col" value=column.key() checked=checked />
                    " "
                    {column.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <details class="column-chooser">
            <summary>"Columns"</summary>
            <form method="get" action=urls::workflows(&list.namespace)>
                {(!list.query.is_empty()).then(|| view! { <input type="hidden" name="query" value=list.query.clone() /> })}
                {list.page_size.map(|size| view! { <input type="hidden" name="size" value=size /> })}
                <fieldset>
                    <legend>"Show"</legend>
                    {boxes}
                </fieldset>
                <label for="column-attributes">"Search attributes (comma-separated names)"</label>
                <input
                    id="column-attributes"
                    type="text"
                    name="col"
                    value=attributes
                    placeholder="CustomerId, TemporalReportedProblems"
                />
                <button type="submit">"Show these columns"</button>
                {defaults}
            </form>
        </details>
    }
}
