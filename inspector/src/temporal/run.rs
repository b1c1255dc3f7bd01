//! The run page's data: describe and the run's first and last events (concurrently), then the
//! page of the history the URL asks for (see `history_reads`: memory bounded by the page, not by
//! the history's length); for a running workflow, its task queue's pollers as well.
use super::history_reads::{self, HistoryRead, ReadRequest};
use super::{TemporalClient, describe, history, history_json, pending, task_queues, time, workers};
use crate::RequestContext;
use crate::diagnosis::{RunFacts, diagnose};
use model::AppError;
use model::{HistoryLayout, HistoryOptions, PendingActivityView, ResetOrigin, RunPage, RunRef, TaskTypeView};

pub async fn load(
    ctx: &RequestContext,
    run: &RunRef,
    options: &HistoryOptions,
    linked_event: Option<i64>,
) -> Result<RunPage, AppError> {
    let (client, ids) = (&ctx.client, run.ids());
    let (namespace, ..) = ids;
    let zone = ctx.zone.clone();
    let (described, ends) =
        tokio::join!(describe::describe(client, ids.0, ids.1, ids.2), history::opening_and_last(client, run));
    let (described, (opening, last)) = (described?, ends?);
    let first = opening.first().cloned();
    let outcome = history::run_outcome(first.as_ref(), last.as_ref());
    let mut summary = super::run_summary::run_summary(
        namespace,
        &described,
        &outcome,
        super::run_context::permissions(ctx, namespace),
    );
    summary.workflow_task_problem = super::workflow_task_problem::find(client, namespace, &described).await;
    summary.metadata.cron_schedule = cron_schedule(first.as_ref());
    summary.metadata.reset_from = reset_origin(client, run, first.as_ref()).await;
    summary.metadata.sdk = history::sdk_of(&opening);
    let running = summary.status.is_running();

    let closed_length = (!running).then_some(summary.history_length);
    let read = history_reads::read(
        client,
        &ReadRequest {
            run,
            options,
            linked_event,
            // The arithmetic of pages holds only if describe and the last event agree on the length.
            closed_length: closed_length.filter(|length| last.as_ref().is_some_and(|event| event.event_id == *length)),
            start_millis: first.as_ref().and_then(|event| time::millis(event.event_time.as_ref())),
            pending_activity_ids: described.pending_activities.iter().map(|a| a.activity_id.clone()).collect(),
            zone: &zone,
        },
    )
    .await?;
    let HistoryRead { page: mut history, raw, mut facts, mut config, heartbeat_timeouts } = read;
    history.last_event_id = history.last_event_id.max(last.as_ref().map_or(0, |event| event.event_id));
    facts.last_event_id = history.last_event_id;
    if let Some(info) = described.workflow_execution_info.as_ref() {
        (config.history_length, config.history_size_bytes) = (info.history_length, info.history_size_bytes);
    }
    let events_json = (options.layout == HistoryLayout::Json).then(|| history_json::pretty(&raw));

    let pending_activities: Vec<PendingActivityView> =
        described.pending_activities.iter().map(pending::activity).collect();
    // Pollers only matter while the run is open; a failure to ask leaves the rules without them.
    // The cluster's metrics (when configured) are asked at the same time, not after.
    let (kinds, queue_workers, metrics_findings) = tokio::join!(
        async {
            if running {
                task_queues::workflow_and_activity(client, namespace, &summary.task_queue).await.ok()
            } else {
                None
            }
        },
        async {
            if running { workers::heartbeating_on(client, namespace, &summary.task_queue).await } else { Vec::new() }
        },
        crate::diagnosis_metrics::findings(&ctx.metrics, &ctx.links, namespace, &summary.task_queue, summary.status),
    );
    let pollers_of = |index: usize| kinds.as_ref().map(|kinds: &[TaskTypeView; 2]| kinds[index].pollers.len());
    let queue_verdicts: Vec<_> = kinds.iter().flatten().map(|kind| kind.verdict.clone()).collect();
    let mut findings = diagnose(&RunFacts {
        status: summary.status,
        task_queue: &summary.task_queue,
        workflow_pollers: pollers_of(0),
        activity_pollers: pollers_of(1),
        queue_verdicts: &queue_verdicts,
        task_queue_page: &ctx.links.task_queue(namespace, &summary.task_queue),
        queue_workers: &queue_workers,
        pending_activities: &pending_activities,
        history: facts,
        failure: outcome.failure.as_ref(),
        heartbeats: &pending::heartbeat_facts(&described, &heartbeat_timeouts),
        now_millis: time::now_millis(),
        zone: &zone,
        config,
    });
    findings.extend(metrics_findings);
    Ok(RunPage {
        summary,
        input: outcome.input,
        result: outcome.result,
        failure: outcome.failure,
        history,
        findings,
        events_json,
        codec: client.codec().is_some(),
    })
}

/// The run this one was reset from: a reset copies the first event with its
/// `original_execution_run_id`, the run that event was written in. After several resets that is
/// where the history began rather than the last run reset (`through_later_resets`): that run's
/// describe names the newest run its resets made. Only a reset run pays for that describe.
async fn reset_origin(
    client: &TemporalClient,
    run: &RunRef,
    first: Option<&temporalio_protos::protos::temporal::api::history::v1::HistoryEvent>,
) -> Option<ResetOrigin> {
    use temporalio_protos::protos::temporal::api::history::v1::history_event::Attributes;
    let Some(Attributes::WorkflowExecutionStartedEventAttributes(started)) = first?.attributes.as_ref() else {
        return None;
    };
    let (namespace, workflow_id, run_id) = run.ids();
    let original = started.original_execution_run_id.clone();
    if original.is_empty() || original == run_id {
        return None;
    }
    // A run gone past retention cannot say: the link stays, without the note.
    let newest_reset = describe::describe(client, namespace, workflow_id, &original)
        .await
        .ok()
        .and_then(|described| described.workflow_extended_info)
        .map(|extended| extended.reset_run_id)
        .filter(|id| !id.is_empty());
    Some(ResetOrigin { through_later_resets: newest_reset.is_some_and(|id| id != run_id), run_id: original })
}

/// The cron schedule the run was started with, from its first event.
fn cron_schedule(
    first: Option<&temporalio_protos::protos::temporal::api::history::v1::HistoryEvent>,
) -> Option<String> {
    use temporalio_protos::protos::temporal::api::history::v1::history_event::Attributes;
    match first?.attributes.as_ref()? {
        Attributes::WorkflowExecutionStartedEventAttributes(started) => {
            Some(started.cron_schedule.clone()).filter(|cron| !cron.is_empty())
        }
        _ => None,
    }
}
