//! The writes on a schedule (PatchSchedule): pause and unpause with a note, and trigger a run now.
//! Pausing and unpausing follow the `Pause` permission, a run triggered now the `StartWorkflow`
//! one (it starts a workflow); the server's handler checks them (`server/src/write_handlers/`).
use crate::RequestContext;
use temporalio_protos::protos::temporal::api::{
    schedule::v1::{SchedulePatch, TriggerImmediatelyRequest},
    workflowservice::v1::PatchScheduleRequest,
};

use super::TemporalClient;
use model::AppError;
use model::{ActionKind, ScheduleWrites};

/// One write on a schedule, by its URL segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleWrite {
    Pause,
    Unpause,
    Trigger,
}

impl ScheduleWrite {
    pub fn from_slug(slug: &str) -> Option<ScheduleWrite> {
        match slug {
            "pause" => Some(ScheduleWrite::Pause),
            "unpause" => Some(ScheduleWrite::Unpause),
            "trigger" => Some(ScheduleWrite::Trigger),
            _ => None,
        }
    }

    /// The permission it needs.
    pub fn kind(self) -> ActionKind {
        match self {
            ScheduleWrite::Pause | ScheduleWrite::Unpause => ActionKind::Pause,
            ScheduleWrite::Trigger => ActionKind::StartWorkflow,
        }
    }
}

/// What the schedule page may offer the person looking at it.
pub fn writes(ctx: &RequestContext, namespace: &str) -> ScheduleWrites {
    let access = &ctx.access;
    ScheduleWrites {
        csrf_token: ctx.csrf.token(),
        can_pause: access.check(ActionKind::Pause, namespace).is_ok(),
        can_trigger: access.check(ActionKind::StartWorkflow, namespace).is_ok(),
    }
}

/// Applies `write`; a pause or unpause keeps `note` as the schedule's note (Temporal needs one:
/// an empty note would change nothing, so it gets a sentence naming who did it).
pub async fn patch(
    client: &TemporalClient,
    (namespace, schedule_id): (&str, &str),
    write: ScheduleWrite,
    note: &str,
    identity: &str,
) -> Result<(), AppError> {
    let note = note.trim();
    let note =
        |verb: &str| if note.is_empty() { format!("{verb} in the debugger by {identity}") } else { note.to_string() };
    let patch = match write {
        ScheduleWrite::Pause => SchedulePatch { pause: note("paused"), ..Default::default() },
        ScheduleWrite::Unpause => SchedulePatch { unpause: note("unpaused"), ..Default::default() },
        ScheduleWrite::Trigger => SchedulePatch {
            // The schedule's own overlap policy.
            trigger_immediately: Some(TriggerImmediatelyRequest::default()),
            ..Default::default()
        },
    };
    let request = PatchScheduleRequest {
        namespace: namespace.to_string(),
        schedule_id: schedule_id.to_string(),
        patch: Some(patch),
        identity: identity.to_string(),
        request_id: uuid::Uuid::new_v4().to_string(),
    };
    client
        .workflow_service()
        .patch_schedule(client.request(request))
        .await
        .map(|_| ())
        .map_err(|status| client.error(status, &format!("schedule \"{schedule_id}\"")))
}
