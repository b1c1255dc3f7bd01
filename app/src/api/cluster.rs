use leptos::prelude::*;

use crate::error::AppError;
use model::{ClusterPage, NamespacePage, TaskQueuePage, TaskQueuesPage};

/// The namespace's page: settings, archival, replication, capabilities, search attributes and
/// worker deployments.
#[server]
pub async fn load_namespace(namespace: String) -> Result<NamespacePage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::namespace_details;
    with_status(
        async {
            let ctx = request::context()?;
            namespace_details::page(&ctx.client, &namespace, &ctx.zone).await
        }
        .await,
    )
}

/// The cluster's page: GetClusterInfo and GetSystemInfo.
#[server]
pub async fn load_cluster() -> Result<ClusterPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::cluster_info;
    with_status(
        async {
            let ctx = request::context()?;
            cluster_info::page(&ctx.client, &ctx.zone).await
        }
        .await,
    )
}

/// One task queue: pollers, backlog, verdict, versioning and rate limits.
#[server]
pub async fn load_task_queue(namespace: String, task_queue: String) -> Result<TaskQueuePage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::task_queues;
    with_status(async { task_queues::page(&request::context()?.client, &namespace, &task_queue).await }.await)
}

/// The namespace's task queues, found through its recent workflows.
#[server]
pub async fn load_task_queues(namespace: String) -> Result<TaskQueuesPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::task_queue_list;
    with_status(async { task_queue_list::page(&request::context()?.client, &namespace).await }.await)
}
