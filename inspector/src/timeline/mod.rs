//! The timeline tab's data: the history read once (a closed run's long one from both ends at once)
//! into lanes (`lanes`), then laid out for the window and filters the URL asks for (`layout`).
pub mod closed_runs;
pub mod lanes;
pub mod layout;
pub mod svg;

use crate::RequestContext;
use std::{collections::HashMap, ops::ControlFlow, sync::Arc};

use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

use closed_runs::RunLanes;

use super::temporal::{
    TemporalClient,
    history::{self, Direction},
    run_context, time,
};
use model::AppError;
use model::{RunRef, TimelineOptions, TimelinePage};

pub async fn timeline_page(
    ctx: &RequestContext,
    run: &RunRef,
    options: TimelineOptions,
) -> Result<TimelinePage, AppError> {
    let (client, zone, (namespace, workflow_id, run_id)) = (&ctx.client, &*ctx.zone, run.ids());
    let run_context::RunContext { described, header } = run_context::load(ctx, run).await?;
    let running = header.status.is_running();
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let start = time::millis(info.start_time.as_ref());
    let notes: HashMap<String, String> = described
        .pending_activities
        .iter()
        .map(|activity| {
            let failure =
                activity.last_failure.as_ref().map(|f| format!(", last failure: {}", f.message)).unwrap_or_default();
            (activity.activity_id.clone(), format!("attempt {}{failure}", activity.attempt))
        })
        .chain(described.pending_nexus_operations.iter().map(|operation| {
            let failure = operation
                .last_attempt_failure
                .as_ref()
                .map(|f| format!(", last failure: {}", f.message))
                .unwrap_or_default();
            (lanes::nexus_note_key(operation.scheduled_event_id), format!("attempt {}{failure}", operation.attempt))
        }))
        .collect();
    // A closed run's long history is read once and its lanes kept for the next zoom or filter.
    let key = (!running && info.history_length > closed_runs::KEPT_ABOVE_EVENTS)
        .then(|| (client.scope(), namespace.to_string(), workflow_id.to_string(), run_id.to_string()));
    let read = match key.as_ref().and_then(|key| ctx.kept_lanes.get(key)) {
        Some(kept) => kept,
        None => {
            let mut builder = read_lanes(client, run, (!running).then_some(info.history_length)).await?;
            let times = std::mem::take(&mut builder.times);
            let run_to = run_end(start.or(times.first().copied()).unwrap_or(0), &times, running);
            let events = builder.events;
            let lanes = builder.finish(run_to, running, &notes);
            let read = RunLanes { lanes: Arc::new(lanes), times: Arc::new(times), events };
            if let Some(key) = key {
                ctx.kept_lanes.keep(key, read.clone());
            }
            read
        }
    };
    let RunLanes { lanes, times, events } = read;
    let run_from = start.or(times.first().copied()).unwrap_or(0);
    let run_to = run_end(run_from, &times, running);
    let lanes = Arc::try_unwrap(lanes).unwrap_or_else(|kept| (*kept).clone());
    let total_lanes = lanes.len();
    let (from, to) = options
        .window
        .map(|(from, to)| (from.max(run_from), to.min(run_to)))
        .filter(|(from, to)| to > from)
        .unwrap_or((run_from, run_to));
    let laid = layout::layout(lanes, &times, (from, to), &options, zone);
    let svg = svg::draw(&laid, |event_id| ctx.links.event(namespace, workflow_id, run_id, event_id));
    Ok(TimelinePage {
        header,
        svg,
        scale: laid.scale.clone(),
        drawn_lanes: laid.lanes.len(),
        gaps: laid.gaps.len(),
        options,
        from_millis: from,
        to_millis: to,
        run_from_millis: run_from,
        run_to_millis: run_to,
        matched_lanes: laid.matched_lanes,
        total_lanes,
        events,
        running,
    })
}

/// A closed run ends with its last event; an open one is drawn up to now.
fn run_end(run_from: i64, times: &[i64], running: bool) -> i64 {
    let last_event = times.last().copied().unwrap_or(run_from);
    if running { time::now_millis().max(last_event) } else { last_event }
}

/// Histories longer than this many events are read from both ends at once when the run is closed.
const BOTH_ENDS_ABOVE: i64 = 2 * history::PAGE_SIZE as i64;

/// Every event of the history through the lane builder, oldest first. A closed run's long history
/// is read from both ends at once (its length is known); an open one's from the start.
async fn read_lanes(
    client: &TemporalClient,
    run: &RunRef,
    closed_length: Option<i64>,
) -> Result<lanes::LaneBuilder, AppError> {
    if let Some(length) = closed_length.filter(|length| *length > BOTH_ENDS_ABOVE) {
        let mut builder = lanes::LaneBuilder::default();
        if let Some(newer) = history::scan_both_ends(client, run, length, |event| builder.visit(&event)).await? {
            use prost::Message;
            let decoded = newer.iter().try_for_each(|encoded| {
                builder.visit(&HistoryEvent::decode(encoded.as_slice())?);
                Ok::<_, prost::DecodeError>(())
            });
            match decoded {
                Ok(()) => return Ok(builder),
                Err(error) => tracing::warn!(%error, "a held history event did not decode; reading it from the start"),
            }
        } else {
            tracing::info!(length, "the history's halves did not meet; reading it from the start");
        }
    }
    let mut builder = lanes::LaneBuilder::default();
    history::scan(client, run, Direction::OldestFirst, |event| {
        builder.visit(&event);
        ControlFlow::Continue(())
    })
    .await?;
    Ok(builder)
}
