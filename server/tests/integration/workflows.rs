//! The workflow list, its query box, pagination, status counts and redirects.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, get, str_of};

/// Every fixture whose latest run is listed under the fixture's prefix.
const FIXTURES: &[&str] = &[
    "completed",
    "encoded_completed",
    "encoded_running",
    "rerun",
    "failed",
    "retrying",
    "heartbeat_timeout",
    "signal_waiter",
    "sleeping",
    "unpolled",
    "continue_as_new",
    "parent",
    "terminated",
    "canceled",
    "timed_out",
    "large",
    "odd_id",
    "binary_payloads",
    "nondeterministic",
    "annotated",
];

fn prefix_query(fixture: &Fixture) -> String {
    format!("WorkflowId STARTS_WITH '{}'", fixture.prefix())
}

/// The `<tr>` of the list that links to `href`.
fn row_with<'a>(html: &'a str, href: &str) -> Option<&'a str> {
    html.split("<tr").find(|row| row.contains(&format!("href=\"{href}\"")))
}

#[tokio::test]
async fn list_shows_every_fixture_run_with_its_status() {
    let fixture = Fixture::get();
    let url = urls::workflows_query(fixture.namespace(), &prefix_query(fixture), None);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    for name in FIXTURES {
        let entry = fixture.workflow(name);
        let href = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
        let row = row_with(&page.html, &href).unwrap_or_else(|| panic!("{name}: no row links to {href}"));
        let status = str_of(entry, "status").to_ascii_lowercase();
        assert!(row.contains(&format!("status-{status}")), "{name}: row is not {status}: {row}");
        assert!(row.contains(str_of(entry, "workflow_type")), "{name}: row lacks its type");
    }
    assert!(page.text().contains("Workflows in default") || page.text().contains("Workflows in"));
}

#[tokio::test]
async fn status_counts_match_the_fixture() {
    let fixture = Fixture::get();
    let url = urls::workflows_query(fixture.namespace(), &prefix_query(fixture), None);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let expected_count =
        |status: &str| FIXTURES.iter().filter(|name| str_of(fixture.workflow(name), "status") == status).count();
    for status in ["Running", "Failed", "Terminated", "Canceled", "TimedOut"] {
        let marker = format!("data-status=\"{status}\" class=\"count\">{}<", expected_count(status));
        let alternative = format!("class=\"count\" data-status=\"{status}\">{}<", expected_count(status));
        assert!(
            page.html.contains(&marker) || page.html.contains(&alternative),
            "count of {status} should be {}",
            expected_count(status)
        );
    }
}

#[tokio::test]
async fn query_box_filters_by_workflow_type() {
    let fixture = Fixture::get();
    let query = format!("{} AND WorkflowType = 'PaymentWorkflow'", prefix_query(fixture));
    let url = urls::workflows_query(fixture.namespace(), &query, None);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains(str_of(fixture.workflow("failed"), "workflow_id")));
    assert!(!text.contains("GreetingWorkflow"), "other types are filtered out");
    assert!(page.html.contains("value=\"WorkflowId STARTS_WITH"), "the query box shows the query");
}

#[tokio::test]
async fn pages_follow_the_next_page_token_until_the_end() {
    let fixture = Fixture::get();
    let app = fixture.app();
    let mut url = format!("{}&size=10", urls::workflows_query(fixture.namespace(), &prefix_query(fixture), None));
    let mut seen = std::collections::HashSet::new();
    let mut pages = 0;
    loop {
        let page = get(&app, &url).await;
        page.assert_ok(&url);
        pages += 1;
        let rows = page.html.matches("<tr><td><span class=\"status-badge").count();
        assert!(rows <= 10, "page {pages} has {rows} rows");
        for row in page.html.split("<tr").skip(2) {
            if let Some(start) = row.find("/history\"") {
                seen.insert(row[..start].rsplit('"').next().unwrap_or_default().to_string());
            }
        }
        let Some(next) = page.html.split("href=\"").find_map(|part| {
            let link = &part[..part.find('"')?];
            (part[link.len()..].starts_with("\" rel=\"next\"")).then(|| link.replace("&amp;", "&"))
        }) else {
            break;
        };
        assert!(next.contains("next="), "{next}");
        url = next;
        assert!(pages < 10, "pagination does not end");
    }
    assert!(pages >= 3, "22+ runs at 10 a page span 3 pages, got {pages}");
    for name in FIXTURES {
        let entry = fixture.workflow(name);
        let run = str_of(entry, "run_id");
        assert!(seen.iter().any(|href| href.ends_with(run)), "{name} ({run}) is on no page");
    }
}

