//! Completing and failing an activity by its ID, against the fixture's two runs whose activity
//! waits for an outside system (`activity.raise_complete_async()`): the completed one's run
//! completes with the result, the failed one's activity fails (non-retryable, so the run fails
//! too). A result that is not JSON, a wrong typed activity ID, a read-only server and a forged
//! token are refused before anything reaches Temporal (and audited).
use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, start_workflow, wait_for_history, writable_app},
    support::{Fixture, app_for, get, str_of},
};

/// (workflow ID, run ID, activity ID) of fixture `name`.
fn waiting(name: &str) -> (String, String, String) {
    let entry = Fixture::get().workflow(name);
    (str_of(entry, "workflow_id").into(), str_of(entry, "run_id").into(), str_of(entry, "activity_id").into())
}

fn audit_results(run_id: &str) -> Vec<String> {
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).unwrap_or_default();
    audit
        .lines()
        .filter(|line| line.contains(run_id))
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|entry| format!("{} {}", entry["action"].as_str().unwrap_or(""), entry["result"].as_str().unwrap_or("")))
        .collect()
}

#[tokio::test]
async fn completing_by_id_completes_the_run_with_the_result() {
    let ns = Fixture::get().namespace();
    let app = writable_app(&[]);
    let (workflow_id, run_id, activity_id) = waiting("async_complete");
    let tab = get(&app, &urls::run_tab(ns, &workflow_id, &run_id, "pending-activities")).await;
    let complete = urls::activity_action(ns, &workflow_id, &run_id, &activity_id, "complete");
    assert!(tab.html.contains(&complete), "the Complete link: {}", tab.text());
    assert!(tab.html.contains(&urls::activity_action(ns, &workflow_id, &run_id, &activity_id, "fail")));

    let (form, cookie) = open_form(&app, &complete).await;
    form.assert_ok(&complete);
    assert!(form.text().contains("Result (JSON)") && form.text().contains("Type the activity ID"), "{}", form.text());
    let csrf = csrf_in(&form.html);
    let fields = |result: &'static str, confirm: &'static str| {
        vec![("csrf", csrf.clone()), ("run_id", run_id.clone()), ("result", result.into()), ("confirm", confirm.into())]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let (app, complete, cookie) = (app.clone(), complete.clone(), cookie.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
            post_form(&app, &complete, &cookie, same_origin(), &fields).await
        }
    };

    let bad = post(fields("{\"approved\": yes}", "outside-approval")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text());
    assert!(bad.text().contains("The result is not valid JSON"), "{}", bad.text());
    let unconfirmed = post(fields("true", "wrong")).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    assert!(unconfirmed.text().contains("type the activity ID"), "{}", unconfirmed.text());

    let done = post(fields("{\"approved\": true, \"by\": \"billing\"}", "outside-approval")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert!(done.location.as_deref().is_some_and(|url| url.ends_with("pending-activities?done=activity-complete")));
    let history = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED").await;
    assert!(history.contains("EVENT_TYPE_ACTIVITY_TASK_COMPLETED"), "{history}");
    // The result as sent, json/plain (base64 of `{"approved":true,"by":"billing"}` in the JSON history).
    assert!(history.contains("eyJhcHByb3ZlZCI6dHJ1ZSwiYnkiOiJiaWxsaW5nIn0="), "{history}");
    let results = audit_results(&run_id);
    assert!(results.iter().any(|line| line == "activity-complete ok"), "{results:?}");
    assert!(results.iter().any(|line| line.starts_with("activity-complete refused: The result is not valid JSON")));
}

#[tokio::test]
async fn failing_by_id_fails_the_activity_and_the_run() {
    let ns = Fixture::get().namespace();
    let app = writable_app(&[]);
    let (workflow_id, run_id, activity_id) = waiting("async_fail");
    let fail = urls::activity_action(ns, &workflow_id, &run_id, &activity_id, "fail");
    let (form, cookie) = open_form(&app, &fail).await;
    form.assert_ok(&fail);
    assert!(form.text().contains("Non-retryable"), "{}", form.text());
    let csrf = csrf_in(&form.html);
    let mut fields = vec![("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("confirm", activity_id.as_str())];
    let empty = post_form(&app, &fail, &cookie, same_origin(), &fields).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.text().contains("Say why the activity failed"), "{}", empty.text());

    fields.extend([("message", "the outside system rejected ticket 7"), ("non_retryable", "true")]);
    let done = post_form(&app, &fail, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let history = wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_FAILED").await;
    assert!(history.contains("EVENT_TYPE_ACTIVITY_TASK_FAILED"), "{history}");
    assert!(history.contains("the outside system rejected ticket 7"), "{history}");
    assert!(history.contains("temporal-debugger"), "the failure's source: {history}");
    let results = audit_results(&run_id);
    assert!(results.iter().any(|line| line == "activity-fail ok"), "{results:?}");
}

#[tokio::test]
async fn completing_is_refused_when_writes_are_off_or_the_token_is_forged() {
    let ns = Fixture::get().namespace();
    // A run of its own: the fixture's are completed and failed by the tests beside this one.
    let (workflow_id, run_id) = start_workflow("async-refused", "AsyncCompletionWorkflow", "\"ticket 9\"").await;
    let activity_id = str_of(Fixture::get().workflow("async_fail"), "activity_id").to_string();
    let complete = urls::activity_action(ns, &workflow_id, &run_id, &activity_id, "complete");
    let fields =
        [("run_id", run_id.as_str()), ("result", "true"), ("confirm", activity_id.as_str()), ("csrf", "forged")];

    let read_only = app_for(&Fixture::get().temporal_address);
    let (form, cookie) = open_form(&read_only, &complete).await;
    assert!(form.text().contains("You cannot do this here"), "{}", form.text());
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let mut with_token = fields.to_vec();
    with_token[3] = ("csrf", token.as_str());
    let refused = post_form(&read_only, &complete, &cookie, same_origin(), &with_token).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());

    let app = writable_app(&[]);
    let (_, cookie) = open_form(&app, &complete).await;
    let forged = post_form(&app, &complete, &cookie, same_origin(), &fields).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text());
    assert!(forged.text().contains("CSRF token"), "{}", forged.text());
}
