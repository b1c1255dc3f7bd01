use crate::components::PageTitle;
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_queries,
    components::{PayloadList, TimeText},
    error::AppError,
    urls,
};
use model::{AskedQuery, HandlerView, Handlers, HandlersSource, QueriesPage, QueryOutcome, RunHeader};

/// `…/{run_id}/queries?query=…&args=…`: the workflow's query handlers, and one query's answer.
#[component]
pub fn QueriesPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::Queries load=load render=queries_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<QueriesPage, AppError>> {
    load_queries(route.namespace, route.workflow_id, route.run_id, route.query.get("query"), route.query.get("args"))
}

fn queries_view(page: QueriesPage) -> impl IntoView {
    let QueriesPage { header, has_worker, handlers, asked } = page;
    let title = format!("{} · queries", header.workflow_id);
    let names: Vec<String> = handlers
        .as_ref()
        .map(|handlers| handlers.queries.iter().map(|query| query.name.clone()).collect())
        .unwrap_or_default();
    let workers = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::Workers.segment());
    view! {
        <PageTitle text=title />
        <RunHeaderView header=header.clone() active=RunTab::Queries />
        {(!has_worker).then(|| view! {
            <p class="warning" role="status">
                "No worker is polling task queue " <span class="mono">{header.task_queue.clone()}</span>
                ", so no one can answer queries. See " <a href=workers>"Workers"</a> "."
            </p>
        })}
        <QueryForm header=header.clone() names asked=asked.clone() />
        {asked.map(|asked| view! { <QueryAnswer asked /> })}
        {match handlers {
            Ok(handlers) => view! { <HandlerLists handlers header /> }.into_any(),
            Err(message) if has_worker => view! {
                <p class="warning" role="status">"The query list is unavailable. " {message}</p>
            }
            .into_any(),
            Err(_) => ().into_any(),
        }}
    }
}

/// Name and JSON arguments; a GET form, so it works without JavaScript and the URL can be shared.
#[component]
fn QueryForm(header: RunHeader, names: Vec<String>, asked: Option<AskedQuery>) -> impl IntoView {
    let action = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::Queries.segment());
    let (name, arguments) = asked.map(|asked| (asked.name, asked.arguments)).unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="run-query-heading">
            <h2 id="run-query-heading">"Run a query"</h2>
            <form method="get" action=action class="query-run-form">
                <label>
                    "Query " <input name="query" list="query-names" required value=name
                        autocomplete="off" spellcheck="false" class="mono" />
                </label>
                <datalist id="query-names">
                    {names.into_iter().map(|name| view! { <option value=name /> }).collect_view()}
                </datalist>
                <label>
                    "Arguments (JSON: an array holds one argument per element)"
                    // An input, not a textarea: leptos writes a textarea's text unescaped when
                    // rendering on the server, and these arguments come from the URL.
                    <input name="args" value=arguments spellcheck="false" class="mono"
                        autocomplete="off" placeholder="[\"first argument\", 2]" />
                </label>
                <button type="submit">"Run query"</button>
            </form>
        </section>
    }
}

#[component]
fn QueryAnswer(asked: AskedQuery) -> impl IntoView {
    let AskedQuery { name, outcome, .. } = asked;
    let body = match outcome {
        QueryOutcome::Answer { payloads, taken_at } => view! {
            <p class="muted">"Answered at " <TimeText time=Some(taken_at) /></p>
            <PayloadList payloads />
        }
        .into_any(),
        QueryOutcome::BadArguments(message) | QueryOutcome::Failed(message) => {
            view! { <p class="warning query-error" role="alert">{message}</p> }.into_any()
        }
    };
    view! {
        <section class="panel query-answer" aria-labelledby="query-answer-heading">
            <h2 id="query-answer-heading">"Answer to " <span class="mono">{name}</span></h2>
            {body}
        </section>
    }
}

/// The queries (each a link that runs it without arguments), signals and updates it defines.
#[component]
fn HandlerLists(handlers: Handlers, header: RunHeader) -> impl IntoView {
    let Handlers { queries, signals, updates, current_details, source } = handlers;
    let note = match source {
        HandlersSource::Metadata => "As the worker reports them (__temporal_workflow_metadata).",
        HandlersSource::UnknownQueryError => {
            "This SDK has no metadata query: names read from its answer to an unknown query."
        }
    };
    let query_rows = queries
        .into_iter()
        .map(|query| {
            let href = urls::run_query(&header.namespace, &header.workflow_id, &header.run_id, &query.name, "");
            let class = if query.is_builtin() { "builtin" } else { "" };
            view! {
                <tr class=class>
                    <td><a class="mono" href=href>{query.name}</a></td>
                    <td>{query.description}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {(!current_details.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">"Current details"</h2>
                <pre class="current-details">{current_details}</pre>
            </section>
        })}
        <section class="panel" aria-labelledby="queries-heading">
            <h2 id="queries-heading">"Queries"</h2>
            <p class="muted">{note}</p>
            <table class="data-table">
                <thead><tr><th>"Query"</th><th>"Description"</th></tr></thead>
                <tbody>{query_rows}</tbody>
            </table>
        </section>
        <HandlerList heading="Signals" handlers=signals />
        <HandlerList heading="Updates" handlers=updates />
    }
}

#[component]
fn HandlerList(heading: &'static str, handlers: Vec<HandlerView>) -> impl IntoView {
    (!handlers.is_empty()).then(|| {
        view! {
            <section class="panel" aria-label=heading>
                <h2>{heading}</h2>
                <ul class="handlers">
                    {handlers
                        .into_iter()
                        .map(|handler| view! {
                            <li><span class="mono">{handler.name}</span> " " <span class="muted">{handler.description}</span></li>
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
