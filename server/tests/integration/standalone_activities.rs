//! Standalone activities (server 1.32+): the list with its query, one activity's page against the
//! fixture's three (completed, retrying, heartbeating), a 404 for an unknown ID, and the commands
//! through their forms against activities each test starts on the fixture's standalone queue.
use std::time::{Duration, Instant};

use app::urls;
use axum::http::StatusCode;
use serde_json::Value;
use temporalio_protos::protos::temporal::api::{
    common::v1::{ActivityType, Payload, Payloads},
    taskqueue::v1::TaskQueue,
    workflowservice::v1::StartActivityExecutionRequest,
};

use crate::{
    actions_support::{client, csrf_in, open_form, post_form, same_origin, writable_app},
    support::{Fixture, get, str_of},
};

fn ns() -> &'static str {
    Fixture::get().namespace()
}

/// The manifest's standalone activity `name` (`completed`, `retrying`, `heartbeating`): its ID
/// and run ID.
fn fixture_activity(name: &str) -> (&'static str, &'static str) {
    let entry: &Value = &Fixture::get().manifest["standalone_activities"][name];
    (str_of(entry, "activity_id"), str_of(entry, "run_id"))
}

/// Starts a standalone activity of `activity_type` with one JSON argument on the fixture's
/// standalone queue; answers (activity ID, run ID).
async fn start_activity(label: &str, activity_type: &str, json_argument: &str) -> (String, String) {
    let fixture = Fixture::get();
    let client = client();
    // Not under the fixtures' `sa-{prefix}-`: the fixtures' own three stay as they are.
    let activity_id = format!("sa-test-{}-{label}-{}", fixture.prefix(), uuid::Uuid::new_v4().simple());
    let input = Payload {
        metadata: [("encoding".to_string(), b"json/plain".to_vec())].into(),
        data: json_argument.as_bytes().to_vec(),
        ..Default::default()
    };
    let queue = str_of(&fixture.manifest["standalone_activities"], "task_queue");
    let mut request = StartActivityExecutionRequest {
        namespace: fixture.namespace().into(),
        identity: "integration test".into(),
        request_id: uuid::Uuid::new_v4().to_string(),
        activity_id: activity_id.clone(),
        activity_type: Some(ActivityType { name: activity_type.into() }),
        task_queue: Some(TaskQueue { name: queue.into(), ..Default::default() }),
        input: Some(Payloads { payloads: vec![input] }),
        ..Default::default()
    };
    // The timeouts' type is prost-wkt's, which this crate does not name: set from its default.
    let (mut start_to_close, mut heartbeat) =
        (request.start_to_close_timeout.unwrap_or_default(), request.heartbeat_timeout.unwrap_or_default());
    // A short heartbeat timeout: the SDK sends heartbeats at most every 0.8 of it, and a
    // cancellation reaches the worker with the answer to one.
    (start_to_close.seconds, heartbeat.seconds) = (600, 3);
    (request.start_to_close_timeout, request.heartbeat_timeout) = (Some(start_to_close), Some(heartbeat));
    let run_id = client
        .workflow_service()
        .start_activity_execution(client.request(request))
        .await
        .unwrap_or_else(|status| panic!("start standalone {activity_type}: {status}"))
        .into_inner()
        .run_id;
    (activity_id, run_id)
}

