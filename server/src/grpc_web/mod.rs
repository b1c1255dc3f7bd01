//! The gRPC-web endpoint: `POST …/temporal.api.workflowservice.v1.WorkflowService/{Method}` on
//! the app's own port, for each cluster under its prefix (and under the public path), so browser
//! tools (a grpc-web client, the Temporal UI's own code) can call Temporal through the debugger.
//! `tonic-web`'s [`GrpcWebLayer`] turns gRPC-web (binary or text) into plain gRPC; the
//! [`forward::Forwarder`] behind it decides and forwards each call over the cluster's channel.
//!
//! Reads on an explicit allow-list pass; writes pass only when the request's [`Access`] (the
//! write policy, and the signed-in user once sign-in is on) allows their action, as the pages'
//! forms do, and each write is audited; every other method is refused with `PERMISSION_DENIED`.
//!
//! The CSRF token of the forms does not apply here, on purpose. A gRPC-web call is a `POST` whose
//! content type (`application/grpc-web…`) is not one a cross-site form or a "simple" `fetch` may
//! send, so a browser asks first (a CORS preflight), and the [`CorsLayer`] below answers it for
//! the configured origins only (`TEMPORAL_CORS_ORIGINS`, none by default): a page of another
//! site can neither send such a call nor read its answer. Writes still follow the same policy as
//! the UI. The route sits in the same router as the pages, so the access layer runs for it, and
//! so will a sign-in requirement layered on that router.
//!
//! [`Access`]: app::ssr::access::Access
mod fields;
mod forward;
mod frame;
pub mod methods;

use std::time::Duration;

use axum::{
    Router,
    http::{HeaderName, HeaderValue, Method, header},
};
use tonic_web::GrpcWebLayer;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::state::AppState;

/// The endpoint's route for one cluster (the caller nests it under the cluster's prefix).
pub fn routes<S: Clone + Send + Sync + 'static>(state: &AppState) -> Router<S> {
    let service = ServiceBuilder::new()
        .layer(cors(&state.cors_origins))
        .layer(GrpcWebLayer::new())
        .service(forward::Forwarder { state: state.clone() });
    Router::new().route_service(&format!("/{}/{{method}}", methods::SERVICE), service)
}

/// CORS for the configured origins only (with an empty list, no other site is allowed), with the
/// headers a grpc-web client sends and the status headers it reads. A configured origin is
/// trusted like the app's own pages, so its calls carry the browser's credentials (the session,
/// once sign-in is on) and follow the same policy.
fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|origin| HeaderValue::from_str(origin).ok()).collect();
    let name = HeaderName::from_static;
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_credentials(true)
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            name("x-grpc-web"),
            name("x-user-agent"),
            name("grpc-timeout"),
        ])
        .expose_headers([name("grpc-status"), name("grpc-message"), name("grpc-status-details-bin")])
        .max_age(Duration::from_secs(3600))
}
