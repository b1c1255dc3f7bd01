//! `/healthz`: the process is up (whatever Temporal does). `/readyz`: every cluster answers;
//! 503 names the one that does not, and why.
use std::time::Duration;

use axum::{extract::State, http::StatusCode};
use inspector::temporal::system;

use crate::state::AppState;

/// How long `/readyz` waits for a cluster (probes run every few seconds).
const READY_DEADLINE: Duration = Duration::from_secs(3);

pub async fn healthz() -> (StatusCode, &'static str) {
    (StatusCode::OK, "ok\n")
}

/// Asks every cluster at once; 200 only when all answer, each on its own line.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    let checks = state.clusters.iter().map(|cluster| async move {
        let client = &cluster.temporal;
        match system::server_version(client, READY_DEADLINE).await {
            Ok(version) => (
                true,
                format!("ready: cluster {} at {} answers (Temporal {version})\n", client.cluster(), client.address()),
            ),
            Err(error) => {
                (false, format!("not ready: cluster {} at {}: {error}\n", client.cluster(), client.address()))
            }
        }
    });
    let results = futures_util::future::join_all(checks).await;
    let ready = results.iter().all(|(ok, _)| *ok);
    let text: String = results.into_iter().map(|(_, line)| line).collect();
    (if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }, text)
}
