//! A worker deployment's page and the writes on its routing, against the fixtures' second
//! deployment (`fixtures-rollout`: versions r1 and r2, which only these tests change): its
//! versions and routing shown, the current and ramping versions set and ramping stopped, and a
//! form from a page that is out of date refused by Temporal through its conflict token.
use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, writable_app},
    support::{Fixture, Page, get, str_of},
};

fn ns() -> &'static str {
    Fixture::get().namespace()
}

fn rollout() -> &'static str {
    str_of(&Fixture::get().manifest["versioned"]["rollout"], "deployment")
}

/// The value of the page's hidden `conflict_token` input.
fn conflict_token_in(html: &str) -> String {
    let at = html.find("name=\"conflict_token\"").expect("the form has a conflict token");
    let value = &html[at..];
    let start = value.find("value=\"").expect("token value") + 7;
    value[start..].split('"').next().unwrap_or("").to_string()
}

/// The build ID the page names as current ("unversioned workers" when none is).
fn current_in(page: &Page) -> String {
    let text = page.text();
    let after = text.split("Routing Current version").nth(1).unwrap_or("").trim_start();
    after.split_whitespace().next().unwrap_or("").to_string()
}

#[tokio::test]
async fn the_namespace_links_each_deployment_to_a_page_of_its_versions_and_routing() {
    let fixture = Fixture::get();
    let versioned = &fixture.manifest["versioned"];
    let (deployment, build_id) = (str_of(versioned, "deployment"), str_of(versioned, "build_id"));
    let app = fixture.app();
    let namespace = get(&app, &urls::namespace(ns())).await;
    namespace.assert_ok("namespace");
    let url = urls::worker_deployment(ns(), deployment);
    assert!(namespace.html.contains(&format!("href=\"{url}\"")), "the namespace page links {url}");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains(&format!("Worker deployment {deployment}")), "{text}");
    assert_eq!(current_in(&page), build_id, "{text}");
    for column in ["Build ID", "Status", "Drainage", "Current since", "Ramping since", "Created", "Routing update"] {
        assert!(text.contains(column), "{column}: {text}");
    }
    assert!(text.contains("Current") && text.contains("fixtures"), "{text}");
    // Read-only out of the box: the routing is shown, no form to change it.
    assert!(text.contains("write actions are off on this server"), "{text}");
    assert!(!page.html.contains("name=\"conflict_token\""), "no routing form on a read-only server");
    let missing = get(&app, &urls::worker_deployment(ns(), "no-such-deployment")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.text());
    assert!(missing.text().contains("no-such-deployment"), "{}", missing.text());
}

#[tokio::test]
async fn current_and_ramping_versions_are_set_and_a_stale_form_is_refused() {
    let app = writable_app(&[]);
    let url = urls::worker_deployment(ns(), rollout());
    let (page, cookie) = open_form(&app, &url).await;
    page.assert_ok(&url);
    let before = current_in(&page);
    // Make the other version current, whatever an earlier run of this test left.
    let (current, ramp) = if before == "r1" { ("r2", "r1") } else { ("r1", "r2") };
    let (csrf, stale_token) = (csrf_in(&page.html), conflict_token_in(&page.html));
    let post = |slug: &str| format!("{url}/{slug}");
    let wrong = [
        ("csrf", csrf.as_str()),
        ("conflict_token", stale_token.as_str()),
        ("build_id", current),
        ("confirm", "fixtures"),
    ];
    let unconfirmed = post_form(&app, &post("current"), &cookie, same_origin(), &wrong).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST, "{}", unconfirmed.text());
    assert!(unconfirmed.text().contains("type the deployment's name"), "{}", unconfirmed.text());
    let fields = [
        ("csrf", csrf.as_str()),
        ("conflict_token", stale_token.as_str()),
        ("build_id", current),
        ("reason", "roll forward"),
        ("confirm", rollout()),
    ];
    let done = post_form(&app, &post("current"), &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert_eq!(done.location.as_deref(), Some(format!("{url}?done=current").as_str()));
    let shown = get(&app, &format!("{url}?done=current")).await;
    assert_eq!(current_in(&shown), current, "{}", shown.text());
    assert!(shown.text().contains("Current version set"), "{}", shown.text());
    assert!(shown.text().contains("temporal-debugger (sign-in off)"), "the last modifier: {}", shown.text());

    // The first page's token is stale now: Temporal refuses, and the sentence says why.
    let stale = [
        ("csrf", csrf.as_str()),
        ("conflict_token", stale_token.as_str()),
        ("build_id", ramp),
        ("percentage", "25"),
        ("confirm", rollout()),
    ];
    let refused = post_form(&app, &post("ramping"), &cookie, same_origin(), &stale).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text());
    assert!(refused.text().contains("changed after this page was loaded"), "{}", refused.text());

    let (page, cookie) = open_form(&app, &url).await;
    let (csrf, token) = (csrf_in(&page.html), conflict_token_in(&page.html));
    let ramping = [
        ("csrf", csrf.as_str()),
        ("conflict_token", token.as_str()),
        ("build_id", ramp),
        ("percentage", "25"),
        ("confirm", rollout()),
    ];
    let done = post_form(&app, &post("ramping"), &cookie, same_origin(), &ramping).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let (page, cookie) = open_form(&app, &url).await;
    assert!(page.text().contains(&format!("{ramp} gets 25% of new work")), "{}", page.text());
    let (csrf, token) = (csrf_in(&page.html), conflict_token_in(&page.html));
    let stop = [("csrf", csrf.as_str()), ("conflict_token", token.as_str()), ("confirm", rollout())];
    let done = post_form(&app, &post("stop-ramping"), &cookie, same_origin(), &stop).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let page = get(&app, &url).await;
    assert!(page.text().contains("Ramping version none"), "{}", page.text());
    assert_eq!(current_in(&page), current, "{}", page.text());
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    assert!(
        audit.lines().any(|line| line.contains("deployment-current") && line.contains("roll forward")),
        "the change is audited"
    );
}
