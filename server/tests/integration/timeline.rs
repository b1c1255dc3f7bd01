//! The timeline tab against the fixtures: lanes per activity, child and timer, pending work to
//! now with the attempt and last failure, bars linking to their events, filters in the URL.
use app::urls;

use crate::support::{Fixture, get, str_of};

fn timeline(name: &str, query: &str) -> String {
    let fixture = Fixture::get();
    let entry = fixture.workflow(name);
    let url = urls::run_tab(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"), "timeline");
    if query.is_empty() { url } else { format!("{url}?{query}") }
}

#[tokio::test]
async fn a_retrying_activity_is_pending_up_to_now_with_its_attempt_and_failure() {
    let app = Fixture::get().app();
    let url = timeline("retrying", "");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let html = &page.html;
    assert!(html.contains("<svg") && html.contains("class=\"timeline-svg\""), "{html}");
    assert!(html.contains("reserve_inventory"), "the activity's lane");
    let pending = html.split("bar bar-pending").nth(1).expect("a pending bar");
    let title = pending.split("<title>").nth(1).and_then(|rest| rest.split("</title>").next()).expect("its title");
    assert!(title.contains("pending: running until now") || title.contains("pending: waiting until now"), "{title}");
    assert!(title.contains("attempt") && title.contains("last failure"), "{title}");
    assert!(page.text().contains("the run is open: pending work is drawn up to now"), "{}", page.text());
}

#[tokio::test]
async fn a_parent_shows_a_lane_per_child_and_bars_link_to_their_events() {
    let fixture = Fixture::get();
    let app = fixture.app();
    let url = timeline("parent", "");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let children = fixture.workflow("parent")["children"].as_array().expect("children").len();
    assert_eq!(page.html.matches("class=\"lane lane-child-workflow\"").count(), children, "a lane per child");
    assert!(page.html.contains("bar bar-completed"), "completed children");
    let entry = fixture.workflow("parent");
    let history = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    assert!(page.html.contains(&format!("<a href=\"{history}/events/")), "bars link to their events");
}

#[tokio::test]
async fn filters_and_zoom_are_in_the_url() {
    let app = Fixture::get().app();
    let url = timeline("parent", "kind=workflow-task");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    assert_eq!(page.html.matches("class=\"lane lane-").count(), 1, "only the workflow-task lane");
    assert!(page.text().contains("1 match the filters"), "{}", page.text());
    let checkbox = page.html.split("<input").find(|tag| tag.contains("value=\"workflow-task\"")).expect("the box");
    assert!(checkbox.split('>').next().is_some_and(|tag| tag.contains("checked")), "the box stays checked: {checkbox}");
    let zoomed = get(&app, &timeline("large", "search=no-such-lane")).await;
    zoomed.assert_ok("large");
    assert!(zoomed.text().contains("0 match the filters"), "{}", zoomed.text());
    let window = get(&app, &timeline("large", "from=1&to=2")).await;
    window.assert_ok("a window outside the run shows the whole run");
    let unknown =
        get(&app, &urls::run_tab(Fixture::get().namespace(), "nope", &uuid::Uuid::new_v4().to_string(), "timeline"))
            .await;
    assert_eq!(unknown.status, axum::http::StatusCode::NOT_FOUND, "{}", unknown.text());
}

/// The large fixture's closed history (over two pages) is read from both ends at once: every
/// event reaches the lanes once, so the count equals the history's and each timer has its lane.
#[tokio::test]
async fn a_long_closed_history_read_from_both_ends_counts_every_event_once() {
    let fixture = Fixture::get();
    let counts = fixture.workflow("large")["event_type_counts"].as_object().expect("event_type_counts").clone();
    let length: u64 = counts.values().filter_map(|count| count.as_u64()).sum();
    assert!(length > 2000, "the fixture is long enough to be read from both ends: {length}");
    let (app, url) = (fixture.app(), timeline("large", "kind=timer"));
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains(&format!("lanes drawn from {length} events")), "{text}");
    let timers = counts.get("EVENT_TYPE_TIMER_STARTED").and_then(|count| count.as_u64()).expect("timers");
    assert!(text.contains(&format!("{timers} match the filters")), "a lane per timer: {text}");
    // The lanes are kept: the same view again (no history read) draws the same.
    let again = get(&app, &url).await;
    assert_eq!(drawing(&again.html), drawing(&page.html));
    assert!(drawing(&page.html).contains("<rect class=\"bar"), "bars are drawn");
}

fn drawing(html: &str) -> &str {
    let start = html.find("<svg").unwrap_or(0);
    let end = html[start..].find("</svg>").map_or(html.len(), |end| start + end);
    &html[start..end]
}
