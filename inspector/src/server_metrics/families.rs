//! The metric families the health page reads, and how each is summed: the one list both sources
//! follow (the Prometheus client builds its query from it; the scrape reader sums a scrape by it).
use std::collections::BTreeMap;

use super::{naming::sanitize, window::Sample};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Counter,
    /// A timer: its `_bucket` series (with `le`), in seconds.
    Histogram,
    /// A gauge summed over the series it groups (partitions, hosts).
    GaugeSum,
    /// A gauge of which the largest counts (the oldest partition's backlog age).
    GaugeMax,
}

#[derive(Debug, Clone, Copy)]
pub struct Family {
    pub name: &'static str,
    pub kind: Kind,
    /// The labels kept; every other is summed away.
    pub by: &'static [&'static str],
    /// Only the frontend's series (`service_name="frontend"`): the API clients see.
    pub frontend: bool,
    /// Has a `namespace` label, so the page's namespace filter applies.
    pub namespaced: bool,
}

const fn family(name: &'static str, kind: Kind, by: &'static [&'static str], frontend: bool) -> Family {
    let namespaced = frontend || !by.is_empty() && matches!(by[0].as_bytes(), b"namespace");
    Family { name, kind, by, frontend, namespaced }
}

const QUEUE: &[&str] = &["namespace", "taskqueue"];
const OUTCOME: &[&str] = &["namespace", "workflowType"];

pub const FAMILIES: &[Family] = &[
    family("service_requests", Kind::Counter, &["operation"], true),
    family("service_errors", Kind::Counter, &["operation"], true),
    family("service_error_with_type", Kind::Counter, &["error_type"], true),
    family("service_latency", Kind::Histogram, &["operation"], true),
    family("persistence_requests", Kind::Counter, &["operation"], false),
    family("persistence_errors", Kind::Counter, &["operation"], false),
    family("persistence_latency", Kind::Histogram, &["operation"], false),
    family("workflow_success", Kind::Counter, OUTCOME, false),
    family("workflow_failed", Kind::Counter, OUTCOME, false),
    family("workflow_timeout", Kind::Counter, OUTCOME, false),
    family("workflow_terminate", Kind::Counter, OUTCOME, false),
    family("workflow_cancel", Kind::Counter, OUTCOME, false),
    family("task_schedule_to_start_latency", Kind::Histogram, QUEUE, false),
    family("poll_timeouts", Kind::Counter, QUEUE, false),
    family("failed_workflow_tasks", Kind::Counter, QUEUE, false),
    family("approximate_backlog_count", Kind::GaugeSum, QUEUE, false),
    family("approximate_backlog_age_seconds", Kind::GaugeMax, QUEUE, false),
    family("membership_changed_count", Kind::Counter, &[], false),
    family("shard_closed_count", Kind::Counter, &[], false),
    family("numshards_gauge", Kind::GaugeSum, &[], false),
];

impl Family {
    /// The name of the series this family's values are in (`…_bucket` for a timer).
    pub fn series(&self) -> String {
        match self.kind {
            Kind::Histogram => format!("{}_bucket", self.name),
            _ => self.name.to_string(),
        }
    }

    pub fn is_gauge(&self) -> bool {
        matches!(self.kind, Kind::GaugeSum | Kind::GaugeMax)
    }

    /// The labels grouped by, with `le` for a timer and `namespace` when `keep_namespace`.
    pub fn group_labels(&self, keep_namespace: bool) -> Vec<&'static str> {
        let mut labels = self.by.to_vec();
        if keep_namespace && self.namespaced && !labels.contains(&"namespace") {
            labels.push("namespace");
        }
        if self.kind == Kind::Histogram {
            labels.push("le");
        }
        labels
    }
}

/// Whether a series named `name` (in either naming) belongs to a family read here.
pub fn is_read(name: &str) -> bool {
    FAMILIES.iter().any(|family| name.starts_with(family.name))
}

