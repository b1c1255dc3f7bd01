//! Event history: reading it page by page from either end (through the cluster's read cache,
//! see `cache::history`), and a run's input and outcome from its first and last events.
use std::ops::ControlFlow;

use temporalio_protos::protos::temporal::api::{
    common::v1::WorkflowExecution,
    history::v1::{HistoryEvent, history_event::Attributes},
    workflowservice::v1::{GetWorkflowExecutionHistoryRequest, GetWorkflowExecutionHistoryReverseRequest},
};

use super::cache::{HistoryPage, PageRequest, RunKey, Verdict};
use super::{TemporalClient, describe, failures, payloads};
use model::AppError;
use model::{FailureView, PayloadView, RunRef};

/// Events per GetWorkflowExecutionHistory page.
pub const PAGE_SIZE: i32 = 1000;

/// Which end of the history a scan starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    OldestFirst,
    /// GetWorkflowExecutionHistoryReverse.
    NewestFirst,
}

/// Reads the history a page of [`PAGE_SIZE`] events at a time from one end, handing each event to
/// `visit` until it answers `Break` or the history ends; only one page is held at a time. The
/// run is described once (through the read cache) to know whether its pages may be kept.
pub async fn scan(
    client: &TemporalClient,
    run: &RunRef,
    direction: Direction,
    mut visit: impl FnMut(HistoryEvent) -> ControlFlow<()>,
) -> Result<(), AppError> {
    let verdict = describe::verdict(client, run).await;
    let mut next_page_token = Vec::new();
    loop {
        let reverse = direction == Direction::NewestFirst;
        let request = PageRequest { reverse, token: next_page_token, page_size: PAGE_SIZE };
        let (page, next) = cached_page(client, run, verdict, request).await?;
        for event in page {
            if visit(event).is_break() {
                return Ok(());
            }
        }
        if next.is_empty() {
            return Ok(());
        }
        next_page_token = next;
    }
}

/// One page of the history through the cluster's read cache, as `verdict` allows: a closed run's
/// pages are kept (bounded by bytes), an open run's shared for a second, others read as they are.
async fn cached_page(
    client: &TemporalClient,
    run: &RunRef,
    verdict: Verdict,
    request: PageRequest,
) -> Result<(Vec<HistoryEvent>, Vec<u8>), AppError> {
    let cache = client.read_cache();
    let operation = if request.reverse { "GetWorkflowExecutionHistoryReverse" } else { "GetWorkflowExecutionHistory" };
    let fetch = |request: PageRequest| async move {
        let (events, next_page_token) = if request.reverse {
            reverse_call(client, run, request.token, request.page_size).await?
        } else {
            history_call(client, run, request.token, None, request.page_size).await?
        };
        Ok(HistoryPage { events, next_page_token })
    };
    let key = RunKey::new(client.scope(), run.ids());
    // Boxed: moka's single-flight future is large, and scans run inside deep render futures.
    let (page, hit) = Box::pin(cache.histories.page(key, verdict, request, fetch)).await;
    cache.record(operation, hit);
    page.map(|page| (page.events, page.next_page_token))
}

/// For a closed run of `length` events (IDs 1..=length): reads the older half oldest first and
/// the newer half newest first at once, about halving the time a long history takes to read, and
/// hands the older half to `older` as it comes. The newer half is returned oldest first, each
/// event protobuf-encoded while it waits (a fraction of its decoded size). `None` when the halves
/// do not meet exactly (the length was not the history's): the caller reads it from one end.
pub async fn scan_both_ends(
    client: &TemporalClient,
    run: &RunRef,
    length: i64,
    mut older: impl FnMut(HistoryEvent),
) -> Result<Option<Vec<Vec<u8>>>, AppError> {
    use prost::Message;
    let middle = length / 2;
    let mut older_count = 0_i64;
    let (mut newer, mut newest_id, mut oldest_newer_id) = (Vec::new(), None, None);
    let read_older = scan(client, run, Direction::OldestFirst, |event| {
        if event.event_id > middle {
            return ControlFlow::Break(());
        }
        older_count += 1;
        older(event);
        ControlFlow::Continue(())
    });
    let read_newer = scan(client, run, Direction::NewestFirst, |event| {
        if event.event_id <= middle {
            return ControlFlow::Break(());
        }
        newest_id.get_or_insert(event.event_id);
        oldest_newer_id = Some(event.event_id);
        newer.push(event.encode_to_vec());
        ControlFlow::Continue(())
    });
    tokio::try_join!(read_older, read_newer)?;
    newer.reverse();
    let met = older_count == middle
        && newer.len() as i64 == length - middle
        && oldest_newer_id.is_none_or(|id| id == middle + 1)
        && newest_id.is_none_or(|id| id == length);
    Ok(met.then_some(newer))
}

