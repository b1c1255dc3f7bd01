//! Schedules: the list (ListSchedules, a page at a time) and one schedule (DescribeSchedule, whose
//! `future_action_times` are the upcoming runs). Payloads (the action's input, the memo) are
//! decoded like a run's, through the codec server when there is one.
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use temporalio_protos::protos::temporal::api::{
    common::v1::{Memo, SearchAttributes},
    schedule::v1::{ScheduleActionResult, ScheduleListEntry, schedule_action::Action},
    workflowservice::v1::{DescribeScheduleRequest, ListSchedulesRequest, PatchScheduleRequest},
};

use super::{
    Namespaced, TemporalClient, codec,
    describe::execution_status,
    payloads, run_metadata,
    schedule_spec::{policies, spec_json, spec_view},
    schedule_times, time,
    workflows::{self, ListRequest},
};
use crate::RequestContext;
use model::AppError;
use model::{
    AttributeView, ExecutionStatus, PayloadView, ScheduleAction, ScheduleCounts, SchedulePage, ScheduleRow,
    ScheduleRun, SchedulesPage,
};

/// Schedules a page of the list shows.
pub const PAGE_SIZE: i32 = 50;

macro_rules! namespaced {
    ($($request:ident),*) => {
        $(impl Namespaced for $request {
            fn namespace(&self) -> &str {
                &self.namespace
            }
        })*
    };
}

namespaced!(ListSchedulesRequest, DescribeScheduleRequest, PatchScheduleRequest);

fn run(result: &ScheduleActionResult) -> Option<ScheduleRun> {
    let started = result.start_workflow_result.as_ref()?;
    Some(ScheduleRun {
        workflow_id: started.workflow_id.clone(),
        run_id: started.run_id.clone(),
        status: execution_status(result.start_workflow_status),
        scheduled_time: time::time_point(result.schedule_time.as_ref()),
        actual_time: time::time_point(result.actual_time.as_ref()),
    })
}

fn row(entry: &ScheduleListEntry) -> ScheduleRow {
    let info = entry.info.clone().unwrap_or_default();
    ScheduleRow {
        schedule_id: entry.schedule_id.clone(),
        paused: info.paused,
        notes: info.notes.clone(),
        spec_words: spec_view(info.spec.as_ref()).words(),
        workflow_type: info.workflow_type.as_ref().map(|kind| kind.name.clone()).unwrap_or_default(),
        next_run: info.future_action_times.first().and_then(|next| time::time_point(Some(next))),
        // Temporal keeps the recent actions oldest first.
        last_run: info.recent_actions.last().and_then(run),
    }
}

/// One page of the namespace's schedules.
pub async fn list_page(
    client: &TemporalClient,
    namespace: &str,
    next_page: Option<&str>,
) -> Result<SchedulesPage, AppError> {
    let next_page_token = match next_page {
        Some(token) => URL_SAFE_NO_PAD
            .decode(token)
            .map_err(|_| AppError::BadRequest("the page token in the link is damaged".into()))?,
        None => Vec::new(),
    };
    let request = ListSchedulesRequest {
        namespace: namespace.to_string(),
        maximum_page_size: PAGE_SIZE,
        next_page_token,
        query: String::new(),
    };
    let response = client
        .workflow_service()
        .list_schedules(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("namespace \"{namespace}\"")))?
        .into_inner();
    let mut rows: Vec<ScheduleRow> = response.schedules.iter().map(row).collect();
    rows.sort_by(|a, b| a.schedule_id.cmp(&b.schedule_id));
    let mut last_runs: Vec<&mut ScheduleRun> = rows.iter_mut().filter_map(|row| row.last_run.as_mut()).collect();
    refresh_statuses(client, namespace, &mut last_runs).await;
    let next = (!response.next_page_token.is_empty()).then(|| URL_SAFE_NO_PAD.encode(&response.next_page_token));
    Ok(SchedulesPage { rows, next_page: next })
}

