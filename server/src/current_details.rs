//! `GET …/{run_id}/current-details.json`: what a running workflow says it is doing
//! (`workflow.set_current_details`), asked of its worker through the metadata query within 3 s.
//! The run page's summary island fetches it once the page is up, since a worker can take seconds
//! or never answer; the answer is JSON of `CurrentDetails` (an unanswered query is an answer too).
use std::time::Duration;

use axum::{
    Json,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use inspector::temporal::queries;
use model::CurrentDetails;

use crate::state::AppState;

/// How long the worker has to answer.
const WORKER_DEADLINE: Duration = Duration::from_secs(3);

pub async fn current_details_json(
    State(state): State<AppState>,
    Path((namespace, workflow_id, run_id)): Path<(String, String, String)>,
    parts: axum::http::request::Parts,
) -> Response {
    let client = state.cluster.temporal.for_request(&parts);
    let asked = queries::handlers(&client, &namespace, &workflow_id, &run_id);
    let details = match tokio::time::timeout(WORKER_DEADLINE, asked).await {
        Ok(Ok(handlers)) => CurrentDetails::Said(handlers.current_details).or_nothing(),
        Ok(Err(message)) => CurrentDetails::Unanswered(message),
        Err(_) => CurrentDetails::Unanswered("no worker answered within 3 s: is one polling the task queue?".into()),
    };
    ([(header::CACHE_CONTROL, "no-store")], Json(details)).into_response()
}
