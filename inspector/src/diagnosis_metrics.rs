//! Evidence for a running run's diagnosis from the cluster's own metrics: its task queue's
//! backlog growing, or the cluster's persistence failing, each linked to the health page
//! (filtered to the run's namespace, last 15 minutes). Skipped at once when no metrics source is
//! configured; a source slower than [`BUDGET`] or down adds nothing (the run page must not wait
//! on it).
use std::time::Duration;

use super::server_metrics::{ServerMetrics, naming::sanitize, report::grows, window::Window};
use model::{Evidence, ExecutionStatus, Finding, HealthRange, PageLinks, Severity, latency_text, percent};

const BUDGET: Duration = Duration::from_millis(1500);
const RANGE: HealthRange = HealthRange::Minutes15;
/// A direct scrape kept this recently is used as it is (one is kept every 15 s).
const REUSE: Duration = Duration::from_secs(20);
/// Persistence failing at least this share of requests is worth a line.
const PERSISTENCE_ERROR_SHARE: f64 = 0.001;

pub async fn findings(
    metrics: &ServerMetrics,
    links: &PageLinks,
    namespace: &str,
    task_queue: &str,
    status: ExecutionStatus,
) -> Vec<Finding> {
    if !status.is_running() {
        return Vec::new();
    }
    if !metrics.is_configured() {
        return Vec::new();
    }
    match tokio::time::timeout(BUDGET, metrics.window(RANGE.seconds(), Some(namespace), REUSE)).await {
        Ok(Ok(Some(window))) => from_window(&window, links, namespace, task_queue),
        Ok(Err(error)) => {
            tracing::debug!("diagnosis without metrics: {}", error.message);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn evidence(links: &PageLinks, namespace: &str, section: &str) -> Evidence {
    Evidence::Page {
        href: format!("{}#{section}", links.cluster_health(&RANGE.query(Some(namespace)))),
        label: "cluster health".to_string(),
    }
}

pub fn from_window(window: &Window, links: &PageLinks, namespace: &str, task_queue: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    // The metrics write names sanitised: `probe-tq` is `probe_tq`.
    let key = vec![sanitize(namespace), sanitize(task_queue)];
    let label = key.join("/");
    if let Some(trend) = window.trends.backlog.iter().find(|trend| trend.label == label && grows(trend)) {
        let now = trend.points.last().map_or(0.0, |point| point.1);
        let age = window.gauge_by("approximate_backlog_age_seconds", &["namespace", "taskqueue"]).get(&key).copied();
        let oldest = age.map(|age| format!(", the oldest waiting {}", latency_text(age))).unwrap_or_default();
        findings.push(Finding::new(
            Severity::Warning,
            format!(
                "The cluster's metrics show the backlog of task queue \"{task_queue}\" growing: {now:.0} tasks waiting{oldest}. \
                 Its workers may be too few or too slow."
            ),
            evidence(links, namespace, "task-queues"),
        ));
    }
    let requests: f64 = window.sum_by("persistence_requests", &[]).values().sum();
    let errors: f64 = window.sum_by("persistence_errors", &[]).values().sum();
    if errors > 0.0 && requests > 0.0 && errors / requests >= PERSISTENCE_ERROR_SHARE {
        findings.push(Finding::new(
            Severity::Warning,
            format!(
                "The cluster's persistence is failing: {errors:.0} of {requests:.0} requests failed in the {} \
                 (availability {}), which slows or stalls every workflow.",
                RANGE.label(),
                percent(1.0 - errors / requests)
            ),
            evidence(links, namespace, "persistence"),
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::super::server_metrics::window::{Sample, Trend, Trends};
    use super::*;

    #[test]
    fn a_growing_backlog_and_failing_persistence_are_evidence() {
        let window = Window {
            increases: vec![
                Sample::new("persistence_requests", &[("operation", "UpdateWorkflowExecution")], 1000.0),
                Sample::new("persistence_errors", &[("operation", "UpdateWorkflowExecution")], 20.0),
            ],
            gauges: vec![Sample::new(
                "approximate_backlog_age_seconds",
                &[("namespace", "default"), ("taskqueue", "probe_tq")],
                90.0,
            )],
            trends: Trends {
                backlog: vec![Trend { label: "default/probe_tq".into(), points: vec![(0, 2.0), (60, 40.0)] }],
                ..Trends::default()
            },
            ..Window::default()
        };
        let findings = from_window(&window, &PageLinks::default(), "default", "probe-tq");
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert!(
            findings[0].text.contains("task queue \"probe-tq\" growing: 40 tasks waiting, the oldest waiting 90 s"),
            "{}",
            findings[0].text
        );
        assert_eq!(
            findings[0].evidence,
            Evidence::Page {
                href: "/cluster/health?range=15m&namespace=default#task-queues".into(),
                label: "cluster health".into()
            }
        );
        assert!(findings[1].text.contains("20 of 1000 requests failed"), "{}", findings[1].text);
        // A queue that shrinks, or another queue's growth, says nothing about this run.
        let quiet = Window {
            trends: Trends {
                backlog: vec![
                    Trend { label: "default/probe_tq".into(), points: vec![(0, 9.0), (60, 1.0)] },
                    Trend { label: "default/other".into(), points: vec![(0, 0.0), (60, 5.0)] },
                ],
                ..Trends::default()
            },
            ..Window::default()
        };
        assert!(from_window(&quiet, &PageLinks::default(), "default", "probe-tq").is_empty());
    }
}
