//! The data of the run's debugging tabs, each from one describe plus what the tab needs.
use temporalio_protos::protos::temporal::api::enums::v1::TaskQueueType;

use super::{TemporalClient, describe::describe, pending, queries, stack_traces, task_queues};
use crate::{
    error::AppError,
    model::{AskedQuery, CallStackPage, PendingPage, QueriesPage, QueryOutcome, StackTrace, WorkersPage},
};

const WORKFLOW_TASKS: TaskQueueType = TaskQueueType::Workflow;

pub async fn pending_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<PendingPage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    Ok(PendingPage {
        header: super::workflow_task_problem::run_header(client, namespace, &described).await,
        activities: described.pending_activities.iter().map(pending::activity).collect(),
        children: described.pending_children.iter().map(pending::child).collect(),
        nexus_operations: described.pending_nexus_operations.iter().map(pending::nexus_operation).collect(),
    })
}

pub async fn workers_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<WorkersPage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = super::workflow_task_problem::run_header(client, namespace, &described).await;
    let kinds = task_queues::workflow_and_activity(client, namespace, &header.task_queue).await?;
    Ok(WorkersPage { header, kinds: kinds.to_vec() })
}

pub async fn call_stack_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<CallStackPage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = super::workflow_task_problem::run_header(client, namespace, &described).await;
    let stack = if !header.status.is_running() {
        StackTrace::Closed
    } else {
        let pollers = task_queues::pollers(client, namespace, &header.task_queue, WORKFLOW_TASKS).await?;
        stack_traces::stack_trace(client, namespace, workflow_id, run_id, !pollers.is_empty()).await
    };
    Ok(CallStackPage { header, stack })
}

/// The queries tab: the run's handlers and, when `asked` names a query, its answer.
pub async fn queries_page(
    client: &TemporalClient,
    (namespace, workflow_id, run_id): (&str, &str, &str),
    asked: Option<(&str, &str)>,
) -> Result<QueriesPage, AppError> {
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = super::workflow_task_problem::run_header(client, namespace, &described).await;
    let has_worker = !task_queues::pollers(client, namespace, &header.task_queue, WORKFLOW_TASKS).await?.is_empty();
    if !has_worker {
        let handlers =
            Err(format!("No worker polls task queue \"{}\", so nobody can answer queries.", header.task_queue));
        let asked = asked.map(|(name, arguments)| AskedQuery {
            name: name.to_string(),
            arguments: arguments.to_string(),
            outcome: QueryOutcome::Failed("Not sent: no worker polls the workflow task queue.".into()),
        });
        return Ok(QueriesPage { header, has_worker, handlers, asked });
    }
    let ids = (namespace, workflow_id, run_id);
    let (handlers, asked) = tokio::join!(queries::handlers(client, namespace, workflow_id, run_id), async {
        match asked {
            Some((name, arguments)) => Some(queries::ask_with_json(client, ids, name, arguments).await),
            None => None,
        }
    });
    Ok(QueriesPage { header, has_worker, handlers, asked })
}
