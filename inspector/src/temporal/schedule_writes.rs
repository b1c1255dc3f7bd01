//! The writes on a schedule (PatchSchedule): pause and unpause with a note, trigger a run now, and
//! backfill a time range (the runs the spec names in it, started now). Pausing and unpausing follow
//! the `Pause` permission, a run triggered now or a backfill the `StartWorkflow` one (they start
//! workflows); the server's handler checks them (`server/src/write_handlers/`).
use crate::RequestContext;
use temporalio_protos::protos::temporal::api::{
    enums::v1::ScheduleOverlapPolicy,
    schedule::v1::{BackfillRequest, SchedulePatch, TriggerImmediatelyRequest},
    workflowservice::v1::PatchScheduleRequest,
};

use super::{TemporalClient, schedule_times};
use model::AppError;
use model::{ActionKind, BACKFILL_OVERLAP, ScheduleWrites};

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

/// A backfill's form: the range (UTC, exclusive of its start, inclusive of its end, as Temporal
/// reads it) and an overlap policy from [`BACKFILL_OVERLAP`] (empty: the schedule's own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backfill<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub overlap: &'a str,
}

impl Backfill<'_> {
    /// The request, or a sentence saying what in the form is wrong.
    pub fn request(&self) -> Result<BackfillRequest, AppError> {
        let bad = |problem: String| AppError::BadRequest(format!("{problem} Nothing was backfilled."));
        let (start, end) = schedule_times::range(self.from, self.to).map_err(bad)?;
        let overlap = match self.overlap.trim() {
            "" => ScheduleOverlapPolicy::Unspecified,
            "skip" => ScheduleOverlapPolicy::Skip,
            "buffer_one" => ScheduleOverlapPolicy::BufferOne,
            "buffer_all" => ScheduleOverlapPolicy::BufferAll,
            "cancel_other" => ScheduleOverlapPolicy::CancelOther,
            "terminate_other" => ScheduleOverlapPolicy::TerminateOther,
            "allow_all" => ScheduleOverlapPolicy::AllowAll,
            other => return Err(bad(format!("There is no overlap policy {other:?}."))),
        };
        Ok(BackfillRequest {
            start_time: Some(schedule_times::timestamp(start)),
            end_time: Some(schedule_times::timestamp(end)),
            overlap_policy: overlap as i32,
        })
    }

    /// The audit line's words: the range as read and the policy.
    pub fn detail(&self) -> String {
        let policy = BACKFILL_OVERLAP.iter().find(|(value, _)| *value == self.overlap.trim()).map(|(_, label)| *label);
        format!("backfill {:?} to {:?} (UTC), overlap {}", self.from.trim(), self.to.trim(), policy.unwrap_or("?"))
    }
}

/// Backfills the range: Temporal starts the runs the spec names in it.
pub async fn backfill(
    client: &TemporalClient,
    (namespace, schedule_id): (&str, &str),
    backfill: &Backfill<'_>,
    identity: &str,
) -> Result<(), AppError> {
    let patch = SchedulePatch { backfill_request: vec![backfill.request()?], ..Default::default() };
    send(client, (namespace, schedule_id), patch, identity).await
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
    send(client, (namespace, schedule_id), patch, identity).await
}

async fn send(
    client: &TemporalClient,
    (namespace, schedule_id): (&str, &str),
    patch: SchedulePatch,
    identity: &str,
) -> Result<(), AppError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backfill_reads_its_range_and_policy() {
        let form = Backfill { from: "2026-12-01T00:00", to: "2026-12-01T06:00", overlap: "allow_all" };
        let request = form.request().expect("a good form");
        assert_eq!(request.overlap_policy, ScheduleOverlapPolicy::AllowAll as i32);
        let seconds = |time: Option<prost_wkt_types::Timestamp>| time.map(|time| time.seconds).unwrap_or_default();
        assert_eq!(seconds(request.end_time) - seconds(request.start_time), 6 * 3600);
        assert!(form.detail().contains("overlap AllowAll"), "{}", form.detail());
        let own = Backfill { overlap: "", ..form.clone() }.request().expect("the schedule's own");
        assert_eq!(own.overlap_policy, 0);
    }

    #[test]
    fn a_bad_backfill_form_is_refused_with_a_sentence() {
        let backwards = Backfill { from: "2026-12-02T00:00", to: "2026-12-01T00:00", overlap: "" };
        let unknown = Backfill { from: "2026-12-01T00:00", to: "2026-12-02T00:00", overlap: "sometimes" };
        for (form, sentence) in [(backwards, "must end after it starts"), (unknown, "no overlap policy")] {
            let error = form.request().expect_err(sentence);
            assert!(matches!(&error, AppError::BadRequest(message) if message.contains(sentence)), "{error:?}");
        }
    }
}
