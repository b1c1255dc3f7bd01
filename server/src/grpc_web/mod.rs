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
//! The CSRF token of the forms does not apply here, on purpose. Only `POST`s whose content type
//! is `application/grpc-web…` reach the forwarder ([`only_grpc_web`]): no cross-site form or
//! "simple" `fetch` may send that type, so a browser asks first (a CORS preflight), and the
//! [`CorsLayer`] below answers it for the configured origins only (`TEMPORAL_CORS_ORIGINS`, none
//! by default). Without that gate, tonic-web passes any other request (a `text/plain` POST over
//! HTTP/2, which a page of any site may send without asking) to the forwarder as native gRPC.
//! Native gRPC is not offered here. Writes also need a same-origin `Origin` (the rule of every
//! other write, [`crate::same_origin`]) and follow the same policy as the UI. The route sits in
//! the same router as the pages, so the access layer runs for it, and so does sign-in.
//!
//! [`Access`]: inspector::access::Access
mod fields;
mod forward;
mod frame;
pub mod methods;

use std::time::Duration;

use axum::{
    Router,
    extract::Request,
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
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
    Router::new()
        .route_service(&format!("/{}/{{method}}", methods::SERVICE), service)
        .layer(axum::middleware::from_fn(only_grpc_web))
}

/// Lets through CORS preflights and gRPC-web `POST`s only (see the module's comment).
async fn only_grpc_web(request: Request, next: Next) -> Response {
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
    let grpc_web = content_type.is_some_and(|kind| kind.to_ascii_lowercase().starts_with("application/grpc-web"));
    match *request.method() {
        Method::OPTIONS => next.run(request).await,
        Method::POST if grpc_web => next.run(request).await,
        Method::POST => crate::error::WebError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Not gRPC-web",
            "This endpoint answers gRPC-web only (content type application/grpc-web, +proto or -text).",
        )
        .into_response(),
        _ => crate::error::WebError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "Not gRPC-web",
            "gRPC-web calls are POST requests.",
        )
        .into_response(),
    }
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
