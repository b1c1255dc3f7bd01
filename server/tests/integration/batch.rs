//! Batch recovery from a visibility query: the dry run counts what the job will touch, the typed
//! count confirms it, and a batch signal (which the Temporal UI cannot send) reaches every run.
use std::time::{Duration, Instant};

use app::urls;
use axum::http::StatusCode;

use crate::{
    actions_support::{csrf_in, open_form, post_form, same_origin, start_workflow, wait_for_history, writable_app},
    support::{Fixture, get},
};

#[tokio::test]
async fn a_dry_run_counts_the_runs_and_a_batch_signal_reaches_each() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let app = writable_app(&[]);
    let label = format!("batch-{}", uuid::Uuid::new_v4().simple());
    let mut runs = Vec::new();
    for index in 0..3 {
        runs.push(start_workflow(&format!("{label}-{index}"), "ApprovalWorkflow", "\"batch@example.com\"").await);
    }
    let query = format!("WorkflowId STARTS_WITH 'act-{}-{label}' AND ExecutionStatus = 'Running'", fixture.prefix());
    let url = urls::batch(ns, &query);
    // Visibility catches up within a second or two.
    let deadline = Instant::now() + Duration::from_secs(20);
    let (form, cookie) = loop {
        let (form, cookie) = open_form(&app, &url).await;
        form.assert_ok(&url);
        if form.text().contains("This would affect 3 runs") {
            break (form, cookie);
        }
        assert!(Instant::now() < deadline, "the dry run never counted 3: {}", form.text());
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    for (workflow_id, _) in &runs {
        assert!(form.text().contains(workflow_id.as_str()), "the sample lists {workflow_id}");
    }
    let csrf = csrf_in(&form.html);
    let post = urls::batch(ns, "");
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("query", query.as_str()),
        ("action", "signal"),
        ("signal", "approve"),
        ("input", "\"batch operator\""),
        ("reason", "approve the stuck ones"),
        ("count", "3"),
        ("confirm", "2"),
    ];
    let wrong = post_form(&app, &post, &cookie, same_origin(), &fields).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.text());
    assert!(wrong.text().contains("type the number of runs"), "{}", wrong.text());
    fields.last_mut().expect("confirm").1 = "3";
    let started = post_form(&app, &post, &cookie, same_origin(), &fields).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text());
    let job = started.location.expect("to the job page");
    assert!(job.contains("/batch-operations/"), "{job}");
    for (workflow_id, run_id) in &runs {
        let history = wait_for_history(workflow_id, run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED").await;
        assert!(history.contains("EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED"), "{history}");
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = get(&app, &job).await;
        page.assert_ok(&job);
        let text = page.text();
        if text.contains("3 of 3 done, 0 failed") && text.contains("Completed") {
            assert!(text.contains("Signal") && text.contains("approve the stuck ones"), "{text}");
            break;
        }
        assert!(Instant::now() < deadline, "the job never finished: {text}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn a_batch_needs_a_query_and_its_own_permission() {
    let ns = Fixture::get().namespace();
    let app = writable_app(&["--batch-actions-disabled", "true"]);
    let empty = get(&app, &urls::batch(ns, "")).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.text());
    assert!(empty.text().contains("every workflow in the namespace"), "{}", empty.text());
    let query = "WorkflowType = 'ApprovalWorkflow'";
    let (plan, cookie) = open_form(&app, &urls::batch(ns, query)).await;
    assert!(plan.text().contains("TEMPORAL_BATCH_ACTIONS_DISABLED"), "{}", plan.text());
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let fields =
        [("csrf", token.as_str()), ("query", query), ("action", "terminate"), ("count", "1"), ("confirm", "1")];
    let refused = post_form(&app, &urls::batch(ns, ""), &cookie, same_origin(), &fields).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());
    let list = get(&app, &urls::workflows_query(ns, query, None)).await;
    assert!(!list.html.contains("/batch?query="), "no batch link when batches are off");
}

/// The dry run, waited for until visibility counts `expected` runs; answers the form and its cookie.
async fn dry_run(app: &axum::Router, query: &str, expected: usize) -> (crate::support::Page, String) {
    let url = urls::batch(Fixture::get().namespace(), query);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (form, cookie) = open_form(app, &url).await;
        form.assert_ok(&url);
        if form.text().contains(&format!("This would affect {expected} run")) {
            return (form, cookie);
        }
        assert!(Instant::now() < deadline, "the dry run never counted {expected}: {}", form.text());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test]
