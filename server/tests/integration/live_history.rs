//! `…/history/live`: server-sent events while a run is open, one upstream long poll per stream,
//! released when the client goes away.
use std::{path::PathBuf, process::Command, time::Duration};

use app::urls;
use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::{Fixture, get, on_app_runtime, str_of};

fn live_url(name: &str) -> String {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let after = entry["history_length"].as_i64().expect("history_length");
    let history = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    format!("{history}/live?after={after}")
}

/// Reads frames until `text` has come or `wait` has passed; returns everything read.
async fn read_until(body: &mut Body, text: &str, wait: Duration) -> String {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + wait;
    while !seen.contains(text) {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    seen.push_str(&String::from_utf8_lossy(&data));
                }
            }
            _ => break,
        }
    }
    seen
}

async fn open(app: &Router, url: &str) -> Body {
    let request = Request::get(url).header(header::ACCEPT, "text/event-stream").body(Body::empty()).expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "text/event-stream");
    response.into_body()
}

/// The open streams of this app's cluster (each test's app has a cluster name of its own, and
/// the metrics are the process's).
async fn open_streams(app: &Router, cluster: &str) -> i64 {
    let page = get(app, "/metrics").await;
    let series = format!("live_history_streams{{cluster=\"{cluster}\"}} ");
    let line = page
        .html
        .lines()
        .find(|line| line.starts_with(&series))
        .unwrap_or_else(|| panic!("no {series}in {}", page.html));
    line.rsplit(' ').next().and_then(|n| n.parse::<f64>().ok()).expect("number") as i64
}

#[tokio::test]
async fn a_closed_run_says_so_and_the_stream_ends() {
    let url = live_url("completed");
    let app = Fixture::get().app();
    let seen = on_app_runtime(async move {
        let mut body = open(&app, &url).await;
        let seen = read_until(&mut body, "event: closed", Duration::from_secs(10)).await;
        (seen, body.frame().await.is_none())
    })
    .await;
    assert!(seen.0.contains("event: ready") && seen.0.contains("event: closed"), "{}", seen.0);
    assert!(seen.1, "the stream ended");
}

#[tokio::test]
async fn a_stream_holds_one_upstream_call_until_the_client_leaves() {
    let cluster = format!("live-{}", uuid::Uuid::new_v4());
    let app = crate::support::app_with_config(server::Config::from_flags([
        "server",
        "--temporal-address",
        &Fixture::get().temporal_address,
        "--cluster-name",
        &cluster,
    ]));
    let url = live_url("sleeping");
    let probe = app.clone();
    let cluster_during = cluster.clone();
    let (during, seen) = on_app_runtime(async move {
        let mut body = open(&app, &url).await;
        let seen = read_until(&mut body, "event: ready", Duration::from_secs(10)).await;
        // Nothing happens to a run sleeping for hours: no event after `ready`.
        let quiet = read_until(&mut body, "event: events", Duration::from_millis(1500)).await;
        let during = open_streams(&app, &cluster_during).await;
        drop(body);
        (during, format!("{seen}{quiet}"))
    })
    .await;
    assert!(seen.contains("event: ready") && !seen.contains("event: events"), "{seen}");
    assert_eq!(during, 1, "one open stream while reading");
    let mut after = open_streams(&probe, &cluster).await;
    for _ in 0..20 {
        if after == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = open_streams(&probe, &cluster).await;
    }
    assert_eq!(after, 0, "the stream and its long poll are released");
}

#[tokio::test]
async fn a_signal_reaches_the_open_stream() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("live_rust");
    let (workflow_id, signal) = (str_of(entry, "workflow_id").to_string(), str_of(entry, "signal_name").to_string());
    let app = fixture.app();
    let url = live_url("live_rust");
    let address = fixture.temporal_address.clone();
    let seen = on_app_runtime(async move {
        let mut body = open(&app, &url).await;
        let ready = read_until(&mut body, "event: ready", Duration::from_secs(10)).await;
        let temporal = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/venv/bin/temporal");
        let output = Command::new(temporal)
            .args(["workflow", "signal", "--address", &address, "--workflow-id", &workflow_id])
            .args(["--name", &signal, "--input", "\"integration test\""])
            .output()
            .expect("temporal workflow signal");
        assert!(output.status.success(), "signal: {}", String::from_utf8_lossy(&output.stderr));
        format!("{ready}{}", read_until(&mut body, "event: events", Duration::from_secs(15)).await)
    })
    .await;
    let events = seen.split("event: events").nth(1).unwrap_or_else(|| panic!("no events message: {seen}"));
    assert!(events.contains("\"last_event_id\":"), "{events}");
}
