use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{CallStackPage, PendingPage, WorkersPage},
};

/// Pending activities (with attempts and last failure) and pending child workflows.
#[server]
pub async fn load_pending(namespace: String, workflow_id: String, run_id: String) -> Result<PendingPage, AppError> {
    use crate::error::with_status;
    use crate::ssr::{TemporalClient, temporal::run_tabs};
    with_status(
        async { run_tabs::pending_page(&TemporalClient::current()?, &namespace, &workflow_id, &run_id).await }.await,
    )
}

/// Pollers of the run's task queue, for workflow and activity tasks.
#[server]
pub async fn load_workers(namespace: String, workflow_id: String, run_id: String) -> Result<WorkersPage, AppError> {
    use crate::error::with_status;
    use crate::ssr::{TemporalClient, temporal::run_tabs};
    with_status(
        async { run_tabs::workers_page(&TemporalClient::current()?, &namespace, &workflow_id, &run_id).await }.await,
    )
}

/// The `__stack_trace` query, or why it cannot be asked.
#[server]
pub async fn load_call_stack(
    namespace: String,
    workflow_id: String,
    run_id: String,
) -> Result<CallStackPage, AppError> {
    use crate::error::with_status;
    use crate::ssr::{TemporalClient, temporal::run_tabs};
    with_status(
        async { run_tabs::call_stack_page(&TemporalClient::current()?, &namespace, &workflow_id, &run_id).await }.await,
    )
}
