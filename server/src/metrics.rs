//! `/metrics`: request counts and latency in the Prometheus text format.
use std::{
    fmt::Write,
    sync::{
        Arc,
        atomic::{AtomicI64, AtomicU64, Ordering},
    },
    time::Instant,
};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

/// Counters by status class (1xx–5xx) and the total time spent answering.
#[derive(Clone, Default)]
pub struct Metrics {
    inner: Arc<Counters>,
}

#[derive(Default)]
struct Counters {
    by_class: [AtomicU64; 5],
    micros_total: AtomicU64,
    live_streams: AtomicI64,
}

/// Counts one open live-history stream (and its upstream long poll) until dropped.
pub struct LiveStreamGuard(Metrics);

impl Drop for LiveStreamGuard {
    fn drop(&mut self) {
        self.0.inner.live_streams.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    /// Marks a live-history stream open; it counts as closed when the guard is dropped.
    pub fn live_stream_opened(&self) -> LiveStreamGuard {
        self.inner.live_streams.fetch_add(1, Ordering::Relaxed);
        LiveStreamGuard(self.clone())
    }

    pub fn live_streams(&self) -> i64 {
        self.inner.live_streams.load(Ordering::Relaxed)
    }

    pub fn record(&self, status: u16, micros: u64) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.inner.by_class[class].fetch_add(1, Ordering::Relaxed);
        self.inner.micros_total.fetch_add(micros, Ordering::Relaxed);
    }

    pub fn render(&self) -> String {
        let mut out = String::from(
            "# HELP http_requests_total Requests answered, by status class.\n# TYPE http_requests_total counter\n",
        );
        for (index, counter) in self.inner.by_class.iter().enumerate() {
            let _ =
                writeln!(out, "http_requests_total{{class=\"{}xx\"}} {}", index + 1, counter.load(Ordering::Relaxed));
        }
        let _ = writeln!(
            out,
            "# HELP tdbg_live_history_streams Open live-history streams, each with one upstream long poll.\n# TYPE tdbg_live_history_streams gauge\ntdbg_live_history_streams {}",
            self.live_streams()
        );
        let seconds = self.inner.micros_total.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(
            out,
            "# HELP http_request_seconds_total Time spent answering requests.\n# TYPE http_request_seconds_total counter\nhttp_request_seconds_total {seconds}"
        );
        out
    }
}

pub async fn track(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    metrics.record(response.status().as_u16(), micros);
    response
}

pub async fn render(State(metrics): State<Metrics>) -> String {
    metrics.render()
}

#[cfg(test)]
mod tests {
    use super::Metrics;

    #[test]
    fn counts_by_status_class() {
        let metrics = Metrics::default();
        metrics.record(200, 1_500_000);
        metrics.record(404, 10);
        metrics.record(503, 10);
        let text = metrics.render();
        assert!(text.contains("http_requests_total{class=\"2xx\"} 1"));
        assert!(text.contains("http_requests_total{class=\"4xx\"} 1"));
        assert!(text.contains("http_requests_total{class=\"5xx\"} 1"));
        assert!(text.contains("http_request_seconds_total 1.50002"));
    }
}
