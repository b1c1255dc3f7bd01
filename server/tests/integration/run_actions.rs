//! Write actions on a run: off by default, then each action against a fresh run with the
//! history showing its result, and every refusal (flag, CSRF, origin, run ID, confirmation).
use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, start_approval, wait_for_history, writable_app},
    support::{Fixture, excerpt, get},
};

fn ns() -> &'static str {
    Fixture::get().namespace()
}

#[tokio::test]
async fn out_of_the_box_nothing_writes_and_no_button_shows() {
    let (workflow_id, run_id) = start_approval("readonly").await;
    let app = Fixture::get().app();
    let history = get(&app, &urls::run_history(ns(), &workflow_id, &run_id)).await;
    history.assert_ok("history");
    assert!(!history.html.contains("/actions/"), "no action links on a read-only server");
    let form_url = urls::run_action(ns(), &workflow_id, &run_id, "terminate");
    let (form, cookie) = open_form(&app, &form_url).await;
    assert!(form.text().contains("write actions are off on this server"), "{}", form.text());
    assert!(!form.html.contains("name=\"csrf\""), "no form on a read-only server");
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let fields = [("csrf", token.as_str()), ("run_id", run_id.as_str()), ("confirm", workflow_id.as_str())];
    let refused = post_form(&app, &form_url, &cookie, same_origin(), &fields).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());
    assert!(refused.text().contains("TDBG_ENABLE_WRITE_ACTIONS"), "{}", refused.text());
    let json = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    assert!(!json.contains("Terminated"), "the run was not terminated");
}

#[tokio::test]
async fn a_signal_reaches_the_run_and_its_event_shows_in_the_history() {
    let (workflow_id, run_id) = start_approval("signal").await;
    let app = writable_app(&[]);
    let history = get(&app, &urls::run_history(ns(), &workflow_id, &run_id)).await;
    assert!(history.html.contains(&urls::run_action(ns(), &workflow_id, &run_id, "signal")), "signal link shown");
    let url = urls::run_action(ns(), &workflow_id, &run_id, "signal");
    let (form, cookie) = open_form(&app, &url).await;
    form.assert_ok(&url);
    assert!(form.html.contains("<option value=\"approve\""), "signal names from the worker: {}", form.text());
    let csrf = csrf_in(&form.html);
    let fields =
        [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("name", "approve"), ("input", "\"ops@example.com\"")];
    let done = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert_eq!(
        done.location.as_deref(),
        Some(format!("{}?done=signal", urls::run_history(ns(), &workflow_id, &run_id)).as_str())
    );
    let json = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED").await;
    assert!(json.contains("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED"), "{json}");
    assert!(json.contains("temporal-debugger (sign-in off)"), "the signal carries the debugger's identity");
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    let line = audit.lines().find(|line| line.contains(&workflow_id)).expect("an audit line for the signal");
    let entry: serde_json::Value = serde_json::from_str(line).expect("audit JSON");
    assert_eq!(entry["action"], "signal");
    assert_eq!(entry["result"], "ok");
    assert_eq!(entry["run_id"], run_id.as_str());
    assert_eq!(entry["detail"], "signal \"approve\"");
}

