//! Commands on a pending activity through their forms, against a fresh run of the fixture's
//! InventoryWorkflow (its activity fails and is retried forever): pause, unpause, reset, and a
//! new retry policy that lets the run fail.
use std::time::{Duration, Instant};

use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, start_workflow, wait_for_history, writable_app},
    support::{Fixture, get},
};

fn ns() -> &'static str {
    Fixture::get().namespace()
}

/// The pending-activities tab's text once `expected` is in it (within 20 s).
async fn pending_text_with(app: &axum::Router, workflow_id: &str, run_id: &str, expected: &str) -> String {
    pending_text_where(app, workflow_id, run_id, expected, |text| text.contains(expected)).await
}

/// The pending-activities tab's text once `shows` holds for it (within 20 s).
async fn pending_text_where(
    app: &axum::Router,
    workflow_id: &str,
    run_id: &str,
    what: &str,
    shows: impl Fn(&str) -> bool,
) -> String {
    let url = urls::run_tab(ns(), workflow_id, run_id, "pending-activities");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = get(app, &url).await.text();
        if shows(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "{what:?} never showed: {text}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test]
async fn pause_unpause_reset_and_new_options_reach_the_activity() {
    let app = writable_app(&[]);
    let (workflow_id, run_id) = start_workflow("activity", "InventoryWorkflow", "\"SKU-TEST\"").await;
    // Retried at least once (attempt 2 lasts about 2 s: a slow page may see attempt 3 first).
    let retried = |text: &str| text.contains(" of unlimited") && !text.contains("Attempt 1 of unlimited");
    let text = pending_text_where(&app, &workflow_id, &run_id, "a second attempt", retried).await;
    assert!(text.contains("Commands on activity") || text.contains("Change options"), "{text}");
    let page = get(&app, &urls::run_tab(ns(), &workflow_id, &run_id, "pending-activities")).await;
    let activity_id = "1";
    let pause = urls::activity_action(ns(), &workflow_id, &run_id, activity_id, "pause");
    assert!(page.html.contains(&pause), "the pause link: {}", page.text());

    let (form, cookie) = open_form(&app, &pause).await;
    form.assert_ok(&pause);
    let csrf = csrf_in(&form.html);
    let base = [("csrf", csrf.as_str()), ("run_id", run_id.as_str())];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut fields: Vec<(&str, &str)> = base.to_vec();
        fields.extend_from_slice(extra);
        fields
    };
    let paused = post_form(&app, &pause, &cookie, same_origin(), &with(&[("reason", "inventory service down")])).await;
    assert_eq!(paused.status, StatusCode::SEE_OTHER, "{}", paused.text());
    assert!(paused.location.as_deref().is_some_and(|url| url.ends_with("pending-activities?done=activity-pause")));
    pending_text_with(&app, &workflow_id, &run_id, "· Paused").await;

    let unpause = urls::activity_action(ns(), &workflow_id, &run_id, activity_id, "unpause");
    let done = post_form(&app, &unpause, &cookie, same_origin(), &with(&[("reset_attempts", "true")])).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());

    let reset = urls::activity_action(ns(), &workflow_id, &run_id, activity_id, "reset");
    let done = post_form(&app, &reset, &cookie, same_origin(), &with(&[])).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());

    let options = urls::activity_action(ns(), &workflow_id, &run_id, activity_id, "options");
    let bad = post_form(&app, &options, &cookie, same_origin(), &with(&[("maximum_attempts", "many")])).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("Maximum attempts must be a number"), "{}", bad.text());
    let fields = with(&[("maximum_attempts", "1"), ("initial_interval", "1"), ("backoff_coefficient", "1")]);
    let done = post_form(&app, &options, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    // One attempt allowed: the next failure is the last, and the run fails with it.
    wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_FAILED").await;
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    let actions: Vec<String> = audit
        .lines()
        .filter(|line| line.contains(&run_id))
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|entry| format!("{} {}", entry["action"].as_str().unwrap_or(""), entry["result"].as_str().unwrap_or("")))
        .collect();
    for expected in ["activity-pause ok", "activity-unpause ok", "activity-reset ok", "activity-options ok"] {
        assert!(actions.iter().any(|line| line == expected), "{expected} in {actions:?}");
    }
}

#[tokio::test]
async fn activity_commands_follow_their_own_flag() {
    let app = writable_app(&["--activity-commands-disabled", "true"]);
    let (workflow_id, run_id) = start_workflow("activity-off", "InventoryWorkflow", "\"SKU-OFF\"").await;
    let text = pending_text_with(&app, &workflow_id, &run_id, "Attempt").await;
    assert!(!text.contains("Change options"), "no commands offered: {text}");
    let pause = urls::activity_action(ns(), &workflow_id, &run_id, "1", "pause");
    let (form, cookie) = open_form(&app, &pause).await;
    assert!(form.text().contains("TEMPORAL_ACTIVITY_COMMANDS_DISABLED"), "{}", form.text());
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let refused = post_form(&app, &pause, &cookie, same_origin(), &[("csrf", &token), ("run_id", &run_id)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());
    get(&app, &urls::run_action(ns(), &workflow_id, &run_id, "terminate")).await.assert_ok("terminate form");
}
