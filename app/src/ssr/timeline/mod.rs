//! The timeline tab's data: the history read once (a closed run's long one from both ends at once)
//! into lanes (`lanes`), then laid out for the window and filters the URL asks for (`layout`).
pub mod lanes;
pub mod layout;
pub mod svg;

use std::{collections::HashMap, ops::ControlFlow};

use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

use super::temporal::{
    TemporalClient,
    describe::describe,
    history::{self, Direction},
    time, workflow_task_problem,
};
use crate::{
    error::AppError,
    model::{TimelineOptions, TimelinePage, ZoneRules},
};

pub async fn timeline_page(
    client: &TemporalClient,
    (namespace, workflow_id, run_id): (&str, &str, &str),
    options: TimelineOptions,
    zone: &ZoneRules,
) -> Result<TimelinePage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = workflow_task_problem::run_header(client, namespace, &described).await;
    let running = header.status.is_running();
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let mut builder =
        read_lanes(client, (namespace, workflow_id, run_id), (!running).then_some(info.history_length)).await?;
    let run_from = time::millis(info.start_time.as_ref()).or(builder.times.first().copied()).unwrap_or(0);
    let last_event = builder.times.last().copied().unwrap_or(run_from);
    let run_to = if running { time::now_millis().max(last_event) } else { last_event };
    let notes: HashMap<String, String> = described
        .pending_activities
        .iter()
        .map(|activity| {
            let failure =
                activity.last_failure.as_ref().map(|f| format!(", last failure: {}", f.message)).unwrap_or_default();
            (activity.activity_id.clone(), format!("attempt {}{failure}", activity.attempt))
        })
        .collect();
    let events = builder.events;
    let times = std::mem::take(&mut builder.times);
    let lanes = builder.finish(run_to, running, &notes);
    let total_lanes = lanes.len();
    let (from, to) = options
        .window
        .map(|(from, to)| (from.max(run_from), to.min(run_to)))
        .filter(|(from, to)| to > from)
        .unwrap_or((run_from, run_to));
    let laid = layout::layout(lanes, &times, (from, to), &options, zone);
    let svg = svg::draw(&laid, |event_id| crate::urls::event(namespace, workflow_id, run_id, event_id));
    Ok(TimelinePage {
        header,
        svg,
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

/// Histories longer than this many events are read from both ends at once when the run is closed.
const BOTH_ENDS_ABOVE: i64 = 2 * history::PAGE_SIZE as i64;

/// Every event of the history through the lane builder, oldest first. A closed run's long history
/// is read from both ends at once (its length is known); an open one's from the start.
async fn read_lanes(
    client: &TemporalClient,
    ids: (&str, &str, &str),
    closed_length: Option<i64>,
) -> Result<lanes::LaneBuilder, AppError> {
    if let Some(length) = closed_length.filter(|length| *length > BOTH_ENDS_ABOVE) {
        let mut builder = lanes::LaneBuilder::default();
        if let Some(newer) = history::scan_both_ends(client, ids, length, |event| builder.visit(&event)).await? {
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
    history::scan(client, ids, Direction::OldestFirst, |event| {
        builder.visit(&event);
        ControlFlow::Continue(())
    })
    .await?;
    Ok(builder)
}