#[tokio::test]
async fn refusals_name_their_reason_and_change_nothing() {
    let (workflow_id, run_id) = start_approval("refusals").await;
    let app = writable_app(&["--workflow-terminate-disabled", "true"]);
    let url = urls::run_action(ns(), &workflow_id, &run_id, "cancel");
    let (form, cookie) = open_form(&app, &url).await;
    let csrf = csrf_in(&form.html);
    let good = [("csrf", csrf.as_str()), ("run_id", run_id.as_str())];

    let missing = post_form(&app, &url, &cookie, same_origin(), &[("run_id", run_id.as_str())]).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(missing.text().contains("CSRF token is missing"), "{}", missing.text());
    let other_browser = post_form(
        &app,
        &url,
        "tdbg_csrf=0000000000000000000000000000000000000000000000000000000000000000",
        same_origin(),
        &good,
    )
    .await;
    assert_eq!(other_browser.status, StatusCode::FORBIDDEN, "a token from another cookie");
    let cross_site = post_form(&app, &url, &cookie, Some("https://evil.example"), &good).await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    assert!(cross_site.text().contains("another site"), "{}", cross_site.text());
    let no_origin = post_form(&app, &url, &cookie, None, &good).await;
    assert_eq!(no_origin.status, StatusCode::FORBIDDEN);
    let other_run = [("csrf", csrf.as_str()), ("run_id", "another-run")];
    let wrong_run = post_form(&app, &url, &cookie, same_origin(), &other_run).await;
    assert_eq!(wrong_run.status, StatusCode::BAD_REQUEST, "{}", wrong_run.text());

    let terminate = urls::run_action(ns(), &workflow_id, &run_id, "terminate");
    let (form, _) = open_form(&app, &terminate).await;
    assert!(form.text().contains("TEMPORAL_WORKFLOW_TERMINATE_DISABLED"), "{}", form.text());
    let fields = [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("confirm", workflow_id.as_str())];
    let disabled = post_form(&app, &terminate, &cookie, same_origin(), &fields).await;
    assert_eq!(disabled.status, StatusCode::FORBIDDEN, "{}", disabled.text());

    let reset = urls::run_action(ns(), &workflow_id, &run_id, "reset");
    let unconfirmed = [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("event_id", "4"), ("confirm", "oops")];
    let unconfirmed = post_form(&app, &reset, &cookie, same_origin(), &unconfirmed).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    assert!(unconfirmed.text().contains("type the workflow ID"), "{}", unconfirmed.text());

    // A GET of an action's URL is its form and changes nothing.
    get(&app, &url).await.assert_ok(&url);
    let json = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    assert!(!json.contains("CANCEL_REQUESTED"), "nothing was cancelled: {json}");
}

