//! The namespace's stuck-runs page: count the running runs, read both ends
//! ([`super::stuck_runs_read`]), describe each run a few at a time through the read cache, ask
//! each distinct task queue for its verdicts once, read the newest events of the runs that need
//! them, classify ([`crate::triage_classify`]) and group ([`crate::triage_groups`]). The report
//! is kept a minute per viewer's scope, namespace, query and N.
use std::{
    collections::{HashMap, HashSet},
    sync::atomic::{AtomicU64, Ordering},
};

use futures_util::{StreamExt, stream};
use temporalio_protos::protos::temporal::api::{
    enums::v1::WorkflowTaskFailedCause,
    history::v1::{HistoryEvent, history_event::Attributes},
    workflow::v1::WorkflowExecutionInfo,
    workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use super::{
    PageCalls, TemporalClient, describe, failures, history, payloads, stuck_runs_read as read, task_queues, time,
    workflow_task_problem,
};
use crate::{
    RequestContext,
    settings::MAX_TRIAGE_RUNS,
    triage_classify::{ActivityFacts, RETRYING_FROM_ATTEMPT, TriageFacts, classify, needs_newest_events},
    triage_groups,
};
use model::{AppError, PayloadBody, QueueVerdict, REPORTED_PROBLEMS, StuckRun, StuckRunsPage, StuckRunsReport};

/// Runs described at once.
pub const CONCURRENCY: usize = 8;
/// Task queues asked for their verdicts (two calls each); runs on others go without.
pub const MAX_QUEUES: u64 = 50;
/// Runs whose newest events are read (up to two calls each: the page and, if the describe is no
/// longer fresh, the describe the history read checks).
pub const MAX_HISTORY_READS: u64 = 200;
/// Events read from the newest end to tell an open timer from a wait for a signal or update.
pub const NEWEST_EVENTS: i32 = 20;

/// The most calls one report may make for `n` runs per end.
pub fn max_calls(n: usize) -> u64 {
    read::MAX_READ_CALLS + 2 * n as u64 + 2 * MAX_QUEUES + 2 * MAX_HISTORY_READS
}

/// The budget's formula in words.
pub fn budget(n: usize) -> String {
    format!(
        "at most {} + 2N + 2Q + 2F calls: {} list and count calls, a describe for each of the 2N = {} runs, two \
         per task queue (Q ≤ {MAX_QUEUES}) and up to two per history read (F ≤ {MAX_HISTORY_READS}), {} for N = {n}",
        read::MAX_READ_CALLS,
        read::MAX_READ_CALLS,
        2 * n,
        max_calls(n)
    )
}

/// The page: the report from the minute-long cache (or computed), with the viewer's permissions.
pub async fn page(
    ctx: &RequestContext,
    namespace: &str,
    query: &str,
    n: Option<usize>,
    fresh: bool,
) -> Result<StuckRunsPage, AppError> {
    let n = n.unwrap_or(ctx.settings.triage_runs).clamp(1, MAX_TRIAGE_RUNS);
    let client = &ctx.client;
    let key = (client.scope(), namespace.to_string(), query.trim().to_string(), n);
    let cache = &client.read_cache().stuck_runs;
    let (report, cached) = Box::pin(cache.get(key, fresh, report(client, namespace, query, n))).await;
    Ok(StuckRunsPage {
        namespace: namespace.to_string(),
        query: query.trim().to_string(),
        per_end: n,
        report: std::sync::Arc::unwrap_or_clone(report?),
        cached,
        now_millis: time::now_millis(),
        permissions: ctx.access.permissions(namespace),
    })
}

/// Computes the report, counting its own calls.
pub async fn report(
    client: &TemporalClient,
    namespace: &str,
    query: &str,
    n: usize,
) -> Result<StuckRunsReport, AppError> {
    let calls = PageCalls::new("stuck-runs report".into());
    let client = &client.counted_in(calls.clone());
    let running_query = read::running_query(query);
    let running = read::count(client, namespace, &running_query).await?;
    let ends = read::ends(client, namespace, &running_query, n, running).await?;
    let mut seen = HashSet::new();
    let rows: Vec<WorkflowExecutionInfo> = ends
        .newest
        .into_iter()
        .chain(ends.oldest)
        .filter(|info| seen.insert(info.execution.as_ref().map(|run| run.run_id.clone()).unwrap_or_default()))
        .collect();
    let mut notes = Vec::new();
    let queues = queue_verdicts(client, namespace, &rows, &mut notes).await;
    let history_reads = AtomicU64::new(0);
    let (queues, history_reads) = (&queues, &history_reads);
    // Owned items: closures over borrowed ones make the future not `Send` for every lifetime.
    let facts: Vec<Result<TriageFacts, AppError>> = stream::iter(rows.iter().cloned())
        .map(|row| async move { run_facts(client, namespace, &row, queues, history_reads).await })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let mut runs: Vec<StuckRun> = Vec::new();
    let mut gone = 0;
    for facts in facts {
        match facts {
            Ok(facts) => runs.push(classify(&facts, RETRYING_FROM_ATTEMPT)),
            // Closed (or deleted) since it was listed.
            Err(AppError::NotFound(_)) => gone += 1,
            Err(error) => return Err(error),
        }
    }
    if gone > 0 {
        notes.push(format!("{gone} listed runs could no longer be described (deleted since)."));
    }
    if history_reads.load(Ordering::Relaxed) > MAX_HISTORY_READS {
        notes.push(format!(
            "Only {MAX_HISTORY_READS} runs' newest events were read; the others waiting with nothing pending are \
             shown as waiting on a timer, a signal or an update."
        ));
    }
    Ok(StuckRunsReport {
        running,
        checked: runs.len(),
        oldest_method: ends.oldest_method,
        groups: triage_groups::group(&runs),
        calls: calls.calls(),
        max_calls: max_calls(n),
        budget: budget(n),
        computed_at: time::now().unwrap_or(model::TimePoint { iso: String::new(), millis: time::now_millis() }),
        notes,
    })
}

type Verdicts = HashMap<String, [QueueVerdict; 2]>;

/// Each distinct task queue's workflow and activity verdicts, most used queues first.
async fn queue_verdicts(
    client: &TemporalClient,
    namespace: &str,
    rows: &[WorkflowExecutionInfo],
    notes: &mut Vec<String>,
) -> Verdicts {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        *uses.entry(row.task_queue.as_str()).or_default() += 1;
    }
    let mut queues: Vec<(&str, usize)> = uses.into_iter().collect();
    queues.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if queues.len() as u64 > MAX_QUEUES {
        notes.push(format!(
            "{} task queues; only the {MAX_QUEUES} with the most runs were asked who polls them.",
            queues.len()
        ));
    }
    let asked: Vec<String> = queues.iter().take(MAX_QUEUES as usize).map(|(queue, _)| queue.to_string()).collect();
    let answers: Vec<_> = stream::iter(asked)
        .map(|queue| async move {
            let answer = task_queues::workflow_and_activity(client, namespace, &queue).await;
            (queue, answer)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let mut verdicts = Verdicts::new();
    for (queue, answer) in answers {
        match answer {
            Ok([workflow, activity]) => {
                verdicts.insert(queue, [workflow.verdict, activity.verdict]);
            }
            Err(error) => notes.push(format!("Task queue \"{queue}\": {error}")),
        }
    }
    verdicts
}

async fn run_facts(
    client: &TemporalClient,
    namespace: &str,
    row: &WorkflowExecutionInfo,
    queues: &Verdicts,
    history_reads: &AtomicU64,
) -> Result<TriageFacts, AppError> {
    let execution = row.execution.clone().unwrap_or_default();
    let described = describe::describe(client, namespace, &execution.workflow_id, &execution.run_id).await?;
    let mut facts = facts_of(&described, row);
    let verdicts = queues.get(&facts.task_queue);
    facts.workflow_queue = verdicts.map(|[workflow, _]| workflow.clone());
    facts.activity_queue = verdicts.map(|[_, activity]| activity.clone());
    if !needs_newest_events(&facts) || facts.workflow_task_problem.is_some() {
        return Ok(facts);
    }
    if history_reads.fetch_add(1, Ordering::Relaxed) >= MAX_HISTORY_READS {
        return Ok(facts);
    }
    if facts.workflow_task_attempt >= 2 {
        facts.workflow_task_problem =
            workflow_task_problem::find(client, namespace, &described).await.map(|problem| match problem.failure {
                Some(failure) => format!("{}: {}", problem.cause, failure.message),
                None => problem.cause,
            });
    } else {
        let run = model::RunRef::new(namespace, execution.workflow_id.as_str(), execution.run_id.as_str());
        facts.open_timer = history::newest(client, &run, NEWEST_EVENTS).await.ok().map(|events| open_timer(&events));
    }
    Ok(facts)
}

fn facts_of(described: &DescribeWorkflowExecutionResponse, row: &WorkflowExecutionInfo) -> TriageFacts {
    let info = described.workflow_execution_info.as_ref().unwrap_or(row);
    let execution = info.execution.clone().unwrap_or_default();
    TriageFacts {
        workflow_id: execution.workflow_id,
        run_id: execution.run_id,
        workflow_type: info.r#type.as_ref().map(|kind| kind.name.clone()).unwrap_or_default(),
        task_queue: info.task_queue.clone(),
        start: time::time_point(info.start_time.as_ref()),
        workflow_task_attempt: described.pending_workflow_task.as_ref().map_or(0, |task| task.attempt),
        workflow_task_problem: reported_problem(row),
        workflow_paused: described
            .workflow_extended_info
            .as_ref()
            .is_some_and(|extended| extended.pause_info.is_some()),
        activities: described
            .pending_activities
            .iter()
            .map(|activity| ActivityFacts {
                activity_type: activity.activity_type.as_ref().map(|kind| kind.name.clone()).unwrap_or_default(),
                attempt: activity.attempt,
                last_failure: activity
                    .last_failure
                    .as_ref()
                    .map(|failure| failures::failure_view(failure).root_cause().message.clone()),
                paused: activity.paused,
                scheduled: time::time_point(activity.scheduled_time.as_ref()),
            })
            .collect(),
        pending_children: described.pending_children.len(),
        pending_nexus_operations: described.pending_nexus_operations.len(),
        workflow_queue: None,
        activity_queue: None,
        open_timer: None,
    }
}

/// The workflow task failure's cause from the list row's `TemporalReportedProblems` search
/// attribute (`["category=WorkflowTaskFailed","cause=WorkflowTaskFailedCause…"]`), in the run
/// banner's words: free, where the server sets it.
fn reported_problem(row: &WorkflowExecutionInfo) -> Option<String> {
    let payload = row.search_attributes.as_ref()?.indexed_fields.get(REPORTED_PROBLEMS)?;
    let PayloadBody::Json(json) = payloads::decode(payload).body else { return None };
    let values: Vec<String> = serde_json::from_str(&json).ok()?;
    let cause = values.iter().find_map(|value| value.strip_prefix("cause="))?;
    Some(workflow_task_problem::cause_in_words(cause_named(cause)?))
}

/// `WorkflowTaskFailedCauseNonDeterministicError` → the enum (its proto name in camel case).
fn cause_named(camel: &str) -> Option<WorkflowTaskFailedCause> {
    let tail = camel.strip_prefix("WorkflowTaskFailedCause")?;
    let mut screaming = String::from("WORKFLOW_TASK_FAILED_CAUSE");
    for c in tail.chars() {
        if c.is_ascii_uppercase() {
            screaming.push('_');
        }
        screaming.push(c.to_ascii_uppercase());
    }
    WorkflowTaskFailedCause::from_str_name(&screaming)
}

/// Whether the newest events (newest first) hold a timer started and not yet fired or canceled.
pub fn open_timer(events: &[HistoryEvent]) -> bool {
    let mut closed = HashSet::new();
    for event in events {
        match &event.attributes {
            Some(Attributes::TimerFiredEventAttributes(fired)) => {
                closed.insert(fired.started_event_id);
            }
            Some(Attributes::TimerCanceledEventAttributes(canceled)) => {
                closed.insert(canceled.started_event_id);
            }
            Some(Attributes::TimerStartedEventAttributes(_)) if !closed.contains(&event.event_id) => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::history::v1::{
        TimerFiredEventAttributes, TimerStartedEventAttributes,
    };

    use super::*;

    fn event(event_id: i64, attributes: Attributes) -> HistoryEvent {
        HistoryEvent { event_id, attributes: Some(attributes), ..Default::default() }
    }

    #[test]
    fn a_fired_timer_is_not_waited_on_a_started_one_is() {
        let started = |id| event(id, Attributes::TimerStartedEventAttributes(TimerStartedEventAttributes::default()));
        let fired = event(
            7,
            Attributes::TimerFiredEventAttributes(TimerFiredEventAttributes {
                started_event_id: 5,
                ..Default::default()
            }),
        );
        assert!(!open_timer(&[fired.clone(), started(5)]));
        assert!(open_timer(&[started(9), fired, started(5)]));
        assert!(!open_timer(&[]));
    }

    #[test]
    fn reported_causes_are_named_like_the_run_banner_names_them() {
        assert_eq!(
            cause_named("WorkflowTaskFailedCauseNonDeterministicError"),
            Some(WorkflowTaskFailedCause::NonDeterministicError)
        );
        assert_eq!(
            cause_named("WorkflowTaskFailedCauseWorkflowWorkerUnhandledFailure"),
            Some(WorkflowTaskFailedCause::WorkflowWorkerUnhandledFailure)
        );
        assert_eq!(cause_named("Something"), None);
    }

    #[test]
    fn the_budget_grows_with_n() {
        assert_eq!(max_calls(250), read::MAX_READ_CALLS + 500 + 100 + 400);
        assert!(budget(250).contains("for N = 250"));
    }
}
