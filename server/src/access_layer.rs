//! Every request gets its [`Access`] (the write policy and the signed-in user, if any) and a CSRF
//! token: the session's when signed in, else a random double-submit cookie, set by the first
//! answer whose page holds a write form.
//! Pages read both to decide which buttons and tokens to render; write handlers check them.
use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use inspector::access::{Access, CsrfIssued, CsrfToken, SessionCsrf, User, WritePolicy};

/// The double-submit cookie's name.
pub const CSRF_COOKIE: &str = "tdbg_csrf";

/// What the access layer needs from the configuration.
#[derive(Debug, Clone, Default)]
pub struct AccessSettings {
    pub policy: Arc<WritePolicy>,
    /// Sign-in is on: a request without a user may write nothing.
    pub sign_in: bool,
    /// Mark the CSRF cookie `Secure` (the app is served over HTTPS).
    pub secure_cookies: bool,
}

pub async fn attach(State(settings): State<AccessSettings>, mut request: Request, next: Next) -> Response {
    let user = request.extensions().get::<User>().cloned();
    let access = Access { policy: settings.policy.clone(), sign_in: settings.sign_in, user };
    request.extensions_mut().insert(access);
    // A session's own token wins; otherwise the cookie's, or a new one the response sets.
    if let Some(session) = request.extensions().get::<SessionCsrf>().map(|token| token.0.clone()) {
        request.extensions_mut().insert(CsrfToken(session));
        return next.run(request).await;
    }
    let (token, new) = match cookie_value(request.headers(), CSRF_COOKIE).filter(|value| well_formed(value)) {
        Some(token) => (token, false),
        None => (new_token(), true),
    };
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let issued = CsrfIssued::default();
    request.extensions_mut().insert(issued.clone());
    let mut response = next.run(request).await;
    if new && issued.0.load(std::sync::atomic::Ordering::Relaxed) {
        let path = if app::urls::public_path().is_empty() { "/" } else { app::urls::public_path() };
        let secure = if settings.secure_cookies { "; Secure" } else { "" };
        let cookie = format!("{CSRF_COOKIE}={token}; Path={path}; HttpOnly; SameSite=Strict{secure}");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// A fresh token: 244 random bits as 64 hex digits.
fn new_token() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

fn well_formed(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// One cookie's value from the request's `Cookie` headers.
pub fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others_and_tokens_are_checked() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; tdbg_csrf=abc; b=2"));
        assert_eq!(cookie_value(&headers, CSRF_COOKIE).as_deref(), Some("abc"));
        assert!(!well_formed("abc"));
        assert!(well_formed(&new_token()));
        assert_ne!(new_token(), new_token());
    }
}
