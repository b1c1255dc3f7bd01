//! Helpers of the write-action tests: an app with writes on, fresh runs of the fixture's approval
//! workflow to act on (the shared fixtures stay untouched), and posting a form as a browser would.
use std::time::{Duration, Instant};

use axum::{
    Router,
    body::Body,
    http::{Request, header},
};
use inspector::TemporalClient;
use temporalio_protos::protos::temporal::api::{
    common::v1::{Payload, Payloads, WorkflowType},
    taskqueue::v1::TaskQueue,
    workflowservice::v1::StartWorkflowExecutionRequest,
};

use crate::support::{Fixture, Page, app_with_config, get_with_headers, send_request, str_of};

pub const HOST: &str = "debugger.test";

/// The app with write actions on, plus `extra` flags.
pub fn writable_app(extra: &[&str]) -> Router {
    let fixture = Fixture::get();
    let mut args = vec!["server", "--temporal-address", &fixture.temporal_address, "--enable-write-actions", "true"];
    args.extend_from_slice(extra);
    app_with_config(server::Config::from_flags(args))
}

pub fn client() -> TemporalClient {
    TemporalClient::connect_plaintext(&Fixture::get().temporal_address, Duration::from_secs(10)).expect("client")
}

/// Starts an ApprovalWorkflow (waits for an `approve` signal) and waits for its first workflow
/// task to complete; answers (workflow ID, run ID).
pub async fn start_approval(label: &str) -> (String, String) {
    start_workflow(label, "ApprovalWorkflow", "\"tester@example.com\"").await
}

/// Starts a fixture workflow of `workflow_type` with one JSON argument and waits for its first
/// workflow task to complete; answers (workflow ID, run ID).
pub async fn start_workflow(label: &str, workflow_type: &str, json_argument: &str) -> (String, String) {
    let fixture = Fixture::get();
    let client = client();
    // Not under the fixtures' prefix: the list tests count exactly the fixtures.
    let workflow_id = format!("act-{}-{label}-{}", fixture.prefix(), uuid::Uuid::new_v4().simple());
    let input = Payload {
        metadata: [("encoding".to_string(), b"json/plain".to_vec())].into(),
        data: json_argument.as_bytes().to_vec(),
        ..Default::default()
    };
    let request = StartWorkflowExecutionRequest {
        namespace: fixture.namespace().into(),
        workflow_id: workflow_id.clone(),
        workflow_type: Some(WorkflowType { name: workflow_type.into() }),
        task_queue: Some(TaskQueue { name: str_of(&fixture.manifest, "task_queue").into(), ..Default::default() }),
        input: Some(Payloads { payloads: vec![input] }),
        identity: "integration test".into(),
        request_id: uuid::Uuid::new_v4().to_string(),
        ..Default::default()
    };
    let run_id = client
        .workflow_service()
        .start_workflow_execution(client.request(request))
        .await
        .unwrap_or_else(|status| panic!("start {workflow_type}: {status}"))
        .into_inner()
        .run_id;
    wait_for_history(&workflow_id, &run_id, "EVENT_TYPE_WORKFLOW_TASK_COMPLETED").await;
    (workflow_id, run_id)
}

/// The run's history as JSON text once it holds `needle` (within 20 s).
pub async fn wait_for_history(workflow_id: &str, run_id: &str, needle: &str) -> String {
    let fixture = Fixture::get();
    let app = crate::support::Fixture::get().app();
    let url = app::urls::history_json(fixture.namespace(), workflow_id, run_id);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = crate::support::get(&app, &url).await;
        if page.html.contains(needle) {
            return page.html;
        }
        assert!(Instant::now() < deadline, "{needle} never appeared in {workflow_id}/{run_id}: {}", page.html);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// A browser's visit to an action's form: the page, and the CSRF cookie it was given.
pub async fn open_form(app: &Router, url: &str) -> (Page, String) {
    let page = get_with_headers(app, url, &[("host", HOST)]).await;
    let cookie = page
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("tdbg_csrf="))
        .and_then(|value| value.split(';').next())
        .unwrap_or("")
        .to_string();
    (page, cookie)
}

/// The value of the form's hidden `csrf` input.
pub fn csrf_in(html: &str) -> String {
    let at = html.find("name=\"csrf\"").expect("the form has a csrf field");
    let value = &html[at..];
    let start = value.find("value=\"").expect("csrf value") + 7;
    value[start..].split('"').next().unwrap_or("").to_string()
}

/// Posts form `fields` with the given cookie and Origin (None: no Origin header).
pub async fn post_form(app: &Router, url: &str, cookie: &str, origin: Option<&str>, fields: &[(&str, &str)]) -> Page {
    let body = serde_urlencoded::to_string(fields).expect("form");
    let mut request = Request::post(url)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie);
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    send_request(app, request.body(Body::from(body)).expect("request")).await
}

pub fn same_origin() -> Option<&'static str> {
    Some("http://debugger.test")
}
