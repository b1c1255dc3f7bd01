//! `…/history.json`: the whole history in the proto3 JSON mapping, read back by the Python SDK.
use std::{path::PathBuf, process::Command};

use app::urls;
use axum::http::{StatusCode, header};
use serde_json::Value;

use crate::support::{Fixture, Page, app_for, closed_port, get, get_gzip, str_of};

async fn download(name: &str) -> (Page, Value) {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let url = urls::history_json(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.html);
    let json = serde_json::from_str(&page.html).unwrap_or_else(|error| panic!("{url}: not JSON ({error})"));
    (page, json)
}

fn event_ids(json: &Value) -> Vec<i64> {
    json["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|event| event["eventId"].as_str().and_then(|id| id.parse().ok()).expect("eventId as a string"))
        .collect()
}

#[tokio::test]
async fn every_event_is_downloaded_in_order_across_pages() {
    let fixture = Fixture::get();
    for name in ["completed", "failed", "parent", "large"] {
        let (page, json) = download(name).await;
        let expected = fixture.workflow(name)["history_length"].as_i64().expect("history_length");
        let ids = event_ids(&json);
        assert_eq!(ids, (1..=expected).collect::<Vec<_>>(), "{name}: events 1..={expected}");
        assert_eq!(page.headers[header::CONTENT_TYPE], "application/json");
        let disposition = page.headers[header::CONTENT_DISPOSITION].to_str().expect("ascii");
        assert!(disposition.starts_with("attachment; filename=\"") && disposition.ends_with("_history.json\""));
    }
    let (_, json) = download("completed").await;
    let first = &json["events"][0];
    assert_eq!(first["eventType"], "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");
    assert!(first["workflowExecutionStartedEventAttributes"]["input"]["payloads"][0]["data"].is_string());
}

#[tokio::test]
async fn the_python_sdk_reads_and_replays_the_download() {
    let fixture = Fixture::get();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let python = root.join(".tools/venv/bin/python");
    for name in ["completed", "large"] {
        let entry = fixture.workflow(name);
        let (page, _) = download(name).await;
        let path = std::env::temp_dir().join(format!("tdbg-{}-{name}.json", std::process::id()));
        std::fs::write(&path, &page.html).expect("write history");
        let output = Command::new(&python)
            .arg("replay_history.py")
            .arg(&path)
            .arg(str_of(entry, "workflow_id"))
            .current_dir(root.join("end2end/fixtures"))
            .output()
            .unwrap_or_else(|error| panic!("running {}: {error}", python.display()));
        let _ = std::fs::remove_file(&path);
        assert!(output.status.success(), "{name}: {}", String::from_utf8_lossy(&output.stderr));
        let report: Value = serde_json::from_slice(&output.stdout).expect("replay report");
        assert_eq!(report["events"], entry["history_length"], "{name}: the SDK parsed every event");
        assert_eq!(report["replayed"], true, "{name}: {report}");
    }
}

#[tokio::test]
async fn an_unknown_run_or_temporal_down_answers_json_errors() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    let run = uuid::Uuid::new_v4().to_string();
    let url = urls::history_json(fixture.namespace(), str_of(entry, "workflow_id"), &run);
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.html);
    let error: Value = serde_json::from_str(&page.html).expect("JSON error");
    assert!(error["message"].as_str().is_some_and(|message| message.contains(&run)), "{error}");

    let address = format!("127.0.0.1:{}", closed_port());
    let page = get(&app_for(&address), &urls::history_json("default", "w", "r")).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.html.contains(&address), "{}", page.html);
}

#[tokio::test]
async fn pages_and_downloads_are_gzipped_for_browsers_that_accept_it() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("large");
    let (workflow_id, run_id) = (str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    for url in [
        urls::run_history(fixture.namespace(), workflow_id, run_id),
        urls::history_json(fixture.namespace(), workflow_id, run_id),
    ] {
        let page = get_gzip(&fixture.app(), &url).await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
        assert_eq!(page.headers[header::CONTENT_ENCODING], "gzip", "{url}");
    }
}
