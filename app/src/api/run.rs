use leptos::prelude::*;

use crate::{error::AppError, model::RunPage};

/// A run's summary, input, outcome and full event history; with `json`, the history in proto3
/// JSON too (the history page's JSON view).
#[server]
pub async fn load_run(namespace: String, workflow_id: String, run_id: String, json: bool) -> Result<RunPage, AppError> {
    use crate::error::with_status;
    use crate::ssr::{TemporalClient, temporal::run};
    with_status(async { run::load(&TemporalClient::current()?, &namespace, &workflow_id, &run_id, json).await }.await)
}
