//! The gate in front of every route when sign-in is on (except the probes, `/auth/*` and static
//! assets): a valid session puts the [`User`], its [`UserToken`] and [`SessionCsrf`] into the
//! request's extensions, refreshing the tokens first when they expire within a minute. Without
//! one, a page GET goes to sign-in and comes back to the same URL; anything else gets 401.
use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};
use inspector::access::{SessionCsrf, User, UserToken};

use crate::route_paths::{is_server_function, route_path};

use super::{
    AuthState,
    cookies::{self, open_chunked, request_cookies},
    provider::ProviderError,
    roles,
    routes::sentence,
    session::{SESSION_COOKIE, Session, now},
};

/// Characters kept as they are in the `return_to` query value.
const QUERY_VALUE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Paths that answer without a session: probes, sign-in itself, the bundle, styles and icons.
fn is_public(path: &str, public_path: &str) -> bool {
    if matches!(path, "/healthz" | "/readyz" | "/metrics") {
        return true;
    }
    let Some(rest) = route_path(path, public_path) else { return false };
    matches!(rest, "/healthz" | "/readyz" | "/metrics" | "/auth" | "/favicon.svg" | "/favicon.ico")
        || rest.starts_with("/auth/")
        || rest.starts_with("/pkg/")
}

/// A browser opening a page (not a server function, JSON answer or live stream).
fn is_page_visit(request: &Request, public_path: &str) -> bool {
    let path = request.uri().path();
    let html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    matches!(*request.method(), Method::GET | Method::HEAD)
        && html
        && !is_server_function(path, public_path)
        && !path.ends_with(".json")
        && !path.ends_with("/history/live")
}

/// The response to a request without a (usable) session.
fn without_session(auth: &AuthState, request: &Request, clear: Vec<HeaderValue>) -> Response {
    let mut response = if is_page_visit(request, &auth.0.public_path) {
        let original = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
        let encoded = percent_encoding::utf8_percent_encode(original, QUERY_VALUE);
        let location = format!("{}?return_to={encoded}", auth.auth_path("/sso"));
        let mut response = sentence(StatusCode::SEE_OTHER, "Sign in first.");
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        response
    } else {
        sentence(
            StatusCode::UNAUTHORIZED,
            "Sign in first: this request needs a signed-in session and has none (or it ended); open a page to sign in.",
        )
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in clear {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

pub async fn require_session(State(auth): State<AuthState>, mut request: Request, next: Next) -> Response {
    if is_public(request.uri().path(), &auth.0.public_path) {
        return next.run(request).await;
    }
    let present = request_cookies(request.headers());
    let clear = || cookies::removals(SESSION_COOKIE, 0, &auth.0.scope, &present);
    let Some(mut session) = open_chunked::<Session>(&auth.0.key, SESSION_COOKIE, &present) else {
        return without_session(&auth, &request, clear());
    };
    if session.too_old(now()) {
        tracing::info!(user = %session.display_name, "the session reached its 12-hour limit: sign-in again");
        return without_session(&auth, &request, clear());
    }
    let mut set_cookies = Vec::new();
    if session.needs_refresh(now()) {
        match auth.0.provider.refresh(&session).await {
            Ok(refreshed) => {
                match cookies::chunked_set_cookies(&auth.0.key, SESSION_COOKIE, &refreshed, &auth.0.scope, &present) {
                    Some(headers) => set_cookies = headers,
                    None => return without_session(&auth, &request, clear()),
                }
                session = refreshed;
            }
            // A provider that is down for a moment does not end a session whose token still works.
            Err(ProviderError::Unavailable(reason)) if !session.expired(now()) => {
                tracing::warn!(user = %session.display_name, "cannot refresh the session yet: {reason}");
            }
            Err(error) => {
                tracing::info!(user = %session.display_name, "the session ended: {error:?}");
                return without_session(&auth, &request, clear());
            }
        }
    }
    let user: User = roles::user(&auth.0.config.roles, &session.subject, &session.display_name, &session.groups);
    let token = if auth.0.config.use_id_token_as_bearer { &session.id_token } else { &session.access_token };
    let extensions = request.extensions_mut();
    extensions.insert(user);
    extensions.insert(UserToken(token.clone()));
    extensions.insert(SessionCsrf(session.csrf.clone()));
    let mut response = next.run(request).await;
    for cookie in set_cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(path: &str, accept: &str) -> bool {
        let request = Request::builder().uri(path).header(header::ACCEPT, accept).body(axum::body::Body::empty());
        is_page_visit(&request.expect("request"), "")
    }

    #[test]
    fn only_page_gets_from_a_browser_go_to_sign_in() {
        assert!(visit("/namespaces/default/workflows/api/run-1/history", "text/html,*/*"));
        assert!(!visit("/api/list_namespaces", "text/html"));
        assert!(!visit("/clusters/staging/api/list_namespaces", "text/html"));
        assert!(!visit("/namespaces/default/workflows/w/r/history.json", "text/html"));
        assert!(!visit("/namespaces/default/workflows/w/r/history/live", "text/event-stream"));
        assert!(!visit("/namespaces", "application/json"));
    }

    #[test]
    fn probes_sign_in_and_assets_need_no_session() {
        for path in
            ["/healthz", "/metrics", "/auth/sso", "/auth/sso/callback", "/pkg/temporal-debugger.wasm", "/favicon.svg"]
        {
            assert!(is_public(path, ""), "{path}");
        }
        assert!(is_public("/temporal/auth/logout", "/temporal"));
        assert!(is_public("/temporal/clusters/staging/pkg/app.js", "/temporal"));
        assert!(is_public("/healthz", "/temporal"));
        for path in ["/", "/namespaces", "/api/list_workflows", "/authx", "/namespaces/default/workflows/pkg/run"] {
            assert!(!is_public(path, ""), "{path}");
        }
        assert!(!is_public("/auth/sso", "/temporal"));
    }
}