/// The list keeps a run's status as the schedule last wrote it (a run that failed a second after
/// it started stays "Running" there until the schedule's next action): the runs it calls open
/// are asked for again, in one visibility query for all of them.
async fn refresh_statuses(client: &TemporalClient, namespace: &str, runs: &mut [&mut ScheduleRun]) {
    let open = |run: &ScheduleRun| {
        matches!(run.status, ExecutionStatus::Running | ExecutionStatus::Unspecified)
            && !run.workflow_id.contains(['\'', '"', '\\'])
    };
    let ids: Vec<String> = runs.iter().filter(|run| open(run)).map(|run| format!("'{}'", run.workflow_id)).collect();
    if ids.is_empty() {
        return;
    }
    let query = format!("WorkflowId IN ({})", ids.join(", "));
    let request = ListRequest {
        namespace,
        query: &query,
        next_page: None,
        page_size: Some(100.min(ids.len() as i32 * 2).max(10)),
        attributes: &[],
    };
    let Ok((found, _)) = workflows::list(client, request).await else { return };
    for run in runs.iter_mut() {
        if let Some(now) = found.iter().find(|row| row.run_id == run.run_id) {
            run.status = now.status;
        }
    }
}

fn memo(memo: Option<&Memo>) -> Vec<(String, PayloadView)> {
    let mut fields: Vec<(String, PayloadView)> = memo
        .map(|memo| memo.fields.iter().map(|(name, payload)| (name.clone(), payloads::decode(payload))).collect())
        .unwrap_or_default();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    fields
}

fn attributes(attributes: Option<&SearchAttributes>) -> Vec<AttributeView> {
    let mut list: Vec<AttributeView> = attributes
        .map(|attributes| {
            attributes
                .indexed_fields
                .iter()
                .map(|(name, payload)| run_metadata::attribute(name.clone(), payload))
                .collect()
        })
        .unwrap_or_default();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    list
}

/// One schedule, with its payloads decoded.
/// `range`: the matching times' range the reader picked (otherwise the next ones are listed).
pub async fn schedule_page(
    ctx: &RequestContext,
    namespace: &str,
    schedule_id: &str,
    range: Option<(&str, &str)>,
) -> Result<SchedulePage, AppError> {
    let client = &ctx.client;
    let request = DescribeScheduleRequest { namespace: namespace.to_string(), schedule_id: schedule_id.to_string() };
    let described = client
        .workflow_service()
        .describe_schedule(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("schedule \"{schedule_id}\"")))?
        .into_inner();
    let schedule = described.schedule.clone().unwrap_or_default();
    let info = described.info.clone().unwrap_or_default();
    let state = schedule.state.clone().unwrap_or_default();
    let action = match schedule.action.as_ref().and_then(|action| action.action.as_ref()) {
        Some(Action::StartWorkflow(start)) => ScheduleAction {
            workflow_type: start.workflow_type.as_ref().map(|kind| kind.name.clone()).unwrap_or_default(),
            task_queue: start.task_queue.as_ref().map(|queue| queue.name.clone()).unwrap_or_default(),
            workflow_id: start.workflow_id.clone(),
            input: payloads::decode_all(start.input.as_ref()),
            execution_timeout: time::duration(start.workflow_execution_timeout.as_ref()),
            run_timeout: time::duration(start.workflow_run_timeout.as_ref()),
        },
        None => ScheduleAction::default(),
    };
    let mut recent: Vec<ScheduleRun> = info.recent_actions.iter().rev().filter_map(run).collect();
    let mut open_runs: Vec<&mut ScheduleRun> = recent.iter_mut().collect();
    let ((), times) = tokio::join!(
        refresh_statuses(client, namespace, &mut open_runs),
        schedule_times::matching(client, (namespace, schedule_id), range),
    );
    let page = SchedulePage {
        schedule_id: schedule_id.to_string(),
        paused: state.paused,
        notes: state.notes.clone(),
        remaining_actions: state.limited_actions.then_some(state.remaining_actions),
        spec: spec_view(schedule.spec.as_ref()),
        spec_json: spec_json(schedule.spec.as_ref()),
        policies: policies(schedule.policies.as_ref()),
        action,
        recent,
        upcoming: info.future_action_times.iter().filter_map(|next| time::time_point(Some(next))).collect(),
        running: info.running_workflows.iter().map(|run| (run.workflow_id.clone(), run.run_id.clone())).collect(),
        counts: ScheduleCounts {
            actions: info.action_count,
            missed_catchup_window: info.missed_catchup_window,
            overlap_skipped: info.overlap_skipped,
            buffer_dropped: info.buffer_dropped,
            buffered: info.buffer_size,
        },
        created: time::time_point(info.create_time.as_ref()),
        updated: time::time_point(info.update_time.as_ref()),
        memo: memo(described.memo.as_ref()),
        search_attributes: attributes(described.search_attributes.as_ref()),
        writes: super::schedule_writes::writes(ctx, namespace),
        times,
    };
    Ok(codec::decode_page(client, namespace, page).await)
}
