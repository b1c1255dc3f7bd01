//! A Temporal server's own `/metrics`, scraped directly (`TDBG_METRICS_SCRAPE_URL`): no
//! Prometheus, so no history but what this server keeps. Each page scrapes once; from the first
//! page on, a task scrapes every 15 s and keeps the last hour of scrapes (summed by the families
//! the page reads, a few hundred numbers each) in a ring. Counters count since the Temporal server
//! started, so one scrape alone still says something, and the page says which it is.
use std::{
    collections::{BTreeMap, VecDeque},
    sync::{Arc, Mutex, PoisonError, Weak},
    time::Duration,
};

use super::{
    MetricsError, exposition,
    families::{aggregate, is_read, split_gauges},
    naming::Naming,
    window::{Sample, Trend, Trends, Window, sum_by},
};

const EVERY: Duration = Duration::from_secs(15);
/// An hour of scrapes at [`EVERY`].
const KEPT: usize = 240;

#[derive(Clone, Debug)]
struct Snapshot {
    at: i64,
    /// Summed by family, the namespace label kept.
    samples: Vec<Sample>,
    naming: Naming,
}

#[derive(Debug)]
struct Inner {
    url: reqwest::Url,
    shown: String,
    http: reqwest::Client,
    deadline: Duration,
    ring: Mutex<VecDeque<Snapshot>>,
    scraping: std::sync::atomic::AtomicBool,
}

#[derive(Clone, Debug)]
pub struct ScrapeReader {
    inner: Arc<Inner>,
}

impl ScrapeReader {
    pub fn new(url: &str, deadline: Duration) -> Result<ScrapeReader, String> {
        let parsed = reqwest::Url::parse(url.trim()).map_err(|error| format!("not a URL ({error})"))?;
        crate::temporal::tls::crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(deadline)
            .connect_timeout(Duration::from_secs(3))
            .build()
            .map_err(|error| format!("cannot prepare the HTTP client: {error}"))?;
        Ok(ScrapeReader {
            inner: Arc::new(Inner {
                url: parsed,
                shown: super::settings::redact(url),
                http,
                deadline,
                ring: Mutex::new(VecDeque::new()),
                scraping: false.into(),
            }),
        })
    }

    pub fn describe(&self) -> String {
        format!("the Temporal server's metrics at {} (scraped directly)", self.inner.shown)
    }

    /// The window ending with a scrape made now, or with the newest kept one if it is younger
    /// than `reuse_within` (the run diagnosis: parsing a server's megabyte of metrics is not free).
    pub async fn window(
        &self,
        range_seconds: u64,
        namespace: Option<&str>,
        reuse_within: Duration,
    ) -> Result<Window, MetricsError> {
        let now = chrono::Utc::now().timestamp();
        let recent = {
            let ring = self.inner.ring.lock().unwrap_or_else(PoisonError::into_inner);
            let fresh =
                |newest: &&Snapshot| !reuse_within.is_zero() && now - newest.at <= reuse_within.as_secs() as i64;
            ring.back().filter(fresh).cloned()
        };
        let latest = match recent {
            Some(latest) => latest,
            None => self.inner.scrape().await?,
        };
        self.keep_scraping();
        let kept: Vec<Snapshot> = {
            let mut ring = self.inner.ring.lock().unwrap_or_else(PoisonError::into_inner);
            if ring.back().is_none_or(|newest| newest.at < latest.at) {
                ring.push_back(latest.clone());
            }
            while ring.len() > KEPT {
                ring.pop_front();
            }
            ring.iter().filter(|snapshot| snapshot.at >= latest.at - range_seconds as i64).cloned().collect()
        };
        let baseline = kept.first().filter(|first| first.at < latest.at);
        Ok(window_between(baseline, &latest, &kept, namespace, range_seconds, &self.inner.shown))
    }

    /// From the first page on, one scrape every 15 s while this server runs.
    fn keep_scraping(&self) {
        if self.inner.scraping.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let weak: Weak<Inner> = Arc::downgrade(&self.inner);
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(EVERY).await;
                let Some(inner) = weak.upgrade() else { return };
                match inner.scrape().await {
                    Ok(snapshot) => {
                        let mut ring = inner.ring.lock().unwrap_or_else(PoisonError::into_inner);
                        ring.push_back(snapshot);
                        while ring.len() > KEPT {
                            ring.pop_front();
                        }
                    }
                    Err(error) => tracing::debug!("scraping {}: {}", inner.shown, error.message),
                }
            }
        });
    }
}

impl Inner {
    async fn scrape(&self) -> Result<Snapshot, MetricsError> {
        let words = |error: reqwest::Error| {
            if error.is_timeout() {
                MetricsError::timeout(format!(
                    "the metrics endpoint {} did not answer within {} s",
                    self.shown,
                    self.deadline.as_secs()
                ))
            } else if error.is_connect() {
                MetricsError::bad(format!("the metrics endpoint {} is unreachable (connection refused)", self.shown))
            } else {
                MetricsError::bad(format!("reading the metrics endpoint {} failed", self.shown))
            }
        };
        let response = self.http.get(self.url.clone()).send().await.map_err(words)?;
        let status = response.status();
        if !status.is_success() {
            return Err(MetricsError::bad(format!("the metrics endpoint {} answered {status}", self.shown)));
        }
        let text = response.text().await.map_err(words)?;
        let parsed = exposition::parse_only(&text, is_read)
            .map_err(|error| MetricsError::bad(format!("the metrics endpoint {}: {error}", self.shown)))?;
        Ok(Snapshot {
            at: chrono::Utc::now().timestamp(),
            samples: aggregate(&parsed.samples, None, true),
            naming: parsed.naming,
        })
    }
}

