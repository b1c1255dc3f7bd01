//! "100 views of a run cost Temporal one read": the per-cluster read cache, measured the way an
//! operator would, from the real binary's `/metrics` (`temporal_client_requests` before and after)
//! against a Temporal dev server of the test's own. The metrics are per process, so the app runs
//! as its own process: calls of other tests cannot leak into the counts.
use std::{collections::BTreeMap, time::Duration};

use crate::dev_server::DevServer;
use crate::server_process::ServerProcess;

/// The app's binary against `temporal`, with a data directory of its own.
fn start_app(temporal: &DevServer) -> ServerProcess {
    let dir = std::env::temp_dir().join(format!("tdbg-read-cache-{}", uuid::Uuid::new_v4()));
    let dir = dir.display().to_string();
    ServerProcess::start(&["--temporal-address", &temporal.address, "--data-dir", &dir])
}

/// Starts workflow `id` (no worker ever polls its queue, so it stays open); answers its run ID.
fn start_workflow(temporal: &DevServer, id: &str) -> String {
    let started = temporal.must(&[
        "workflow",
        "start",
        "--type",
        "CacheTest",
        "--task-queue",
        "read-cache-test",
        "--workflow-id",
        id,
        "-o",
        "json",
    ]);
    let started: serde_json::Value = serde_json::from_str(&started).expect("the CLI's JSON");
    started["runId"].as_str().expect("runId").to_string()
}

fn http() -> reqwest::Client {
    // reqwest's TLS wants a crypto provider even for plain HTTP.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().timeout(Duration::from_secs(60)).build().expect("HTTP client")
}

/// `/metrics`, parsed.
async fn scrape(client: &reqwest::Client, app: &ServerProcess) -> prometheus_parse::Scrape {
    let text = client.get(format!("http://{}/metrics", app.address)).send().await.expect("metrics");
    let text = text.text().await.expect("metrics body");
    prometheus_parse::Scrape::parse(text.lines().map(|line| Ok(line.to_string()))).expect("Prometheus text")
}

/// A counter's value by its `operation` label.
fn by_operation(scrape: &prometheus_parse::Scrape, metric: &str) -> BTreeMap<String, f64> {
    let mut counts = BTreeMap::new();
    for sample in scrape.samples.iter().filter(|sample| sample.metric == metric) {
        if let prometheus_parse::Value::Counter(value) = sample.value {
            *counts.entry(sample.labels.get("operation").unwrap_or("").to_string()).or_default() += value;
        }
    }
    counts
}

/// Temporal calls by operation made between two scrapes.
fn calls_between(before: &prometheus_parse::Scrape, after: &prometheus_parse::Scrape) -> BTreeMap<String, f64> {
    let before = by_operation(before, "temporal_client_requests");
    let mut made = by_operation(after, "temporal_client_requests");
    for (operation, count) in made.iter_mut() {
        *count -= before.get(operation).copied().unwrap_or(0.0);
    }
    made.retain(|_, count| *count > 0.0);
    made
}

/// `views` GETs of `path` at once, each of which must answer 200 with `expect` in the page.
async fn view_at_once(client: &reqwest::Client, app: &ServerProcess, path: &str, views: usize, expect: &str) {
    let url = format!("http://{}{path}", app.address);
    let pages = (0..views).map(|_| {
        let (client, url) = (client.clone(), url.clone());
        tokio::spawn(async move {
            let response = client.get(url).header("accept", "text/html").send().await.expect("answer");
            (response.status().as_u16(), response.text().await.expect("body"))
        })
    });
    for page in futures_util::future::join_all(pages).await {
        let (status, body) = page.expect("viewer task");
        assert_eq!(status, 200, "{}", crate::support::excerpt(&body));
        assert!(body.contains(expect), "the page names {expect:?}: {}", crate::support::excerpt(&body));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_views_of_a_closed_run_cost_temporal_at_most_three_calls() {
    let temporal = DevServer::start(&[]);
    let run_id = start_workflow(&temporal, "read-cache-closed");
    temporal.must(&["workflow", "terminate", "--workflow-id", "read-cache-closed", "--reason", "closed for the test"]);
    let app = start_app(&temporal);
    let client = http();
    let path = app::urls::run_history("default", "read-cache-closed", &run_id);

    let before = scrape(&client, &app).await;
    let started = std::time::Instant::now();
    view_at_once(&client, &app, &path, 50, "closed for the test").await;
    let middle = scrape(&client, &app).await;
    view_at_once(&client, &app, &path, 50, "closed for the test").await;
    let after = scrape(&client, &app).await;
    let first_fifty = calls_between(&before, &middle);
    let all = calls_between(&before, &after);
    let total: f64 = all.values().sum();
    println!("50 concurrent views of a closed run, then 50 more: {first_fifty:?}, then {all:?} in all");
    // The namespace list is refreshed in the background every 30 s: a slow machine may see one.
    let refreshes = (started.elapsed().as_secs() / 30) as f64;
    assert!(total <= 3.0 + refreshes, "100 views of a closed run made {total} Temporal calls: {all:?}");

    let hits = by_operation(&after, "temporal_cache_hits");
    assert!(hits.get("DescribeWorkflowExecution").copied().unwrap_or(0.0) >= 99.0, "cache hits: {hits:?}");
    let per_page = after.samples.iter().find(|sample| {
        sample.metric == "temporal_calls_per_page"
            && sample.labels.get("route") == Some("/namespaces/:namespace/workflows/:workflow_id/:run_id/history")
    });
    assert!(per_page.is_some(), "temporal_calls_per_page has the run history route");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_views_of_an_open_run_share_its_describe() {
    let temporal = DevServer::start(&[]);
    let run_id = start_workflow(&temporal, "read-cache-open");
    let app = start_app(&temporal);
    let client = http();
    let path = app::urls::run_history("default", "read-cache-open", &run_id);

    let before = scrape(&client, &app).await;
    view_at_once(&client, &app, &path, 20, "read-cache-test").await;
    let after = scrape(&client, &app).await;
    let made = calls_between(&before, &after);
    println!("20 concurrent views of an open run: {made:?}");
    let describes = made.get("DescribeWorkflowExecution").copied().unwrap_or(0.0);
    // One, unless a view took over a second (a loaded machine): then it asks again.
    assert!((1.0..=8.0).contains(&describes), "20 views made {describes} describes: {made:?}");

    // At most a second stale: a signal sent past the app shows on the next view after that.
    temporal.must(&["workflow", "signal", "--workflow-id", "read-cache-open", "--name", "nudge-after-cache"]);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    view_at_once(&client, &app, &path, 1, "nudge-after-cache").await;
}
