//! Update and pause on a run, through their forms: an update's result (and its validator's
//! rejection) shows on the form after the POST; pause and unpause change the run's status.
use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, start_approval, wait_for_history, writable_app},
    support::{Fixture, get},
};

fn ns() -> &'static str {
    Fixture::get().namespace()
}

#[tokio::test]
async fn an_update_shows_its_result_and_a_rejection_its_reason() {
    let app = writable_app(&[]);
    let (workflow_id, run_id) = start_approval("update").await;
    let url = urls::run_action(ns(), &workflow_id, &run_id, "update");
    let (form, cookie) = open_form(&app, &url).await;
    form.assert_ok(&url);
    assert!(form.html.contains("<option value=\"add_note\""), "update names from the worker: {}", form.text());
    let csrf = csrf_in(&form.html);
    let fields = [
        ("csrf", csrf.as_str()),
        ("run_id", run_id.as_str()),
        ("name", "add_note"),
        ("input", "\"<i>check the card</i>\""),
    ];
    let sent = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    let location = sent.location.expect("back to the form");
    assert!(location.contains("?update_id="), "{location}");
    let result = get(&app, &location).await;
    result.assert_ok(&location);
    let text = result.text();
    assert!(text.contains("completed with:") && text.contains("noted: <i>check the card</i> (1 notes)"), "{text}");
    assert!(!result.html.contains("<i>check"), "the result is escaped");
    wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED").await;

    let empty = [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("name", "add_note"), ("input", "\" \"")];
    let rejected = post_form(&app, &url, &cookie, same_origin(), &empty).await;
    let location = rejected.location.expect("back to the form");
    let text = get(&app, &location).await.text();
    assert!(
        text.contains("rejected by the workflow's validator") && text.contains("a note must not be empty"),
        "{text}"
    );
    let unknown = [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("name", "add_note"), ("input", "{not json")];
    let bad = post_form(&app, &url, &cookie, same_origin(), &unknown).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text());
}

#[tokio::test]
async fn pause_and_unpause_change_the_status_and_the_offered_action() {
    let app = writable_app(&[]);
    let (workflow_id, run_id) = start_approval("pause").await;
    let url = urls::run_action(ns(), &workflow_id, &run_id, "pause");
    let (form, cookie) = open_form(&app, &url).await;
    form.assert_ok(&url);
    let csrf = csrf_in(&form.html);
    let fields = [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("reason", "hold for the incident")];
    let paused = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(paused.status, StatusCode::SEE_OTHER, "{}", paused.text());
    let history = get(&app, &urls::run_history(ns(), &workflow_id, &run_id)).await;
    assert!(history.text().contains("Paused"), "{}", history.text());
    let unpause = urls::run_action(ns(), &workflow_id, &run_id, "unpause");
    assert!(history.html.contains(&unpause), "unpause is offered on a paused run");
    wait_for_history(&workflow_id, &run_id, "hold for the incident").await;
    let done = post_form(&app, &unpause, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let history = get(&app, &urls::run_history(ns(), &workflow_id, &run_id)).await;
    assert!(history.html.contains(&url), "pause is offered again");
}
