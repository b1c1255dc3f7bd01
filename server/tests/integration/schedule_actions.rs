//! The writes on a schedule against a schedule of the test's own (the fixture's stay untouched):
//! pause with a note, unpause, trigger a run now, each with its CSRF token and audit line; refused
//! on a read-only server and with a forged token.
use std::time::{Duration, Instant};

use app::urls;
use axum::http::StatusCode;
use temporalio_protos::protos::temporal::api::{
    common::v1::WorkflowType,
    schedule::v1::{IntervalSpec, Schedule, ScheduleAction, ScheduleSpec, schedule_action::Action},
    taskqueue::v1::TaskQueue,
    workflow::v1::NewWorkflowExecutionInfo,
    workflowservice::v1::{CreateScheduleRequest, DeleteScheduleRequest},
};

use crate::{
    actions_support::{client, csrf_in, open_form, post_form, same_origin, writable_app},
    support::{Fixture, get, str_of},
};

/// Creates an hourly schedule of GreetingWorkflow (outside the fixtures' prefix); answers its ID.
pub async fn create_schedule(label: &str) -> String {
    let fixture = Fixture::get();
    let schedule_id = format!("sched-{}-{label}-{}", fixture.prefix(), uuid::Uuid::new_v4().simple());
    let start = NewWorkflowExecutionInfo {
        workflow_id: format!("{schedule_id}-wf"),
        workflow_type: Some(WorkflowType { name: "GreetingWorkflow".into() }),
        task_queue: Some(TaskQueue { name: str_of(&fixture.manifest, "task_queue").into(), ..Default::default() }),
        input: Some(temporalio_protos::protos::temporal::api::common::v1::Payloads {
            payloads: vec![temporalio_protos::protos::temporal::api::common::v1::Payload {
                metadata: [("encoding".to_string(), b"json/plain".to_vec())].into(),
                data: b"\"schedule action test\"".to_vec(),
                ..Default::default()
            }],
        }),
        ..Default::default()
    };
    // Hourly (the Duration type is named through the field: no extra dependency).
    let mut hourly = IntervalSpec { interval: Some(Default::default()), phase: None };
    if let Some(every) = hourly.interval.as_mut() {
        every.seconds = 3600;
    }
    let schedule = Schedule {
        spec: Some(ScheduleSpec { interval: vec![hourly], ..Default::default() }),
        action: Some(ScheduleAction { action: Some(Action::StartWorkflow(start)) }),
        ..Default::default()
    };
    let client = client();
    let request = CreateScheduleRequest {
        namespace: fixture.namespace().into(),
        schedule_id: schedule_id.clone(),
        schedule: Some(schedule),
        identity: "integration test".into(),
        request_id: uuid::Uuid::new_v4().to_string(),
        ..Default::default()
    };
    client.workflow_service().create_schedule(tonic::Request::new(request)).await.expect("create the schedule");
    schedule_id
}

pub async fn delete_schedule(schedule_id: &str) {
    let client = client();
    let request = DeleteScheduleRequest {
        namespace: Fixture::get().namespace().into(),
        schedule_id: schedule_id.into(),
        identity: "integration test".into(),
    };
    let _ = client.workflow_service().delete_schedule(tonic::Request::new(request)).await;
}

/// The schedule's page once it holds `needle` (within 20 s).
pub async fn page_with(app: &axum::Router, url: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = get(app, url).await;
        let text = page.text();
        if text.contains(needle) {
            return text;
        }
        assert!(Instant::now() < deadline, "{needle:?} never appeared on {url}: {text}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test]
async fn a_schedule_is_paused_with_a_note_unpaused_and_triggered() {
    let schedule_id = create_schedule("act").await;
    let url = urls::schedule(Fixture::get().namespace(), &schedule_id);
    let app = writable_app(&[]);
    let (form, cookie) = open_form(&app, &url).await;
    form.assert_ok(&url);
    assert!(form.html.contains(&format!("action=\"{url}/pause\"")), "a pause form");
    assert!(form.html.contains(&format!("action=\"{url}/trigger\"")), "a trigger form");
    let csrf = csrf_in(&form.html);

    let forged = post_form(&app, &format!("{url}/pause"), &cookie, same_origin(), &[("csrf", "forged")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text());
    let note = "paused by the test: <b>maintenance</b>";
    let fields = [("csrf", csrf.as_str()), ("note", note)];
    let paused = post_form(&app, &format!("{url}/pause"), &cookie, same_origin(), &fields).await;
    assert_eq!(paused.status, StatusCode::SEE_OTHER, "{}", paused.text());
    assert_eq!(paused.location.as_deref(), Some(format!("{url}?done=pause").as_str()));
    let text = page_with(&app, &url, "State Paused").await;
    assert!(text.contains(&format!("Note {note}")), "the note, as text: {text}");
    let (form, _) = open_form(&app, &url).await;
    assert!(form.html.contains(&format!("action=\"{url}/unpause\"")), "an unpause form once paused");
    assert!(!form.html.contains("<b>maintenance</b>"), "the note is escaped");

    let fields = [("csrf", csrf.as_str()), ("note", "")];
    let unpaused = post_form(&app, &format!("{url}/unpause"), &cookie, same_origin(), &fields).await;
    assert_eq!(unpaused.status, StatusCode::SEE_OTHER, "{}", unpaused.text());
    page_with(&app, &url, "State Active").await;

    let triggered = post_form(&app, &format!("{url}/trigger"), &cookie, same_origin(), &[("csrf", &csrf)]).await;
    assert_eq!(triggered.status, StatusCode::SEE_OTHER, "{}", triggered.text());
    let text = page_with(&app, &url, &format!("{schedule_id}-wf-")).await;
    assert!(!text.contains("This schedule has not started a run yet."), "{text}");

    let audit = std::fs::read_to_string(crate::support::test_data_dir().join("audit.jsonl")).expect("audit log");
    let lines: Vec<&str> = audit.lines().filter(|line| line.contains(&schedule_id)).collect();
    assert_eq!(lines.len(), 4, "the forged and the three accepted writes are audited:\n{audit}");
    assert!(lines.iter().any(|line| line.contains("schedule-trigger") && line.contains("\"ok\"")), "{lines:?}");
    delete_schedule(&schedule_id).await;
}

#[tokio::test]
async fn a_read_only_server_offers_no_schedule_writes_and_refuses_them() {
    let schedule_id = create_schedule("readonly").await;
    let app = Fixture::get().app();
    let url = urls::schedule(Fixture::get().namespace(), &schedule_id);
    let (page, cookie) = open_form(&app, &url).await;
    page.assert_ok(&url);
    assert!(!page.html.contains("/pause\""), "no pause form on a read-only server");
    assert!(!page.html.contains("/trigger\""), "no trigger form");
    let refused = post_form(&app, &format!("{url}/pause"), &cookie, same_origin(), &[("csrf", "x")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());
    let only_pause = writable_app(&["--workflow-pause-disabled", "true"]);
    let (page, _) = open_form(&only_pause, &url).await;
    assert!(!page.html.contains("/pause\"") && page.html.contains("/trigger\""), "pause off, trigger on");
    let text = get(&app, &url).await.text();
    assert!(text.contains("State Active"), "nothing changed: {text}");
    delete_schedule(&schedule_id).await;
}
