//! A run's versioning override (pinned, auto-upgrade, removed: each shown in the run's summary),
//! deleting one run from its actions, a batch delete after its dry run, and the refusals of every
//! write these pages added: writes off, the action turned off by its variable, a bad CSRF token.
use std::time::{Duration, Instant};

use app::urls;
use axum::{Router, http::StatusCode};
use temporalio_protos::protos::temporal::api::{
    common::v1::{WorkflowExecution, WorkflowType},
    taskqueue::v1::TaskQueue,
    workflowservice::v1::{DescribeWorkflowExecutionRequest, StartWorkflowExecutionRequest},
};

use crate::{
    actions_support::{client, csrf_in, open_form, post_form, same_origin, writable_app},
    support::{Fixture, get, str_of},
};

fn ns() -> &'static str {
    Fixture::get().namespace()
}

/// Starts a throwaway run of a type no worker has on `task_queue` (default: one no worker polls):
/// it stays open, its workflow task waiting or failing; answers (workflow ID, run ID).
async fn start_on(label: &str, task_queue: Option<&str>) -> (String, String) {
    let fixture = Fixture::get();
    let client = client();
    let workflow_id = format!("act-{}-{label}-{}", fixture.prefix(), uuid::Uuid::new_v4().simple());
    let request = StartWorkflowExecutionRequest {
        namespace: ns().into(),
        workflow_id: workflow_id.clone(),
        workflow_type: Some(WorkflowType { name: "ThrowawayWorkflow".into() }),
        task_queue: Some(TaskQueue {
            name: task_queue.map_or_else(|| format!("act-idle-{}", fixture.prefix()), str::to_string),
            ..Default::default()
        }),
        identity: "integration test".into(),
        request_id: uuid::Uuid::new_v4().to_string(),
        ..Default::default()
    };
    let started = client.workflow_service().start_workflow_execution(client.request(request)).await;
    (workflow_id, started.unwrap_or_else(|status| panic!("start: {status}")).into_inner().run_id)
}

async fn start_idle(label: &str) -> (String, String) {
    start_on(label, None).await
}

/// Whether Temporal still has the run (a delete completes in the background).
async fn exists(workflow_id: &str, run_id: &str) -> bool {
    let client = client();
    let request = DescribeWorkflowExecutionRequest {
        namespace: ns().into(),
        execution: Some(WorkflowExecution { workflow_id: workflow_id.into(), run_id: run_id.into() }),
    };
    match client.workflow_service().describe_workflow_execution(client.request(request)).await {
        Ok(_) => true,
        Err(status) if status.code() == tonic::Code::NotFound => false,
        Err(status) => panic!("describe {workflow_id}: {status}"),
    }
}

