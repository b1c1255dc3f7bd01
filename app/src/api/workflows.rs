use leptos::prelude::*;

use crate::{error::AppError, model::WorkflowPage};

/// One page of workflow executions matching a visibility query, with status counts.
#[server]
pub async fn list_workflows(
    namespace: String,
    query: String,
    next_page: Option<String>,
    page_size: Option<i32>,
) -> Result<WorkflowPage, AppError> {
    use crate::error::with_status;
    use crate::ssr::{Settings, TemporalClient, temporal::workflows};
    let request =
        workflows::ListRequest { namespace: &namespace, query: &query, next_page: next_page.as_deref(), page_size };
    with_status(
        async { workflows::page(&TemporalClient::current()?, request, Settings::current()?.status_counts).await }.await,
    )
}

/// The run ID of a workflow ID's latest run.
#[server]
pub async fn latest_run(namespace: String, workflow_id: String) -> Result<String, AppError> {
    use crate::error::with_status;
    use crate::ssr::{TemporalClient, temporal::workflows};
    with_status(async { workflows::latest_run_id(&TemporalClient::current()?, &namespace, &workflow_id).await }.await)
}
