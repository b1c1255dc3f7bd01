//! `/cluster/health?range=1h&namespace=…`: the cluster's health from the Temporal server's own
//! metrics: frontend and persistence availability and latency by operation, workflow outcomes,
//! task-queue backlogs, shard movement. Charts are SVG drawn on the server; every number is in a
//! table too. Without a metrics source it says what to set; a failing source answers 502 or 504.
use leptos::prelude::*;

use super::params::{query_param, route_source};
use crate::{
    api::load_cluster_health,
    components::{PageLoader, PageShell, PageTitle},
    error::set_http_status,
    urls,
};
use model::{
    ClusterHealthPage, HealthChart, HealthRange, HealthReport, HealthState, OperationRow, count_text, latency_text,
    percent,
};

#[component]
pub fn ClusterHealthPage() -> impl IntoView {
    let range = query_param("range");
    let namespace = query_param("namespace");
    let page = Resource::new(
        route_source(move || (range.get().unwrap_or_default(), namespace.get())),
        |(range, namespace)| load_cluster_health(range, namespace),
    );
    view! {
        <PageTitle text="Cluster health" />
        <PageShell namespace=Signal::derive(move || namespace.get())>
            <h1>"Cluster health"</h1>
            <PageLoader page loading="Reading the server's metrics…" render=|page| view! { <Health page /> } />
        </PageShell>
    }
}

#[component]
fn Health(page: ClusterHealthPage) -> impl IntoView {
    let ClusterHealthPage { cluster, range, namespace, state } = page;
    let body = match state {
        HealthState::NotConfigured => view! { <NotConfigured cluster=cluster.clone() /> }.into_any(),
        HealthState::Failed { status, message } => {
            set_http_status(status);
            view! {
                <section class="error-panel" role="alert" data-status=status>
                    <h2>{status} " · The metrics source failed"</h2>
                    <p class="error-message">{message}</p>
                </section>
            }
            .into_any()
        }
        HealthState::Ready(report) => view! { <Report report=*report /> }.into_any(),
    };
    view! {
        <Controls range namespace=namespace.clone() />
        <p class="muted">
            "Cluster " <strong>{cluster}</strong> " · " {range.label()}
            {namespace.map(|namespace| format!(" · namespace {namespace}"))}
        </p>
        {body}
    }
}

/// The range as links (they work without JavaScript) and a namespace filter (a GET form).
#[component]
fn Controls(range: HealthRange, namespace: Option<String>) -> impl IntoView {
    let links = HealthRange::ALL
        .into_iter()
        .map(|choice| {
            let href = urls::cluster_health(&choice.query(namespace.as_deref()));
            let current = (choice == range).then_some("page");
            view! { <a href=href aria-current=current class="health-range">{choice.slug()}</a> }
        })
        .collect_view();
    view! {
        <nav class="health-controls" aria-label="Time range">
            {links}
            <form method="get" action=urls::cluster_health("") class="health-filter">
                <input type="hidden" name="range" value=range.slug() />
                <label>
                    "Namespace "
                    <input type="text" name="namespace" value=namespace.unwrap_or_default() placeholder="all" />
                </label>
                <button type="submit">"Filter"</button>
            </form>
        </nav>
    }
}

#[component]
fn NotConfigured(cluster: String) -> impl IntoView {
    view! {
        <section class="panel" role="status" aria-label="Metrics not configured">
            <h2>"No metrics source is configured for cluster " {cluster}</h2>
            <p>
                "This page reads the Temporal server's own metrics. Set one of these for the cluster and restart the debugger:"
            </p>
            <ul>
                <li>
                    <code>"TDBG_METRICS_PROMETHEUS_URL"</code> " (" <code>"--metrics-prometheus-url"</code> ", "
                    <code>"metrics_prometheus_url"</code>
                    " in a [[clusters]] table): a Prometheus-compatible query API (Prometheus, Thanos, Mimir, VictoriaMetrics) that scrapes the Temporal services; it shows the whole range."
                </li>
                <li>
                    <code>"TDBG_METRICS_SCRAPE_URL"</code> " (" <code>"--metrics-scrape-url"</code> ", "
                    <code>"metrics_scrape_url"</code>
                    " in a [[clusters]] table): one Temporal server's own /metrics endpoint (such as a dev server started with --metrics-port), scraped directly; it shows only what this debugger has scraped since it started."
                </li>
            </ul>
        </section>
    }
}