#[tokio::test]
async fn invalid_query_is_a_400_with_temporals_message() {
    let fixture = Fixture::get();
    let url = urls::workflows_query(fixture.namespace(), "WorkflowType = ", None);
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text());
    let text = page.text();
    assert!(text.contains("400 · Bad request"), "{text}");
    assert!(text.to_lowercase().contains("invalid query") || text.contains("syntax"), "{text}");
}

#[tokio::test]
async fn damaged_page_token_is_a_400() {
    let fixture = Fixture::get();
    let url = format!("{}?next=%21%21not-base64", urls::workflows(fixture.namespace()));
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("page token"));
}

#[tokio::test]
async fn root_redirects_to_the_default_namespace() {
    let page = get(&Fixture::get().app(), "/").await;
    assert_eq!(page.status, StatusCode::FOUND);
    assert_eq!(page.location.as_deref(), Some("/namespaces/default/workflows"));
}

#[tokio::test]
async fn workflow_id_redirects_to_its_latest_run() {
    let fixture = Fixture::get();
    for name in ["rerun", "continue_as_new", "odd_id"] {
        let entry = fixture.workflow(name);
        let workflow_id = str_of(entry, "workflow_id");
        let runs = entry["run_ids"].as_array().expect("run_ids");
        let latest = runs.last().and_then(|run| run.as_str()).expect("latest run");
        assert_eq!(latest, str_of(entry, "run_id"));
        let page = get(&fixture.app(), &urls::workflow(fixture.namespace(), workflow_id)).await;
        assert_eq!(page.status, StatusCode::FOUND, "{name}");
        assert_eq!(page.location, Some(urls::run_history(fixture.namespace(), workflow_id, latest)), "{name}");
    }
}

#[tokio::test]
async fn namespaces_page_and_switcher_list_the_namespace() {
    let fixture = Fixture::get();
    let page = get(&fixture.app(), "/namespaces").await;
    page.assert_ok("/namespaces");
    assert!(page.html.contains(&format!("href=\"{}\"", urls::workflows(fixture.namespace()))));
    assert!(page.text().contains("Registered"));
}

#[tokio::test]
async fn health_answers_without_temporal() {
    let app = crate::support::app_for(&format!("127.0.0.1:{}", crate::support::closed_port()));
    let page = get(&app, "/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn runs_page_lists_every_run_of_a_workflow_id_newest_first() {
    let fixture = Fixture::get();
    for (name, expected) in [("rerun", 2), ("continue_as_new", 4)] {
        let entry = fixture.workflow(name);
        let workflow_id = str_of(entry, "workflow_id");
        let url = urls::runs(fixture.namespace(), workflow_id);
        let page = get(&fixture.app(), &url).await;
        page.assert_ok(&url);
        let runs: Vec<&str> = entry["run_ids"].as_array().expect("run_ids").iter().filter_map(|r| r.as_str()).collect();
        assert_eq!(runs.len(), expected);
        let positions: Vec<usize> = runs
            .iter()
            .map(|run| {
                let href = format!("href=\"{}\"", urls::run_history(fixture.namespace(), workflow_id, run));
                page.html.find(&href).unwrap_or_else(|| panic!("{name}: run {run} is not listed"))
            })
            .collect();
        assert!(positions.windows(2).all(|pair| pair[0] > pair[1]), "{name}: newest first");
        assert!(page.text().contains(&format!("{expected} runs, newest first")), "{}", page.text());
    }
}

#[tokio::test]
async fn run_pages_link_to_all_runs_of_their_workflow_id() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("rerun");
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let page = get(&fixture.app(), &url).await;
    let runs = urls::runs(fixture.namespace(), str_of(entry, "workflow_id"));
    let run_id = str_of(entry, "run_id");
    assert!(page.html.contains(&format!("href=\"{runs}?run={run_id}\"")), "links to {runs} marking {run_id}");
}
