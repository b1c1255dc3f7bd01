//! The debugger's axum server: configuration, the Temporal connection, Leptos SSR routes,
//! health and metrics. `router` is the whole app, so tests drive it with `oneshot`.
pub mod access_layer;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod check_ready;
pub mod config;
pub mod current_details;
pub mod error;
pub mod grpc_web;
pub mod health;
pub mod history_download;
pub mod history_import;
pub mod https;
pub mod live_history;
pub mod metrics;
pub mod request_owner;
pub mod route_paths;
pub mod same_origin;
pub mod security_headers;
pub mod shutdown;
pub mod state;
pub mod theme_setting;
pub mod time_zone_setting;
pub mod write_handlers;

use std::sync::OnceLock;

use app::{App, shell};
use axum::{
    Router,
    extract::{DefaultBodyLimit, Request, State},
    http::{StatusCode, Uri},
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

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
    let probes = || {
        Router::new()
            .route("/healthz", get(health::healthz))
            .route("/readyz", get(health::readyz))
            .route("/metrics", get(metrics::render))
            .with_state(state.clone())
    };
    // The default cluster keeps the Temporal UI's URLs; the others live under /clusters/{name}.
    let mut pages = cluster_pages(&state).merge(probes());
    if let Some(auth) = &state.auth {
        pages = pages.merge(auth.routes());
    }
    for cluster in state.clusters.iter().skip(1) {
        let prefix = format!("/clusters/{}", cluster.temporal.cluster());
        pages = pages.nest(&prefix, cluster_pages(&state.for_cluster(cluster)));
    }
    // Under a public path, everything lives below it (the routes see the path without it); the
    // probes also answer at the root, and `/` sends a lost browser to the app.
    let base = app::urls::public_path();
    let app = if base.is_empty() {
        pages
    } else {
        // `/temporal/` is not the nested router's `/` (axum matches the path without the slash),
        // and a proxy's `location /temporal/` sends `/temporal` back to it: it opens the list.
        let to = |target: String| get(move || async move { axum::response::Redirect::to(&target) });
        let list = app::urls::workflows(&state.cluster.settings.default_namespace);
        probes().route("/", to(app::urls::home())).route(&format!("{base}/"), to(list)).nest(base, pages)
    };
    // Each request's Access (policy, user) and CSRF token; inside the sign-in layer, which puts
    // the user there first. Cross-site posts are refused after sign-in's 401, before any handler.
    let app = app
        .layer(middleware::from_fn_with_state(state.clone(), access_layer::attach))
        .layer(middleware::from_fn_with_state(state.origin_rule.clone(), same_origin::layer));
    // With sign-in on, every route but the probes, /auth/* and assets needs a session.
    let app = match &state.auth {
        Some(auth) => app.layer(middleware::from_fn_with_state(auth.clone(), auth::require_session)),
        None => app,
    };
    app
        // Each request's reactive owner and arena, never another request's (see request_owner).
        .layer(middleware::from_fn(request_owner::isolate))
        // Pages and history downloads compress well (JSON and HTML, often tenfold); server-sent
        // events are left alone by the default predicate, so live updates are not buffered.
        .layer(CompressionLayer::new().gzip(true))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, state.request_timeout))
        .layer(middleware::from_fn(error::negotiate))
        .layer(middleware::from_fn_with_state(
            security_headers::ServesHttps(state.access.secure_cookies),
            security_headers::layer,
        ))
        .layer(middleware::from_fn(metrics::track))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// One cluster's pages, downloads, live streams, imports and assets, its client in the context
/// of every render and server function.
fn cluster_pages(state: &AppState) -> Router {
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.cluster.temporal.clone());
            provide_context(state.cluster.settings.clone());
            provide_context(state.cluster.page.clone());
            provide_context(state.imports.clone());
            provide_context(state.reset_reports.clone());
            provide_context(state.cluster.server_metrics.clone());
            provide_context(state.cluster.kept_lanes.clone());
            security_headers::provide_page_nonce();
        }
    };
    let render_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    // The site's files are embedded (assets.rs); any other path is the not-found page.
    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
    let site_files = move |uri: Uri, State(state): State<AppState>, request: Request| async move {
        match state.bundle.respond(request.method(), uri.path(), request.headers()) {
            Some(response) => response,
            None => not_found(uri, State(state), request).await,
        }
    };
    Router::new()
        .route(
            "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/history.json",
            get(history_download::history_json),
        )
        .route("/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/history/live", get(live_history::live_history))
        .route(
            "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/current-details.json",
            get(current_details::current_details_json),
        )
        .route(
            "/import/upload",
            post(history_import::upload).layer(DefaultBodyLimit::max(history_import::MAX_UPLOAD_BYTES)),
        )
        .route("/import/{id}/history.json", get(history_import::download))
        .route("/settings/time-zone", post(time_zone_setting::save))
        .route("/settings/theme", post(theme_setting::save))
        .leptos_routes_with_context(state, routes, context, render_shell)
        // The same path's GET is the action's form, a page.
        .route(
            "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/actions/{action}",
            post(write_handlers::run_action),
        )
        .route(
            "/namespaces/{namespace}/workflows/{workflow_id}/{run_id}/activities/{activity_id}/actions/{action}",
            post(write_handlers::activity_action),
        )
        .route(
            "/namespaces/{namespace}/activities/{activity_id}/{run_id}/actions/{action}",
            post(write_handlers::standalone_activity_action),
        )
        .route("/namespaces/{namespace}/batch", post(write_handlers::start_batch))
        .route("/namespaces/{namespace}/batch-operations/{job_id}/stop", post(write_handlers::stop_batch))
        .route("/namespaces/{namespace}/schedules/{schedule_id}/{action}", post(write_handlers::schedule_action))
        .route(
            "/namespaces/{namespace}/worker-deployments/{deployment}/{action}",
            post(write_handlers::deployment_action),
        )
        .merge(grpc_web::routes(state))
        .fallback(site_files)
        .with_state(state.clone())
}

/// Every log line of a request carries its ID (the caller's `x-request-id`, or a new UUID that
/// the response echoes).
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request.headers().get("x-request-id").and_then(|value| value.to_str().ok()).unwrap_or("");
    // The sign-in callback's query holds the authorization code: its path alone is logged.
    let uri = request.uri();
    if uri.path().ends_with("/auth/sso/callback") {
        return tracing::info_span!("request", id = %id, method = %request.method(), uri = %uri.path());
    }
    tracing::info_span!("request", id = %id, method = %request.method(), uri = %uri)
}

fn panic_response(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(%message, "a request handler panicked");
    error::WebError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Internal error",
        "The debugger hit an internal error on this page. It has been logged.",
    )
    .into_response()
}
