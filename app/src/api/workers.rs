use leptos::prelude::*;

use crate::error::AppError;
use model::{WorkerDetailPage, WorkerListPage};

/// A page of the namespace's workers from their heartbeats, filtered by a ListWorkers `query`.
#[server]
pub async fn list_namespace_workers(
    namespace: String,
    query: Option<String>,
    next_page: Option<String>,
) -> Result<WorkerListPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::workers;
    with_status(
        async {
            let client = &request::context()?.client;
            workers::list_page(client, &namespace, query.as_deref().unwrap_or(""), next_page.as_deref()).await
        }
        .await,
    )
}

/// One worker's last heartbeat, by its instance key.
#[server]
pub async fn load_worker(namespace: String, instance_key: String) -> Result<WorkerDetailPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::workers;
    with_status(async { workers::detail_page(&request::context()?.client, &namespace, &instance_key).await }.await)
}
