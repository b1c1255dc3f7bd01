//! The one error answer of every handler outside the Leptos pages (downloads, write forms,
//! imports, sign-in, refusals, panics): a status and a sentence for a person. It renders as a
//! small HTML page; [`negotiate`] turns it into JSON (`{"error", "message"}`) for `.json` routes,
//! server functions and clients that ask for JSON. The status comes from the error's type
//! ([`AppError::status_code`]), never from its text.
use app::error::AppError;
use axum::{
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use inspector::html::escape;

#[derive(Debug, Clone)]
pub struct WebError {
    pub status: StatusCode,
    pub title: &'static str,
    pub message: String,
    /// A link back (to the form that was sent), shown on the HTML page.
    pub back: Option<String>,
}

impl WebError {
    pub fn new(status: StatusCode, title: &'static str, message: impl Into<String>) -> WebError {
        WebError { status, title, message: message.into(), back: None }
    }

    pub fn forbidden(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::FORBIDDEN, "Not allowed", message)
    }

    pub fn bad_request(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::BAD_REQUEST, "Bad request", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::UNAUTHORIZED, "Sign in first", message)
    }

    /// This server is busy with the same kind of work; the request may be sent again soon.
    pub fn busy(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::SERVICE_UNAVAILABLE, "Busy", message)
    }

    pub fn with_back(mut self, back: impl Into<String>) -> WebError {
        self.back = Some(back.into());
        self
    }

    fn html(&self) -> String {
        let back =
            self.back.as_deref().map(|url| format!(r#"<p><a href="{}">Back</a></p>"#, escape(url))).unwrap_or_default();
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"color-scheme\" \
             content=\"light dark\"><title>{title} · Temporal debugger</title></head><body><main><h1>{title}</h1>\
             <p role=\"alert\">{message}</p>{back}</main></body></html>",
            title = escape(self.title),
            message = escape(&self.message),
        )
    }

    fn json(&self) -> String {
        serde_json::json!({ "error": self.title, "message": self.message }).to_string()
    }
}

impl From<AppError> for WebError {
    fn from(error: AppError) -> WebError {
        let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        WebError::new(status, error.title(), error.to_string())
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = (self.status, [(header::CACHE_CONTROL, "no-store")], Html(self.html())).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Whether the request wants JSON: a `.json` route, a server function, or an `Accept` that
/// names JSON and not HTML.
fn wants_json(request: &Request) -> bool {
    let path = request.uri().path();
    let accept = request.headers().get(header::ACCEPT).and_then(|value| value.to_str().ok()).unwrap_or("");
    path.ends_with(".json")
        || crate::route_paths::is_server_function(path, app::urls::public_path())
        || (accept.contains("application/json") && !accept.contains("text/html"))
}

/// Gives a [`WebError`] the shape the request asked for.
pub async fn negotiate(request: Request, next: Next) -> Response {
    let json = wants_json(&request);
    let response = next.run(request).await;
    match (json, response.extensions().get::<WebError>()) {
        (true, Some(error)) => {
            let mut answer = (error.status, error.json()).into_response();
            answer.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            answer.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            answer
        }
        _ => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{Router, body::Body, routing::get};
    use tower::ServiceExt;

    async fn answer(path: &str, accept: &str) -> (StatusCode, String, String) {
        let app = Router::new()
            .route("/run/history.json", get(|| async { WebError::from(AppError::NotFound("No run \"<b>\".".into())) }))
            .route("/form", get(|| async { WebError::bad_request("Type <the ID>.").with_back("/form?a=\"x\"") }))
            .route("/workflows/api/run/form", get(|| async { WebError::bad_request("A workflow named api.") }))
            .layer(axum::middleware::from_fn(negotiate));
        let request = axum::http::Request::get(path).header(header::ACCEPT, accept).body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        let status = response.status();
        let kind = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
        let body = axum::body::to_bytes(response.into_body(), 10_000).await.unwrap();
        (status, kind, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn errors_answer_html_to_browsers_and_json_to_json_routes() {
        let (status, kind, body) = answer("/form", "text/html,*/*").await;
        assert_eq!((status, kind.as_str()), (StatusCode::BAD_REQUEST, "text/html; charset=utf-8"));
        assert!(body.contains("Type &lt;the ID&gt;.") && body.contains("href=\"/form?a=&quot;x&quot;\""), "{body}");
        let (status, kind, body) = answer("/run/history.json", "text/html").await;
        assert_eq!((status, kind.as_str()), (StatusCode::NOT_FOUND, "application/json"));
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["message"], "No run \"<b>\".");
        assert_eq!(json["error"], "Not found");
        let (_, kind, _) = answer("/form", "application/json").await;
        assert_eq!(kind, "application/json");
        // Only a server function's own path is JSON: a workflow named "api" keeps its page.
        let (_, kind, _) = answer("/workflows/api/run/form", "text/html").await;
        assert_eq!(kind, "text/html; charset=utf-8");
    }
}
