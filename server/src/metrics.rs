//! `/metrics` in the Prometheus text format, through the `metrics` crate and its Prometheus
//! exporter: HTTP requests by route template and status with a latency histogram, the Temporal
//! calls this app makes (`temporal_client_*`, recorded by the app's call channel), and the open
//! live-history streams.
use std::{sync::OnceLock, time::Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::Response,
};
use inspector::temporal::PageCalls;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Latency buckets in seconds, for every histogram (HTTP, Temporal calls).
const BUCKETS: [f64; 14] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0];
/// Buckets of `temporal_calls_per_page`: a cached page makes none, a cold run page a handful.
const CALL_BUCKETS: [f64; 10] = [0.0, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 500.0];

/// The process-wide recorder (installed once; several routers in one test process share it).
#[derive(Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
}

impl Default for Metrics {
    fn default() -> Metrics {
        static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
        let handle = HANDLE.get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(&BUCKETS)
                .and_then(|builder| {
                    builder.set_buckets_for_metric(Matcher::Full("temporal_calls_per_page".into()), &CALL_BUCKETS)
                })
                .expect("static buckets")
                .build_recorder();
            let handle = recorder.handle();
            // Another recorder may be installed already (a test harness); ours then only renders.
            let _ = metrics::set_global_recorder(recorder);
            describe();
            handle
        });
        Metrics { handle: handle.clone() }
    }
}

fn describe() {
    metrics::describe_counter!("http_server_requests", "HTTP requests answered, by route template and status.");
    metrics::describe_histogram!(
        "http_server_latency",
        metrics::Unit::Seconds,
        "Time to answer an HTTP request (until the response head), by route template."
    );
    metrics::describe_counter!(
        "temporal_client_requests",
        "Calls this app made to Temporal, by operation and cluster."
    );
    metrics::describe_counter!(
        "temporal_client_errors",
        "Calls to Temporal that failed (transport, HTTP or gRPC status), by operation and cluster."
    );
    metrics::describe_histogram!(
        "temporal_client_latency",
        metrics::Unit::Seconds,
        "Latency of calls to Temporal, by operation and cluster."
    );
    metrics::describe_histogram!(
        "temporal_calls_per_page",
        "Calls to Temporal one HTTP request made (a page, a server function, a download), by route template."
    );
    metrics::describe_counter!(
        "temporal_cache_hits",
        "Temporal reads answered by the read cache or shared with the same read in flight, by operation and cluster."
    );
    metrics::describe_counter!(
        "temporal_cache_misses",
        "Temporal reads the read cache had to make (or could not keep), by operation and cluster."
    );
    metrics::describe_gauge!(
        "live_history_streams",
        "Open live-history streams, each with one upstream long poll, by cluster."
    );
}

/// Counts one open live-history stream (and its upstream long poll) until dropped.
pub struct LiveStreamGuard(metrics::Gauge);

impl Drop for LiveStreamGuard {
    fn drop(&mut self) {
        self.0.decrement(1.0);
    }
}

impl Metrics {
    /// Marks a live-history stream to `cluster` open; it counts as closed when the guard is dropped.
    pub fn live_stream_opened(&self, cluster: &str) -> LiveStreamGuard {
        let gauge = metrics::gauge!("live_history_streams", "cluster" => cluster.to_string());
        gauge.increment(1.0);
        LiveStreamGuard(gauge)
    }

    pub fn render(&self) -> String {
        self.handle.render()
    }
}

/// `/namespaces/:namespace/workflows` for axum's `/namespaces/{namespace}/workflows`: braces in
/// label values trip simple exposition parsers, and `:name` is the usual spelling in metrics.
fn route_label(template: &str) -> String {
    template.replace('{', ":").replace('}', "")
}

/// Records every request: its route template (`/namespaces/:namespace/workflows`, or `static`
/// for files and unknown paths), its status and its latency; and, but for files and the probes
/// that never call Temporal, the Temporal calls it made ([`PageCalls`], recorded when the render
/// and its calls are done).
pub async fn track(mut request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "static".to_string(), |path| route_label(path.as_str()));
    if !matches!(route.as_str(), "static" | "/metrics" | "/healthz") {
        request.extensions_mut().insert(PageCalls::new(route.clone()));
    }
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_server_requests", "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!("http_server_latency", "route" => route).record(started.elapsed().as_secs_f64());
    response
}

pub async fn render(State(metrics): State<Metrics>) -> String {
    metrics.render()
}