/// The activity page's text once `shows` holds for it (within 20 s).
async fn page_text_where(app: &axum::Router, url: &str, what: &str, shows: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = get(app, url).await;
        let text = page.text();
        if page.status == StatusCode::OK && shows(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "{what} never showed on {url}: {text}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// The attempt the page shows (`Attempt 4 of unlimited`).
fn attempt_in(text: &str) -> i32 {
    let after = text.split("Attempt ").nth(1).unwrap_or_default();
    after.split_whitespace().next().and_then(|number| number.parse().ok()).unwrap_or(0)
}

#[tokio::test]
async fn the_list_shows_the_fixture_activities_and_follows_its_query() {
    let app = Fixture::get().app();
    let (completed, _) = fixture_activity("completed");
    let (retrying, _) = fixture_activity("retrying");
    let (heartbeating, _) = fixture_activity("heartbeating");
    let prefix = completed.trim_end_matches("greeting");
    let url = urls::standalone_activities(ns(), &format!("ActivityId STARTS_WITH '{prefix}'"));
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    for id in [completed, retrying, heartbeating] {
        assert!(text.contains(id), "{id} in {text}");
    }
    assert!(text.contains("3 standalone activities match the query."), "{text}");
    assert!(text.contains("compose_greeting") && text.contains("Completed"), "{text}");
    assert!(text.contains("reserve_inventory") && text.contains("standalone_heartbeats"), "{text}");

    let only_retrying = urls::standalone_activities(ns(), &format!("ActivityId = '{retrying}'"));
    let text = get(&app, &only_retrying).await.text();
    assert!(text.contains(retrying) && !text.contains(completed), "{text}");
    assert!(text.contains("1 standalone activity match"), "{text}");

    let bad = get(&app, &urls::standalone_activities(ns(), "Bogus = 1")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text());
    assert!(bad.text().contains("Bogus"), "{}", bad.text());

    let namespace = get(&app, &urls::namespace(ns())).await;
    assert!(namespace.html.contains(&urls::standalone_activities(ns(), "")), "the namespace page links the list");
}

#[tokio::test]
async fn the_retrying_activity_shows_its_attempts_and_last_failure() {
    let app = Fixture::get().app();
    let (retrying, run_id) = fixture_activity("retrying");
    let url = urls::standalone_activity(ns(), retrying, run_id);
    let text = page_text_where(&app, &url, "a second attempt", |text| attempt_in(text) >= 2).await;
    assert!(text.contains("of unlimited"), "{text}");
    assert!(text.contains("inventory service unavailable: connection refused"), "the last failure: {text}");
    assert!(text.contains("reserve_inventory") && text.contains("SKU-STANDALONE"), "type and input: {text}");
    assert!(text.contains("Start-to-close timeout 10s"), "{text}");
    assert!(text.contains("Maximum retry interval 2s"), "{text}");
    assert!(text.contains("Running"), "{text}");
    // Its latest run, by its ID alone.
    let latest = get(&app, &format!("{}/{}", urls::standalone_activities(ns(), ""), retrying)).await;
    latest.assert_ok(retrying);
    assert!(latest.text().contains(run_id), "{}", latest.text());
}

#[tokio::test]
async fn heartbeats_and_results_are_shown_decoded() {
    let app = Fixture::get().app();
    let (heartbeating, run_id) = fixture_activity("heartbeating");
    let url = urls::standalone_activity(ns(), heartbeating, run_id);
    let text = page_text_where(&app, &url, "heartbeat details", |text| text.contains("\"step\"")).await;
    assert!(text.contains("Heartbeat timeout 30s"), "{text}");
    assert!(!text.contains("No heartbeat details."), "{text}");
    let (completed, run_id) = fixture_activity("completed");
    let page = get(&app, &urls::standalone_activity(ns(), completed, run_id)).await;
    page.assert_ok(completed);
    let text = page.text();
    assert!(text.contains("Hello, standalone!") && text.contains("Completed"), "the result: {text}");
    assert!(!page.html.contains("Commands on activity"), "a closed activity takes no command");
}

#[tokio::test]
async fn an_unknown_activity_is_a_404_that_says_so() {
    let app = Fixture::get().app();
    let url = format!("{}/no-such-activity-{}", urls::standalone_activities(ns(), ""), uuid::Uuid::new_v4().simple());
    let page = get(&app, &url).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
    assert!(page.text().contains("standalone activity \"no-such-activity"), "{}", page.text());
    assert!(page.text().contains("was not found"), "{}", page.text());
    let (retrying, run_id) = fixture_activity("retrying");
    let form = get(&app, &urls::standalone_activity_action(ns(), retrying, run_id, "explode")).await;
    assert_eq!(form.status, StatusCode::NOT_FOUND, "{}", form.text());
}

/// Posts `action`'s form with `extra` fields, after opening it as a browser would.
async fn post_command(
    app: &axum::Router,
    (activity_id, run_id): (&str, &str),
    action: &str,
    extra: &[(&str, &str)],
) -> crate::support::Page {
    let url = urls::standalone_activity_action(ns(), activity_id, run_id, action);
    let (form, cookie) = open_form(app, &url).await;
    form.assert_ok(&url);
    let csrf = csrf_in(&form.html);
    let mut fields = vec![("csrf", csrf.as_str()), ("run_id", run_id)];
    fields.extend_from_slice(extra);
    post_form(app, &url, &cookie, same_origin(), &fields).await
}

fn assert_done(page: &crate::support::Page, action: &str) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{action}: {}", page.text());
    let location = page.location.as_deref().unwrap_or_default();
    assert!(location.ends_with(&format!("/details?done=activity-{action}")), "{action}: {location}");
}

#[tokio::test]
async fn pause_unpause_reset_options_and_terminate_reach_the_activity() {
    let app = writable_app(&[]);
    let (activity_id, run_id) = start_activity("commands", "reserve_inventory", "\"SKU-COMMANDS\"").await;
    let target = (activity_id.as_str(), run_id.as_str());
    let url = urls::standalone_activity(ns(), &activity_id, &run_id);
    let text = page_text_where(&app, &url, "a failed attempt", |text| text.contains("inventory service")).await;
    assert!(text.contains("Change options") && text.contains("Terminate"), "commands offered: {text}");

    assert_done(&post_command(&app, target, "pause", &[("reason", "inventory down")]).await, "pause");
    page_text_where(&app, &url, "the pause", |text| text.contains("Paused: no new attempt")).await;
    let again = get(&app, &urls::standalone_activity_action(ns(), &activity_id, &run_id, "pause")).await;
    assert!(again.text().contains("the activity is already paused"), "{}", again.text());

    assert_done(&post_command(&app, target, "unpause", &[("reason", "back")]).await, "unpause");
    page_text_where(&app, &url, "the unpause", |text| !text.contains("Paused: no new attempt")).await;
    assert_done(&post_command(&app, target, "reset", &[("reset_heartbeat", "true")]).await, "reset");

    let bad = post_command(&app, target, "options", &[("maximum_attempts", "many")]).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("Maximum attempts must be a number"), "{}", bad.text());
    assert_done(&post_command(&app, target, "options", &[("maximum_interval", "7")]).await, "options");
    page_text_where(&app, &url, "the new interval", |text| text.contains("Maximum retry interval 7s")).await;

    let unconfirmed = post_command(&app, target, "terminate", &[("confirm", "something else")]).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST, "{}", unconfirmed.text());
    assert!(unconfirmed.text().contains("To confirm, type the activity ID"), "{}", unconfirmed.text());
    let terminated = post_command(&app, target, "terminate", &[("confirm", &activity_id), ("reason", "done")]).await;
    assert_done(&terminated, "terminate");
    let text = page_text_where(&app, &url, "the termination", |text| text.contains("Terminated")).await;
    assert!(!text.contains("Change options"), "no command on a closed activity: {text}");

    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    let actions: Vec<String> = audit
        .lines()
        .filter(|line| line.contains(&run_id))
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .map(|entry| format!("{} {}", entry["action"].as_str().unwrap_or(""), entry["result"].as_str().unwrap_or("")))
        .collect();
    for action in ["pause", "unpause", "reset", "options", "terminate"] {
        let expected = format!("standalone-activity-{action} ok");
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}

