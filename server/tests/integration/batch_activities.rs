//! Batches on pending activities: fresh runs of the fixture's InventoryWorkflow (its
//! `reserve_inventory` activity fails and is retried forever), picked by `RunId IN (…)`, have their
//! activities paused run by run, reset and unpaused by Temporal batch jobs; and the refusals.
use std::time::{Duration, Instant};

use app::urls;
use axum::http::StatusCode;
use temporalio_protos::protos::temporal::api::{
    common::v1::WorkflowExecution,
    workflow::v1::PendingActivityInfo,
    workflowservice::v1::{DescribeWorkflowExecutionRequest, TerminateWorkflowExecutionRequest},
};

use crate::{
    actions_support::{client, csrf_in, open_form, post_form, same_origin, start_workflow, writable_app},
    support::{Fixture, Page, get},
};

const ACTIVITY: &str = "reserve_inventory";

fn ns() -> &'static str {
    Fixture::get().namespace()
}

/// Two running InventoryWorkflow runs and the query that names exactly them.
async fn two_inventory_runs(label: &str) -> (Vec<(String, String)>, String) {
    let mut runs = Vec::new();
    for index in 0..2 {
        runs.push(start_workflow(&format!("{label}-{index}"), "InventoryWorkflow", "\"SKU-BATCH\"").await);
    }
    let ids: Vec<String> = runs.iter().map(|(_, run_id)| format!("'{run_id}'")).collect();
    let query = format!("ExecutionStatus='Running' AND RunId IN ({})", ids.join(","));
    (runs, query)
}

/// The dry run once visibility counts `expected` runs (within 20 s): the page and its cookie.
async fn dry_run(app: &axum::Router, url: &str, expected: usize) -> (Page, String) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (form, cookie) = open_form(app, url).await;
        form.assert_ok(url);
        if form.text().contains(&format!("This would affect {expected} run")) {
            return (form, cookie);
        }
        assert!(Instant::now() < deadline, "the dry run never counted {expected}: {}", form.text());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// The run's pending `reserve_inventory` activity.
async fn pending_activity(workflow_id: &str, run_id: &str) -> Option<PendingActivityInfo> {
    let client = client();
    let request = DescribeWorkflowExecutionRequest {
        namespace: ns().into(),
        execution: Some(WorkflowExecution { workflow_id: workflow_id.into(), run_id: run_id.into() }),
    };
    let described = client.workflow_service().describe_workflow_execution(client.request(request)).await;
    let described = described.expect("describe").into_inner();
    described
        .pending_activities
        .into_iter()
        .find(|activity| activity.activity_type.as_ref().is_some_and(|kind| kind.name == ACTIVITY))
}

