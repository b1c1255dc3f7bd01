use leptos::prelude::*;

use crate::error::AppError;
use model::WorkflowCountsPage;

/// The runs a visibility query matches, counted by one field.
#[server]
pub async fn load_workflow_counts(
    namespace: String,
    by: String,
    query: String,
) -> Result<WorkflowCountsPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::workflow_counts;
    with_status(async { workflow_counts::page(&request::context()?, &namespace, &by, &query).await }.await)
}
