//! The task queues of a namespace. Temporal has no call that lists them, so they are found where
//! the work is: the task queues of the namespace's running workflows and of the most recently
//! started ones (visibility). The busiest are then described for their verdict.
use std::collections::HashMap;

use temporalio_protos::protos::temporal::api::{
    workflow::v1::WorkflowExecutionInfo, workflowservice::v1::ListWorkflowExecutionsRequest,
};

use super::{TemporalClient, task_queues, time};
use model::AppError;
use model::{TaskQueueListRow, TaskQueuesPage, worst};

/// Workflows read per query (one page each: running ones, then the newest of all).
const WORKFLOWS_PER_QUERY: i32 = 500;
/// Queues described for their verdict (two calls each, all at once); the rest are listed only.
const DESCRIBED_QUEUES: usize = 20;

async fn executions(
    client: &TemporalClient,
    namespace: &str,
    query: &str,
) -> Result<(Vec<WorkflowExecutionInfo>, bool), AppError> {
    let request = ListWorkflowExecutionsRequest {
        namespace: namespace.to_string(),
        page_size: WORKFLOWS_PER_QUERY,
        next_page_token: Vec::new(),
        query: query.to_string(),
    };
    let response = client
        .workflow_service()
        .list_workflow_executions(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("namespace \"{namespace}\"")))?
        .into_inner();
    Ok((response.executions, !response.next_page_token.is_empty()))
}

pub async fn page(client: &TemporalClient, namespace: &str) -> Result<TaskQueuesPage, AppError> {
    let (running, recent) =
        tokio::join!(executions(client, namespace, "ExecutionStatus = 'Running'"), executions(client, namespace, ""),);
    let ((running, more_running), (recent, more_recent)) = (running?, recent?);
    let mut rows = rows_of(&running, &recent);
    let described = rows.len().min(DESCRIBED_QUEUES);
    let verdicts = describe_all(client, namespace, &rows[..described]).await;
    for (row, verdict) in rows.iter_mut().zip(verdicts) {
        row.verdict = verdict;
    }
    Ok(TaskQueuesPage {
        namespace: namespace.to_string(),
        rows,
        workflows_read: running.len() + recent.len(),
        more_workflows: more_running || more_recent,
        described,
    })
}

/// One row per task queue: running workflows counted from the first list, every workflow seen
/// (a running one may be in both lists: counted once) and the newest start; the busiest first.
fn rows_of(running: &[WorkflowExecutionInfo], recent: &[WorkflowExecutionInfo]) -> Vec<TaskQueueListRow> {
    let mut queues: HashMap<String, (TaskQueueListRow, std::collections::HashSet<String>)> = HashMap::new();
    for (info, is_running) in running.iter().map(|info| (info, true)).chain(recent.iter().map(|info| (info, false))) {
        if info.task_queue.is_empty() {
            continue;
        }
        let (row, seen) = queues.entry(info.task_queue.clone()).or_insert_with(|| {
            let row = TaskQueueListRow {
                name: info.task_queue.clone(),
                running: 0,
                seen: 0,
                latest_start: None,
                verdict: None,
            };
            (row, Default::default())
        });
        let run_id = info.execution.as_ref().map(|execution| execution.run_id.clone()).unwrap_or_default();
        if !seen.insert(run_id) {
            continue;
        }
        row.seen += 1;
        if is_running {
            row.running += 1;
        }
        let start = time::time_point(info.start_time.as_ref());
        if start.as_ref().map(|start| start.millis) > row.latest_start.as_ref().map(|latest| latest.millis) {
            row.latest_start = start;
        }
    }
    let mut rows: Vec<TaskQueueListRow> = queues.into_values().map(|(row, _)| row).collect();
    rows.sort_by(|a, b| {
        (b.running, b.seen, &b.latest_start.as_ref().map(|t| t.millis))
            .cmp(&(a.running, a.seen, &a.latest_start.as_ref().map(|t| t.millis)))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// Each queue's verdict (workflow and activity tasks), asked concurrently; a queue that cannot
/// be described has none.
async fn describe_all(
    client: &TemporalClient,
    namespace: &str,
    rows: &[TaskQueueListRow],
) -> Vec<Option<model::QueueVerdict>> {
    let mut set = tokio::task::JoinSet::new();
    for (index, row) in rows.iter().enumerate() {
        let (client, namespace, name) = (client.clone(), namespace.to_string(), row.name.clone());
        set.spawn(async move {
            let kinds = task_queues::workflow_and_activity(&client, &namespace, &name).await;
            (index, kinds.ok().and_then(|kinds| worst(kinds.into_iter().map(|kind| kind.verdict))))
        });
    }
    let mut verdicts = vec![None; rows.len()];
    while let Some(joined) = set.join_next().await {
        if let Ok((index, verdict)) = joined {
            verdicts[index] = verdict;
        }
    }
    verdicts
}
