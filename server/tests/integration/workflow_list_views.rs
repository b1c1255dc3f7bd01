//! The workflow list's views and column chooser: the "workflow task failures" view finds the
//! fixture's drifted run by Temporal's own `TemporalReportedProblems` mark, and columns chosen in
//! the URL (links' `cols`, the chooser form's `col` boxes) show search attributes of the runs.
use app::urls;
use model::TASK_FAILURES_QUERY;

use crate::support::{Fixture, get, str_of};

fn prefix_query(fixture: &Fixture) -> String {
    format!("WorkflowId STARTS_WITH '{}'", fixture.prefix())
}

#[tokio::test]
async fn the_task_failures_view_lists_the_non_deterministic_run_with_its_cause() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let entry = fixture.workflow("nondeterministic");
    let href = urls::run_history(ns, str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let url = urls::workflows_query(ns, TASK_FAILURES_QUERY, None);
    // Visibility follows the failure by a moment.
    let mut page = get(&fixture.app(), &url).await;
    for _ in 0..40 {
        if page.html.contains(&href) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        page = get(&fixture.app(), &url).await;
    }
    page.assert_ok(&url);
    let row =
        page.html.split("<tr").find(|row| row.contains(&href)).unwrap_or_else(|| panic!("no row: {}", page.text()));
    assert!(row.contains("category=WorkflowTaskFailed"), "{row}");
    assert!(row.contains("NonDeterministicError"), "the cause is in its column: {row}");
    assert!(page.text().contains("Reported problems"), "{}", page.text());
    let views = page.html.split("class=\"list-views\"").nth(1).and_then(|rest| rest.split("</nav>").next());
    let current = views.and_then(|views| views.split("aria-current=\"page\"").nth(1));
    assert!(current.is_some_and(|link| link.starts_with(" class=\"current\">Workflow task failures")), "{views:?}");
    let healthy = fixture.workflow("signal_waiter");
    assert!(!page.html.contains(str_of(healthy, "run_id")), "a healthy run is not listed");
}

#[tokio::test]
async fn chosen_columns_show_search_attributes_and_stay_in_the_links() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let entry = fixture.workflow("annotated");
    let columns = "status,workflow-id,task-queue,history-length,sa.CustomerId,sa.OrderTotal";
    let url = urls::workflows_page(ns, &prefix_query(fixture), None, Some(10), Some(columns));
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let headings: Vec<&str> =
        page.html.split("<th scope=\"col\">").skip(1).filter_map(|h| h.split('<').next()).collect();
    assert_eq!(headings, ["Status", "Workflow ID", "Task queue", "History length", "CustomerId", "OrderTotal"]);
    let row = page
        .html
        .split("<tr")
        .find(|row| row.contains(str_of(entry, "workflow_id")))
        .unwrap_or_else(|| panic!("no annotated row: {}", page.text()));
    assert!(row.contains("cust-77") && row.contains("129.5"), "{row}");
    let queue = urls::task_queue(ns, str_of(entry, "task_queue"));
    assert!(row.contains(&format!("href=\"{queue}\"")), "the task queue links its page: {row}");
    // The next page and the status counts keep the columns.
    assert!(page.html.contains("cols=status%2Cworkflow-id%2Ctask-queue"), "links keep cols");

    // The chooser form sends one `col` per box and the attribute names comma-separated.
    let form = format!(
        "{}?query={}&col=status&col=workflow-id&col=CustomerId%2C+DueAt",
        urls::workflows(ns),
        urls::encode(&prefix_query(fixture))
    );
    let page = get(&fixture.app(), &form).await;
    page.assert_ok(&form);
    assert!(page.text().contains("CustomerId") && page.text().contains("DueAt"), "{}", page.text());
    assert!(page.html.contains("2026-12-24T18:30:00"), "the Datetime attribute's value: {}", page.text());
    assert!(!page.html.contains("<th scope=\"col\">Run ID<"), "unchosen columns are gone");
}

#[tokio::test]
async fn hostile_column_names_fall_back_to_the_defaults() {
    let fixture = Fixture::get();
    let url = format!("{}?cols=%3Cscript%3Ealert(1)%3C%2Fscript%3E", urls::workflows(fixture.namespace()));
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    assert!(!page.html.contains("<script>alert(1)"), "never echoed raw");
    assert!(
        page.html.contains("<th scope=\"col\">Run ID<") && page.html.contains("<th scope=\"col\">Duration<"),
        "default columns"
    );
}
