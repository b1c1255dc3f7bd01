use leptos::prelude::*;

use crate::error::AppError;
use model::{RunsPage, WorkflowPage};

/// One page of workflow executions matching a visibility query, with status counts.
#[server]
pub async fn list_workflows(
    namespace: String,
    query: String,
    next_page: Option<String>,
    page_size: Option<i32>,
    /// The list's columns as in its URL (`cols`); the rows carry the search attributes named.
    columns: String,
) -> Result<WorkflowPage, AppError> {
    use crate::error::with_status;
    use crate::request;
    use inspector::temporal::workflows;
    use model::{attribute_columns, columns_from_query};
    let attributes = attribute_columns(&columns_from_query([columns.as_str()]));
    let request = workflows::ListRequest {
        namespace: &namespace,
        query: &query,
        next_page: next_page.as_deref(),
        page_size,
        attributes: &attributes,
    };
    with_status(
        async {
            let ctx = request::context()?;
            workflows::page(&ctx, request, ctx.settings.status_counts).await
        }
        .await,
    )
}

/// The run ID of a workflow ID's latest run.
#[server]
pub async fn latest_run(namespace: String, workflow_id: String) -> Result<String, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::workflows;
    with_status(async { workflows::latest_run_id(&request::context()?.client, &namespace, &workflow_id).await }.await)
}

/// Every run that ever had this workflow ID (reruns, retries, continue-as-new, resets).
#[server]
pub async fn list_runs(namespace: String, workflow_id: String) -> Result<RunsPage, AppError> {
    use crate::error::with_status;
    use crate::request;
    use inspector::temporal::workflows;
    use model::ActionKind;
    let listed = async {
        let ctx = request::context()?;
        let can_terminate = ctx.access.permissions(&namespace).allows(ActionKind::Terminate);
        Ok((workflows::runs_of(&ctx.client, &namespace, &workflow_id).await?, can_terminate))
    }
    .await;
    with_status(listed.map(|((runs, truncated), can_terminate)| RunsPage {
        workflow_id,
        runs,
        truncated,
        can_terminate,
    }))
}
