//! The health page's numbers from a [`Window`]: availability and latency by operation, outcomes,
//! task queues, shards, and the charts. A series that is absent was never incremented: such a row
//! is left out (the page says "no requests seen yet"), never shown as zero errors.
use std::collections::{BTreeMap, BTreeSet};

use super::{
    ServerMetrics,
    charts::{bar_chart, line_chart},
    quantile::quantiles_by,
    window::{Trend, Window},
};
use model::{
    ClusterHealthPage, ErrorTypeRow, HealthChart, HealthRange, HealthReport, HealthState, OperationRow, OutcomeRow,
    ShardFacts, TaskQueueRow,
};

/// The page for the current request's cluster.
pub async fn page(
    metrics: &ServerMetrics,
    cluster: String,
    range: HealthRange,
    namespace: Option<String>,
) -> ClusterHealthPage {
    let state = match metrics.window(range.seconds(), namespace.as_deref(), std::time::Duration::ZERO).await {
        Ok(None) => HealthState::NotConfigured,
        Ok(Some(window)) => {
            let to = chrono::Utc::now().timestamp();
            HealthState::Ready(Box::new(report(&window, metrics.describe(), to - range.seconds() as i64, to)))
        }
        Err(error) => {
            tracing::warn!(cluster = %cluster, "cluster health: {}", error.message);
            HealthState::Failed { status: error.status, message: error.message }
        }
    };
    ClusterHealthPage { cluster, range, namespace, state }
}

fn operations(window: &Window, requests: &str, errors: &str, latency: &str) -> Vec<OperationRow> {
    let requests = window.sum_by(requests, &["operation"]);
    let errors = window.sum_by(errors, &["operation"]);
    let p95 = quantiles_by(&window.increases, latency, &["operation"], 0.95);
    let p99 = quantiles_by(&window.increases, latency, &["operation"], 0.99);
    let mut rows: Vec<OperationRow> = requests
        .iter()
        .map(|(key, &count)| {
            let failed = errors.get(key).copied().unwrap_or(0.0);
            OperationRow {
                operation: key.join(""),
                requests: count,
                errors: failed,
                availability: (count > 0.0).then(|| (1.0 - failed / count).clamp(0.0, 1.0)),
                p95_seconds: p95.get(key).copied(),
                p99_seconds: p99.get(key).copied(),
            }
        })
        .collect();
    // The least available first, then the busiest.
    rows.sort_by(|a, b| {
        let share = |row: &OperationRow| row.availability.unwrap_or(1.0);
        share(a).total_cmp(&share(b)).then(b.requests.total_cmp(&a.requests))
    });
    rows
}

/// Adds an outcome's count to its column of a row.
type AddOutcome = fn(&mut OutcomeRow, f64);

fn outcomes(window: &Window) -> Vec<OutcomeRow> {
    let mut rows: BTreeMap<Vec<String>, OutcomeRow> = BTreeMap::new();
    let setters: [(&str, AddOutcome); 5] = [
        ("workflow_success", |row, v| row.success += v),
        ("workflow_failed", |row, v| row.failed += v),
        ("workflow_timeout", |row, v| row.timeout += v),
        ("workflow_terminate", |row, v| row.terminate += v),
        ("workflow_cancel", |row, v| row.cancel += v),
    ];
    for (name, set) in setters {
        for (key, value) in window.sum_by(name, &["namespace", "workflowType"]) {
            let row = rows.entry(key.clone()).or_insert_with(|| OutcomeRow {
                namespace: key[0].clone(),
                workflow_type: key[1].clone(),
                ..OutcomeRow::default()
            });
            set(row, value);
        }
    }
    rows.into_values().collect()
}

fn task_queues(window: &Window) -> Vec<TaskQueueRow> {
    let by = ["namespace", "taskqueue"];
    let backlog = window.gauge_by("approximate_backlog_count", &by);
    let age = window.gauge_by("approximate_backlog_age_seconds", &by);
    let timeouts = window.sum_by("poll_timeouts", &by);
    let failed = window.sum_by("failed_workflow_tasks", &by);
    let latency = quantiles_by(&window.increases, "task_schedule_to_start_latency_bucket", &by, 0.95);
    let growing: BTreeSet<String> =
        window.trends.backlog.iter().filter(|t| grows(t)).map(|t| t.label.clone()).collect();
    let keys: BTreeSet<&Vec<String>> =
        backlog.keys().chain(age.keys()).chain(timeouts.keys()).chain(failed.keys()).chain(latency.keys()).collect();
    keys.into_iter()
        .filter(|key| !key[1].is_empty())
        .map(|key| TaskQueueRow {
            namespace: key[0].clone(),
            task_queue: key[1].clone(),
            backlog: backlog.get(key).copied(),
            backlog_age_seconds: age.get(key).copied(),
            growing: growing.contains(&key.join("/")),
            schedule_to_start_p95_seconds: latency.get(key).copied(),
            poll_timeouts: timeouts.get(key).copied().unwrap_or(0.0),
            failed_workflow_tasks: failed.get(key).copied().unwrap_or(0.0),
        })
        .collect()
}

