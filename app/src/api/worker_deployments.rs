use leptos::prelude::*;

use crate::error::AppError;
use model::WorkerDeploymentPage;

/// One worker deployment: its routing and versions, and its conflict token for the forms.
#[server]
pub async fn load_worker_deployment(namespace: String, deployment: String) -> Result<WorkerDeploymentPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::worker_deployment;
    with_status(async { worker_deployment::page(&request::context()?, &namespace, &deployment).await }.await)
}
