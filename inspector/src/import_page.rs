//! The page of an imported history: the run as its events tell it (type, task queue, times,
//! input and outcome), and the page of events the URL asks for, gathered like a live run's.
use temporalio_protos::protos::temporal::api::history::v1::{HistoryEvent, history_event::Attributes};

use super::{
    imports::ImportedHistory,
    temporal::{event_fields::RawEvent, history, history_json, time},
};
use model::{ExecutionStatus, HistoryLayout, HistoryOptions, ImportPage, PageCollector, ZoneRules};

pub fn import_page(
    imported: &ImportedHistory,
    options: &HistoryOptions,
    linked_event: Option<i64>,
    zone: &ZoneRules,
) -> ImportPage {
    let first = imported.event(0);
    let last = imported.len().checked_sub(1).and_then(|index| imported.event(index));
    let (first, last) = (first.as_ref(), last.as_ref());
    let outcome = history::run_outcome(first, last);
    let with_json = options.layout == HistoryLayout::Json;
    let start_millis = first.and_then(|event| time::millis(event.event_time.as_ref()));
    let mut page = PageCollector::<RawEvent>::new(options, linked_event, start_millis, None).in_zone(zone);
    for event in imported.events(options.newest_first) {
        page.push(RawEvent(event));
    }
    let (history, raw) = page.finish();
    let raw: Vec<HistoryEvent> = raw.into_iter().map(|event| event.0).collect();
    let events_json = with_json.then(|| history_json::pretty(&raw));
    let status = last.map_or(ExecutionStatus::Unspecified, closing_status);
    let (workflow_type, task_queue) = match first.and_then(|event| event.attributes.as_ref()) {
        Some(Attributes::WorkflowExecutionStartedEventAttributes(started)) => (
            started.workflow_type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
            started.task_queue.as_ref().map(|q| q.name.clone()).unwrap_or_default(),
        ),
        _ => Default::default(),
    };
    ImportPage {
        id: imported.id.clone(),
        file_name: imported.file_name.clone(),
        workflow_type,
        task_queue,
        status,
        start_time: first.and_then(|event| time::time_point(event.event_time.as_ref())),
        close_time: (status != ExecutionStatus::Running)
            .then(|| last.and_then(|event| time::time_point(event.event_time.as_ref())))
            .flatten(),
        input: outcome.input,
        result: outcome.result,
        failure: outcome.failure,
        history,
        events_json,
    }
}

/// The status a closing event gives the run; any other last event means it was still open.
fn closing_status(event: &HistoryEvent) -> ExecutionStatus {
    match event.attributes.as_ref() {
        Some(Attributes::WorkflowExecutionCompletedEventAttributes(_)) => ExecutionStatus::Completed,
        Some(Attributes::WorkflowExecutionFailedEventAttributes(_)) => ExecutionStatus::Failed,
        Some(Attributes::WorkflowExecutionTimedOutEventAttributes(_)) => ExecutionStatus::TimedOut,
        Some(Attributes::WorkflowExecutionTerminatedEventAttributes(_)) => ExecutionStatus::Terminated,
        Some(Attributes::WorkflowExecutionCanceledEventAttributes(_)) => ExecutionStatus::Canceled,
        Some(Attributes::WorkflowExecutionContinuedAsNewEventAttributes(_)) => ExecutionStatus::ContinuedAsNew,
        _ => ExecutionStatus::Running,
    }
}
