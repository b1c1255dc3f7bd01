//! The cluster health page against the real dev server's metrics (`TDBG_TEMPORAL_METRICS_URL`,
//! its `/metrics`, scraped directly) and a real Prometheus scraping it (`TDBG_PROMETHEUS_URL`);
//! `cargo xtask test` starts both. Not configured, unreachable, unreadable and silent sources
//! answer a sentence with 200, 502 or 504, never a 500.
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use server::Config;

use crate::support::{Fixture, Page, app_with_config, closed_port, get};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run the tests with `cargo xtask test`"))
}

fn app_with(flags: &[&str]) -> axum::Router {
    let fixture = Fixture::get();
    let mut args = vec!["server", "--temporal-address", &fixture.temporal_address];
    args.extend_from_slice(flags);
    app_with_config(Config::from_flags(args))
}

/// The page, asked again (up to `within`) until `ready` holds: Prometheus needs a few scrapes
/// first, and matching reports a queue's backlog about once a minute.
async fn page_until(app: &axum::Router, url: &str, within: Duration, ready: impl Fn(&Page) -> bool) -> Page {
    let started = Instant::now();
    loop {
        let page = get(app, url).await;
        if ready(&page) || started.elapsed() > within {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn cluster_health_reads_a_direct_scrape_of_the_dev_server() {
    let metrics_url = env("TDBG_TEMPORAL_METRICS_URL");
    let app = app_with(&["--metrics-scrape-url", &metrics_url]);
    let page = get(&app, "/cluster/health?range=15m").await;
    page.assert_ok("/cluster/health?range=15m");
    let text = page.text();
    assert!(text.contains(&format!("From the Temporal server's metrics at {metrics_url}")), "{text}");
    // The first scrape of this app: counters since the Temporal server started, said so.
    assert!(text.contains("Counts since the Temporal server started"), "{text}");
    assert!(text.contains("Temporal's default naming"), "{text}");
    // The fixture worker started workflows through the frontend, and they ran.
    assert!(text.contains("StartWorkflowExecution"), "{text}");
    assert!(text.contains("Persistence availability and latency") && text.contains("Workflow outcomes"), "{text}");
    assert!(page.html.contains("<svg") && page.html.contains("class=\"health-chart\""), "charts drawn on the server");
    // The fixtures' task queue `e2e` is there, as matching reports it.
    assert!(text.contains("e2e"), "{text}");

    // A later page load has a scrape to compare with (scrapes are kept by the second): increases
    // since then, not since the server started.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let again = get(&app, "/cluster/health?range=15m").await;
    assert!(again.text().contains("Only since"), "{}", again.text());

    // A namespace nobody uses: no request seen, said as such rather than as zero errors.
    let empty = get(&app, "/cluster/health?range=15m&namespace=no-such-namespace").await;
    empty.assert_ok("namespace filter");
    assert!(empty.text().contains("No frontend requests seen yet in this range"), "{}", empty.text());
}

#[tokio::test]
async fn cluster_health_reads_prometheus_over_the_range() {
    let prometheus_url = env("TDBG_PROMETHEUS_URL");
    let app = app_with(&["--metrics-prometheus-url", &prometheus_url]);
    let url = "/cluster/health?range=15m&namespace=default";
    let page =
        page_until(&app, url, Duration::from_secs(30), |page| page.text().contains("StartWorkflowExecution")).await;
    page.assert_ok(url);
    let text = page.text();
    assert!(text.contains(&format!("From Prometheus at {prometheus_url}/")), "{text}");
    assert!(text.contains("Increases over the range, from Prometheus"), "{text}");
    assert!(text.contains("StartWorkflowExecution"), "the frontend's requests, by operation: {text}");
    assert!(text.contains("namespace default"), "{text}");
    for range in ["1h", "6h", "24h"] {
        get(&app, &format!("/cluster/health?range={range}")).await.assert_ok(range);
    }
}

#[tokio::test]
async fn cluster_health_without_a_metrics_source_says_what_to_set() {
    let app = app_with(&[]);
    let page = get(&app, "/cluster/health").await;
    page.assert_ok("/cluster/health");
    let text = page.text();
    assert!(text.contains("No metrics source is configured for cluster default"), "{text}");
    assert!(text.contains("TDBG_METRICS_PROMETHEUS_URL") && text.contains("TDBG_METRICS_SCRAPE_URL"), "{text}");
}

#[tokio::test]
async fn a_failing_metrics_source_answers_a_sentence_and_502_or_504() {
    let closed = format!("http://127.0.0.1:{}", closed_port());
    let down = get(&app_with(&["--metrics-prometheus-url", &closed]), "/cluster/health").await;
    assert_eq!(down.status, StatusCode::BAD_GATEWAY, "{}", down.text());
    assert!(down.text().contains(&format!("Prometheus at {closed}/ is unreachable")), "{}", down.text());

    let scrape_down = get(&app_with(&["--metrics-scrape-url", &format!("{closed}/metrics")]), "/cluster/health").await;
    assert_eq!(scrape_down.status, StatusCode::BAD_GATEWAY);
    assert!(scrape_down.text().contains("is unreachable"), "{}", scrape_down.text());

    // Real endpoints answering the wrong thing: Temporal's text where Prometheus's JSON is
    // expected, and Prometheus's JSON where exposition text is expected.
    let metrics_url = env("TDBG_TEMPORAL_METRICS_URL");
    let base = metrics_url.trim_end_matches("/metrics");
    let not_json = get(&app_with(&["--metrics-prometheus-url", base]), "/cluster/health").await;
    assert_eq!(not_json.status, StatusCode::BAD_GATEWAY, "{}", not_json.text());
    let prometheus_url = env("TDBG_PROMETHEUS_URL");
    let json = format!("{prometheus_url}/api/v1/status/buildinfo");
    let not_text = get(&app_with(&["--metrics-scrape-url", &json]), "/cluster/health").await;
    assert_eq!(not_text.status, StatusCode::BAD_GATEWAY);
    assert!(not_text.text().contains("is not Prometheus text"), "{}", not_text.text());

    // A listener that never answers: the RPC deadline (1 s), then 504.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let silent_url = format!("http://{}/metrics", silent.local_addr().expect("addr"));
    let app = app_with(&["--metrics-scrape-url", &silent_url, "--rpc-deadline-seconds", "1"]);
    let started = Instant::now();
    let slow = get(&app, "/cluster/health").await;
    assert_eq!(slow.status, StatusCode::GATEWAY_TIMEOUT, "{}", slow.text());
    assert!(slow.text().contains("did not answer within 1 s"), "{}", slow.text());
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    drop(silent);
}

#[tokio::test]
async fn a_second_clusters_health_lives_under_its_prefix() {
    let fixture = Fixture::get();
    let metrics_url = env("TDBG_TEMPORAL_METRICS_URL");
    let dir = std::env::temp_dir().join(format!("tdbg-health-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("clusters.toml");
    let address = &fixture.temporal_address;
    std::fs::write(
        &file,
        format!(
            "[[clusters]]\nname = \"first\"\naddress = \"{address}\"\n\n[[clusters]]\nname = \"second\"\n\
             address = \"{address}\"\nmetrics_scrape_url = \"{metrics_url}\"\n"
        ),
    )
    .expect("config");
    let config = Config::load(["server", "--config", &file.display().to_string()]).expect("config loads");
    let app = app_with_config(config);
    let second = get(&app, "/clusters/second/cluster/health?range=1h").await;
    second.assert_ok("second cluster");
    assert!(
        second.text().contains("Cluster second") && second.text().contains("StartWorkflowExecution"),
        "{}",
        second.text()
    );
    assert!(
        second.html.contains("href=\"/clusters/second/cluster/health?range=6h\""),
        "range links stay in the cluster"
    );
    let first = get(&app, "/cluster/health").await;
    assert!(first.text().contains("No metrics source is configured for cluster first"), "{}", first.text());
}

#[tokio::test]
async fn a_run_page_with_metrics_configured_stays_quick() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("unpolled");
    let (workflow_id, run_id) = (crate::support::str_of(entry, "workflow_id"), crate::support::str_of(entry, "run_id"));
    let app = app_with(&["--metrics-prometheus-url", &env("TDBG_PROMETHEUS_URL")]);
    let url = format!("/namespaces/{}/workflows/{workflow_id}/{run_id}/history", fixture.namespace());
    let started = Instant::now();
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(
        page.text().contains("Why is it not progressing?") || page.text().contains("How it ended"),
        "{}",
        page.text()
    );
}

/// Starts a workflow on `task_queue`, which no worker polls: its task waits in the backlog.
async fn start_unpolled(task_queue: &str) -> (String, String) {
    use temporalio_protos::protos::temporal::api::{
        common::v1::WorkflowType, taskqueue::v1::TaskQueue, workflowservice::v1::StartWorkflowExecutionRequest,
    };
    let fixture = Fixture::get();
    let client = crate::actions_support::client();
    let workflow_id = format!("health-{}-{}", fixture.prefix(), uuid::Uuid::new_v4().simple());
    let request = StartWorkflowExecutionRequest {
        namespace: fixture.namespace().into(),
        workflow_id: workflow_id.clone(),
        workflow_type: Some(WorkflowType { name: "HealthBacklogProbe".into() }),
        task_queue: Some(TaskQueue { name: task_queue.into(), ..Default::default() }),
        identity: "integration test".into(),
        request_id: uuid::Uuid::new_v4().to_string(),
        ..Default::default()
    };
    let started = client.workflow_service().start_workflow_execution(client.request(request)).await;
    let run_id = started.unwrap_or_else(|status| panic!("start: {status}")).into_inner().run_id;
    (workflow_id, run_id)
}

#[tokio::test]
async fn a_growing_backlog_in_the_metrics_is_evidence_in_the_runs_diagnosis() {
    let app = app_with(&["--metrics-scrape-url", &env("TDBG_TEMPORAL_METRICS_URL")]);
    let queue = format!("health-backlog-{}", uuid::Uuid::new_v4().simple());
    let (workflow_id, run_id) = start_unpolled(&queue).await;
    // Each page keeps a scrape; the metrics write the queue's name sanitised.
    let reported = queue.replace('-', "_");
    let health = "/cluster/health?range=15m&namespace=default";
    let page = page_until(&app, health, Duration::from_secs(150), |page| page.text().contains(&reported)).await;
    assert!(page.text().contains(&reported), "matching never reported {reported}: {}", page.text());
    for _ in 0..3 {
        start_unpolled(&queue).await;
    }
    let run = format!("/namespaces/{}/workflows/{workflow_id}/{run_id}/history", Fixture::get().namespace());
    let growing = format!("the backlog of task queue \"{queue}\" growing");
    let page = page_until(&app, &run, Duration::from_secs(150), |page| page.text().contains(&growing)).await;
    assert!(page.text().contains(&growing), "{}", page.text());
    assert!(
        page.html.contains("href=\"/cluster/health?range=15m&amp;namespace=default#task-queues\""),
        "the evidence links the health page, filtered: {}",
        page.html
    );
    let health_page = get(&app, health).await;
    assert!(health_page.html.contains("health-growing"), "the queue's row is marked growing");
}
