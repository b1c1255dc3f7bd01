//! `/healthz`: the process is up (it does not depend on Temporal being reachable).
use axum::http::StatusCode;

pub async fn healthz() -> (StatusCode, &'static str) {
    (StatusCode::OK, "ok\n")
}