#[tokio::test]
async fn a_heartbeating_activity_is_canceled_on_request() {
    let app = writable_app(&[]);
    let (activity_id, run_id) = start_activity("cancel", "standalone_heartbeats", "600").await;
    let url = urls::standalone_activity(ns(), &activity_id, &run_id);
    page_text_where(&app, &url, "its first heartbeat", |text| text.contains("\"step\"")).await;
    let done = post_command(&app, (&activity_id, &run_id), "cancel", &[("reason", "not needed")]).await;
    assert_done(&done, "cancel");
    // The worker learns of it at its next heartbeat (every second) and ends the activity.
    let text = page_text_where(&app, &url, "the cancellation", |text| text.contains("Canceled")).await;
    assert!(text.contains("not needed"), "the reason: {text}");
}

#[tokio::test]
async fn commands_are_refused_without_writes_the_right_token_or_their_flag() {
    let (retrying, run_id) = fixture_activity("retrying");
    let url = urls::standalone_activity_action(ns(), retrying, run_id, "terminate");
    let fields = |token: &str| {
        vec![("csrf", token.to_string()), ("run_id", run_id.to_string()), ("confirm", retrying.to_string())]
    };
    let post = |app: axum::Router, cookie: String, token: String| {
        let url = url.clone();
        async move {
            let fields = fields(&token);
            let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
            post_form(&app, &url, &cookie, same_origin(), &fields).await
        }
    };

    // Writes off (the default): the form says so and the POST is refused.
    let read_only = Fixture::get().app();
    let (form, cookie) = open_form(&read_only, &url).await;
    assert!(form.text().contains("You cannot do this here"), "{}", form.text());
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let refused = post(read_only, cookie, token).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());

    // Writes on, but a token that is not this browser's.
    let app = writable_app(&[]);
    let (_, cookie) = open_form(&app, &url).await;
    let forged = post(app, cookie, "forged".to_string()).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text());
    assert!(forged.text().contains("CSRF token"), "{}", forged.text());

    // Writes on, activity commands off.
    let app = writable_app(&["--activity-commands-disabled", "true"]);
    let (form, cookie) = open_form(&app, &url).await;
    assert!(form.text().contains("TEMPORAL_ACTIVITY_COMMANDS_DISABLED"), "{}", form.text());
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let refused = post(app, cookie, token).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());

    // The fixture's activity is still running.
    let page = get(&Fixture::get().app(), &urls::standalone_activity(ns(), retrying, run_id)).await;
    assert!(page.text().contains("Running"), "{}", page.text());
}
