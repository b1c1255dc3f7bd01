//! `/healthz`: the process is up (whatever Temporal does). `/readyz`: every cluster answers;
//! 503 names the one that does not, and why.
use std::time::Duration;

use app::ssr::temporal::system;
use axum::{extract::State, http::StatusCode};

use crate::state::AppState;

/// How long `/readyz` waits for a cluster (probes run every few seconds).
const READY_DEADLINE: Duration = Duration::from_secs(3);

pub async fn healthz() -> (StatusCode, &'static str) {
    (StatusCode::OK, "ok\n")
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let client = &state.temporal;
    match system::server_version(client, READY_DEADLINE).await {
        Ok(version) => (
            StatusCode::OK,
            format!("ready: cluster {} at {} answers (Temporal {version})\n", client.cluster(), client.address()),
        ),
        Err(error) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: cluster {} at {}: {error}\n", client.cluster(), client.address()),
        ),
    }
}
