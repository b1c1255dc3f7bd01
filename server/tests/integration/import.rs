//! Opening a downloaded history file: upload, the imported page with the history views, the
//! history given back, and files that are not histories.
use app::urls;
use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{Fixture, Page, get, post_from_page, str_of};

const BOUNDARY: &str = "tdbg-test-boundary";

fn multipart(file_name: &str, content: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/json\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(file_name: &str, content: &[u8]) -> Page {
    let app = Fixture::get().app();
    post_from_page(
        &app,
        "/import/upload",
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        multipart(file_name, content),
    )
    .await
}

async fn downloaded(name: &str) -> String {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let url = urls::history_json(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    page.html
}

#[tokio::test]
async fn a_downloaded_history_opens_with_the_history_views_without_temporal() {
    let fixture = Fixture::get();
    let json = downloaded("failed").await;
    // A hostile file name: it lands in the page and in its <title>, which leptos_meta does not escape.
    let uploaded = upload("payment </title><script>alert(1)</script>.json", json.as_bytes()).await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.text());
    let location = uploaded.location.expect("redirect to the imported history");
    assert!(location.starts_with("/import/"), "{location}");

    let page = get(&fixture.app(), &location).await;
    page.assert_ok(&location);
    let text = page.text();
    let length = fixture.workflow("failed")["history_length"].as_i64().expect("history_length");
    assert!(text.contains("payment </title><script>alert(1)</script>.json"), "the file name as text: {text}");
    assert!(!page.html.contains("<script>alert(1)"), "escaped in the HTML, the title included");
    assert!(page.html.contains("<title>payment &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;.json · imported"));
    assert!(text.contains("Status Failed"), "{text}");
    assert!(text.contains(&format!("({length} events)")), "{text}");
    let failure_type = fixture.workflow("failed")["failure_type"].as_str().unwrap_or("OrderFailed");
    assert!(text.contains(failure_type), "the failure: {text}");

    // The same views as a live run: a filter, and an event permalink.
    let activities = get(&fixture.app(), &format!("{location}?category=activity")).await;
    assert!(activities.text().contains(&format!("of {length} events)")), "{}", activities.text());
    let linked = get(&fixture.app(), &format!("{location}/events/5")).await;
    linked.assert_ok("permalink");
    assert!(linked.html.contains("aria-label=\"Linked event\""));
    let missing = get(&fixture.app(), &format!("{location}/events/999")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // The history comes back as it went in.
    let again = get(&fixture.app(), &format!("{location}/history.json")).await;
    again.assert_ok("download");
    let (sent, back): (Value, Value) =
        (serde_json::from_str(&json).expect("json"), serde_json::from_str(&again.html).expect("json"));
    assert_eq!(sent, back);
}

#[tokio::test]
async fn files_that_are_not_histories_are_turned_back_with_the_reason() {
    let app = Fixture::get().app();
    let cases: [(&[u8], &str); 3] = [
        (b"<html>not json</html>", "expected value"),
        (b"{\"events\": []}", "no events"),
        (b"{\"events\": [{\"eventId\": \"one\"}]}", "event 1"),
    ];
    for (content, reason) in cases {
        let uploaded = upload("broken.json", content).await;
        assert_eq!(uploaded.status, StatusCode::SEE_OTHER);
        let location = uploaded.location.expect("back to the form");
        assert!(location.starts_with("/import?error="), "{location}");
        let page = get(&app, &location).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text());
        assert!(
            page.text().contains("This file is not a Temporal history") && page.text().contains(reason),
            "{}",
            page.text()
        );
    }
    let not_a_form = post_from_page(&app, "/import/upload", "application/json", b"{}".to_vec()).await;
    assert!(not_a_form.location.is_some_and(|location| location.contains("not%20a%20file%20form")));
    let unknown = get(&app, "/import/00000000-0000-0000-0000-000000000000").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.text().contains("Open the file again"), "{}", unknown.text());
}

/// Imports are files in the data directory: a new server (a restart, or another replica) with
/// the same directory serves the link; one with another directory says how long files are kept.
#[tokio::test]
async fn an_imported_history_outlives_a_restart() {
    let json = downloaded("completed").await;
    let dir = std::env::temp_dir().join(format!("tdbg-restart-{}", uuid::Uuid::new_v4())).display().to_string();
    let address = Fixture::get().temporal_address.clone();
    let app_on = |dir: &str| {
        crate::support::app_with_config(server::Config::from_flags([
            "server",
            "--temporal-address",
            &address,
            "--data-dir",
            dir,
        ]))
    };
    let before = app_on(&dir);
    let form = format!("multipart/form-data; boundary={BOUNDARY}");
    let uploaded = post_from_page(&before, "/import/upload", &form, multipart("kept.json", json.as_bytes())).await;
    let location = uploaded.location.expect("redirect to the imported history");
    drop(before);
    let page = get(&app_on(&dir), &location).await;
    page.assert_ok(&location);
    assert!(page.text().contains("kept.json"), "{}", page.text());
    let elsewhere = std::env::temp_dir().join(format!("tdbg-other-{}", uuid::Uuid::new_v4())).display().to_string();
    let page = get(&app_on(&elsewhere), &location).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("keeps imported files in"), "{}", page.text());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&elsewhere);
}
