//! The cluster health page's data: what the Temporal server's own metrics say over a time range,
//! as tables of numbers and charts already drawn as SVG on the server.
use serde::{Deserialize, Serialize};

/// The page's time range (`?range=`): 15 minutes, 1 hour (the default), 6 hours or 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum HealthRange {
    Minutes15,
    #[default]
    Hour1,
    Hours6,
    Hours24,
}

impl HealthRange {
    pub const ALL: [HealthRange; 4] =
        [HealthRange::Minutes15, HealthRange::Hour1, HealthRange::Hours6, HealthRange::Hours24];

    /// `15m`, `1h`, `6h`, `24h`; anything else is the default.
    pub fn parse(text: &str) -> HealthRange {
        HealthRange::ALL.into_iter().find(|range| range.slug() == text).unwrap_or_default()
    }

    pub fn slug(self) -> &'static str {
        match self {
            HealthRange::Minutes15 => "15m",
            HealthRange::Hour1 => "1h",
            HealthRange::Hours6 => "6h",
            HealthRange::Hours24 => "24h",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HealthRange::Minutes15 => "last 15 minutes",
            HealthRange::Hour1 => "last hour",
            HealthRange::Hours6 => "last 6 hours",
            HealthRange::Hours24 => "last 24 hours",
        }
    }

    pub fn seconds(self) -> u64 {
        match self {
            HealthRange::Minutes15 => 15 * 60,
            HealthRange::Hour1 => 3600,
            HealthRange::Hours6 => 6 * 3600,
            HealthRange::Hours24 => 24 * 3600,
        }
    }

    /// The page's query string (without `?`) for this range and an optional namespace filter.
    pub fn query(self, namespace: Option<&str>) -> String {
        let mut query = format!("range={}", self.slug());
        if let Some(namespace) = namespace.filter(|namespace| !namespace.is_empty()) {
            query.push_str(&format!("&namespace={}", crate::url_segment::encode(namespace)));
        }
        query
    }
}

/// The page: the range asked for and what the metrics source answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterHealthPage {
    pub cluster: String,
    pub range: HealthRange,
    pub namespace: Option<String>,
    pub state: HealthState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum HealthState {
    /// Neither `TDBG_METRICS_PROMETHEUS_URL` nor `TDBG_METRICS_SCRAPE_URL` is set for the cluster.
    NotConfigured,
    /// The metrics source is down, too slow (504) or answered something unreadable (502).
    Failed {
        status: u16,
        message: String,
    },
    Ready(Box<HealthReport>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthReport {
    /// "Prometheus at http://prometheus:9090", credentials left out.
    pub source: String,
    /// What the numbers cover, in a sentence (the range, or since when a direct scrape has seen).
    pub coverage: String,
    /// Which metric naming the server uses: Temporal's default or the OpenTelemetry one.
    pub naming: String,
    /// The frontend's requests by operation.
    pub frontend: Vec<OperationRow>,
    /// Every error the frontend returned, expected ones included, by type.
    pub error_types: Vec<ErrorTypeRow>,
    pub persistence: Vec<OperationRow>,
    pub outcomes: Vec<OutcomeRow>,
    pub task_queues: Vec<TaskQueueRow>,
    pub shards: ShardFacts,
    pub charts: Vec<HealthChart>,
}

/// One operation's requests, unexpected errors and latency over the range. `None`: not seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationRow {
    pub operation: String,
    pub requests: f64,
    pub errors: f64,
    /// 1 − errors / requests; `None` when no request was seen.
    pub availability: Option<f64>,
    pub p95_seconds: Option<f64>,
    pub p99_seconds: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorTypeRow {
    pub error_type: String,
    pub count: f64,
}

/// Closed workflows by outcome, per namespace and workflow type.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OutcomeRow {
    pub namespace: String,
    pub workflow_type: String,
    pub success: f64,
    pub failed: f64,
    pub timeout: f64,
    pub terminate: f64,
    pub cancel: f64,
}

/// One task queue as matching sees it; names are as the metrics write them (sanitised: `-` → `_`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TaskQueueRow {
    pub namespace: String,
    pub task_queue: String,
    /// Tasks waiting now, summed over partitions; `None` when the gauge is not reported.
    pub backlog: Option<f64>,
    /// How long the oldest waiting task has waited (the oldest partition's).
    pub backlog_age_seconds: Option<f64>,
    /// The backlog grew over the range (its last value above its first).
    pub growing: bool,
    pub schedule_to_start_p95_seconds: Option<f64>,
    pub poll_timeouts: f64,
    pub failed_workflow_tasks: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ShardFacts {
    /// Shards owned now, summed over history hosts; `None` when not reported.
    pub shards: Option<f64>,
    pub membership_changes: f64,
    pub shards_closed: f64,
}

/// A chart drawn on the server: its title, and an SVG document whose text is escaped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthChart {
    pub title: String,
    pub svg: String,
}

/// A share as a percentage with up to three decimals: `99.95%`, `100%`.
pub fn percent(share: f64) -> String {
    let text = format!("{:.3}", share * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// A count as a whole number when it is one (`12`), else with two decimals (`0.25`).
pub fn count_text(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 { format!("{}", value.round() as i64) } else { format!("{value:.2}") }
}

/// A latency in the unit that reads best: `850 ms`, `1.20 s`, `90 s`, `3.5 min`.
pub fn latency_text(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.0} ms", seconds * 1000.0)
    } else if seconds < 10.0 {
        format!("{seconds:.2} s")
    } else if seconds < 120.0 {
        format!("{seconds:.0} s")
    } else {
        format!("{:.1} min", seconds / 60.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_round_trip_and_default_to_an_hour() {
        for range in HealthRange::ALL {
            assert_eq!(HealthRange::parse(range.slug()), range);
        }
        assert_eq!(HealthRange::parse("7d"), HealthRange::Hour1);
        assert_eq!(HealthRange::Hours6.query(Some("my ns")), "range=6h&namespace=my%20ns");
        assert_eq!(HealthRange::Minutes15.query(None), "range=15m");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(percent(0.9995), "99.95%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(count_text(12.0), "12");
        assert_eq!(count_text(0.25), "0.25");
        assert_eq!(latency_text(0.85), "850 ms");
        assert_eq!(latency_text(1.2), "1.20 s");
        assert_eq!(latency_text(90.0), "90 s");
        assert_eq!(latency_text(300.0), "5.0 min");
    }
}

#[cfg(test)]
#[path = "cluster_health_props.rs"]
mod props;
