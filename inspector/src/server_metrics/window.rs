//! What either source (Prometheus or a direct scrape) gives the report: the increase of every
//! counter and histogram bucket over the window, the gauges at its end, and a few trends over
//! time, all in the default naming and in seconds.
use std::collections::BTreeMap;

use super::naming::Naming;

/// One series: its name (the default naming), the labels kept, its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

impl Sample {
    pub fn new(name: &str, labels: &[(&str, &str)], value: f64) -> Sample {
        let labels = labels.iter().map(|(key, value)| (key.to_string(), value.to_string())).collect();
        Sample { name: name.to_string(), labels, value }
    }

    pub fn label(&self, name: &str) -> &str {
        self.labels.get(name).map(String::as_str).unwrap_or("")
    }
}

/// A line of a chart: its label and `(unix seconds, value)` points, oldest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trend {
    pub label: String,
    pub points: Vec<(i64, f64)>,
}

/// The trends drawn on the page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trends {
    /// Frontend requests and unexpected errors per second.
    pub frontend: Vec<Trend>,
    /// Persistence requests and errors per second.
    pub persistence: Vec<Trend>,
    /// Backlog per task queue (label `namespace/taskqueue`).
    pub backlog: Vec<Trend>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Window {
    /// Counters and histogram buckets (`…_bucket` with `le`): their increase over the window.
    pub increases: Vec<Sample>,
    /// Gauges at the end of the window.
    pub gauges: Vec<Sample>,
    pub trends: Trends,
    /// What the window covers, in a sentence.
    pub coverage: String,
    pub naming: Naming,
}

impl Window {
    /// The increases of `name`, summed over every label but `by`, in label order.
    pub fn sum_by(&self, name: &str, by: &[&str]) -> BTreeMap<Vec<String>, f64> {
        sum_by(&self.increases, name, by)
    }

    pub fn gauge_by(&self, name: &str, by: &[&str]) -> BTreeMap<Vec<String>, f64> {
        sum_by(&self.gauges, name, by)
    }
}

pub fn sum_by(samples: &[Sample], name: &str, by: &[&str]) -> BTreeMap<Vec<String>, f64> {
    let mut sums = BTreeMap::new();
    for sample in samples.iter().filter(|sample| sample.name == name) {
        let key = by.iter().map(|label| sample.label(label).to_string()).collect();
        *sums.entry(key).or_insert(0.0) += sample.value;
    }
    sums
}