/// Waits (within 30 s: batch jobs are asynchronous) until every run's activity satisfies `holds`.
async fn until_each(runs: &[(String, String)], what: &str, holds: impl Fn(&PendingActivityInfo) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    for (workflow_id, run_id) in runs {
        loop {
            let activity = pending_activity(workflow_id, run_id).await;
            if activity.as_ref().is_some_and(&holds) {
                break;
            }
            assert!(Instant::now() < deadline, "{workflow_id}: never {what}: {activity:?}");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
}

/// Ends the test's runs, whose activity would otherwise be retried for ever.
async fn terminate(runs: &[(String, String)]) {
    let client = client();
    for (workflow_id, run_id) in runs {
        let request = TerminateWorkflowExecutionRequest {
            namespace: ns().into(),
            workflow_execution: Some(WorkflowExecution { workflow_id: workflow_id.clone(), run_id: run_id.clone() }),
            reason: "test done".into(),
            ..Default::default()
        };
        client.workflow_service().terminate_workflow_execution(client.request(request)).await.expect("terminate");
    }
}

#[tokio::test]
async fn activities_are_paused_run_by_run_then_reset_and_unpaused_by_batch_jobs() {
    let app = writable_app(&[]);
    let (runs, query) = two_inventory_runs("batchact").await;
    until_each(&runs, "retried", |activity| activity.attempt >= 2).await;
    let preset = format!("{}&action=pause-activities&activity_type={ACTIVITY}", urls::batch(ns(), &query));
    let (form, cookie) = dry_run(&app, &preset, 2).await;
    assert!(form.html.contains(r#"value="pause-activities" checked"#), "preselected: {}", form.html);
    assert!(form.html.contains(&format!(r#"name="activity_type" value="{ACTIVITY}""#)), "prefilled");
    let csrf = csrf_in(&form.html);
    let fields = |action: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("query", query.clone()),
            ("action", action.to_string()),
            ("activity_type", ACTIVITY.to_string()),
            ("reason", "inventory service down".to_string()),
            ("count", "2".to_string()),
            ("confirm", "2".to_string()),
        ]
    };
    let send = |action: &'static str| {
        let (app, cookie, fields) = (app.clone(), cookie.clone(), fields(action));
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(key, value)| (*key, value.as_str())).collect();
            post_form(&app, &urls::batch(ns(), ""), &cookie, same_origin(), &fields).await
        }
    };

    let paused = send("pause-activities").await;
    assert_eq!(paused.status, StatusCode::SEE_OTHER, "{}", paused.text());
    let report_url = paused.location.expect("to the report");
    assert!(report_url.contains("/batch-resets/"), "{report_url}");
    let report = get(&app, &report_url).await;
    report.assert_ok(&report_url);
    assert!(report.text().contains("2 paused, 0 left alone, 0 failed"), "{}", report.text());
    assert!(report.text().contains(&format!("Pause each run's pending {ACTIVITY} activities")), "{}", report.text());
    until_each(&runs, "paused", |activity| activity.paused).await;
    // Paused already: the second pause leaves both alone.
    let again = send("pause-activities").await;
    let report_url = again.location.expect("to the second report");
    let text = get(&app, &report_url).await.text();
    assert!(text.contains("0 paused, 2 left alone, 0 failed") && text.contains("paused already"), "{text}");

    // A reset keeps them paused and counts their attempts from 1 again.
    let reset = send("reset-activities").await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER, "{}", reset.text());
    assert!(reset.location.as_deref().is_some_and(|to| to.contains("/batch-operations/")), "{:?}", reset.location);
    until_each(&runs, "reset while paused", |activity| activity.paused && activity.attempt == 1).await;

    let unpaused = send("unpause-activities").await;
    assert_eq!(unpaused.status, StatusCode::SEE_OTHER, "{}", unpaused.text());
    let job = unpaused.location.expect("to the job page");
    until_each(&runs, "unpaused", |activity| !activity.paused).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = get(&app, &job).await.text();
        if text.contains("2 of 2 done, 0 failed") {
            assert!(text.contains("Unpause") && text.contains("inventory service down"), "{text}");
            break;
        }
        assert!(Instant::now() < deadline, "the unpause job never finished: {text}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    for action in ["batch-pause-activities", "batch-reset-activities", "batch-unpause-activities"] {
        assert!(audit.lines().any(|line| line.contains(action) && line.contains(&query)), "{action} audited");
    }
    terminate(&runs).await;
}

#[tokio::test]
async fn activity_batches_need_writes_the_activity_permission_a_token_and_a_type() {
    let (runs, query) = two_inventory_runs("batchact-refused").await;
    let fields = |csrf: &str, action: &str, activity_type: &str| {
        serde_urlencoded::to_string([
            ("csrf", csrf),
            ("query", query.as_str()),
            ("action", action),
            ("activity_type", activity_type),
            ("count", "2"),
            ("confirm", "2"),
        ])
        .expect("form")
    };
    let as_pairs = |body: String| -> Vec<(String, String)> { serde_urlencoded::from_str(&body).expect("pairs") };
    async fn send(app: &axum::Router, cookie: &str, pairs: Vec<(String, String)>) -> Page {
        let fields: Vec<(&str, &str)> = pairs.iter().map(|(key, value)| (key.as_str(), value.as_str())).collect();
        post_form(app, &urls::batch(ns(), ""), cookie, same_origin(), &fields).await
    }

    // Writes off.
    let read_only = Fixture::get().app();
    let (_, cookie) = open_form(&read_only, &urls::batch(ns(), &query)).await;
    let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
    let refused = send(&read_only, &cookie, as_pairs(fields(&token, "unpause-activities", ACTIVITY))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());

    // Batches on, activity commands off: not offered, and refused.
    let no_activities = writable_app(&["--activity-commands-disabled", "true"]);
    let (form, cookie) = dry_run(&no_activities, &urls::batch(ns(), &query), 2).await;
    assert!(form.html.contains(r#"value="terminate""#), "the batch form is there: {}", form.text());
    assert!(!form.html.contains("pause-activities"), "no activity actions: {}", form.text());
    let csrf = csrf_in(&form.html);
    for action in ["pause-activities", "unpause-activities", "reset-activities"] {
        let refused = send(&no_activities, &cookie, as_pairs(fields(&csrf, action, ACTIVITY))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{action}: {}", refused.text());
        assert!(refused.text().contains("TEMPORAL_ACTIVITY_COMMANDS_DISABLED"), "{}", refused.text());
    }

    // Writes on: a forged token, and no activity type.
    let app = writable_app(&[]);
    let (form, cookie) = dry_run(&app, &urls::batch(ns(), &query), 2).await;
    let forged = send(&app, &cookie, as_pairs(fields("forged", "pause-activities", ACTIVITY))).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text());
    let csrf = csrf_in(&form.html);
    let untyped = send(&app, &cookie, as_pairs(fields(&csrf, "reset-activities", " "))).await;
    assert_eq!(untyped.status, StatusCode::BAD_REQUEST, "{}", untyped.text());
    assert!(untyped.text().contains("Name the activity type"), "{}", untyped.text());
    for (workflow_id, run_id) in &runs {
        let activity = pending_activity(workflow_id, run_id).await.expect("still pending");
        assert!(!activity.paused, "nothing was paused");
    }
    terminate(&runs).await;
}
