use temporalio_protos::protos::temporal::api::{
    common::v1::{WorkflowExecution, WorkflowType},
    history::v1::{
        ChildWorkflowExecutionCompletedEventAttributes, ChildWorkflowExecutionStartedEventAttributes,
        StartChildWorkflowExecutionFailedEventAttributes, StartChildWorkflowExecutionInitiatedEventAttributes,
        WorkflowExecutionContinuedAsNewEventAttributes, WorkflowExecutionStartedEventAttributes,
    },
};

use super::*;

fn event(event_id: i64, attributes: Attributes) -> HistoryEvent {
    HistoryEvent { event_id, attributes: Some(attributes), ..Default::default() }
}

fn initiated(event_id: i64, workflow_id: &str) -> HistoryEvent {
    event(
        event_id,
        Attributes::StartChildWorkflowExecutionInitiatedEventAttributes(
            StartChildWorkflowExecutionInitiatedEventAttributes {
                workflow_id: workflow_id.into(),
                workflow_type: Some(WorkflowType { name: "Child".into() }),
                ..Default::default()
            },
        ),
    )
}

#[test]
fn children_follow_their_events_to_the_latest_state() {
    let events = vec![
        initiated(5, "child-a"),
        initiated(6, "child-b"),
        initiated(7, "child-c"),
        event(
            8,
            Attributes::ChildWorkflowExecutionStartedEventAttributes(ChildWorkflowExecutionStartedEventAttributes {
                initiated_event_id: 5,
                workflow_execution: Some(WorkflowExecution { workflow_id: "child-a".into(), run_id: "run-a".into() }),
                ..Default::default()
            }),
        ),
        event(
            9,
            Attributes::StartChildWorkflowExecutionFailedEventAttributes(
                StartChildWorkflowExecutionFailedEventAttributes { initiated_event_id: 6, ..Default::default() },
            ),
        ),
        event(
            12,
            Attributes::ChildWorkflowExecutionCompletedEventAttributes(
                ChildWorkflowExecutionCompletedEventAttributes { initiated_event_id: 5, ..Default::default() },
            ),
        ),
    ];
    let children = children("default", &events);
    let states: Vec<_> = children.iter().map(|child| (child.workflow_id.as_str(), child.state.as_str())).collect();
    assert_eq!(states, [("child-a", "Completed"), ("child-b", "Failed to start"), ("child-c", "Starting")]);
    assert_eq!(children[0].run_id.as_deref(), Some("run-a"), "the run ID from the started event is kept");
    assert_eq!(children[0].last_event_id, 12);
    assert_eq!(children[0].namespace, "default");
}

#[test]
fn the_chain_names_the_previous_and_next_runs_and_why() {
    let started = event(
        1,
        Attributes::WorkflowExecutionStartedEventAttributes(WorkflowExecutionStartedEventAttributes {
            continued_execution_run_id: "run-1".into(),
            initiator: ContinueAsNewInitiator::Retry as i32,
            ..Default::default()
        }),
    );
    let continued = event(
        9,
        Attributes::WorkflowExecutionContinuedAsNewEventAttributes(WorkflowExecutionContinuedAsNewEventAttributes {
            new_execution_run_id: "run-3".into(),
            initiator: ContinueAsNewInitiator::Workflow as i32,
            ..Default::default()
        }),
    );
    let (previous, next) = chain(Some(&started), Some(&continued));
    assert_eq!(previous, Some(ChainLink { run_id: "run-1".into(), reason: "retry".into() }));
    assert_eq!(next, Some(ChainLink { run_id: "run-3".into(), reason: "continued as new".into() }));
    assert_eq!(chain(None, None), (None, None));
}
