//! Standalone activities (server 1.32+): the list (ListActivityExecutions with a visibility query,
//! a page at a time, CountActivityExecutions beside it) and one activity
//! (DescribeActivityExecution with its input, outcome, heartbeat details and last failure).
//! A cluster whose namespace does not say `standaloneActivities` gets a note, not an error.
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use temporalio_protos::protos::temporal::api::{
    activity::v1::{ActivityExecutionInfo, ActivityExecutionListInfo, activity_execution_outcome},
    enums::v1::{ActivityExecutionStatus, PendingActivityState},
    workflowservice::v1::{
        CountActivityExecutionsRequest, DescribeActivityExecutionRequest, DescribeActivityExecutionResponse,
        DescribeNamespaceRequest, ListActivityExecutionsRequest, PauseActivityExecutionRequest,
        RequestCancelActivityExecutionRequest, ResetActivityExecutionRequest, StartActivityExecutionRequest,
        TerminateActivityExecutionRequest, UnpauseActivityExecutionRequest, UpdateActivityExecutionOptionsRequest,
    },
};

use super::{Namespaced, TemporalClient, capabilities::means_unavailable, codec, failures, payloads, time};
use crate::RequestContext;
use model::{
    ActionKind, AppError, StandaloneActivitiesPage, StandaloneActivityCommands, StandaloneActivityOptions,
    StandaloneActivityPage, StandaloneActivityRow,
};

/// Activities a page of the list shows (each open one is described for its state and attempt).
pub const PAGE_SIZE: i32 = 25;

macro_rules! namespaced {
    ($($request:ident),*) => {
        $(impl Namespaced for $request {
            fn namespace(&self) -> &str {
                &self.namespace
            }
        })*
    };
}

namespaced!(
    ListActivityExecutionsRequest,
    CountActivityExecutionsRequest,
    DescribeActivityExecutionRequest,
    StartActivityExecutionRequest,
    PauseActivityExecutionRequest,
    UnpauseActivityExecutionRequest,
    ResetActivityExecutionRequest,
    UpdateActivityExecutionOptionsRequest,
    RequestCancelActivityExecutionRequest,
    TerminateActivityExecutionRequest
);

/// `TimedOut` → `Timed out`: an enum label as words.
fn words(label: &str) -> String {
    let mut text = String::new();
    for (index, letter) in label.chars().enumerate() {
        if index > 0 && letter.is_ascii_uppercase() {
            text.push(' ');
            text.push(letter.to_ascii_lowercase());
        } else {
            text.push(letter);
        }
    }
    text
}

pub fn status_text(status: i32) -> String {
    ActivityExecutionStatus::try_from(status)
        .map(|status| words(&failures::enum_label(status.as_str_name(), "ACTIVITY_EXECUTION_STATUS_")))
        .unwrap_or_else(|_| status.to_string())
}

fn state_text(state: i32) -> Option<String> {
    PendingActivityState::try_from(state)
        .ok()
        .filter(|state| *state != PendingActivityState::Unspecified)
        .map(|state| words(&failures::enum_label(state.as_str_name(), "PENDING_ACTIVITY_STATE_")))
}

fn is_open(status: i32) -> bool {
    status == ActivityExecutionStatus::Running as i32 || status == ActivityExecutionStatus::Paused as i32
}

fn row(info: &ActivityExecutionListInfo) -> StandaloneActivityRow {
    StandaloneActivityRow {
        activity_id: info.activity_id.clone(),
        run_id: info.run_id.clone(),
        activity_type: info.activity_type.as_ref().map(|kind| kind.name.clone()).unwrap_or_default(),
        status: status_text(info.status),
        task_queue: info.task_queue.clone(),
        scheduled: time::time_point(info.schedule_time.as_ref()),
        closed: time::time_point(info.close_time.as_ref()),
        state: None,
        attempt: None,
    }
}

/// Whether the namespace says it offers standalone activities; `None` when it could not be asked
/// (the list call then answers for itself).
async fn offered(client: &TemporalClient, namespace: &str) -> Option<bool> {
    let request = DescribeNamespaceRequest { namespace: namespace.to_string(), ..Default::default() };
    let described = client.workflow_service().describe_namespace(client.request(request)).await.ok()?.into_inner();
    let info = described.namespace_info?;
    Some(info.capabilities.is_some_and(|capabilities| capabilities.standalone_activities))
}

fn not_offered(namespace: &str, detail: &str) -> String {
    format!("This cluster does not offer standalone activities in the namespace {namespace} ({detail}).")
}

