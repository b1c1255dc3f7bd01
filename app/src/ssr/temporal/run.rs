//! The run page's data: describe and the run's first and last events (concurrently), then one
//! pass over the history from the end the page shows first, gathering the page, the diagnosis's
//! facts and the heartbeat timeouts as it goes: memory per request is bounded by two pages of the
//! table, not by the history's length. A closed run's unfiltered page stops the pass as soon as
//! it is filled; for a running workflow, its task queue's pollers are asked as well.
use std::{collections::HashMap, ops::ControlFlow};

use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

use super::history::{self, Direction};
use super::{TemporalClient, describe, event_fields, history_json, pending, task_queues, time};
use crate::{
    error::AppError,
    model::{HistoryLayout, HistoryOptions, PageCollector, PendingActivityView, RunPage},
    ssr::diagnosis::{HistoryFactsCollector, RunFacts, diagnose},
};

pub async fn load(
    client: &TemporalClient,
    ids: (&str, &str, &str),
    options: &HistoryOptions,
    linked_event: Option<i64>,
) -> Result<RunPage, AppError> {
    let (namespace, ..) = ids;
    let (described, ends) = tokio::join!(describe::describe(client, ids.0, ids.1, ids.2), history::ends(client, ids));
    let (described, (first, last)) = (described?, ends?);
    let outcome = history::run_outcome(first.as_ref(), last.as_ref());
    let summary = describe::run_summary(namespace, &described, &outcome);
    let running = summary.status.is_running();

    let with_json = options.layout == HistoryLayout::Json;
    let start_millis = first.as_ref().and_then(|event| time::millis(event.event_time.as_ref()));
    // A closed run's length is final, so an unfiltered page need not read past itself.
    let known_total = (!running).then(|| usize::try_from(summary.history_length).unwrap_or(0));
    let mut page = PageCollector::<Option<HistoryEvent>>::new(options, linked_event, start_millis, known_total);
    let mut facts = HistoryFactsCollector::new(options.newest_first);
    let pending_ids: Vec<&str> = described.pending_activities.iter().map(|a| a.activity_id.as_str()).collect();
    let mut heartbeat_timeouts = HashMap::new();
    let direction = if options.newest_first { Direction::NewestFirst } else { Direction::OldestFirst };
    history::scan(client, ids, direction, |event| {
        if let Some((activity_id, timeout)) = pending::heartbeat_timeout(&event)
            && pending_ids.contains(&activity_id.as_str())
        {
            heartbeat_timeouts.insert(activity_id, timeout);
        }
        let row = event_fields::event_row(&event);
        facts.push(&row);
        page.push(row, with_json.then_some(event));
        if page.wants_more() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) }
    })
    .await?;
    let (mut history, raw_events) = page.finish();
    history.last_event_id = history.last_event_id.max(last.as_ref().map_or(0, |event| event.event_id));
    let mut facts = facts.finish();
    facts.last_event_id = history.last_event_id;
    let events_json = with_json.then(|| history_json::pretty(&raw_events.into_iter().flatten().collect::<Vec<_>>()));

    let pending_activities: Vec<PendingActivityView> =
        described.pending_activities.iter().map(pending::activity).collect();
    // Pollers only matter while the run is open; a failure to ask leaves the rules without them.
    let pollers = if running { task_queues::both(client, namespace, &summary.task_queue).await.ok() } else { None };
    let findings = diagnose(&RunFacts {
        status: summary.status,
        task_queue: &summary.task_queue,
        workflow_pollers: pollers.as_ref().map(|(workflow, _)| workflow.len()),
        activity_pollers: pollers.as_ref().map(|(_, activity)| activity.len()),
        pending_activities: &pending_activities,
        history: facts,
        failure: outcome.failure.as_ref(),
        heartbeats: &pending::heartbeat_facts(&described, &heartbeat_timeouts),
        now_millis: time::now_millis(),
    });
    Ok(RunPage {
        summary,
        input: outcome.input,
        result: outcome.result,
        failure: outcome.failure,
        history,
        findings,
        events_json,
    })
}
