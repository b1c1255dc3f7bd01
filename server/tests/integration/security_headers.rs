//! Every answer's security headers, the page's scripts carrying the CSP's nonce, the one origin
//! rule on every state-changing route, and the CSRF cookie set only by pages holding a form.
use axum::http::{StatusCode, header};

use crate::{
    actions_support::{HOST, open_form},
    support::{Fixture, get, get_with_headers, post, str_of},
};

fn header_of(page: &crate::support::Page, name: header::HeaderName) -> String {
    page.headers.get(&name).and_then(|value| value.to_str().ok()).unwrap_or("").to_string()
}

#[tokio::test]
async fn pages_carry_a_nonced_policy_that_their_scripts_follow() {
    let fixture = Fixture::get();
    let entry = fixture.workflow("completed");
    let url = app::urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let first = get(&fixture.app(), &url).await;
    first.assert_ok(&url);
    let policy = header_of(&first, header::CONTENT_SECURITY_POLICY);
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("a nonce in {policy}"))
        .to_string();
    for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'wasm-unsafe-eval'"] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    // Every script the page holds carries the nonce; none runs without it.
    let tags: Vec<&str> =
        first.html.split("<script").skip(1).map(|rest| rest.split('>').next().unwrap_or("")).collect();
    assert!(!tags.is_empty(), "the page hydrates with a script");
    let attribute = format!("nonce=\"{nonce}\"");
    assert!(tags.iter().all(|tag| tag.contains(&attribute)), "{tags:?}");
    assert_eq!(header_of(&first, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(header_of(&first, header::REFERRER_POLICY), "same-origin");
    assert!(header_of(&first, header::STRICT_TRANSPORT_SECURITY).is_empty(), "no HSTS over plain HTTP");
    // A fresh nonce per answer.
    let second = get(&fixture.app(), &url).await;
    assert!(!header_of(&second, header::CONTENT_SECURITY_POLICY).contains(&nonce));
    // Errors and assets get the same protection.
    let missing = get(&fixture.app(), "/namespaces/default/workflows/no-such/run/history.json").await;
    assert_eq!(header_of(&missing, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
}

#[tokio::test]
async fn only_pages_with_a_write_form_set_the_csrf_cookie() {
    let fixture = Fixture::get();
    let cookie_of = |page: &crate::support::Page| {
        page.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .any(|value| value.starts_with("tdbg_csrf="))
    };
    let list = app::urls::workflows(fixture.namespace());
    let page = get_with_headers(&fixture.app(), &list, &[("host", HOST)]).await;
    page.assert_ok(&list);
    assert!(!cookie_of(&page), "a list has no write form");
    let asset = get(&fixture.app(), "/favicon.svg").await;
    assert!(!cookie_of(&asset), "an asset sets no cookie");
    let (workflow_id, run_id) = crate::actions_support::start_approval("csrf-cookie").await;
    let app = crate::actions_support::writable_app(&[]);
    let (form, cookie) =
        open_form(&app, &app::urls::run_action(fixture.namespace(), &workflow_id, &run_id, "cancel")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(cookie.starts_with("tdbg_csrf="), "a write form sets it: {:?}", form.headers);
}

#[tokio::test]
async fn every_state_changing_route_follows_the_one_origin_rule() {
    let app = Fixture::get().app();
    // An import and the time-zone setting, from another site: refused before the handler runs.
    for (url, content_type) in [
        ("/import/upload", "multipart/form-data; boundary=x"),
        ("/settings/time-zone", "application/x-www-form-urlencoded"),
        ("/api/list_namespaces", "application/x-www-form-urlencoded"),
    ] {
        let request = axum::http::Request::post(url)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, "https://evil.example")
            .header(header::CONTENT_TYPE, content_type)
            .body(axum::body::Body::from("tz=UTC"))
            .expect("request");
        let answer = crate::support::send_request(&app, request).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{url}: {}", answer.html);
        assert!(answer.text().contains("another site"), "{url}: {}", answer.text());
    }
    // No Origin at all (not a browser's form): refused too.
    let answer = post(&app, "/settings/time-zone", "application/x-www-form-urlencoded", b"tz=UTC".to_vec()).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.html);
}
