//! Who polls a task queue: DescribeTaskQueue for workflow tasks and for activity tasks.
use temporalio_protos::protos::temporal::api::{
    enums::v1::TaskQueueType,
    taskqueue::v1::{PollerInfo, TaskQueue},
    workflowservice::v1::DescribeTaskQueueRequest,
};

use super::{TemporalClient, time};
use crate::{error::AppError, model::PollerView};

pub async fn pollers(
    client: &TemporalClient,
    namespace: &str,
    task_queue: &str,
    kind: TaskQueueType,
) -> Result<Vec<PollerView>, AppError> {
    let request = DescribeTaskQueueRequest {
        namespace: namespace.to_string(),
        task_queue: Some(TaskQueue { name: task_queue.to_string(), ..Default::default() }),
        task_queue_type: kind as i32,
        ..Default::default()
    };
    let response = client
        .workflow_service()
        .describe_task_queue(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("task queue \"{task_queue}\"")))?
        .into_inner();
    Ok(response.pollers.iter().map(poller).collect())
}

/// Workflow-task and activity-task pollers, asked concurrently.
pub async fn both(
    client: &TemporalClient,
    namespace: &str,
    task_queue: &str,
) -> Result<(Vec<PollerView>, Vec<PollerView>), AppError> {
    let (workflow, activity) = tokio::join!(
        pollers(client, namespace, task_queue, TaskQueueType::Workflow),
        pollers(client, namespace, task_queue, TaskQueueType::Activity),
    );
    Ok((workflow?, activity?))
}

fn poller(info: &PollerInfo) -> PollerView {
    PollerView {
        identity: info.identity.clone(),
        last_access_time: time::time_point(info.last_access_time.as_ref()),
        rate_per_second: format!("{}", info.rate_per_second),
    }
}
