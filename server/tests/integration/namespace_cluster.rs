//! The namespace's page and the cluster's page, against the real dev server.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, get, str_of};

#[tokio::test]
async fn the_namespace_page_shows_its_settings_search_attributes_and_links() {
    let fixture = Fixture::get();
    let url = urls::namespace(fixture.namespace());
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    for expected in ["Namespace default", "Retention", "History archival", "Global namespace", "Capabilities"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // Registered by the test dev server (xtask/src/stack.rs) for the annotated fixture.
    let custom = page.html.split("<tr").find(|row| row.contains(">CustomerId<")).expect("CustomerId row");
    assert!(custom.contains("Keyword") && custom.contains("custom"), "{custom}");
    let system = page.html.split("<tr").find(|row| row.contains(">WorkflowType<")).expect("WorkflowType row");
    assert!(system.contains("system"), "{system}");
    for href in [urls::workflows("default"), urls::schedules("default"), urls::task_queues("default")] {
        assert!(page.html.contains(&format!("href=\"{href}\"")), "links {href}");
    }
    let versioned = &fixture.manifest["versioned"];
    let (deployment, build) = (str_of(versioned, "deployment"), str_of(versioned, "build_id"));
    let row = page
        .html
        .split("<tr")
        .find(|row| row.contains(&format!(">{deployment}<")))
        .unwrap_or_else(|| panic!("no deployment {deployment}: {text}"));
    assert!(row.contains(&format!(">{build}<")), "current version {build}: {row}");
    assert!(row.contains(&format!("{build}: Current since")), "its versions: {row}");
}

#[tokio::test]
async fn an_unknown_namespace_page_is_a_404() {
    let page = get(&Fixture::get().app(), &urls::namespace("no-such-namespace")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
    assert!(page.text().contains("no-such-namespace"), "{}", page.text());
}

#[tokio::test]
async fn the_cluster_page_shows_version_stores_shards_and_capabilities() {
    let fixture = Fixture::get();
    let url = urls::cluster();
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    for expected in ["Server version 1.", "Persistence store sqlite", "History shards", "Cluster ID", "Supported"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(text.contains("signal and query header"), "capabilities in words: {text}");
    assert!(text.contains(&fixture.temporal_address), "names the address it reaches: {text}");
}

#[tokio::test]
async fn the_cluster_page_answers_503_when_temporal_is_down() {
    let app = crate::support::app_for(&format!("127.0.0.1:{}", crate::support::closed_port()));
    let page = get(&app, &urls::cluster()).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{}", page.text());
    assert!(page.text().contains("unreachable"), "{}", page.text());
}
