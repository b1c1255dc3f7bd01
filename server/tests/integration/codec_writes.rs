//! With a codec server, what the debugger sends (a new run's input, a signal's argument) goes
//! through its `/encode` first, as the workers expect; when it is down nothing is sent.
use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, wait_for_history, writable_app},
    support::{Fixture, closed_port, get, str_of},
};

#[tokio::test]
async fn a_started_run_and_a_signal_are_encoded_by_the_codec_server() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let endpoint = std::env::var("TDBG_CODEC_ENDPOINT").expect("TDBG_CODEC_ENDPOINT: run with `cargo xtask test`");
    let cluster = format!("codec-writes-{}", uuid::Uuid::new_v4().simple());
    let app = writable_app(&["--codec-endpoint", &endpoint, "--cluster-name", &cluster]);
    let entry = fixture.workflow("encoded_running");
    let (workflow_id, run_id) = (str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let start = urls::run_action(ns, workflow_id, run_id, "start");
    let (form, cookie) = open_form(&app, &start).await;
    form.assert_ok(&start);
    let plain = str_of(entry, "plain_input");
    assert!(form.html.contains(&plain.replace('"', "&quot;")) || form.html.contains(plain), "decoded prefill");
    let csrf = csrf_in(&form.html);
    let new_id = format!("act-{}-codec-{}", fixture.prefix(), uuid::Uuid::new_v4().simple());
    let input = "[\"codec-start@example.com\"]";
    let task_queue = str_of(&fixture.manifest, "codec_task_queue");
    let fields = [
        ("csrf", csrf.as_str()),
        ("run_id", run_id),
        ("workflow_id", new_id.as_str()),
        ("workflow_type", "ApprovalWorkflow"),
        ("task_queue", task_queue),
        ("input", input),
    ];
    let started = post_form(&app, &start, &cookie, same_origin(), &fields).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text());
    let location = started.location.expect("to the new run");
    let new_run = location.split('/').rev().nth(1).expect("run id in the location").to_string();
    // Stored encoded: the plain app sees binary/encrypted, the codec app the input.
    let raw = wait_for_history(&new_id, &new_run, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    assert!(!raw.contains("codec-start@example.com"), "the input is not stored in plain: {raw}");
    let page = get(&app, &urls::run_history(ns, &new_id, &new_run)).await;
    assert!(page.text().contains("codec-start@example.com"), "{}", page.text());
    assert!(page.text().contains("decoded by the codec server from binary/encrypted"), "{}", page.text());

    let signal = urls::run_action(ns, &new_id, &new_run, "signal");
    let (form, cookie) = open_form(&app, &signal).await;
    let csrf = csrf_in(&form.html);
    let fields =
        [("csrf", csrf.as_str()), ("run_id", new_run.as_str()), ("name", "approve"), ("input", "\"codec approver\"")];
    let sent = post_form(&app, &signal, &cookie, same_origin(), &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    // The codec worker could read the argument: the run completes.
    let raw = wait_for_history(&new_id, &new_run, "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED").await;
    assert!(!raw.contains("codec approver"), "the signal's argument is not stored in plain: {raw}");

    let broken = writable_app(&["--codec-endpoint", &format!("http://127.0.0.1:{}", closed_port())]);
    // The run has completed, so the form offers nothing; the double-submit token is the cookie's.
    let (_, cookie) = open_form(&broken, &signal).await;
    let csrf = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let fields = [("csrf", csrf.as_str()), ("run_id", new_run.as_str()), ("name", "approve"), ("input", "\"x\"")];
    let refused = post_form(&broken, &signal, &cookie, same_origin(), &fields).await;
    assert_eq!(refused.status, StatusCode::BAD_GATEWAY, "{}", refused.text());
    assert!(refused.text().contains("nothing was sent"), "{}", refused.text());
}
