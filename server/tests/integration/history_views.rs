//! The history page's views (full, compact, JSON), filters, search, order and event permalinks.
use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, Page, get, str_of};

async fn history(name: &str, suffix: &str) -> Page {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let url = format!(
        "{}{suffix}",
        urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"))
    );
    get(&fixture.app(), &url).await
}

fn history_length(name: &str) -> i64 {
    Fixture::get().workflow(name)["history_length"].as_i64().expect("history_length")
}

/// The event IDs of the rows of the history table, in order.
fn row_ids(html: &str) -> Vec<i64> {
    let table = html.split("aria-labelledby=\"history-heading\"").nth(1).unwrap_or_else(|| {
        panic!("no history section in: {}", crate::support::excerpt(&crate::support::visible_text(html)))
    });
    table
        .split("<tr id=\"event-")
        .skip(1)
        .filter_map(|row| row.split('"').next().and_then(|id| id.parse().ok()))
        .collect()
}

#[tokio::test]
async fn an_event_permalink_shows_that_event_first_and_highlights_its_row() {
    let page = history("completed", "/events/5").await;
    page.assert_ok("permalink");
    let linked = page.html.split("aria-label=\"Linked event\"").nth(1).expect("linked event panel");
    let linked = crate::support::visible_text(linked.split("</section>").next().unwrap_or_default());
    assert!(linked.contains("Event 5 ActivityTaskScheduled ID"), "{linked}");
    assert!(linked.contains("All attributes") && linked.contains("startToCloseTimeout"), "expanded: {linked}");
    assert!(
        page.html.contains("<tr id=\"event-5\" aria-current=\"true\" class=\"event cat-activity event-selected\">")
    );
    assert_eq!(row_ids(&page.html).len() as i64, history_length("completed"), "the whole history is below");
}