/// A backlog grows when its last point is above its first and above zero.
pub fn grows(trend: &Trend) -> bool {
    match (trend.points.first(), trend.points.last()) {
        (Some(first), Some(last)) => last.1 > first.1 && last.1 > 0.0,
        _ => false,
    }
}

pub fn report(window: &Window, source: String, from: i64, to: i64) -> HealthReport {
    let frontend = operations(window, "service_requests", "service_errors", "service_latency_bucket");
    let persistence = operations(window, "persistence_requests", "persistence_errors", "persistence_latency_bucket");
    let mut error_types: Vec<ErrorTypeRow> = window
        .sum_by("service_error_with_type", &["error_type"])
        .into_iter()
        .map(|(key, count)| ErrorTypeRow { error_type: key.join(""), count })
        .collect();
    error_types.sort_by(|a, b| b.count.total_cmp(&a.count));
    let outcomes = outcomes(window);
    let total = |name: &str| window.sum_by(name, &[]).values().sum::<f64>();
    let shards = ShardFacts {
        shards: window.gauge_by("numshards_gauge", &[]).values().next().copied(),
        membership_changes: total("membership_changed_count"),
        shards_closed: total("shard_closed_count"),
    };
    let outcome_bars: Vec<(String, f64)> = [
        ("completed", "workflow_success"),
        ("failed", "workflow_failed"),
        ("timed out", "workflow_timeout"),
        ("terminated", "workflow_terminate"),
        ("canceled", "workflow_cancel"),
    ]
    .into_iter()
    .map(|(label, name)| (label.to_string(), total(name)))
    .collect();
    let mut backlog: Vec<Trend> = window.trends.backlog.clone();
    backlog.sort_by(|a, b| {
        let last = |t: &Trend| t.points.last().map_or(0.0, |p| p.1);
        last(b).total_cmp(&last(a))
    });
    backlog.truncate(6);
    let charts = vec![
        HealthChart {
            title: "Frontend requests and unexpected errors per second".into(),
            svg: line_chart("Frontend requests and unexpected errors per second", &window.trends.frontend, from, to),
        },
        HealthChart {
            title: "Persistence requests and errors per second".into(),
            svg: line_chart("Persistence requests and errors per second", &window.trends.persistence, from, to),
        },
        HealthChart {
            title: "Workflows closed, by outcome".into(),
            svg: bar_chart("Workflows closed, by outcome", &outcome_bars),
        },
        HealthChart {
            title: "Task queue backlog (largest six)".into(),
            svg: line_chart("Task queue backlog (largest six)", &backlog, from, to),
        },
    ];
    HealthReport {
        source,
        coverage: window.coverage.clone(),
        naming: window.naming.describe().to_string(),
        frontend,
        error_types,
        persistence,
        outcomes,
        task_queues: task_queues(window),
        shards,
        charts,
    }
}

#[cfg(test)]
mod tests {
    use super::super::window::Sample;
    use super::*;

    #[test]
    fn availability_counts_unexpected_errors_and_absent_series_give_no_row() {
        let window = Window {
            increases: vec![
                Sample::new("service_requests", &[("operation", "StartWorkflowExecution")], 200.0),
                Sample::new("service_errors", &[("operation", "StartWorkflowExecution")], 2.0),
                Sample::new("service_requests", &[("operation", "DescribeNamespace")], 10.0),
                Sample::new("service_latency_bucket", &[("operation", "DescribeNamespace"), ("le", "0.1")], 10.0),
                Sample::new("service_latency_bucket", &[("operation", "DescribeNamespace"), ("le", "+Inf")], 10.0),
                Sample::new("workflow_failed", &[("namespace", "default"), ("workflowType", "Charge")], 3.0),
                Sample::new("poll_timeouts", &[("namespace", "default"), ("taskqueue", "probe_tq")], 4.0),
            ],
            gauges: vec![Sample::new(
                "approximate_backlog_count",
                &[("namespace", "default"), ("taskqueue", "probe_tq")],
                7.0,
            )],
            trends: super::super::window::Trends {
                backlog: vec![Trend { label: "default/probe_tq".into(), points: vec![(0, 1.0), (60, 7.0)] }],
                ..Default::default()
            },
            ..Window::default()
        };
        let report = report(&window, "test".into(), 0, 60);
        assert_eq!(report.frontend[0].operation, "StartWorkflowExecution", "the least available first");
        assert_eq!(report.frontend[0].availability, Some(0.99));
        assert_eq!(report.frontend[1].availability, Some(1.0), "requests without an error series: none failed");
        assert!((report.frontend[1].p95_seconds.expect("p95") - 0.095).abs() < 1e-9);
        assert!(report.persistence.is_empty(), "no persistence series: no rows, not zero errors");
        assert_eq!(report.outcomes[0].failed, 3.0);
        let queue = &report.task_queues[0];
        assert_eq!((queue.task_queue.as_str(), queue.backlog, queue.growing), ("probe_tq", Some(7.0), true));
        assert_eq!(queue.poll_timeouts, 4.0);
        assert_eq!(report.shards.shards, None);
        assert_eq!(report.charts.len(), 4);
    }
}
