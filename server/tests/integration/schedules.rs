//! The schedules pages against the fixture's schedules (`end2end/fixtures/schedules.py`): the list
//! with each schedule's state and spec in words, one schedule's policies, action, recent runs
//! (linked) and upcoming times, a paused one's note, an unknown ID, and hostile text escaped.
use app::urls;
use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{Fixture, Page, get, str_of};

fn schedule(name: &str) -> &'static Value {
    let entry = &Fixture::get().manifest["schedules"][name];
    assert!(entry.is_object(), "the manifest has no schedule {name:?}");
    entry
}

/// The list's row of one schedule, as HTML.
fn row_html<'a>(page: &'a Page, schedule_id: &str) -> &'a str {
    let html = &page.html;
    let at = html.find(&format!(">{schedule_id}</a>")).unwrap_or_else(|| panic!("no row for {schedule_id}"));
    let start = html[..at].rfind("<tr").expect("the row's start");
    let end = at + html[at..].find("</tr>").expect("the row's end");
    &html[start..end]
}

/// The list's row of one schedule, as visible text.
fn row_text(page: &Page, schedule_id: &str) -> String {
    crate::support::visible_text(row_html(page, schedule_id))
}

async fn schedule_page(name: &str) -> (String, Page) {
    let fixture = Fixture::get();
    let url = urls::schedule(fixture.namespace(), str_of(schedule(name), "schedule_id"));
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    (url, page)
}

/// How a link to one of a schedule's runs starts: its workflow IDs are the action's workflow ID
/// and the scheduled time. (Temporal keeps the newest 10 actions: the run triggered at creation
/// may be gone from them by the time a test looks.)
fn runs_link(name: &str) -> String {
    format!("href=\"{}-", urls::workflow(Fixture::get().namespace(), str_of(schedule(name), "workflow_id")))
}

#[tokio::test]
async fn the_list_shows_each_schedule_with_its_state_and_spec_in_words() {
    let fixture = Fixture::get();
    let url = urls::schedules(fixture.namespace());
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    for name in ["greeting", "paused", "failing", "overlap"] {
        let id = str_of(schedule(name), "schedule_id");
        let href = format!("href=\"{}\"", urls::schedule(fixture.namespace(), id));
        assert!(page.html.contains(&href), "{name} links its page: {href}");
    }
    let greeting = row_text(&page, str_of(schedule("greeting"), "schedule_id"));
    assert!(greeting.contains("Active"), "{greeting}");
    assert!(greeting.contains("every minute; at 09:00 on Monday–Friday (Europe/Berlin)"), "{greeting}");
    assert!(greeting.contains("GreetingWorkflow"), "{greeting}");
    let greeting_html = row_html(&page, str_of(schedule("greeting"), "schedule_id"));
    assert!(greeting_html.contains(&runs_link("greeting")), "the last run is linked: {greeting_html}");
    let paused = row_text(&page, str_of(schedule("paused"), "schedule_id"));
    let note = str_of(schedule("paused"), "note");
    assert!(paused.contains(&format!("Paused — {note}")), "{paused}");
    assert!(paused.contains("every 5 minutes, offset by 30 seconds") && paused.contains("none yet"), "{paused}");
    let overlap = row_text(&page, str_of(schedule("overlap"), "schedule_id"));
    assert!(overlap.contains("every 30 seconds") && overlap.contains("ReminderWorkflow"), "{overlap}");
    assert!(overlap.contains("Running"), "its one run runs for an hour: {overlap}");
    // The last run links its history, with its status (the list's own copy of it lags: a run
    // that failed at once is still "Running" there).
    let failing = row_text(&page, str_of(schedule("failing"), "schedule_id"));
    assert!(failing.contains("every 5 minutes") && failing.contains("PaymentWorkflow"), "{failing}");
    assert!(failing.contains("Failed"), "{failing}");
    let failing_html = row_html(&page, str_of(schedule("failing"), "schedule_id"));
    assert!(failing_html.contains(&runs_link("failing")), "the last run is linked: {failing_html}");
    assert!(!str_of(schedule("failing"), "workflow_id").starts_with(fixture.prefix()), "not under the prefix");
}

#[tokio::test]
async fn a_namespace_without_schedules_says_so_and_an_unknown_one_is_404() {
    let app = Fixture::get().app();
    let page = get(&app, &urls::schedules("no-such-namespace")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
    assert!(page.text().contains("no-such-namespace"), "{}", page.text());
    let damaged = format!("{}?next=%%%", urls::schedules(Fixture::get().namespace()));
    let page = get(&app, &damaged).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text());
}