/// One page of the namespace's standalone activities matching `query`.
pub async fn list_page(
    client: &TemporalClient,
    namespace: &str,
    query: &str,
    next_page: Option<&str>,
) -> Result<StandaloneActivitiesPage, AppError> {
    let query = query.trim().to_string();
    let mut page = StandaloneActivitiesPage { query: query.clone(), ..Default::default() };
    if offered(client, namespace).await == Some(false) {
        page.unavailable = Some(not_offered(namespace, "the namespace's capabilities do not list them"));
        return Ok(page);
    }
    let next_page_token = match next_page {
        Some(token) => URL_SAFE_NO_PAD
            .decode(token)
            .map_err(|_| AppError::BadRequest("the page token in the link is damaged".into()))?,
        None => Vec::new(),
    };
    let request = ListActivityExecutionsRequest {
        namespace: namespace.to_string(),
        page_size: PAGE_SIZE,
        next_page_token,
        query: query.clone(),
    };
    let count = CountActivityExecutionsRequest { namespace: namespace.to_string(), query: query.clone() };
    let (mut list, mut counter) = (client.workflow_service(), client.workflow_service());
    let (listed, counted) = tokio::join!(
        list.list_activity_executions(client.request(request)),
        counter.count_activity_executions(client.request(count)),
    );
    let listed = match listed {
        Ok(listed) => listed.into_inner(),
        Err(status) if means_unavailable(&status) => {
            page.unavailable = Some(not_offered(namespace, &format!("Temporal answered: {}", status.message())));
            return Ok(page);
        }
        Err(status) => return Err(client.error(status, &format!("namespace \"{namespace}\""))),
    };
    page.count = counted.ok().map(|counted| counted.into_inner().count);
    page.rows = listed.executions.iter().map(row).collect();
    page.next_page = (!listed.next_page_token.is_empty()).then(|| URL_SAFE_NO_PAD.encode(&listed.next_page_token));
    describe_open_rows(client, namespace, &mut page.rows, &listed.executions).await;
    Ok(page)
}

/// Fills in the state and attempt of each open row (the list call has neither); a row whose
/// describe fails keeps its blanks.
async fn describe_open_rows(
    client: &TemporalClient,
    namespace: &str,
    rows: &mut [StandaloneActivityRow],
    listed: &[ActivityExecutionListInfo],
) {
    let mut set = tokio::task::JoinSet::new();
    for (index, info) in listed.iter().enumerate().filter(|(_, info)| is_open(info.status)) {
        let (client, request) = (client.clone(), describe_request(namespace, &info.activity_id, &info.run_id, false));
        set.spawn(async move {
            (index, client.workflow_service().describe_activity_execution(client.request(request)).await)
        });
    }
    while let Some(joined) = set.join_next().await {
        let Ok((index, Ok(described))) = joined else { continue };
        if let (Some(row), Some(info)) = (rows.get_mut(index), described.into_inner().info) {
            row.state = state_text(info.run_state);
            row.attempt = Some(info.attempt);
            row.status = status_text(info.status);
        }
    }
}

fn describe_request(namespace: &str, activity_id: &str, run_id: &str, full: bool) -> DescribeActivityExecutionRequest {
    DescribeActivityExecutionRequest {
        namespace: namespace.to_string(),
        activity_id: activity_id.to_string(),
        run_id: run_id.to_string(),
        include_input: full,
        include_outcome: full,
        include_heartbeat_details: full,
        include_last_failure: full,
        long_poll_token: Vec::new(),
    }
}

/// DescribeActivityExecution in full; an unknown ID or run is a 404 that says so.
pub async fn describe(
    client: &TemporalClient,
    namespace: &str,
    activity_id: &str,
    run_id: &str,
) -> Result<DescribeActivityExecutionResponse, AppError> {
    let request = describe_request(namespace, activity_id, run_id, true);
    client
        .workflow_service()
        .describe_activity_execution(client.request(request))
        .await
        .map(|answer| answer.into_inner())
        .map_err(|status| {
            if means_unavailable(&status) {
                return AppError::NotFound(not_offered(namespace, &format!("Temporal answered: {}", status.message())));
            }
            let what = if run_id.is_empty() {
                format!("standalone activity {activity_id:?}")
            } else {
                format!("standalone activity {activity_id:?} (run {run_id})")
            };
            client.error(status, &what)
        })
}

