//! The data of the run's debugging tabs, each from one describe plus what the tab needs.
use temporalio_protos::protos::temporal::api::enums::v1::TaskQueueType;

use super::{
    nexus_links, pending, queries,
    run_context::{self, RunContext},
    stack_traces, task_queues, workers,
};
use crate::RequestContext;
use model::AppError;
use model::{AskedQuery, CallStackPage, PendingPage, QueriesPage, QueryOutcome, RunRef, StackTrace, WorkersPage};

const WORKFLOW_TASKS: TaskQueueType = TaskQueueType::Workflow;

pub async fn pending_page(ctx: &RequestContext, run: &RunRef) -> Result<PendingPage, AppError> {
    let RunContext { described, header } = run_context::load(ctx, run).await?;
    Ok(PendingPage {
        header,
        activities: described.pending_activities.iter().map(pending::activity).collect(),
        children: described.pending_children.iter().map(pending::child).collect(),
        nexus_operations: described.pending_nexus_operations.iter().map(pending::nexus_operation).collect(),
        callbacks: described.callbacks.iter().map(nexus_links::callback).collect(),
    })
}

pub async fn workers_page(ctx: &RequestContext, run: &RunRef) -> Result<WorkersPage, AppError> {
    let RunContext { header, .. } = run_context::load(ctx, run).await?;
    let (client, namespace) = (&ctx.client, run.namespace.as_str());
    let (kinds, workers) = tokio::join!(
        task_queues::workflow_and_activity(client, namespace, &header.task_queue),
        workers::of_queue(client, namespace, &header.task_queue),
    );
    Ok(WorkersPage { header, kinds: kinds?.to_vec(), workers })
}

pub async fn call_stack_page(ctx: &RequestContext, run: &RunRef) -> Result<CallStackPage, AppError> {
    let RunContext { header, .. } = run_context::load(ctx, run).await?;
    let (client, (namespace, workflow_id, run_id)) = (&ctx.client, run.ids());
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
    ctx: &RequestContext,
    run: &RunRef,
    asked: Option<(&str, &str)>,
) -> Result<QueriesPage, AppError> {
    let RunContext { header, .. } = run_context::load(ctx, run).await?;
    let (client, (namespace, workflow_id, run_id)) = (&ctx.client, run.ids());
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
    let (handlers, asked) = tokio::join!(queries::handlers(client, namespace, workflow_id, run_id), async {
        match asked {
            Some((name, arguments)) => Some(queries::ask_with_json(ctx, run, name, arguments).await),
            None => None,
        }
    });
    Ok(QueriesPage { header, has_worker, handlers, asked })
}