/// The run's first and last events, read with two one-event calls at once.
pub async fn ends(
    client: &TemporalClient,
    run: &RunRef,
) -> Result<(Option<HistoryEvent>, Option<HistoryEvent>), AppError> {
    let (opening, last) = opening_and_last(client, run).await?;
    Ok((opening.into_iter().next(), last))
}

/// Events read from the start of a history for [`opening_and_last`]: enough to hold the first
/// completed workflow task (event 4 unless signals came first), which names the worker's SDK.
const OPENING_EVENTS: i32 = 8;

/// The run's first few events (see [`OPENING_EVENTS`]) and its last event, read at once.
pub async fn opening_and_last(
    client: &TemporalClient,
    run: &RunRef,
) -> Result<(Vec<HistoryEvent>, Option<HistoryEvent>), AppError> {
    // On a first view the run page describes the run at the same time: this shares that call.
    let verdict = describe::verdict(client, run).await;
    let first = |reverse, page_size| PageRequest { reverse, token: Vec::new(), page_size };
    let opening = async { Ok(cached_page(client, run, verdict, first(false, OPENING_EVENTS)).await?.0) };
    let last = async { Ok(cached_page(client, run, verdict, first(true, 1)).await?.0.into_iter().next()) };
    tokio::try_join!(opening, last)
}

/// The SDK that completed the run's first workflow task, as "temporal-python 1.18.0": the SDK
/// writes its name and version into a completed task's metadata when they change.
pub fn sdk_of(events: &[HistoryEvent]) -> Option<String> {
    events.iter().find_map(|event| match event.attributes.as_ref()? {
        Attributes::WorkflowTaskCompletedEventAttributes(completed) => {
            let sdk = completed.sdk_metadata.as_ref()?;
            let text = format!("{} {}", sdk.sdk_name, sdk.sdk_version);
            Some(text.trim().to_string()).filter(|text| !text.is_empty())
        }
        _ => None,
    })
}

/// The run's newest `count` events, newest first.
pub async fn newest(client: &TemporalClient, run: &RunRef, count: i32) -> Result<Vec<HistoryEvent>, AppError> {
    let verdict = describe::verdict(client, run).await;
    let request = PageRequest { reverse: true, token: Vec::new(), page_size: count };
    Ok(cached_page(client, run, verdict, request).await?.0)
}

/// One page of up to [`PAGE_SIZE`] events and the token of the next page (empty after the last).
pub async fn fetch_page(
    client: &TemporalClient,
    run: &RunRef,
    next_page_token: Vec<u8>,
) -> Result<(Vec<HistoryEvent>, Vec<u8>), AppError> {
    let verdict = describe::verdict(client, run).await;
    cached_page(client, run, verdict, PageRequest { reverse: false, token: next_page_token, page_size: PAGE_SIZE })
        .await
}

/// How long one long poll for new events may wait before it is asked again.
pub const LONG_POLL: std::time::Duration = std::time::Duration::from_secs(60);

/// Waits for events after `next_page_token` (GetWorkflowExecutionHistory with `wait_new_event`).
/// The token stays non-empty while the run is open; an empty token means the run closed.
/// When nothing happens within [`LONG_POLL`], the answer is `AppError::Timeout`: ask again.
pub async fn wait_for_events(
    client: &TemporalClient,
    run: &RunRef,
    next_page_token: Vec<u8>,
) -> Result<(Vec<HistoryEvent>, Vec<u8>), AppError> {
    history_call(client, run, next_page_token, Some(LONG_POLL), PAGE_SIZE).await
}

/// GetWorkflowExecutionHistory for one page of up to `page_size` events; with `long_poll`, waits
/// that long for new events (never cached: it waits for what no cache has yet).
async fn history_call(
    client: &TemporalClient,
    run: &RunRef,
    next_page_token: Vec<u8>,
    long_poll: Option<std::time::Duration>,
    page_size: i32,
) -> Result<(Vec<HistoryEvent>, Vec<u8>), AppError> {
    let request = history_request(run, next_page_token, long_poll.is_some(), page_size);
    let request = match long_poll {
        Some(timeout) => client.request_with_timeout(request, timeout),
        None => client.request(request),
    };
    let response = client
        .workflow_service()
        .get_workflow_execution_history(request)
        .await
        .map_err(|status| not_found_as(client, status, run))?
        .into_inner();
    Ok((response.history.map(|history| history.events).unwrap_or_default(), response.next_page_token))
}