#[tokio::test]
async fn a_schedule_shows_its_spec_policies_action_and_runs() {
    let fixture = Fixture::get();
    let (_, page) = schedule_page("greeting").await;
    let text = page.text();
    for expected in [
        "State Active",
        "every minute",
        "at 09:00 on Monday–Friday (Europe/Berlin)",
        "second=0 minute=0 hour=9",
        "day_of_week=1-5",
        "Time zone Europe/Berlin",
        "Jitter up to 5 seconds later, at random",
        "Overlap Skip",
        "Pause on failure no",
        "Workflow type GreetingWorkflow",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let task_queue = fixture.manifest["task_queue"].as_str().expect("task queue");
    let queue_link = format!("href=\"{}\"", urls::task_queue(fixture.namespace(), task_queue));
    assert!(page.html.contains(&queue_link), "the task queue links its page: {queue_link}");
    assert!(text.contains(str_of(schedule("greeting"), "workflow_id")), "the action's workflow ID: {text}");
    // The runs it started, linked, with their status.
    let recent = &page.html[page.html.find("table class=\"data-table schedule-recent\"").expect("recent runs")..];
    let recent = &recent[..recent.find("</table>").expect("the table's end")];
    assert!(recent.contains(&runs_link("greeting")), "the recent runs link their history: {recent}");
    assert!(recent.contains("/history\""), "to the history tab: {recent}");
    assert!(recent.contains("status-completed"), "the run's status: {recent}");
    // Upcoming times, as <time> elements; an end time from the spec.
    let upcoming = &page.html[page.html.find("class=\"schedule-upcoming\"").expect("upcoming times")..];
    let upcoming = &upcoming[..upcoming.find("</ol>").expect("list end")];
    assert!(upcoming.matches("<time datetime=").count() >= 2, "{upcoming}");
    assert!(text.contains("Runs started"), "{text}");
    assert!(page.html.contains("\"endTime\""), "the spec's JSON");
}

#[tokio::test]
async fn a_failing_schedule_shows_the_failed_run_and_an_overlapping_one_its_skips() {
    let (_, page) = schedule_page("failing").await;
    let recent = &page.html[page.html.find("table class=\"data-table schedule-recent\"").expect("recent runs")..];
    assert!(recent.contains(&runs_link("failing")) && recent.contains("status-failed"), "a failed run, linked");
    let (_, page) = schedule_page("overlap").await;
    let text = page.text();
    assert!(text.contains("Overlap Skip — skip: no run starts while the previous one is still running"), "{text}");
    let skipped = page.html.split("schedule-overlap-skipped\">").nth(1).expect("the skipped count");
    let skipped: i64 = skipped[..skipped.find('<').expect("end")].parse().expect("a number");
    assert!(skipped >= schedule("overlap")["overlap_skipped"].as_i64().expect("count") && skipped >= 1, "{skipped}");
    let running = &page.html[page.html.find("class=\"schedule-running\"").expect("a running run")..];
    assert!(running.contains(str_of(schedule("overlap"), "workflow_id")), "the running run is listed");
}

#[tokio::test]
async fn a_paused_schedule_shows_its_note() {
    let (_, page) = schedule_page("paused").await;
    let text = page.text();
    let note = str_of(schedule("paused"), "note");
    assert!(text.contains("State Paused") && text.contains(&format!("Note {note}")), "{text}");
    assert!(text.contains("Paused: none of these runs while the schedule stays paused"), "{text}");
    assert!(text.contains("This schedule has not started a run yet."), "{text}");
}

#[tokio::test]
async fn an_unknown_schedule_is_404_with_a_sentence() {
    let fixture = Fixture::get();
    let page = get(&fixture.app(), &urls::schedule(fixture.namespace(), "no-such-schedule-anywhere")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
    let text = page.text();
    assert!(text.contains("schedule \"no-such-schedule-anywhere\" was not found"), "{text}");
}

#[tokio::test]
async fn hostile_text_in_the_input_and_memo_is_escaped() {
    let (_, page) = schedule_page("greeting").await;
    let hostile = Fixture::get().manifest["schedules"]["hostile"].as_str().expect("the hostile text");
    assert!(hostile.contains("<script>"), "the fixture's text is hostile");
    assert!(!page.html.contains("<script>window.__scheduleXss"), "no script from the schedule");
    assert!(!page.html.contains("<img src=x"), "no image from the schedule");
    let text = page.text();
    let memo = &text[text.find("Memo").expect("memo section")..];
    assert!(memo.contains("hostile") && memo.contains("window.__scheduleXss = 1"), "shown as text: {memo}");
    let input = &text[text.find("Input").expect("input")..];
    assert!(input.contains("</script><script>window.__scheduleXss"), "the input as text: {input}");
}
