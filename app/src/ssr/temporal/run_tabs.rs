//! The data of the run's debugging tabs, each from one describe plus what the tab needs.
use super::{TemporalClient, describe::describe, pending, queries, task_queues};
use crate::{
    error::AppError,
    model::{CallStackPage, PendingPage, StackTrace, WorkersPage},
};

pub async fn pending_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<PendingPage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    Ok(PendingPage {
        header: pending::run_header(namespace, &described),
        activities: described.pending_activities.iter().map(pending::activity).collect(),
        children: described.pending_children.iter().map(pending::child).collect(),
    })
}

pub async fn workers_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<WorkersPage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = pending::run_header(namespace, &described);
    let (workflow_pollers, activity_pollers) = task_queues::both(client, namespace, &header.task_queue).await?;
    Ok(WorkersPage { header, workflow_pollers, activity_pollers })
}

pub async fn call_stack_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<CallStackPage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = pending::run_header(namespace, &described);
    let stack = if !header.status.is_running() {
        StackTrace::Closed
    } else {
        let pollers = task_queues::pollers(
            client,
            namespace,
            &header.task_queue,
            temporalio_protos::protos::temporal::api::enums::v1::TaskQueueType::Workflow,
        )
        .await?;
        queries::stack_trace(client, namespace, workflow_id, run_id, !pollers.is_empty()).await
    };
    Ok(CallStackPage { header, stack })
}
