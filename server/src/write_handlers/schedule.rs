//! `POST /namespaces/{ns}/schedules/{schedule_id}/{pause|unpause|trigger|backfill}`: the writes on
//! a schedule. They pass the same checks as the run actions (pausing needs the `Pause` permission,
//! a run triggered now or a backfill `StartWorkflow`; a backfill asks for the schedule ID typed
//! out), run as the user's identity, write one audit line whatever the outcome, and lead back to
//! the schedule's page.
use axum::{extract::Path, http::StatusCode, response::Response};
use inspector::temporal::schedule_writes::{self, Backfill, ScheduleWrite};
use model::ActionKind;

use super::{
    guard::{Expected, Refusal},
    response,
    write_request::{WriteForm, WriteRequest},
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ScheduleForm {
    csrf: String,
    note: String,
    /// Backfill: the range (UTC), the overlap policy, and the schedule ID typed out.
    from: String,
    to: String,
    overlap: String,
    confirm: String,
}

impl WriteForm for ScheduleForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
    /// The schedule's note is the write's reason.
    fn reason(&self) -> &str {
        &self.note
    }
    fn confirm(&self) -> &str {
        &self.confirm
    }
}

/// A backfill: the range and policy checked, then one PatchSchedule.
async fn backfill(mut write: WriteRequest<ScheduleForm>, namespace: &str, schedule_id: &str) -> Response {
    let expected = Expected {
        action: ActionKind::StartWorkflow,
        namespace,
        run_id: "",
        confirmation: Some((schedule_id, "the schedule ID")),
    };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let form = &write.form;
    let range = Backfill { from: &form.from, to: &form.to, overlap: &form.overlap };
    write.audit.detail = format!("schedule {schedule_id:?}: {}", range.detail());
    if let Err(error) = range.request() {
        return write.refuse(&Refusal::bad_request(error.to_string()));
    }
    let done = schedule_writes::backfill(&write.client, (namespace, schedule_id), &range, &write.identity).await;
    write.record(&done);
    let page = write.links.schedule(namespace, schedule_id);
    match done {
        Ok(()) => response::see(&format!("{page}?done=backfill")),
        Err(error) => response::failed(&error, &page),
    }
}

pub async fn schedule_action(
    Path((namespace, schedule_id, slug)): Path<(String, String, String)>,
    mut write: WriteRequest<ScheduleForm>,
) -> Response {
    write.audit_as(&format!("schedule-{slug}"), (&namespace, "", ""));
    write.audit.detail = format!("schedule {schedule_id:?}");
    if slug == "backfill" {
        return backfill(write, &namespace, &schedule_id).await;
    }
    // Refused and audited, unlike an unknown run or activity action (a 404 before any audit).
    let Some(schedule_write) = ScheduleWrite::from_slug(&slug) else {
        let message = format!("There is no schedule action {slug:?}.");
        return write.refuse(&Refusal { status: StatusCode::NOT_FOUND, message });
    };
    let expected = Expected { action: schedule_write.kind(), namespace: &namespace, run_id: "", confirmation: None };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let place = (namespace.as_str(), schedule_id.as_str());
    let done = schedule_writes::patch(&write.client, place, schedule_write, &write.form.note, &write.identity).await;
    write.record(&done);
    let page = write.links.schedule(&namespace, &schedule_id);
    match done {
        Ok(()) => response::see(&format!("{page}?done={slug}")),
        Err(error) => response::failed(&error, &page),
    }
}
