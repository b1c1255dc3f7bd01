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
