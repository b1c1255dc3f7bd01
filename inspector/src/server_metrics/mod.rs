//! The Temporal server's own metrics, for the cluster health page and the run diagnosis: from a
//! Prometheus-compatible query API, or by scraping a server's `/metrics` directly. Server-only;
//! what reaches a page is the plain [`model::ClusterHealthPage`].
mod charts;
mod exposition;
mod families;
pub mod naming;
mod prometheus;
mod quantile;
pub mod report;
mod scrape;
pub mod settings;
pub mod window;

use std::{sync::Arc, time::Duration};

pub use settings::MetricsSettings;
use window::Window;

/// Why the metrics could not be read: 502 (unreachable, an error status, an unreadable answer)
/// or 504 (no answer in time), with a sentence for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricsError {
    pub status: u16,
    pub message: String,
}

impl MetricsError {
    pub fn bad(message: String) -> MetricsError {
        MetricsError { status: 502, message }
    }

    pub fn timeout(message: String) -> MetricsError {
        MetricsError { status: 504, message }
    }
}

#[derive(Debug)]
enum Source {
    Prometheus(prometheus::PrometheusClient),
    Scrape(scrape::ScrapeReader),
}

/// One cluster's metrics source, if any (the server provides it as Leptos context). With both
/// settings, Prometheus is used: it has the whole range.
#[derive(Clone, Debug, Default)]
pub struct ServerMetrics {
    source: Option<Arc<Source>>,
}

impl ServerMetrics {
    /// The source for `settings`, calls bounded by `deadline` (the cluster's RPC deadline).
    pub fn new(settings: &MetricsSettings, deadline: Duration) -> Result<ServerMetrics, String> {
        let source = match (&settings.prometheus_url, &settings.scrape_url) {
            (Some(url), _) => Some(Source::Prometheus(
                prometheus::PrometheusClient::new(url, deadline)
                    .map_err(|error| format!("TDBG_METRICS_PROMETHEUS_URL: {error}"))?,
            )),
            (None, Some(url)) => Some(Source::Scrape(
                scrape::ScrapeReader::new(url, deadline)
                    .map_err(|error| format!("TDBG_METRICS_SCRAPE_URL: {error}"))?,
            )),
            (None, None) => None,
        };
        Ok(ServerMetrics { source: source.map(Arc::new) })
    }

    pub fn is_configured(&self) -> bool {
        self.source.is_some()
    }

    /// Where the numbers come from, credentials left out.
    pub fn describe(&self) -> String {
        match self.source.as_deref() {
            Some(Source::Prometheus(client)) => client.describe(),
            Some(Source::Scrape(reader)) => reader.describe(),
            None => "no metrics source".to_string(),
        }
    }

    /// The last `range_seconds`, for one namespace or all; `Ok(None)` when not configured. A
    /// direct scrape may answer from a kept scrape younger than `reuse_within`.
    pub async fn window(
        &self,
        range_seconds: u64,
        namespace: Option<&str>,
        reuse_within: Duration,
    ) -> Result<Option<Window>, MetricsError> {
        match self.source.as_deref() {
            Some(Source::Prometheus(client)) => client.window(range_seconds, namespace).await.map(Some),
            Some(Source::Scrape(reader)) => reader.window(range_seconds, namespace, reuse_within).await.map(Some),
            None => Ok(None),
        }
    }
}