fn options(info: &ActivityExecutionInfo) -> StandaloneActivityOptions {
    let retry = info.retry_policy.clone().unwrap_or_default();
    StandaloneActivityOptions {
        schedule_to_close: time::duration(info.schedule_to_close_timeout.as_ref()),
        schedule_to_start: time::duration(info.schedule_to_start_timeout.as_ref()),
        start_to_close: time::duration(info.start_to_close_timeout.as_ref()),
        heartbeat: time::duration(info.heartbeat_timeout.as_ref()),
        initial_interval: time::duration(retry.initial_interval.as_ref()),
        maximum_interval: time::duration(retry.maximum_interval.as_ref()),
        backoff_coefficient: (retry.backoff_coefficient > 0.0).then(|| retry.backoff_coefficient.to_string()),
        maximum_attempts: retry.maximum_attempts,
        non_retryable_error_types: retry.non_retryable_error_types.clone(),
    }
}

/// The page of one activity from its describe (payloads not yet through the codec).
pub fn activity_view(namespace: &str, described: &DescribeActivityExecutionResponse) -> StandaloneActivityPage {
    let info = described.info.clone().unwrap_or_default();
    let (result, outcome_failure) = match described.outcome.as_ref().and_then(|outcome| outcome.value.as_ref()) {
        Some(activity_execution_outcome::Value::Result(result)) => (payloads::decode_all(Some(result)), None),
        Some(activity_execution_outcome::Value::Failure(failure)) => {
            (Vec::new(), Some(failures::failure_view(failure)))
        }
        None => (Vec::new(), None),
    };
    let sdk = format!("{} {}", info.sdk_name, info.sdk_version).trim().to_string();
    StandaloneActivityPage {
        namespace: namespace.to_string(),
        activity_id: info.activity_id.clone(),
        run_id: if info.run_id.is_empty() { described.run_id.clone() } else { info.run_id.clone() },
        activity_type: info.activity_type.as_ref().map(|kind| kind.name.clone()).unwrap_or_default(),
        status: status_text(info.status),
        state: is_open(info.status).then(|| state_text(info.run_state)).flatten(),
        task_queue: info.task_queue.clone(),
        attempt: info.attempt,
        scheduled: time::time_point(info.schedule_time.as_ref()),
        last_started: time::time_point(info.last_started_time.as_ref()),
        last_attempt_completed: time::time_point(info.last_attempt_complete_time.as_ref()),
        next_attempt: time::time_point(info.next_attempt_schedule_time.as_ref()),
        expires: time::time_point(info.expiration_time.as_ref()),
        closed: time::time_point(info.close_time.as_ref()),
        running_for: time::duration(info.execution_duration.as_ref()),
        current_retry_interval: time::duration(info.current_retry_interval.as_ref()),
        last_heartbeat: time::time_point(info.last_heartbeat_time.as_ref()),
        heartbeat_count: info.total_heartbeat_count,
        heartbeat_details: payloads::decode_all(info.heartbeat_details.as_ref()),
        last_failure: info.last_failure.as_ref().map(failures::failure_view),
        last_worker_identity: info.last_worker_identity.clone(),
        sdk,
        canceled_reason: info.canceled_reason.clone(),
        options: options(&info),
        input: payloads::decode_all(described.input.as_ref()),
        result,
        outcome_failure,
        commands: StandaloneActivityCommands::default(),
    }
}

/// One standalone activity (its latest run when `run_id` is empty), payloads decoded through the
/// codec server when there is one, with what the viewer may do to it.
pub async fn activity_page(
    ctx: &RequestContext,
    namespace: &str,
    activity_id: &str,
    run_id: &str,
) -> Result<StandaloneActivityPage, AppError> {
    let described = describe(&ctx.client, namespace, activity_id, run_id).await?;
    let mut page = activity_view(namespace, &described);
    let refused = ctx.access.check(ActionKind::ActivityCommands, namespace).err();
    page.commands = StandaloneActivityCommands { allowed: refused.is_none(), refused };
    Ok(codec::decode_page(&ctx.client, namespace, page).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_states_read_as_words() {
        assert_eq!(status_text(ActivityExecutionStatus::TimedOut as i32), "Timed out");
        assert_eq!(status_text(ActivityExecutionStatus::Paused as i32), "Paused");
        assert_eq!(state_text(PendingActivityState::CancelRequested as i32).as_deref(), Some("Cancel requested"));
        assert_eq!(state_text(PendingActivityState::Unspecified as i32), None);
        assert_eq!(status_text(99), "99");
    }
}