async fn a_reset_before_each_first_failure_resets_the_failed_runs_and_leaves_the_others() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let app = writable_app(&[]);
    let label = format!("failreset-{}", uuid::Uuid::new_v4().simple());
    let order = r#"{"order_id": "ord-reset", "amount_cents": 100}"#;
    let mut failed = Vec::new();
    for index in 0..2 {
        let (workflow_id, run_id) = start_workflow(&format!("{label}-pay{index}"), "PaymentWorkflow", order).await;
        wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_EXECUTION_FAILED").await;
        failed.push((workflow_id, run_id));
    }
    let (healthy, _) = start_workflow(&format!("{label}-ok"), "ApprovalWorkflow", "\"reset@example.com\"").await;
    let query = format!("WorkflowId STARTS_WITH 'act-{}-{label}'", fixture.prefix());
    let (form, cookie) = dry_run(&app, &query, 3).await;
    assert!(form.text().contains("before its first failure"), "the form offers it: {}", form.text());
    let csrf = csrf_in(&form.html);
    let fields = [
        ("csrf", csrf.as_str()),
        ("query", query.as_str()),
        ("action", "reset-failure"),
        ("reason", "retry the declined payments"),
        ("count", "3"),
        ("confirm", "3"),
    ];
    let done = post_form(&app, &urls::batch(ns, ""), &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let report_url = done.location.expect("to the report");
    assert!(report_url.contains("/batch-resets/"), "{report_url}");
    let report = get(&app, &report_url).await;
    report.assert_ok(&report_url);
    let text = report.text();
    assert!(text.contains("2 reset, 1 left alone, 0 failed"), "{text}");
    assert!(text.contains("before activity charge_card failed"), "{text}");
    assert!(text.contains(&healthy) && text.contains("no failure in its history"), "{text}");
    for (workflow_id, run_id) in &failed {
        assert!(text.contains(workflow_id.as_str()), "{text}");
        // The new run is linked, and its history is a reset of the failed one.
        let marker = format!("/workflows/{}/", urls::encode(workflow_id));
        let new_run = report
            .html
            .match_indices(&marker)
            .filter_map(|(at, _)| report.html[at + marker.len()..].split('/').next())
            .find(|id| *id != run_id.as_str())
            .expect("a link to the new run")
            .to_string();
        let history = wait_for_history(workflow_id, &new_run, "EVENT_TYPE_WORKFLOW_TASK_FAILED").await;
        assert!(history.contains(run_id.as_str()), "the new run names the reset one: {history}");
    }
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    let id = report_url.rsplit('/').next().expect("report id");
    let line = audit.lines().find(|line| line.contains(id)).expect("an audit line for the reset");
    assert!(line.contains("batch-reset-failure") && line.contains("2 reset"), "{line}");
    let unknown = get(&app, &urls::batch_resets(ns, "no-such-report")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.text());
    assert!(unknown.text().contains("the data directory keeps the latest"), "{}", unknown.text());
    // Kept in the data directory: another replica sharing it serves the report too.
    get(&Fixture::get().app(), &report_url).await.assert_ok(&report_url);
}

#[tokio::test]
async fn a_batch_job_can_be_stopped_with_its_token_only() {
    let fixture = Fixture::get();
    let ns = fixture.namespace();
    let app = writable_app(&[]);
    let label = format!("batchstop-{}", uuid::Uuid::new_v4().simple());
    for index in 0..2 {
        start_workflow(&format!("{label}-{index}"), "ApprovalWorkflow", "\"stop@example.com\"").await;
    }
    let query = format!("WorkflowId STARTS_WITH 'act-{}-{label}'", fixture.prefix());
    let (form, cookie) = dry_run(&app, &query, 2).await;
    let csrf = csrf_in(&form.html);
    let fields = [
        ("csrf", csrf.as_str()),
        ("query", query.as_str()),
        ("action", "cancel"),
        ("reason", "stop test"),
        ("count", "2"),
        ("confirm", "2"),
    ];
    let started = post_form(&app, &urls::batch(ns, ""), &cookie, same_origin(), &fields).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text());
    let job = started.location.expect("to the job page");
    let job_page = job.split('?').next().expect("job page").to_string();
    let stop = format!("{job_page}/stop");
    let forged = post_form(&app, &stop, &cookie, same_origin(), &[("csrf", "forged"), ("reason", "x")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text());
    let stopped =
        post_form(&app, &stop, &cookie, same_origin(), &[("csrf", csrf.as_str()), ("reason", "enough")]).await;
    // The job may already have finished (two runs take Temporal a moment): then the answer is
    // Temporal's sentence, never a server error.
    match stopped.status {
        StatusCode::SEE_OTHER => {
            assert!(stopped.location.as_deref().is_some_and(|to| to.ends_with("?done=stop")), "{:?}", stopped.location)
        }
        status => {
            assert!(status.is_client_error(), "{status}: {}", stopped.text());
            assert!(stopped.text().contains("Temporal did not do it"), "{}", stopped.text());
        }
    }
    let page = get(&app, &job_page).await;
    page.assert_ok(&job_page);
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    let job_id = job_page.rsplit('/').next().expect("job id");
    let stops = audit.lines().filter(|line| line.contains("batch-stop") && line.contains(job_id)).count();
    assert_eq!(stops, 2, "the refused and the accepted stop are both audited:\n{audit}");
}