#[component]
fn Report(report: HealthReport) -> impl IntoView {
    let HealthReport {
        source,
        coverage,
        naming,
        frontend,
        error_types,
        persistence,
        outcomes,
        task_queues,
        shards,
        charts,
    } = report;
    let mut charts = charts.into_iter();
    let mut chart = move || charts.next().map(|chart| view! { <Chart chart /> });
    let error_rows = error_types
        .into_iter()
        .map(
            |row| view! { <tr><td class="mono">{row.error_type}</td><td class="num">{count_text(row.count)}</td></tr> },
        )
        .collect_view();
    let outcome_rows = outcomes
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <td>{row.namespace}</td><td class="mono">{row.workflow_type}</td>
                    <td class="num">{count_text(row.success)}</td><td class="num">{count_text(row.failed)}</td>
                    <td class="num">{count_text(row.timeout)}</td><td class="num">{count_text(row.terminate)}</td>
                    <td class="num">{count_text(row.cancel)}</td>
                </tr>
            }
        })
        .collect_view();
    let queue_count = task_queues.len();
    let queue_rows = task_queues
        .into_iter()
        .map(|row| {
            let optional = |value: Option<f64>, text: fn(f64) -> String| value.map_or_else(|| "–".to_string(), text);
            view! {
                <tr class=row.growing.then_some("health-growing")>
                    <td>{row.namespace}</td><td class="mono">{row.task_queue}</td>
                    <td class="num">{optional(row.backlog, count_text)}</td>
                    <td class="num">{optional(row.backlog_age_seconds, latency_text)}</td>
                    <td>{if row.growing { "growing" } else { "" }}</td>
                    <td class="num">{optional(row.schedule_to_start_p95_seconds, latency_text)}</td>
                    <td class="num">{count_text(row.poll_timeouts)}</td>
                    <td class="num">{count_text(row.failed_workflow_tasks)}</td>
                </tr>
            }
        })
        .collect_view();
    let shards_now = shards.shards.map_or_else(|| "not reported".to_string(), count_text);
    view! {
        <p class="health-source">"From " {source} ". " {coverage} " Names: " {naming} "."</p>
        <section class="panel" id="frontend" aria-labelledby="frontend-heading">
            <h2 id="frontend-heading">"Service availability and latency (frontend)"</h2>
            <p class="muted">"Availability is 1 − unexpected errors (service_errors) / requests; the errors by type below count every error returned, expected ones such as NotFound included."</p>
            {chart()}
            <Operations rows=frontend empty="No frontend requests seen yet in this range: a series appears with its first request." />
            <table class="data-table"><thead><tr><th>"Error type"</th><th>"Errors"</th></tr></thead><tbody>{error_rows}</tbody></table>
        </section>
        <section class="panel" id="persistence" aria-labelledby="persistence-heading">
            <h2 id="persistence-heading">"Persistence availability and latency"</h2>
            {chart()}
            <Operations rows=persistence empty="No persistence requests seen yet in this range." />
        </section>
        <section class="panel" id="outcomes" aria-labelledby="outcomes-heading">
            <h2 id="outcomes-heading">"Workflow outcomes"</h2>
            {chart()}
            <table class="data-table">
                <thead><tr><th>"Namespace"</th><th>"Workflow type"</th><th>"Completed"</th><th>"Failed"</th><th>"Timed out"</th><th>"Terminated"</th><th>"Canceled"</th></tr></thead>
                <tbody>{outcome_rows}</tbody>
            </table>
        </section>
        <section class="panel" id="task-queues" aria-labelledby="task-queues-heading">
            <h2 id="task-queues-heading">"Task queues"</h2>
            <p class="muted">"Names as the metrics write them (- becomes _). Backlog summed over partitions; its age is the oldest partition's."</p>
            {chart()}
            {(queue_count == 0).then(|| view! { <p class="empty">"No task queue reported yet in this range."</p> })}
            <table class="data-table">
                <thead><tr><th>"Namespace"</th><th>"Task queue"</th><th>"Backlog"</th><th>"Oldest waits"</th><th>"Trend"</th><th>"Schedule-to-start p95"</th><th>"Poll timeouts"</th><th>"Failed workflow tasks"</th></tr></thead>
                <tbody>{queue_rows}</tbody>
            </table>
        </section>
        <section class="panel" id="shards" aria-labelledby="shards-heading">
            <h2 id="shards-heading">"Shard movement"</h2>
            <dl class="health-facts">
                <dt>"Shards owned now"</dt><dd>{shards_now}</dd>
                <dt>"Membership changes"</dt><dd>{count_text(shards.membership_changes)}</dd>
                <dt>"Shards closed"</dt><dd>{count_text(shards.shards_closed)}</dd>
            </dl>
        </section>
    }
}

#[component]
fn Operations(rows: Vec<OperationRow>, empty: &'static str) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|row| {
            let quantile = |value: Option<f64>| value.map_or_else(|| "–".to_string(), latency_text);
            view! {
                <tr>
                    <td class="mono">{row.operation}</td>
                    <td class="num">{count_text(row.requests)}</td>
                    <td class="num">{count_text(row.errors)}</td>
                    <td class="num">{row.availability.map_or_else(|| "–".to_string(), percent)}</td>
                    <td class="num">{quantile(row.p95_seconds)}</td>
                    <td class="num">{quantile(row.p99_seconds)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table">
            <thead><tr><th>"Operation"</th><th>"Requests"</th><th>"Errors"</th><th>"Availability"</th><th>"p95"</th><th>"p99"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Chart(chart: HealthChart) -> impl IntoView {
    view! { <figure class="health-figure" aria-label=chart.title><div inner_html=chart.svg></div></figure> }
}