async fn wait_until_gone(workflow_id: &str, run_id: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while exists(workflow_id, run_id).await {
        assert!(Instant::now() < deadline, "{workflow_id} was never deleted");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// Sets the override through its form; answers the run's history page afterwards.
async fn set_override(app: &Router, (workflow_id, run_id): (&str, &str), choice: &[(&str, &str)]) -> String {
    let url = urls::run_action(ns(), workflow_id, run_id, "versioning");
    let (form, cookie) = open_form(app, &url).await;
    form.assert_ok(&url);
    let csrf = csrf_in(&form.html);
    let mut fields = vec![("csrf", csrf.as_str()), ("run_id", run_id)];
    fields.extend_from_slice(choice);
    let done = post_form(app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{choice:?}: {}", done.text());
    let history = done.location.expect("to the history");
    assert!(history.ends_with("?done=versioning"), "{history}");
    let page = get(app, &history).await;
    page.assert_ok(&history);
    page.text()
}

#[tokio::test]
async fn an_override_shows_in_the_summary_and_a_deleted_run_leaves_for_the_list() {
    let rollout = &Fixture::get().manifest["versioned"]["rollout"];
    let deployment = str_of(rollout, "deployment");
    let app = writable_app(&[]);
    // A pinned version must be present in the run's task queue: the rollout deployment's.
    let (workflow_id, run_id) = start_on("override", Some(str_of(rollout, "task_queue"))).await;
    let run = (workflow_id.as_str(), run_id.as_str());
    let history = get(&app, &urls::run_history(ns(), &workflow_id, &run_id)).await;
    for action in ["versioning", "delete"] {
        let link = urls::run_action(ns(), &workflow_id, &run_id, action);
        assert!(history.html.contains(&link), "the run's actions offer {action}");
    }
    let form = get(&app, &urls::run_action(ns(), &workflow_id, &run_id, "versioning")).await;
    assert!(form.text().contains("The run has no override now"), "{}", form.text());
    let pinned = [("override", "pinned"), ("deployment_name", deployment), ("build_id", "r1")];
    let text = set_override(&app, run, &pinned).await;
    assert!(text.contains(&format!("Versioning override pinned to {deployment}:r1")), "{text}");
    assert!(text.contains("Versioning override changed"), "the notice: {text}");
    let text = set_override(&app, run, &[("override", "auto-upgrade")]).await;
    assert!(text.contains("Versioning override auto-upgrade"), "{text}");
    let text = set_override(&app, run, &[("override", "remove")]).await;
    assert!(!text.contains("Versioning override auto-upgrade"), "removed: {text}");
    assert!(!text.contains("Versioning override pinned"), "removed: {text}");
    let unpinned = [("override", "pinned"), ("deployment_name", deployment), ("build_id", "")];
    let url = urls::run_action(ns(), &workflow_id, &run_id, "versioning");
    let (form, cookie) = open_form(&app, &url).await;
    let csrf = csrf_in(&form.html);
    let mut fields = vec![("csrf", csrf.as_str()), ("run_id", run_id.as_str())];
    fields.extend_from_slice(&unpinned);
    let refused = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text());
    assert!(refused.text().contains("give the worker deployment's name and the version's build ID"));

    let url = urls::run_action(ns(), &workflow_id, &run_id, "delete");
    let (form, cookie) = open_form(&app, &url).await;
    assert!(form.text().contains("Type the workflow ID"), "{}", form.text());
    let csrf = csrf_in(&form.html);
    let mut fields = [("csrf", csrf.as_str()), ("run_id", run_id.as_str()), ("confirm", "not it")];
    let wrong = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.text());
    assert!(exists(&workflow_id, &run_id).await, "an unconfirmed delete deletes nothing");
    fields[2].1 = workflow_id.as_str();
    let done = post_form(&app, &url, &cookie, same_origin(), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    let list = done.location.expect("to the list");
    assert_eq!(list, format!("{}?deleted={}", urls::workflows(ns()), urls::encode(&workflow_id)));
    let page = get(&app, &list).await;
    page.assert_ok(&list);
    assert!(page.text().contains(&format!("Run of workflow {workflow_id} deleted")), "{}", page.text());
    wait_until_gone(&workflow_id, &run_id).await;
}

#[tokio::test]
async fn a_batch_delete_counts_its_runs_first_and_deletes_each() {
    let fixture = Fixture::get();
    let app = writable_app(&[]);
    let label = format!("batchdel-{}", uuid::Uuid::new_v4().simple());
    let runs = [start_idle(&format!("{label}-0")).await, start_idle(&format!("{label}-1")).await];
    let query = format!("WorkflowId STARTS_WITH 'act-{}-{label}'", fixture.prefix());
    let url = urls::batch(ns(), &query);
    let deadline = Instant::now() + Duration::from_secs(20);
    let (form, cookie) = loop {
        let (form, cookie) = open_form(&app, &url).await;
        form.assert_ok(&url);
        if form.text().contains("This would affect 2 runs") {
            break (form, cookie);
        }
        assert!(Instant::now() < deadline, "the dry run never counted 2: {}", form.text());
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    assert!(form.html.contains("value=\"delete\""), "the batch offers delete");
    for (workflow_id, _) in &runs {
        assert!(form.text().contains(workflow_id.as_str()), "the sample lists {workflow_id}");
    }
    let csrf = csrf_in(&form.html);
    let fields = [
        ("csrf", csrf.as_str()),
        ("query", query.as_str()),
        ("action", "delete"),
        ("reason", "clean up"),
        ("count", "2"),
        ("confirm", "2"),
    ];
    let started = post_form(&app, &urls::batch(ns(), ""), &cookie, same_origin(), &fields).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text());
    let job = started.location.expect("to the job page");
    assert!(job.contains("/batch-operations/"), "{job}");
    for (workflow_id, run_id) in &runs {
        wait_until_gone(workflow_id, run_id).await;
    }
    let page = get(&app, &job).await;
    page.assert_ok(&job);
    assert!(page.text().contains("Delete") && page.text().contains("clean up"), "{}", page.text());
}

/// A write's URL, its form (without the token) and the variable that turns it off.
type NewWrite = (String, Vec<(&'static str, String)>, &'static str);

/// Each new write.
fn new_writes(workflow_id: &str, run_id: &str) -> Vec<NewWrite> {
    let rollout = str_of(&Fixture::get().manifest["versioned"]["rollout"], "deployment");
    let run = |action| urls::run_action(ns(), workflow_id, run_id, action);
    let run_id = run_id.to_string();
    vec![
        (
            format!("{}/current", urls::worker_deployment(ns(), rollout)),
            vec![("build_id", "r1".into()), ("confirm", rollout.into())],
            "TEMPORAL_WORKER_DEPLOYMENT_ROUTING_DISABLED",
        ),
        (
            run("versioning"),
            vec![("run_id", run_id.clone()), ("override", "auto-upgrade".into())],
            "TEMPORAL_WORKFLOW_VERSIONING_OVERRIDE_DISABLED",
        ),
        (
            run("delete"),
            vec![("run_id", run_id.clone()), ("confirm", workflow_id.into())],
            "TEMPORAL_WORKFLOW_DELETE_DISABLED",
        ),
        (
            urls::batch(ns(), ""),
            vec![
                ("query", format!("WorkflowId = '{workflow_id}'")),
                ("action", "delete".into()),
                ("count", "1".into()),
                ("confirm", "1".into()),
            ],
            "TEMPORAL_WORKFLOW_DELETE_DISABLED",
        ),
    ]
}

#[tokio::test]
async fn every_new_write_is_refused_when_off_when_turned_off_and_without_the_token() {
    let (workflow_id, run_id) = start_idle("refusals").await;
    let flag = |env: &str| format!("--{}", env.trim_start_matches("TEMPORAL_").to_lowercase().replace('_', "-"));
    for (url, fields, env) in new_writes(&workflow_id, &run_id) {
        // A form page, which gives the browser its CSRF cookie.
        let page = urls::run_action(ns(), &workflow_id, &run_id, "cancel");
        let read_only = Fixture::get().app();
        let turned_off = writable_app(&[&flag(env), "true"]);
        let writable = writable_app(&[]);
        for (app, token_ok, expected) in [
            (&read_only, true, "TDBG_ENABLE_WRITE_ACTIONS"),
            (&turned_off, true, env),
            (&writable, false, "CSRF token"),
        ] {
            let (_, cookie) = open_form(app, &page).await;
            let token = cookie.trim_start_matches("tdbg_csrf=").to_string();
            let csrf = if token_ok { token } else { "forged".to_string() };
            let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
            form.extend(fields.iter().map(|(name, value)| (*name, value.as_str())));
            let refused = post_form(app, &url, &cookie, same_origin(), &form).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{url} ({expected}): {}", refused.text());
            assert!(refused.text().contains(expected), "{url} ({expected}): {}", refused.text());
        }
    }
    assert!(exists(&workflow_id, &run_id).await, "no refused write deleted the run");
    let deployment = get(&Fixture::get().app(), &urls::worker_deployment(ns(), "fixtures")).await;
    assert!(deployment.text().contains("Current version v1"), "{}", deployment.text());
}
