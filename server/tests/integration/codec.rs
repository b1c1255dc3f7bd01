//! Payloads encoded by a codec (the fixtures' `binary/encrypted`) read decoded through a real
//! codec server (end2end/fixtures/codec_server.py, started by `cargo xtask test`), labelled
//! without one, and with a "codec failed" badge when it is down; one codec call per page.
use app::urls;
use axum::Router;

use crate::support::{Fixture, app_with_config, closed_port, get, str_of};

fn codec_endpoint() -> String {
    std::env::var("TDBG_CODEC_ENDPOINT").expect("TDBG_CODEC_ENDPOINT is not set: run the tests with `cargo xtask test`")
}

fn app_with_codec(endpoint: &str, cluster: &str) -> Router {
    let address = &Fixture::get().temporal_address;
    app_with_config(server::Config::from_flags([
        "server",
        "--temporal-address",
        address,
        "--codec-endpoint",
        endpoint,
        "--cluster-name",
        cluster,
    ]))
}

fn history_url(name: &str) -> (String, String) {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    (url, str_of(entry, "plain_input").to_string())
}

/// `codec_requests{cluster=…}` summed over outcomes, from the process's metrics.
async fn codec_calls(app: &Router, cluster: &str) -> u64 {
    let page = get(app, "/metrics").await;
    let marker = format!("codec_requests{{cluster=\"{cluster}\"");
    page.html
        .lines()
        .filter(|line| line.starts_with(&marker))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

#[tokio::test]
async fn encoded_payloads_are_decoded_by_the_codec_server_in_one_call() {
    let cluster = format!("codec-{}", uuid::Uuid::new_v4());
    let app = app_with_codec(&codec_endpoint(), &cluster);
    let (url, plain) = history_url("encoded_completed");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains(&plain), "the decoded input {plain:?} is on the page: {text}");
    assert!(text.contains("decoded by the codec server from binary/encrypted"), "{text}");
    assert!(!page.html.contains("\"encoded\""), "the stored form does not travel with the page");
    assert_eq!(codec_calls(&app, &cluster).await, 1, "one codec call for the whole page");
}

#[tokio::test]
async fn without_a_codec_the_payloads_are_labelled_encrypted() {
    let (url, plain) = history_url("encoded_completed");
    let page = get(&Fixture::get().app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains("binary/encrypted") && text.contains("a codec server is needed"), "{text}");
    assert!(!text.contains(&plain), "{text}");
}

#[tokio::test]
async fn a_codec_server_that_is_down_leaves_the_page_up_with_a_badge() {
    let cluster = format!("codec-down-{}", uuid::Uuid::new_v4());
    let app = app_with_codec(&format!("http://127.0.0.1:{}", closed_port()), &cluster);
    let (url, plain) = history_url("encoded_running");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(
        text.contains("codec failed: the codec server at http://127.0.0.1:") && text.contains("is unreachable"),
        "{text}"
    );
    assert!(!text.contains(&plain), "{text}");
}

#[tokio::test]
async fn a_codec_server_answering_an_error_is_named() {
    let cluster = format!("codec-404-{}", uuid::Uuid::new_v4());
    // The codec server answers 404 for paths it does not serve.
    let app = app_with_codec(&format!("{}/no-such-codec", codec_endpoint()), &cluster);
    let (url, _) = history_url("encoded_completed");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    assert!(page.text().contains("codec failed: the codec server answered 404"), "{}", page.text());
}

#[tokio::test]
async fn the_history_downloads_encoded_by_default_and_decoded_on_request() {
    use base64::Engine;
    let fixture = Fixture::get();
    let entry = fixture.workflow("encoded_completed");
    let (workflow_id, run_id) = (str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let plain = base64::engine::general_purpose::STANDARD.encode(format!("\"{}\"", str_of(entry, "plain_input")));
    let url = urls::history_json(fixture.namespace(), workflow_id, run_id);
    let app = app_with_codec(&codec_endpoint(), &format!("codec-download-{}", uuid::Uuid::new_v4()));

    let (page, _) = history_url("encoded_completed");
    assert!(get(&app, &page).await.html.contains(&format!("{url}?decoded=true")), "the decoded download is offered");
    let encoded = get(&app, &url).await;
    encoded.assert_ok(&url);
    assert!(!encoded.html.contains(&plain), "the default download is as stored (replayable)");
    let decoded = get(&app, &format!("{url}?decoded=true")).await;
    decoded.assert_ok("decoded download");
    assert!(decoded.html.contains(&plain), "the decoded download holds the plain input");
    let disposition = decoded.headers.get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(disposition.contains(".decoded.json"), "{disposition}");

    let without = get(&Fixture::get().app(), &format!("{url}?decoded=true")).await;
    assert_eq!(without.status, axum::http::StatusCode::BAD_REQUEST);
    let down = app_with_codec(
        &format!("http://127.0.0.1:{}", closed_port()),
        &format!("codec-dl-down-{}", uuid::Uuid::new_v4()),
    );
    let failed = get(&down, &format!("{url}?decoded=true")).await;
    assert_eq!(failed.status, axum::http::StatusCode::BAD_GATEWAY, "{}", failed.html);
    assert!(failed.text().contains("codec failed"), "{}", failed.text());
}

/// A worker with a codec encodes its query answers: the call stack and the handler list are
/// decoded through the codec server too.
#[tokio::test]
async fn query_answers_of_an_encoding_worker_are_decoded() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("encoded_running");
    let (workflow_id, run_id) = (str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let app = app_with_codec(&codec_endpoint(), &format!("codec-queries-{}", uuid::Uuid::new_v4()));
    let stack = get(&app, &urls::run_tab(fixture.namespace(), workflow_id, run_id, "call-stack")).await;
    stack.assert_ok("call stack");
    let text = stack.text();
    assert!(text.contains("Taken at") && !text.contains("a codec server is needed"), "{text}");
    let queries = get(&app, &urls::run_tab(fixture.namespace(), workflow_id, run_id, "queries")).await;
    queries.assert_ok("queries");
    assert!(queries.text().contains("As the worker reports them (__temporal_workflow_metadata)"), "{}", queries.text());
}