/// GetWorkflowExecutionHistoryReverse for one page, newest event first.
async fn reverse_call(
    client: &TemporalClient,
    run: &RunRef,
    next_page_token: Vec<u8>,
    page_size: i32,
) -> Result<(Vec<HistoryEvent>, Vec<u8>), AppError> {
    let request = GetWorkflowExecutionHistoryReverseRequest {
        namespace: run.namespace.clone(),
        execution: Some(WorkflowExecution { workflow_id: run.workflow_id.clone(), run_id: run.run_id.clone() }),
        maximum_page_size: page_size,
        next_page_token,
    };
    let response = client
        .workflow_service()
        .get_workflow_execution_history_reverse(client.request(request))
        .await
        .map_err(|status| not_found_as(client, status, run))?
        .into_inner();
    let mut events = response.history.map(|history| history.events).unwrap_or_default();
    // Newest first within the page as well, whatever order the server sends a page in.
    events.sort_unstable_by_key(|event| std::cmp::Reverse(event.event_id));
    Ok((events, response.next_page_token))
}

fn history_request(
    run: &RunRef,
    next_page_token: Vec<u8>,
    wait_new_event: bool,
    maximum_page_size: i32,
) -> GetWorkflowExecutionHistoryRequest {
    GetWorkflowExecutionHistoryRequest {
        namespace: run.namespace.clone(),
        execution: Some(WorkflowExecution { workflow_id: run.workflow_id.clone(), run_id: run.run_id.clone() }),
        maximum_page_size,
        next_page_token,
        wait_new_event,
        skip_archival: true,
        ..Default::default()
    }
}

fn not_found_as(client: &TemporalClient, status: tonic::Status, run: &RunRef) -> AppError {
    client.error(status, &format!("run {} of workflow \"{}\"", run.run_id, run.workflow_id))
}

/// What a run was started with and how it ended, read from its first and last events.
#[derive(Debug, Default, PartialEq)]
pub struct RunOutcome {
    pub input: Vec<PayloadView>,
    pub result: Option<Vec<PayloadView>>,
    pub failure: Option<FailureView>,
    pub continued_from: Option<String>,
    pub continued_as: Option<String>,
    pub parent_namespace: Option<String>,
    /// The workflow's retry attempt (1 unless a retry policy restarted it).
    pub attempt: i32,
}

pub fn run_outcome(first: Option<&HistoryEvent>, last: Option<&HistoryEvent>) -> RunOutcome {
    let mut outcome = RunOutcome::default();
    if let Some(Attributes::WorkflowExecutionStartedEventAttributes(started)) =
        first.and_then(|event| event.attributes.as_ref())
    {
        outcome.input = payloads::decode_all(started.input.as_ref());
        outcome.continued_from = non_empty(&started.continued_execution_run_id);
        outcome.parent_namespace = non_empty(&started.parent_workflow_namespace);
        outcome.attempt = started.attempt;
    }
    let Some(last) = last.and_then(|event| event.attributes.as_ref()) else {
        return outcome;
    };
    match last {
        Attributes::WorkflowExecutionCompletedEventAttributes(completed) => {
            outcome.result = Some(payloads::decode_all(completed.result.as_ref()));
            outcome.continued_as = non_empty(&completed.new_execution_run_id);
        }
        Attributes::WorkflowExecutionFailedEventAttributes(failed) => {
            outcome.failure = failed.failure.as_ref().map(failures::failure_view);
            outcome.continued_as = non_empty(&failed.new_execution_run_id);
        }
        Attributes::WorkflowExecutionTimedOutEventAttributes(timed_out) => {
            outcome.failure = Some(ending(
                "The workflow run exceeded its timeout",
                "Timeout",
                vec![("Retry state".into(), failures::retry_state(timed_out.retry_state))],
                Vec::new(),
            ));
            outcome.continued_as = non_empty(&timed_out.new_execution_run_id);
        }
        Attributes::WorkflowExecutionTerminatedEventAttributes(terminated) => {
            let reason = if terminated.reason.is_empty() { "Terminated without a reason" } else { &terminated.reason };
            let facts =
                non_empty(&terminated.identity).map(|who| ("Terminated by".to_string(), who)).into_iter().collect();
            outcome.failure =
                Some(ending(reason, "Terminated", facts, payloads::decode_all(terminated.details.as_ref())));
        }
        Attributes::WorkflowExecutionCanceledEventAttributes(canceled) => {
            outcome.failure = Some(ending(
                "The workflow run was canceled",
                "Canceled",
                Vec::new(),
                payloads::decode_all(canceled.details.as_ref()),
            ));
        }
        #[allow(deprecated)] // still the only place older SDKs put a retried run's failure
        Attributes::WorkflowExecutionContinuedAsNewEventAttributes(continued) => {
            outcome.continued_as = non_empty(&continued.new_execution_run_id);
            outcome.failure = continued.failure.as_ref().map(failures::failure_view);
        }
        _ => {}
    }
    outcome
}

fn ending(message: &str, kind: &str, facts: Vec<(String, String)>, details: Vec<PayloadView>) -> FailureView {
    FailureView {
        message: message.to_string(),
        kind: kind.to_string(),
        facts,
        non_retryable: false,
        source: String::new(),
        stack_trace: String::new(),
        details,
        cause: None,
    }
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}
