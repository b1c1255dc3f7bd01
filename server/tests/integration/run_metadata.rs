//! What a run carries besides its history, on the fixture's annotated run: the user metadata in
//! the summary (details as safe Markdown), its priority, its custom search attributes with their
//! types (times in a <time> element for the chosen zone), and its memo, escaped.
use app::urls;

use crate::support::{Fixture, get, str_of};

fn annotated(tab: &str) -> String {
    let fixture = Fixture::get();
    let entry = fixture.workflow("annotated");
    urls::run_tab(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"), tab)
}

#[tokio::test]
async fn the_summary_shows_user_metadata_as_safe_markdown_and_the_priority() {
    let app = Fixture::get().app();
    let url = annotated("history");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let (html, text) = (&page.html, page.text());
    assert!(text.contains("Refund for order 1042"), "the summary: {text}");
    assert!(html.contains("<strong>Customer</strong>"), "details rendered as Markdown");
    assert!(
        html.contains(r#"<a rel="noopener noreferrer" href="https://tickets.example.com/1042">the ticket</a>"#),
        "a safe link"
    );
    assert!(!html.contains("<script>alert('details')"), "raw HTML in the details is not markup");
    assert!(html.contains("&lt;script&gt;alert("), "it is shown as text");
    // (The raw details also show as text in the started event's attributes.)
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"), "a javascript: link is dropped");
    assert!(text.contains("Priority 2 · fairness key tenant-a"), "{text}");
    assert!(text.contains("State transitions"), "{text}");
    // The fixture's Python worker names its SDK in the first completed workflow task.
    let sdk = html.split("<dt>SDK</dt>").nth(1).unwrap_or_else(|| panic!("no SDK in the summary: {text}"));
    assert!(sdk.split("</dd>").next().is_some_and(|dd| dd.contains("temporal-python ")), "{sdk}");
}

#[tokio::test]
async fn the_search_attributes_tab_lists_each_with_its_type() {
    let app = Fixture::get().app();
    let url = annotated("search-attributes");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    for expected in ["CustomerId Keyword", "cust-77", "OrderTotal Double", "129.5", "DueAt Datetime"] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(page.html.contains("datetime=\"2026-12-24T18:30:00.000Z\""), "the due time is a <time>: {}", page.html);
    let custom = text.find("Custom").expect("custom section");
    let system = text.find("Set by Temporal and the SDK").expect("system section");
    assert!(custom < text.find("CustomerId").expect("listed") && text.find("CustomerId").unwrap() < system);
    assert!(page.html.contains("aria-current=\"page\""), "the tab is marked current");
}

#[tokio::test]
async fn the_memo_tab_decodes_and_escapes_the_fields() {
    let app = Fixture::get().app();
    let url = annotated("memo");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains("ticket") && text.contains("1042") && text.contains("email"), "{text}");
    assert!(!page.html.contains("<b>not bold</b>") && text.contains("<b>not bold</b>"), "escaped: {}", page.html);
    let unknown_run = uuid::Uuid::new_v4().to_string();
    let plain = get(&app, &urls::run_tab(Fixture::get().namespace(), "no-such-workflow", &unknown_run, "memo")).await;
    assert_eq!(plain.status, axum::http::StatusCode::NOT_FOUND, "{}", plain.text());
}