/// Counters' increase from `before` (none: since the Temporal server started) to `latest`; a
/// series lower than before was reset by a restart and counts from zero.
fn increases(before: Option<&Snapshot>, latest: &Snapshot) -> Vec<Sample> {
    let earlier: BTreeMap<(&str, &BTreeMap<String, String>), f64> = before
        .map(|before| before.samples.iter().map(|s| ((s.name.as_str(), &s.labels), s.value)).collect())
        .unwrap_or_default();
    latest
        .samples
        .iter()
        .map(|sample| {
            let was = earlier.get(&(sample.name.as_str(), &sample.labels)).copied().unwrap_or(0.0);
            let value = if sample.value >= was { sample.value - was } else { sample.value };
            Sample { value, ..sample.clone() }
        })
        .collect()
}

fn window_between(
    baseline: Option<&Snapshot>,
    latest: &Snapshot,
    kept: &[Snapshot],
    namespace: Option<&str>,
    range_seconds: u64,
    shown: &str,
) -> Window {
    let (counters, _) = split_gauges(aggregate(&increases(baseline, latest), namespace, false));
    let (_, gauges) = split_gauges(aggregate(&latest.samples, namespace, false));
    let time = |at: i64| {
        chrono::DateTime::from_timestamp(at, 0).map_or_else(String::new, |t| t.format("%H:%M:%S UTC").to_string())
    };
    let coverage = match baseline {
        None => format!(
            "Counts since the Temporal server started (one scrape of {shown}, no earlier one kept). This server \
             now scrapes it every 15 s and keeps the last hour; Prometheus would keep the whole range."
        ),
        Some(first) if latest.at - first.at + 30 >= range_seconds as i64 => {
            format!("Increases over the range, from the scrapes of {shown} this server kept (every 15 s).")
        }
        Some(first) => format!(
            "Only since {} ({} min): a direct scrape shows only what this server has scraped of {shown} since \
             it began (at most the last hour). Prometheus would keep the whole range.",
            time(first.at),
            (latest.at - first.at + 59) / 60
        ),
    };
    Window { increases: counters, gauges, trends: trends(kept, namespace), coverage, naming: latest.naming }
}

/// Rates between consecutive kept scrapes, and each task queue's backlog at each.
fn trends(kept: &[Snapshot], namespace: Option<&str>) -> Trends {
    let filtered: Vec<(i64, Vec<Sample>)> =
        kept.iter().map(|snapshot| (snapshot.at, aggregate(&snapshot.samples, namespace, false))).collect();
    let total = |samples: &[Sample], name: &str| sum_by(samples, name, &[]).values().sum::<f64>();
    let rate = |label: &str, name: &str| Trend {
        label: label.to_string(),
        points: filtered
            .windows(2)
            .filter(|pair| pair[1].0 > pair[0].0)
            .map(|pair| {
                let (now, was) = (total(&pair[1].1, name), total(&pair[0].1, name));
                let delta = if now >= was { now - was } else { now };
                (pair[1].0, delta / (pair[1].0 - pair[0].0) as f64)
            })
            .collect(),
    };
    let mut backlog: BTreeMap<String, Trend> = BTreeMap::new();
    for (at, samples) in &filtered {
        for (key, value) in sum_by(samples, "approximate_backlog_count", &["namespace", "taskqueue"]) {
            let queue = key.join("/");
            backlog
                .entry(queue.clone())
                .or_insert_with(|| Trend { label: queue, points: Vec::new() })
                .points
                .push((*at, value));
        }
    }
    Trends {
        frontend: vec![rate("frontend requests/s", "service_requests"), rate("frontend errors/s", "service_errors")],
        persistence: vec![
            rate("persistence requests/s", "persistence_requests"),
            rate("persistence errors/s", "persistence_errors"),
        ],
        backlog: backlog.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(at: i64, requests: f64, errors: Option<f64>) -> Snapshot {
        let mut samples =
            vec![Sample::new("service_requests", &[("operation", "Start"), ("namespace", "default")], requests)];
        if let Some(errors) = errors {
            samples.push(Sample::new("service_errors", &[("operation", "Start"), ("namespace", "default")], errors));
        }
        Snapshot { at, samples, naming: Naming::Temporal }
    }

    #[test]
    fn increases_between_scrapes_survive_a_restart() {
        let (before, latest) = (snapshot(0, 10.0, None), snapshot(60, 25.0, Some(2.0)));
        let delta = increases(Some(&before), &latest);
        assert_eq!(delta[0].value, 15.0);
        assert_eq!(delta[1].value, 2.0, "a series that appeared since counts whole");
        let restarted = increases(Some(&latest), &snapshot(120, 4.0, Some(0.0)));
        assert_eq!(restarted[0].value, 4.0, "lower than before: counted from zero");
    }

    #[test]
    fn the_coverage_says_how_far_back_a_direct_scrape_sees() {
        let latest = snapshot(600, 25.0, None);
        let alone = window_between(None, &latest, std::slice::from_ref(&latest), None, 3600, "http://t/metrics");
        assert!(alone.coverage.starts_with("Counts since the Temporal server started"), "{}", alone.coverage);
        assert_eq!(alone.increases[0].value, 25.0);
        let first = snapshot(0, 10.0, None);
        let kept = [first.clone(), latest.clone()];
        let partial = window_between(Some(&first), &latest, &kept, None, 3600, "http://t/metrics");
        assert!(partial.coverage.starts_with("Only since 00:00:00 UTC (10 min)"), "{}", partial.coverage);
        assert_eq!(partial.trends.frontend[0].points, vec![(600, 15.0 / 600.0)]);
        let whole = window_between(Some(&first), &latest, &kept, None, 600, "http://t/metrics");
        assert!(whole.coverage.starts_with("Increases over the range"), "{}", whole.coverage);
    }
}
