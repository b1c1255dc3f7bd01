//! The sign-in routes: start (`/auth/sso`), the provider's callback, sign-out and the page after
//! it. Every failure is a sentence with its status (400 for a callback this browser did not
//! start, 401 when the provider refuses, 403 for a forged sign-out, 503 while the provider is
//! down); tokens never appear in a response or a log line.
use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    AuthState,
    cookies::{self, open_chunked, request_cookies},
    provider::ProviderError,
    return_to,
    session::{PENDING_COOKIE, PENDING_SECONDS, Pending, SESSION_COOKIE, Session, now},
};

#[derive(Deserialize)]
pub struct StartQuery {
    return_to: Option<String>,
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// A sentence with a status (see `crate::error`).
pub fn sentence(status: StatusCode, text: impl Into<String>) -> Response {
    let title = match status {
        StatusCode::UNAUTHORIZED | StatusCode::SEE_OTHER => "Sign in first",
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::BAD_REQUEST => "Sign-in failed",
        _ => "Sign-in is not available",
    };
    crate::error::WebError::new(status, title, text).into_response()
}

/// A 303 to `location` that also sets `cookies`.
fn see_other(location: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_string())]).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

fn provider_failure(error: ProviderError) -> Response {
    match error {
        ProviderError::Unavailable(text) => sentence(StatusCode::SERVICE_UNAVAILABLE, text),
        ProviderError::Refused(text) => sentence(StatusCode::UNAUTHORIZED, text),
    }
}

/// `GET /auth/sso?return_to=/local/path`: to the provider, with the pending sign-in in a cookie.
pub async fn start(State(auth): State<AuthState>, Query(query): Query<StartQuery>) -> Response {
    let return_to = return_to::checked(query.return_to.as_deref(), &auth.0.public_path);
    match auth.0.provider.start(return_to).await {
        Ok((url, pending)) => {
            let sealed = cookies::seal(&auth.0.key, PENDING_COOKIE, &pending);
            let cookie =
                auth.0.scope.set_cookie(PENDING_COOKIE, &sealed, &auth.auth_path(""), Some(PENDING_SECONDS as i64));
            see_other(url.as_str(), vec![cookie])
        }
        Err(error) => provider_failure(error),
    }
}

/// `GET /auth/sso/callback?code=…&state=…`: checks the state against the pending sign-in,
/// exchanges the code (with the PKCE verifier), verifies the ID token and its nonce, and opens
/// the page the sign-in started from with a new session.
pub async fn callback(
    State(auth): State<AuthState>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Response {
    let present = request_cookies(&headers);
    let start_again = format!("start again at {}", auth.auth_path("/sso"));
    let pending = present
        .get(PENDING_COOKIE)
        .and_then(|sealed| cookies::open::<Pending>(&auth.0.key, PENDING_COOKIE, sealed))
        .filter(|pending| pending.fresh(now()));
    let Some(pending) = pending else {
        return sentence(
            StatusCode::BAD_REQUEST,
            format!(
                "This browser has no sign-in in progress (it took more than 10 minutes, or cookies are blocked): {start_again}."
            ),
        );
    };
    if let Some(error) = query.error {
        let detail = query.error_description.map(|text| format!(" ({text})")).unwrap_or_default();
        return sentence(
            StatusCode::UNAUTHORIZED,
            format!("The provider refused the sign-in: {error}{detail}; {start_again}."),
        );
    }
    if query.state.as_deref() != Some(pending.state.as_str()) {
        return sentence(
            StatusCode::BAD_REQUEST,
            format!(
                "This callback does not belong to the sign-in this browser started (its state differs): {start_again}."
            ),
        );
    }
    let Some(code) = query.code.filter(|code| !code.is_empty()) else {
        return sentence(StatusCode::BAD_REQUEST, format!("The provider sent no authorization code: {start_again}."));
    };
    let session = match auth.0.provider.finish(code, &pending).await {
        Ok(session) => session,
        Err(error) => {
            tracing::warn!("sign-in failed at the callback: {error:?}");
            return provider_failure(error);
        }
    };
    tracing::info!(user = %session.display_name, "signed in");
    let Some(mut set) = cookies::chunked_set_cookies(&auth.0.key, SESSION_COOKIE, &session, &auth.0.scope, &present)
    else {
        return sentence(
            StatusCode::BAD_GATEWAY,
            "The provider's tokens are too large for this server's session cookies (more than 22 KB).",
        );
    };
    set.push(auth.0.scope.set_cookie(PENDING_COOKIE, "", &auth.auth_path(""), Some(0)));
    see_other(&pending.return_to, set)
}

/// Compares two strings in time that depends on their length only.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// `POST /auth/logout` with the session's CSRF token: ends the session.
pub async fn logout(State(auth): State<AuthState>, headers: HeaderMap, Form(form): Form<LogoutForm>) -> Response {
    let present = request_cookies(&headers);
    let Some(session) = open_chunked::<Session>(&auth.0.key, SESSION_COOKIE, &present) else {
        return see_other(
            &auth.auth_path("/logged-out"),
            cookies::removals(SESSION_COOKIE, 0, &auth.0.scope, &present),
        );
    };
    if form.csrf.is_empty() || !same_token(&form.csrf, &session.csrf) {
        return sentence(
            StatusCode::FORBIDDEN,
            "This sign-out form is not from this session (its CSRF token differs).",
        );
    }
    tracing::info!(user = %session.display_name, "signed out");
    // The provider's session ends too where it can (else the next sign-in would be silent).
    let logged_out = auth.auth_path("/logged-out");
    let after = match auth.0.provider.end_session_url(&format!("{}{logged_out}", auth.0.origin)).await {
        Some(url) => url.to_string(),
        None => logged_out,
    };
    see_other(&after, cookies::removals(SESSION_COOKIE, 0, &auth.0.scope, &present))
}

/// `GET /auth/logged-out`: says so, with a link to sign in again.
pub async fn logged_out(State(auth): State<AuthState>) -> Response {
    let again = format!("{}?return_to={}/", auth.auth_path("/sso"), auth.0.public_path);
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signed out · Temporal debugger</title></head>\
         <body><main><h1>You are signed out</h1><p><a href=\"{again}\">Sign in again</a></p></main></body></html>"
    ))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc") && !same_token("abc", "abd") && !same_token("abc", "ab"));
    }
}
