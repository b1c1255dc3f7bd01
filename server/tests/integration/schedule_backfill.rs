//! A schedule's matching times and its backfill, against an hourly schedule of the test's own (the
//! fixture's stay untouched): no listing without a range (no call), the times of a picked range, a range that cannot
//! be read; a backfill of the last three hours starts their three runs, audited; a backfill
//! without the typed schedule ID, with a backwards range, on a read-only server or with a forged
//! token is refused.
use app::urls;
use axum::http::StatusCode;
use chrono::{Duration, DurationRound, Utc};

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, writable_app},
    schedule_actions::{create_schedule, delete_schedule, page_with},
    support::{Fixture, get},
};

/// The items of the page's matching-times list.
fn matching_items(html: &str) -> usize {
    let Some(at) = html.find("class=\"schedule-matching-times\"") else { return 0 };
    let list = &html[at..];
    list[..list.find("</ol>").unwrap_or(list.len())].matches("<li>").count()
}

#[tokio::test]
async fn matching_times_are_listed_for_a_picked_range_only() {
    let schedule_id = create_schedule("times").await;
    let app = Fixture::get().app();
    let url = urls::schedule(Fixture::get().namespace(), &schedule_id);
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    // The next times come from DescribeSchedule ("Upcoming"); only a picked range is listed.
    assert!(page.text().contains("Pick a range to list the times"), "{}", page.text());
    assert_eq!(matching_items(&page.html), 0, "{}", page.text());

    // Hourly: the times on the hour from 00:00 to 05:00.
    let picked = get(&app, &format!("{url}?from=2026-12-01T00:00&to=2026-12-01T05:00")).await;
    picked.assert_ok(&url);
    let text = picked.text();
    assert!(text.contains("Matching times from 2026-12-01T00:00 to 2026-12-01T05:00 (UTC)"), "{text}");
    assert!(text.contains("2026-12-01 01:00") && text.contains("2026-12-01 05:00"), "{text}");
    let count = matching_items(&picked.html);
    assert!((5..=6).contains(&count), "5 or 6 hours, as Temporal reads the ends: {count} in {text}");

    let backwards = get(&app, &format!("{url}?from=2026-12-02T00:00&to=2026-12-01T00:00")).await;
    assert_eq!(backwards.status, StatusCode::OK, "the schedule still shows");
    assert!(backwards.text().contains("The range must end after it starts"), "{}", backwards.text());
    let unreadable = get(&app, &format!("{url}?from=soon&to=2026-12-01T00:00")).await;
    assert!(unreadable.text().contains("\"soon\" is not a time like"), "{}", unreadable.text());
    delete_schedule(&schedule_id).await;
}

#[tokio::test]
async fn a_backfill_of_three_hours_starts_their_three_runs() {
    let schedule_id = create_schedule("backfill").await;
    let url = urls::schedule(Fixture::get().namespace(), &schedule_id);
    let backfill = format!("{url}/backfill");
    let app = writable_app(&[]);
    let (form, cookie) = open_form(&app, &url).await;
    assert!(form.html.contains(&format!("action=\"{backfill}\"")), "a backfill form: {}", form.text());
    let csrf = csrf_in(&form.html);
    // Hourly at :00; the range leaves out its start and keeps its end: three hours in it.
    let now = Utc::now().duration_trunc(Duration::minutes(1)).expect("a minute");
    let (from, to) =
        ((now - Duration::hours(3)).format("%Y-%m-%dT%H:%M").to_string(), now.format("%Y-%m-%dT%H:%M").to_string());
    let fields = |confirm: &'static str, from: &str, to: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("from", from.to_string()),
            ("to", to.to_string()),
            ("overlap", "allow_all".to_string()),
            ("confirm", confirm.to_string()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let (app, backfill, cookie) = (app.clone(), backfill.clone(), cookie.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
            post_form(&app, &backfill, &cookie, same_origin(), &fields).await
        }
    };
    let confirm: &'static str = Box::leak(schedule_id.clone().into_boxed_str());

    let unconfirmed = post(fields("not the id", &from, &to)).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    assert!(unconfirmed.text().contains("type the schedule ID"), "{}", unconfirmed.text());
    let backwards = post(fields(confirm, &to, &from)).await;
    assert_eq!(backwards.status, StatusCode::BAD_REQUEST);
    assert!(backwards.text().contains("must end after it starts"), "{}", backwards.text());

    let done = post(fields(confirm, &from, &to)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert_eq!(done.location.as_deref(), Some(format!("{url}?done=backfill").as_str()));
    let hour = now.duration_trunc(Duration::hours(1)).expect("an hour");
    for back in 0..3 {
        let run = format!("{schedule_id}-wf-{}", (hour - Duration::hours(back)).format("%Y-%m-%dT%H:%M:%SZ"));
        page_with(&app, &url, &run).await;
    }
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    let lines: Vec<&str> = audit.lines().filter(|line| line.contains(&schedule_id)).collect();
    assert!(lines.iter().any(|line| line.contains("schedule-backfill") && line.contains("\"ok\"")), "{lines:?}");
    assert_eq!(lines.len(), 3, "two refusals and the backfill: {lines:?}");
    delete_schedule(&schedule_id).await;
}

#[tokio::test]
async fn a_backfill_is_refused_when_writes_are_off_or_the_token_is_forged() {
    let schedule_id = create_schedule("backfill-refused").await;
    let url = urls::schedule(Fixture::get().namespace(), &schedule_id);
    let backfill = format!("{url}/backfill");
    let read_only = Fixture::get().app();
    let (page, cookie) = open_form(&read_only, &url).await;
    assert!(!page.html.contains("/backfill\""), "no backfill form on a read-only server");
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let fields = [
        ("from", "2026-12-01T00:00"),
        ("to", "2026-12-01T03:00"),
        ("confirm", schedule_id.as_str()),
        ("csrf", "forged"),
    ];
    let mut with_token = fields.to_vec();
    with_token[3] = ("csrf", token.as_str());
    let refused = post_form(&read_only, &backfill, &cookie, same_origin(), &with_token).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());

    let app = writable_app(&[]);
    let (_, cookie) = open_form(&app, &url).await;
    let forged = post_form(&app, &backfill, &cookie, same_origin(), &fields).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text());
    assert!(forged.text().contains("CSRF token"), "{}", forged.text());
    let text = get(&read_only, &url).await.text();
    assert!(text.contains("This schedule has not started a run yet."), "nothing was started: {text}");
    delete_schedule(&schedule_id).await;
}
