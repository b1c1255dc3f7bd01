//! The counts page: runs grouped by ExecutionStatus over fixture runs, a field the dev server's
//! SQLite visibility cannot group by shown as unavailable, and a malformed query refused.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, get, str_of};

#[tokio::test]
async fn counts_by_status_link_each_value_to_the_narrowed_list() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let app = fixture.app();
    let (completed, failed) = (fixture.workflow("completed"), fixture.workflow("failed"));
    let query = format!(
        "WorkflowId = '{}' OR WorkflowId = '{}'",
        str_of(completed, "workflow_id"),
        str_of(failed, "workflow_id")
    );
    let url = urls::workflow_counts(ns, "ExecutionStatus", &query);
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains("2 runs match"), "{text}");
    for status in ["Completed", "Failed"] {
        let narrowed = format!("({query}) AND ExecutionStatus = '{status}'");
        let link = urls::workflows_query(ns, &narrowed, None).replace('&', "&amp;");
        assert!(page.html.contains(&link), "a link to {narrowed}: {}", page.html);
    }
    assert!(text.contains("50.0%") && text.contains("Total"), "{text}");
    // The field defaults to ExecutionStatus, and the list links here with its query.
    let default = get(&app, &urls::workflow_counts(ns, "", &query)).await;
    assert!(default.text().contains("2 runs match") && default.text().contains("By ExecutionStatus"));
    let list = get(&app, &urls::workflows_query(ns, &query, None)).await;
    let counts_link = urls::workflow_counts(ns, "", &query).replace('&', "&amp;");
    assert!(list.html.contains(&counts_link), "the list links its counts: {}", list.html);
}

#[tokio::test]
async fn a_field_the_store_cannot_group_by_is_a_note_and_a_bad_query_a_400() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let app = fixture.app();
    let url = urls::workflow_counts(ns, "WorkflowType", "ExecutionStatus = 'Completed'");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains("This server's visibility store cannot group by WorkflowType (it answered:"), "{text}");
    assert!(page.html.contains(r#"<option value="CustomerId""#), "keyword attributes offered: {}", page.html);
    let bad = get(&app, &urls::workflow_counts(ns, "ExecutionStatus", "WorkflowType = ")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text());
    assert!(bad.text().contains("Temporal cannot run this query"), "{}", bad.text());
    let field = get(&app, &urls::workflow_counts(ns, "WorkflowType; x", "")).await;
    assert_eq!(field.status, StatusCode::BAD_REQUEST, "{}", field.text());
}