#[tokio::test]
async fn cancel_and_terminate_record_their_events_with_the_reason() {
    let app = writable_app(&[]);
    let (workflow_id, run_id) = start_approval("cancel").await;
    let url = urls::run_action(ns(), &workflow_id, &run_id, "cancel");
    let (form, cookie) = open_form(&app, &url).await;
    let csrf = csrf_in(&form.html);
    let fields = [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("reason", "stuck on approval")];
    assert_eq!(post_form(&app, &url, &cookie, same_origin(), &fields).await.status, StatusCode::SEE_OTHER);
    let json = wait_for_history(&workflow_id, &run_id, "stuck on approval").await;
    assert!(json.contains("CANCEL_REQUESTED"), "{json}");

    let (workflow_id, run_id) = start_approval("terminate").await;
    let url = urls::run_action(ns(), &workflow_id, &run_id, "terminate");
    // "Terminate latest" on the workflow ID's runs: a link to the latest run's own form.
    let runs = urls::runs(ns(), &workflow_id);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !get(&app, &runs).await.html.contains(&url) {
        assert!(std::time::Instant::now() < deadline, "the runs page never offered terminate latest");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    let read_only = get(&crate::support::Fixture::get().app(), &runs).await;
    assert!(!read_only.text().contains("Terminate the latest run"), "{}", read_only.text());
    let (form, cookie) = open_form(&app, &url).await;
    assert!(form.text().contains("Type the workflow ID"), "typed confirmation asked: {}", form.text());
    let csrf = csrf_in(&form.html);
    let fields = [
        ("csrf", csrf.as_str()),
        ("run_id", run_id.as_str()),
        ("reason", "<b>bad deploy</b>"),
        ("confirm", workflow_id.as_str()),
    ];
    let done = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let json = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED").await;
    assert!(json.contains("bad deploy"), "{json}");
    let page = get(&app, &format!("{}?done=terminate", urls::run_history(ns(), &workflow_id, &run_id))).await;
    assert!(page.text().contains("Run terminated"), "{}", page.text());
    assert!(!page.html.contains("<b>bad deploy"), "the reason is escaped");
}

#[tokio::test]
async fn reset_lists_its_points_in_words_and_leads_to_the_new_run() {
    let app = writable_app(&[]);
    let (workflow_id, run_id) = start_approval("reset").await;
    let url = urls::run_action(ns(), &workflow_id, &run_id, "reset");
    let (form, cookie) = open_form(&app, &url).await;
    form.assert_ok(&url);
    let text = form.text();
    assert!(text.contains("Event 4") && text.contains("(start over)"), "the first workflow task is offered: {text}");
    let csrf = csrf_in(&form.html);
    let fields = [
        ("csrf", csrf.as_str()),
        ("run_id", run_id.as_str()),
        ("event_id", "4"),
        ("reason", "replay with the fix"),
        ("confirm", workflow_id.as_str()),
        ("exclude_signals", "true"),
    ];
    let done = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let location = done.location.expect("redirect to the new run");
    let prefix = format!("{}/", urls::workflow(ns(), &workflow_id));
    let new_run = location.trim_start_matches(&prefix).split('/').next().unwrap_or("").to_string();
    assert!(!new_run.is_empty() && new_run != run_id, "a new run: {location}");
    assert!(location.ends_with("/history?done=reset"), "{location}");
    let old = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED").await;
    assert!(old.contains("replay with the fix"), "{old}");
    let new = wait_for_history(&workflow_id, &new_run, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    assert!(new.contains(&run_id), "the new run records the reset: {new}");
    // The new run's summary names the run it was reset from, linked; the old one links to it.
    let page = get(&app, &urls::run_history(ns(), &workflow_id, &new_run)).await;
    let facts = page.text();
    assert!(facts.contains(&format!("Reset from {run_id}")), "{}", excerpt(&facts));
    assert!(page.html.contains(&format!("href=\"{}\"", urls::run_history(ns(), &workflow_id, &run_id))));
    let old_page = get(&app, &urls::run_history(ns(), &workflow_id, &run_id)).await;
    assert!(old_page.text().contains(&format!("Reset to {new_run}")), "{}", excerpt(&old_page.text()));
    assert!(!old_page.text().contains("Reset from"), "the original run was not reset from anything");
}

#[tokio::test]
async fn start_another_like_this_one_fills_in_the_run_and_starts_the_edited_copy() {
    let app = writable_app(&[]);
    let (workflow_id, run_id) = start_approval("start").await;
    let url = urls::run_action(ns(), &workflow_id, &run_id, "start");
    let (form, cookie) = open_form(&app, &url).await;
    form.assert_ok(&url);
    assert!(form.html.contains("value=\"ApprovalWorkflow\""), "the type is filled in: {}", form.text());
    assert!(form.html.contains("value=\"[&quot;tester@example.com&quot;]\""), "the input as JSON: {}", form.html);
    let csrf = csrf_in(&form.html);
    let copy = format!("{workflow_id}-copy");
    let queue = crate::support::str_of(&Fixture::get().manifest, "task_queue").to_string();
    let fields = [
        ("csrf", csrf.as_str()),
        ("run_id", run_id.as_str()),
        ("workflow_id", copy.as_str()),
        ("workflow_type", "ApprovalWorkflow"),
        ("task_queue", queue.as_str()),
        ("input", "[\"copy@example.com\"]"),
    ];
    let done = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let location = done.location.expect("to the new run");
    assert!(location.starts_with(&format!("{}/", urls::workflow(ns(), &copy))), "{location}");
    let new_run = location.rsplit('/').nth(1).unwrap_or("").to_string();
    let json = wait_for_history(&copy, &new_run, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    assert!(json.contains("ImNvcHlAZXhhbXBsZS5jb20i"), "the edited input (base64 of \"copy@example.com\"): {json}");
    // The same ID while that run is open: Temporal refuses, the page says so.
    let again = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.text());
    assert!(again.text().contains("Temporal did not do it"), "{}", again.text());
}
