//! `POST /namespaces/{ns}/schedules/{schedule_id}/{pause|unpause|trigger}`: the writes on a
//! schedule. They pass the same checks as the run actions (pausing needs the `Pause` permission,
//! a run triggered now `StartWorkflow`), run as the user's identity, write one audit line whatever
//! the outcome, and lead back to the schedule's page.
use axum::{
    extract::{Path, Request, State},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use inspector::temporal::schedule_writes::{self, ScheduleWrite};

use super::{
    access_of, audit_entry,
    guard::{self, Claimed, Expected, Refusal},
    read_form, record_outcome, refuse, response,
};
use crate::state::AppState;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ScheduleForm {
    csrf: String,
    note: String,
}

pub async fn schedule_action(
    State(state): State<AppState>,
    Path((namespace, schedule_id, slug)): Path<(String, String, String)>,
    request: Request,
) -> Response {
    let (parts, form): (Parts, ScheduleForm) = match read_form(request).await {
        Ok(read) => read,
        Err(response) => return response,
    };
    let (access, token) = access_of(&parts);
    let mut entry = audit_entry(&state, &parts, &access, (&namespace, "", ""), &format!("schedule-{slug}"));
    entry.detail = format!("schedule {schedule_id:?}");
    entry.reason = form.note.trim().to_string();
    let Some(write) = ScheduleWrite::from_slug(&slug) else {
        let refusal =
            Refusal { status: StatusCode::NOT_FOUND, message: format!("There is no schedule action {slug:?}.") };
        return refuse(&state, &mut entry, &refusal);
    };
    let claimed = Claimed { csrf: &form.csrf, run_id: "", confirm: "" };
    let expected = Expected { action: write.kind(), namespace: &namespace, run_id: "", confirmation: None };
    if let Err(refusal) = guard::check(&access, token.as_ref(), &claimed, &expected) {
        return refuse(&state, &mut entry, &refusal);
    }
    let identity = access.identity();
    let client = state.cluster.temporal.for_request(&parts);
    let done = schedule_writes::patch(&client, (&namespace, &schedule_id), write, &form.note, &identity).await;
    record_outcome(&state, &mut entry, &done);
    let page = state.cluster.links().schedule(&namespace, &schedule_id);
    match done {
        Ok(()) => Redirect::to(&format!("{page}?done={slug}")).into_response(),
        Err(error) => response::failed(&error, &page),
    }
}
