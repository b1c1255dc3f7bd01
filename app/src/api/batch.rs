use leptos::prelude::*;

use crate::error::AppError;
use model::{BatchJobPage, BatchPlanPage, FailureResetPage};

/// The dry run of a batch: how many runs the query matches, and the first of them.
#[server]
pub async fn load_batch_plan(namespace: String, query: String) -> Result<BatchPlanPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::batch;
    with_status(async { batch::plan_page(&request::context()?, &namespace, &query).await }.await)
}

/// A batch job's progress.
#[server]
pub async fn load_batch_job(namespace: String, job_id: String) -> Result<BatchJobPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::batch;
    with_status(async { batch::job_page(&request::context()?, &namespace, &job_id).await }.await)
}

/// The report of a reset of each run to before its first failure, kept in the data directory.
#[server]
pub async fn load_failure_reset(namespace: String, id: String) -> Result<FailureResetPage, AppError> {
    use crate::{error::with_status, request};
    with_status(async { request::reset_reports()?.read(&namespace, &id).await }.await)
}
