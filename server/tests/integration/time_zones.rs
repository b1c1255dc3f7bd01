//! The reader's time zone: the settings form sets the `tdbg_tz` cookie (same-origin POST, a known
//! zone, a local page to return to), and every page then writes its times in that zone — the
//! summary and events, the headings, the timeline's axis — with the rules in the page for the
//! browser. Unknown or hostile choices give UTC and a sentence, never an error page.
use app::urls;
use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset};

use crate::{
    actions_support::{post_form, same_origin},
    support::{Fixture, get, get_with_headers, str_of},
};

/// The first `<time datetime=…>` of the page: its machine-readable UTC value and its text.
fn first_time(html: &str) -> (String, String) {
    let at = html.find("<time datetime=\"").expect("a time on the page") + 16;
    let iso = html[at..].split('"').next().unwrap_or_default().to_string();
    let text = html[at..].split('>').nth(1).and_then(|rest| rest.split('<').next()).unwrap_or_default().to_string();
    (iso, text)
}

/// The zone cookie the response sets (others, such as the CSRF cookie, may come along), or "".
fn zone_cookie(page: &crate::support::Page) -> String {
    let values = page.headers.get_all("set-cookie");
    let mut zone = values.iter().filter_map(|value| value.to_str().ok()).filter(|v| v.starts_with("tdbg_tz="));
    zone.next().unwrap_or_default().to_string()
}

fn sets_zone(page: &crate::support::Page) -> bool {
    !zone_cookie(page).is_empty()
}

#[tokio::test]
async fn a_chosen_zone_writes_every_time_of_the_run_in_it() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let utc = get(&fixture.app(), &url).await;
    utc.assert_ok(&url);
    let (iso, utc_text) = first_time(&utc.html);
    assert!(utc_text.ends_with(" UTC"), "{utc_text}");
    assert!(utc.text().contains("Time (UTC)"));

    let kolkata = get_with_headers(&fixture.app(), &url, &[("cookie", "tdbg_tz=Asia%2FKolkata")]).await;
    kolkata.assert_ok(&url);
    let (same_iso, text) = first_time(&kolkata.html);
    assert_eq!(same_iso, iso, "the machine-readable time stays UTC");
    let expected = DateTime::parse_from_rfc3339(&iso)
        .expect("rfc 3339")
        .with_timezone(&FixedOffset::east_opt(19_800).unwrap())
        .format("%Y-%m-%d %H:%M:%S%.3f IST")
        .to_string();
    assert_eq!(text, expected);
    assert!(kolkata.text().contains("Time (Asia/Kolkata)"), "the events' heading names the zone");
    assert!(!kolkata.html.contains("tdbg-zone"), "the browser writes no times: it needs no zone rules");
    assert!(kolkata.html.contains(">Asia/Kolkata</a>"), "the header names the zone and links to settings");

    let timeline =
        urls::run_tab(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"), "timeline");
    let page = get_with_headers(&fixture.app(), &timeline, &[("cookie", "tdbg_tz=Asia/Kolkata")]).await;
    page.assert_ok(&timeline);
    assert!(page.text().contains("Times in Asia/Kolkata."), "{}", page.text());
}

#[tokio::test]
async fn the_settings_form_sets_the_zone_and_goes_back() {
    let fixture = Fixture::get();
    let back = urls::workflows(fixture.namespace());
    let page = post_form(
        &fixture.app(),
        &urls::time_zone_setting(),
        "",
        same_origin(),
        &[("tz", "Europe/Berlin"), ("back", &back)],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert_eq!(page.location.as_deref(), Some(back.as_str()));
    let cookie = zone_cookie(&page);
    assert!(cookie.starts_with("tdbg_tz=Europe/Berlin;"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Max-Age=31536000"));

    // The browser's zone button wins over the list.
    let page = post_form(
        &fixture.app(),
        &urls::time_zone_setting(),
        "",
        same_origin(),
        &[("tz", "UTC"), ("browser_tz", "America/New_York"), ("back", "//evil.example/steal")],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location, Some(urls::home()), "only a page of this site is a way back");
    let cookie = zone_cookie(&page);
    assert!(cookie.starts_with("tdbg_tz=America/New_York;"), "{cookie}");

    let settings =
        get_with_headers(&fixture.app(), &urls::settings(None), &[("cookie", "tdbg_tz=Europe/Berlin")]).await;
    settings.assert_ok("/settings");
    assert!(settings.html.contains("<option value=\"Europe/Berlin\" selected"), "the current zone is chosen");
    assert!(settings.text().contains("Times on every page are written in Europe/Berlin"));
}

#[tokio::test]
async fn unknown_zones_and_cross_site_forms_change_nothing() {
    let fixture = Fixture::get();
    let page = post_form(
        &fixture.app(),
        &urls::time_zone_setting(),
        "",
        same_origin(),
        &[("tz", "<script>alert(1)</script>"), ("back", "/namespaces")],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(!sets_zone(&page), "nothing is set");
    let again = page.location.expect("back to the settings");
    assert!(again.starts_with("/settings?back=%2Fnamespaces&error="), "{again}");
    let settings = get(&fixture.app(), &again).await;
    assert_eq!(settings.status, StatusCode::BAD_REQUEST);
    assert!(settings.text().contains("\"<script>alert(1)</script>\" is not a time zone the tz database knows"));
    assert!(!settings.html.contains("<script>alert(1)"), "the choice is escaped");

    let cross = post_form(
        &fixture.app(),
        &urls::time_zone_setting(),
        "",
        Some("https://evil.example"),
        &[("tz", "Europe/Berlin")],
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert!(!sets_zone(&cross));

    // A cookie naming no zone: UTC, and the settings page says why.
    let entry = fixture.workflow("completed");
    let url = urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let page = get_with_headers(&fixture.app(), &url, &[("cookie", "tdbg_tz=Mars%2FOlympus")]).await;
    page.assert_ok(&url);
    assert!(first_time(&page.html).1.ends_with(" UTC"));
    let settings =
        get_with_headers(&fixture.app(), &urls::settings(None), &[("cookie", "tdbg_tz=Mars%2FOlympus")]).await;
    assert!(settings.text().contains("\"Mars/Olympus\" is not a zone the tz database knows, so pages use UTC."));
}
