//! The run page's data: describe and the full history (concurrently), then, for a running
//! workflow, its task queue's pollers, and the diagnosis over all of it.
use super::{TemporalClient, describe, event_fields, history, history_json, pending, task_queues, time};
use crate::{
    error::AppError,
    model::{HistoryLayout, HistoryOptions, PendingActivityView, RunPage, paginate},
    ssr::diagnosis::{RunFacts, diagnose},
};

pub async fn load(
    client: &TemporalClient,
    (namespace, workflow_id, run_id): (&str, &str, &str),
    options: &HistoryOptions,
    linked_event: Option<i64>,
) -> Result<RunPage, AppError> {
    let with_json = options.layout == HistoryLayout::Json;
    let (described, events) = tokio::join!(
        describe::describe(client, namespace, workflow_id, run_id),
        history::fetch_all(client, namespace, workflow_id, run_id),
    );
    let (described, events) = (described?, events?);
    let outcome = history::run_outcome(&events);
    let summary = describe::run_summary(namespace, &described, &outcome);
    let heartbeats = pending::heartbeat_facts(&described, &events);
    let events_json = with_json.then(|| pretty_json(&events));
    let events: Vec<_> = events.iter().map(event_fields::event_row).collect();
    let pending_activities: Vec<PendingActivityView> =
        described.pending_activities.iter().map(pending::activity).collect();
    // Pollers only matter while the run is open; a failure to ask leaves the rules without them.
    let pollers = if summary.status.is_running() {
        task_queues::both(client, namespace, &summary.task_queue).await.ok()
    } else {
        None
    };
    let findings = diagnose(&RunFacts {
        status: summary.status,
        task_queue: &summary.task_queue,
        workflow_pollers: pollers.as_ref().map(|(workflow, _)| workflow.len()),
        activity_pollers: pollers.as_ref().map(|(_, activity)| activity.len()),
        pending_activities: &pending_activities,
        events: &events,
        failure: outcome.failure.as_ref(),
        heartbeats: &heartbeats,
        now_millis: time::now_millis(),
    });
    Ok(RunPage {
        summary,
        input: outcome.input,
        result: outcome.result,
        failure: outcome.failure,
        history: paginate(events, options, linked_event),
        findings,
        events_json,
    })
}

/// `{"events": [...]}`, indented for reading.
fn pretty_json(events: &[temporalio_protos::protos::temporal::api::history::v1::HistoryEvent]) -> String {
    let compact = history_json::events_json(events, true)
        .map(|events| format!("{}{events}{}", history_json::OPENING, history_json::CLOSING));
    match compact.and_then(|text| serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())) {
        Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_default(),
        Err(message) => format!("The history could not be written as JSON: {message}"),
    }
}