/// Sums (or takes the largest of) a scrape's series by each family's labels: only the families
/// above, only the frontend's where that matters, only `namespace` (sanitised) when given.
/// `keep_namespace` keeps the namespace label, so the result can be filtered again later.
pub fn aggregate(samples: &[Sample], namespace: Option<&str>, keep_namespace: bool) -> Vec<Sample> {
    let namespace = namespace.map(sanitize);
    let mut out = Vec::new();
    for family in FAMILIES {
        let series = family.series();
        let labels = family.group_labels(keep_namespace);
        let mut groups: BTreeMap<Vec<String>, f64> = BTreeMap::new();
        for sample in samples.iter().filter(|sample| sample.name == series) {
            // Summed samples no longer carry `service_name`: they were the frontend's already.
            if family.frontend && sample.labels.get("service_name").is_some_and(|name| name != "frontend") {
                continue;
            }
            if let Some(namespace) = namespace.as_deref().filter(|_| family.namespaced)
                && sample.label("namespace") != namespace
            {
                continue;
            }
            let key: Vec<String> = labels.iter().map(|label| sample.label(label).to_string()).collect();
            let slot = groups.entry(key).or_insert(if family.kind == Kind::GaugeMax { f64::MIN } else { 0.0 });
            *slot = if family.kind == Kind::GaugeMax { slot.max(sample.value) } else { *slot + sample.value };
        }
        out.extend(groups.into_iter().map(|(key, value)| Sample {
            name: series.clone(),
            labels: labels.iter().map(|label| label.to_string()).zip(key).collect(),
            value,
        }));
    }
    out
}

/// Splits aggregated samples into counters (and buckets) and gauges.
pub fn split_gauges(samples: Vec<Sample>) -> (Vec<Sample>, Vec<Sample>) {
    let gauges: Vec<String> = FAMILIES.iter().filter(|family| family.is_gauge()).map(Family::series).collect();
    samples.into_iter().partition(|sample| !gauges.contains(&sample.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scrape_is_summed_by_family_for_the_frontend_and_the_namespace() {
        let samples = vec![
            Sample::new(
                "service_requests",
                &[("service_name", "frontend"), ("operation", "StartWorkflowExecution"), ("namespace", "default")],
                3.0,
            ),
            Sample::new(
                "service_requests",
                &[("service_name", "frontend"), ("operation", "StartWorkflowExecution"), ("namespace", "probe_ns")],
                4.0,
            ),
            Sample::new(
                "service_requests",
                &[("service_name", "history"), ("operation", "StartWorkflowExecution"), ("namespace", "default")],
                100.0,
            ),
            Sample::new(
                "approximate_backlog_age_seconds",
                &[("namespace", "default"), ("taskqueue", "q"), ("partition", "0")],
                5.0,
            ),
            Sample::new(
                "approximate_backlog_age_seconds",
                &[("namespace", "default"), ("taskqueue", "q"), ("partition", "1")],
                9.0,
            ),
            Sample::new(
                "approximate_backlog_count",
                &[("namespace", "default"), ("taskqueue", "q"), ("partition", "0")],
                2.0,
            ),
            Sample::new(
                "approximate_backlog_count",
                &[("namespace", "default"), ("taskqueue", "q"), ("partition", "1")],
                3.0,
            ),
        ];
        let all = aggregate(&samples, None, false);
        let requests: Vec<_> = all.iter().filter(|s| s.name == "service_requests").collect();
        assert_eq!(requests.len(), 1, "the history service's own requests are left out");
        assert_eq!(requests[0].value, 7.0);
        let age = all.iter().find(|s| s.name == "approximate_backlog_age_seconds").expect("age");
        assert_eq!(age.value, 9.0, "the oldest partition's age");
        let count = all.iter().find(|s| s.name == "approximate_backlog_count").expect("count");
        assert_eq!(count.value, 5.0, "partitions summed");
        // The filter takes the namespace as the user writes it: `probe-ns` is reported `probe_ns`.
        let one = aggregate(&samples, Some("probe-ns"), false);
        let requests: Vec<_> = one.iter().filter(|s| s.name == "service_requests").collect();
        assert_eq!(requests[0].value, 4.0);
        assert!(one.iter().all(|s| s.name != "approximate_backlog_count"), "another namespace's queue");
    }
}
