//! `POST /namespaces/{ns}/schedules/{schedule_id}/{pause|unpause|trigger}`: the writes on a
//! schedule. They pass the same checks as the run actions (pausing needs the `Pause` permission,
//! a run triggered now `StartWorkflow`), run as the user's identity, write one audit line whatever
//! the outcome, and lead back to the schedule's page.
use axum::{extract::Path, http::StatusCode, response::Response};
use inspector::temporal::schedule_writes::{self, ScheduleWrite};

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
}

impl WriteForm for ScheduleForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
    /// The schedule's note is the write's reason.
    fn reason(&self) -> &str {
        &self.note
    }
}

pub async fn schedule_action(
    Path((namespace, schedule_id, slug)): Path<(String, String, String)>,
    mut write: WriteRequest<ScheduleForm>,
) -> Response {
    write.audit_as(&format!("schedule-{slug}"), (&namespace, "", ""));
    write.audit.detail = format!("schedule {schedule_id:?}");
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
