//! The debugger's axum server: configuration, the Temporal connection, Leptos SSR routes,
//! health and metrics. `router` is the whole app, so tests drive it with `oneshot`.
pub mod config;
pub mod health;
pub mod metrics;
pub mod state;

use std::sync::OnceLock;

use app::{App, shell};
use axum::{
    Router,
    http::StatusCode,
    middleware,
    response::{IntoResponse, Response},
    routing::get,
};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower_http::{catch_panic::CatchPanicLayer, timeout::TimeoutLayer, trace::TraceLayer};

pub use config::Config;
pub use state::AppState;

/// The app's routes, generated once per process. Generating them renders the app with resource
/// loading suppressed process-wide (leptos issue #4773): a request rendered meanwhile would hang,
/// so it must never overlap serving, even when tests build several routers.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.temporal.clone());
            provide_context(state.settings.clone());
        }
    };
    let render_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::render))
        .leptos_routes_with_context(&state, routes, context.clone(), render_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        // A bug must cost one request a plain 500, never the connection or a stack dump, and no
        // request may hang forever.
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, state.request_timeout))
        .layer(middleware::from_fn_with_state(state.metrics.clone(), metrics::track))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    (StatusCode::INTERNAL_SERVER_ERROR, "The debugger hit an internal error on this page. It has been logged.\n")
        .into_response()
}
