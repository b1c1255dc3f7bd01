//! A run's relatives: parent and root from describe, children and the continue-as-new / retry
//! chain from the history, and its place among the runs of its workflow ID from visibility.
use temporalio_protos::protos::temporal::api::{
    enums::v1::ContinueAsNewInitiator,
    history::v1::{HistoryEvent, history_event::Attributes},
    workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use std::ops::ControlFlow;

use super::history::{self, Direction};
use super::{describe::describe, time, workflows};
use crate::RequestContext;
use model::{AppError, RunRef};
use model::{ChainLink, ChildView, ParentLink, RelationshipsPage, RunPosition};

pub async fn relationships_page(ctx: &RequestContext, run: &RunRef) -> Result<RelationshipsPage, AppError> {
    let (client, ids) = (&ctx.client, run.ids());
    let (namespace, workflow_id, run_id) = ids;
    let (described, ends, runs) = tokio::join!(
        describe(client, namespace, workflow_id, run_id),
        history::ends(client, run),
        workflows::runs_of(client, namespace, workflow_id),
    );
    let (described, (first, last)) = (described?, ends?);
    // The children, gathered in one pass: only their rows are kept, not the history.
    let mut children = Vec::new();
    history::scan(client, run, Direction::OldestFirst, |event| {
        add_child_event(&mut children, namespace, &event);
        ControlFlow::Continue(())
    })
    .await?;
    let header = super::run_context::header(ctx, namespace, &described).await;
    let (parent, root) = ancestors(namespace, &described, first.as_ref());
    let position = runs.map_err(|error| error.to_string()).map(|(runs, truncated)| {
        runs.iter().position(|run| run.run_id == header.run_id).map(|index| RunPosition {
            index: index + 1,
            count: runs.len(),
            truncated,
        })
    });
    let chain = chain(first.as_ref(), last.as_ref());
    let first_run_id = described
        .workflow_execution_info
        .as_ref()
        .map(|info| info.first_run_id.clone())
        .filter(|first| !first.is_empty() && *first != header.run_id);
    Ok(RelationshipsPage { header, parent, root, children, previous: chain.0, next: chain.1, first_run_id, position })
}

fn ancestors(
    namespace: &str,
    described: &DescribeWorkflowExecutionResponse,
    first: Option<&HistoryEvent>,
) -> (Option<ParentLink>, Option<ParentLink>) {
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let parent_namespace = history::run_outcome(first, None).parent_namespace.unwrap_or_else(|| namespace.to_string());
    let parent = info.parent_execution.map(|parent| ParentLink {
        namespace: parent_namespace.clone(),
        workflow_id: parent.workflow_id,
        run_id: parent.run_id,
    });
    let own = info.execution.unwrap_or_default();
    let root = info
        .root_execution
        .filter(|root| root.run_id != own.run_id && parent.as_ref().is_none_or(|parent| parent.run_id != root.run_id))
        // The root shares the parent's namespace as far as this API tells.
        .map(|root| ParentLink { namespace: parent_namespace, workflow_id: root.workflow_id, run_id: root.run_id });
    (parent, root)
}

/// The children this run started, in the order it started them, each with its latest state.
pub fn children(namespace: &str, events: &[HistoryEvent]) -> Vec<ChildView> {
    let mut children = Vec::new();
    events.iter().for_each(|event| add_child_event(&mut children, namespace, event));
    children
}

/// Adds the child a StartChildWorkflowExecutionInitiated event starts, or moves a child's state on.
fn add_child_event(children: &mut Vec<ChildView>, namespace: &str, event: &HistoryEvent) {
    {
        let Some(attributes) = &event.attributes else { return };
        let (initiated, state, run_id) = match attributes {
            Attributes::StartChildWorkflowExecutionInitiatedEventAttributes(started) => {
                children.push(ChildView {
                    namespace: if started.namespace.is_empty() {
                        namespace.to_string()
                    } else {
                        started.namespace.clone()
                    },
                    workflow_id: started.workflow_id.clone(),
                    run_id: None,
                    workflow_type: started.workflow_type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
                    state: "Starting".into(),
                    initiated_event_id: event.event_id,
                    last_event_id: event.event_id,
                    last_event_time: time::time_point(event.event_time.as_ref()),
                });
                return;
            }
            Attributes::StartChildWorkflowExecutionFailedEventAttributes(failed) => {
                (failed.initiated_event_id, "Failed to start", None)
            }
            Attributes::ChildWorkflowExecutionStartedEventAttributes(started) => {
                (started.initiated_event_id, "Running", started.workflow_execution.as_ref().map(|e| e.run_id.clone()))
            }
            Attributes::ChildWorkflowExecutionCompletedEventAttributes(closed) => {
                (closed.initiated_event_id, "Completed", None)
            }
            Attributes::ChildWorkflowExecutionFailedEventAttributes(closed) => {
                (closed.initiated_event_id, "Failed", None)
            }
            Attributes::ChildWorkflowExecutionCanceledEventAttributes(closed) => {
                (closed.initiated_event_id, "Canceled", None)
            }
            Attributes::ChildWorkflowExecutionTimedOutEventAttributes(closed) => {
                (closed.initiated_event_id, "TimedOut", None)
            }
            Attributes::ChildWorkflowExecutionTerminatedEventAttributes(closed) => {
                (closed.initiated_event_id, "Terminated", None)
            }
            _ => return,
        };
        if let Some(child) = children.iter_mut().rev().find(|child| child.initiated_event_id == initiated) {
            child.state = state.to_string();
            child.last_event_id = event.event_id;
            child.last_event_time = time::time_point(event.event_time.as_ref());
            if run_id.is_some() {
                child.run_id = run_id;
            }
        }
    }
}

/// The run this one continued from (and why), and the run that continued it.
pub fn chain(first: Option<&HistoryEvent>, last: Option<&HistoryEvent>) -> (Option<ChainLink>, Option<ChainLink>) {
    let previous = match first.and_then(|event| event.attributes.as_ref()) {
        Some(Attributes::WorkflowExecutionStartedEventAttributes(started))
            if !started.continued_execution_run_id.is_empty() =>
        {
            Some(ChainLink { run_id: started.continued_execution_run_id.clone(), reason: initiator(started.initiator) })
        }
        _ => None,
    };
    let next = last.and_then(|event| match event.attributes.as_ref()? {
        Attributes::WorkflowExecutionContinuedAsNewEventAttributes(continued) => {
            Some(ChainLink { run_id: continued.new_execution_run_id.clone(), reason: initiator(continued.initiator) })
        }
        Attributes::WorkflowExecutionCompletedEventAttributes(closed) => {
            link(&closed.new_execution_run_id, "cron schedule")
        }
        Attributes::WorkflowExecutionFailedEventAttributes(closed) => link(&closed.new_execution_run_id, "retry"),
        Attributes::WorkflowExecutionTimedOutEventAttributes(closed) => link(&closed.new_execution_run_id, "retry"),
        _ => None,
    });
    (previous, next)
}

fn link(run_id: &str, reason: &str) -> Option<ChainLink> {
    (!run_id.is_empty()).then(|| ChainLink { run_id: run_id.to_string(), reason: reason.to_string() })
}

fn initiator(value: i32) -> String {
    match ContinueAsNewInitiator::try_from(value) {
        Ok(ContinueAsNewInitiator::Retry) => "retry",
        Ok(ContinueAsNewInitiator::CronSchedule) => "cron schedule",
        _ => "continued as new",
    }
    .to_string()
}

#[cfg(test)]
#[path = "relationships_tests.rs"]
mod tests;