#[tokio::test]
async fn a_permalink_to_a_missing_event_is_404_with_the_history() {
    for event in ["9999", "not-a-number"] {
        let page = history("completed", &format!("/events/{event}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{event}: {}", page.text());
        assert!(page.text().contains(&format!("Event {event} is not in this history")), "{}", page.text());
        assert!(!row_ids(&page.html).is_empty(), "the history still renders");
    }
}

#[tokio::test]
async fn every_row_has_a_permalink() {
    let page = history("completed", "").await;
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    for id in 1..=history_length("completed") {
        let href = urls::event(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"), id);
        assert!(page.html.contains(&format!("href=\"{href}\"")), "permalink of event {id}");
    }
}

#[tokio::test]
async fn category_filters_search_and_order_are_read_from_the_url() {
    let total = history_length("completed");
    let page = history("completed", "?category=activity").await;
    page.assert_ok("category");
    let text = page.text();
    assert!(text.contains(&format!("(3 of {total} events)")), "scheduled, started, completed: {text}");
    assert_eq!(row_ids(&page.html), [5, 6, 7]);

    let input = Fixture::get().workflow("completed")["input"][0].as_str().expect("input").to_uppercase();
    let page = history("completed", &format!("?search={}", urls::encode(&input))).await;
    let ids = row_ids(&page.html);
    assert!(ids.contains(&1) && (ids.len() as i64) < total, "the payload is searched case-insensitively: {ids:?}");

    let page = history("completed", "?order=desc").await;
    assert_eq!(row_ids(&page.html).first(), Some(&total), "newest first");
}

#[tokio::test]
async fn the_compact_view_has_a_row_per_child_workflow() {
    let fixture = Fixture::get();
    let parent = fixture.workflow("parent");
    let page = history("parent", "?view=compact").await;
    page.assert_ok("compact");
    let table = page.html.split("class=\"data-table compact-table\"").nth(1).expect("compact table");
    let text = crate::support::visible_text(table);
    for child in parent["children"].as_array().expect("children") {
        let child_id = str_of(child, "workflow_id");
        let row = text
            .split("Child workflow ")
            .find(|row| row.starts_with(child_id))
            .unwrap_or_else(|| panic!("{child_id}: {text}"));
        assert!(row.contains("Completed"), "{child_id} completed: {row}");
    }
    assert!(!text.contains("WorkflowTask"), "workflow tasks are left out");
}

#[tokio::test]
async fn the_json_view_shows_the_proto3_json_of_the_pages_events() {
    let page = history("completed", "?view=json").await;
    page.assert_ok("json");
    let json = page
        .html
        .split("<pre class=\"history-json\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .expect("json");
    let text = crate::support::visible_text(json);
    let value: serde_json::Value = serde_json::from_str(&text).expect("the view is valid JSON");
    assert_eq!(value["events"].as_array().map(Vec::len) as Option<usize>, Some(history_length("completed") as usize));
    assert_eq!(value["events"][0]["eventType"], "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");

    // A long history's JSON view holds the events of one page, like the table.
    let page = history("large", "?view=json&size=100&page=2").await;
    let json = page.html.split("<pre class=\"history-json\">").nth(1).and_then(|rest| rest.split("</pre>").next());
    let value: serde_json::Value =
        serde_json::from_str(&crate::support::visible_text(json.expect("json"))).expect("valid JSON");
    let ids: Vec<&str> =
        value["events"].as_array().expect("events").iter().filter_map(|e| e["eventId"].as_str()).collect();
    assert_eq!((ids.len(), ids.first(), ids.last()), (100, Some(&"101"), Some(&"200")));
}

#[tokio::test]
async fn newest_first_reads_the_history_from_its_end() {
    let total = history_length("large");
    let page = history("large", "?order=desc&size=1000&page=2").await;
    page.assert_ok("newest first, page 2");
    assert_eq!(row_ids(&page.html), (total - 1999..=total - 1000).rev().collect::<Vec<_>>());
    assert!(page.text().contains(&format!("({total} events)")), "{}", page.text());

    // Durations do not depend on the order the history was read in.
    let newest_first = history("large", "?time=delta&order=desc&size=100&page=31").await;
    let ids = row_ids(&newest_first.html);
    assert_eq!(ids.len(), 100);
    let row = |page: &Page, id: i64| {
        let row = page.html.split(&format!("<tr id=\"event-{id}\"")).nth(1).expect("row");
        crate::support::visible_text(row.split("</tr>").next().unwrap_or_default())
    };
    for id in [ids[0], ids[50], ids[99]] {
        let oldest_first = history("large", &format!("?time=delta&size=100&page={}", (id - 1) / 100 + 1)).await;
        assert!(row(&oldest_first, id).contains('+'), "a duration: {}", row(&oldest_first, id));
        assert_eq!(row(&oldest_first, id), row(&newest_first, id), "event {id}");
    }

    // A running run reads its newest event first too.
    for name in ["retrying", "signal_waiter"] {
        let oldest_first = row_ids(&history(name, "").await.html);
        let mut newest_first = row_ids(&history(name, "?order=desc").await.html);
        newest_first.reverse();
        assert_eq!(newest_first, oldest_first, "{name}");
    }
}

#[tokio::test]
async fn the_time_column_can_read_durations() {
    let page = history("completed", "?time=elapsed").await;
    page.assert_ok("elapsed");
    let text = page.text();
    assert!(text.contains("ID Since start Type Attributes"), "{text}");
    let first = page.html.split("<tr id=\"event-1\"").nth(1).expect("event 1");
    assert!(crate::support::visible_text(first.split("</tr>").next().unwrap_or_default()).contains("+0ms"));
    let page = history("completed", "?time=delta&category=activity").await;
    assert!(page.text().contains("ID Since previous event Type"), "{}", page.text());
}

#[tokio::test]
async fn a_long_history_is_served_a_page_at_a_time() {
    let total = history_length("large");
    assert!(total > 2000, "the large fixture spans several pages of 1000");
    let page = history("large", "?size=1000&page=2").await;
    page.assert_ok("page 2");
    assert_eq!(row_ids(&page.html), (1001..=2000).collect::<Vec<_>>());
    let pages = (total + 999) / 1000;
    assert!(page.text().contains(&format!("Events 1001–2000 of {total} · page 2 of {pages}")), "{}", page.text());
    assert!(
        page.html.contains("?size=1000&amp;page=3\" rel=\"next\"")
            || page.html.contains("?size=1000&page=3\" rel=\"next\"")
    );

    // A permalink opens the page that holds its event.
    let page = history("large", "/events/2500?size=1000").await;
    page.assert_ok("permalink page");
    let ids = row_ids(&page.html);
    assert_eq!((ids.first(), ids.last()), (Some(&2001), Some(&3000.min(total))));
    assert!(page.html.contains("<tr id=\"event-2500\" aria-current=\"true\""));
}
