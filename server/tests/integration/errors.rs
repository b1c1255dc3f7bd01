//! Bad input and a missing Temporal get clear pages with the right status.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, app_for, closed_port, get, str_of};

#[tokio::test]
async fn unknown_workflow_is_404() {
    let fixture = Fixture::get();
    let page = get(&fixture.app(), &urls::workflow(fixture.namespace(), "no-such-workflow-anywhere")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let text = page.text();
    assert!(text.contains("404 · Not found") && text.contains("no-such-workflow-anywhere"), "{text}");
}

#[tokio::test]
async fn unknown_run_is_404() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    let unknown = uuid::Uuid::new_v4().to_string();
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), &unknown);
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
    assert!(page.text().contains(&unknown));
}

#[tokio::test]
async fn malformed_run_id_is_a_clear_error_not_a_500() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), "not-a-run-id");
    let page = get(&fixture.app(), &url).await;
    assert!(matches!(page.status, StatusCode::BAD_REQUEST | StatusCode::NOT_FOUND), "{}", page.status);
    assert!(page.text().contains("not-a-run-id") || page.text().to_lowercase().contains("runid"));
}

#[tokio::test]
async fn unknown_namespace_is_404() {
    let page = get(&Fixture::get().app(), &urls::workflows("no-such-namespace")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
    assert!(page.text().contains("no-such-namespace"));
}

#[tokio::test]
async fn unknown_path_is_404() {
    let page = get(&Fixture::get().app(), "/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("There is no page at this address"));
}

#[tokio::test]
async fn temporal_down_is_503_naming_the_address() {
    let address = format!("127.0.0.1:{}", closed_port());
    let app = app_for(&address);
    for url in [
        urls::workflows("default"),
        urls::run_history("default", "some-workflow", &uuid::Uuid::new_v4().to_string()),
        urls::workflow("default", "some-workflow"),
        "/namespaces".to_string(),
    ] {
        let page = get(&app, &url).await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{url}");
        let text = page.text();
        assert!(text.contains("Temporal is unreachable") && text.contains(&address), "{url}: {text}");
        assert!(!text.contains("Status {"), "no Debug dump: {text}");
    }
}

#[tokio::test]
async fn a_tab_that_cannot_reach_temporal_says_so_inside_the_tab() {
    let address = format!("127.0.0.1:{}", closed_port());
    let app = app_for(&address);
    for tab in ["workers", "call-stack", "queries", "relationships"] {
        let url = urls::run_tab("default", "order/7", "run-1", tab);
        let page = get(&app, &url).await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{url}");
        let text = page.text();
        assert!(text.contains("Temporal is unreachable") && text.contains(&address), "{url}: {text}");
        // The rest of the page renders: the run's identity from the URL and every tab.
        assert!(text.contains("order/7") && text.contains("run run-1"), "{url}: {text}");
        for label in ["History", "Pending activities", "Workers", "Call stack", "Queries", "Relationships"] {
            assert!(text.contains(label), "{url}: tab {label} in {text}");
        }
        assert!(page.html.contains("class=\"tab-error\""), "{url}: the error sits in the tab");
    }
}
