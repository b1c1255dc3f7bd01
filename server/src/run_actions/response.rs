//! What a write answers: a 303 to the page that shows its result, or a short HTML page with the
//! refusal or failure in a sentence (escaped: it may quote the user's input) and its HTTP status.
use app::{error::AppError, ssr::html::escape};
use axum::{
    http::{StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};

use super::guard::Refusal;

pub fn see_history(namespace: &str, workflow_id: &str, run_id: &str, action: &str) -> Response {
    let url = format!("{}?done={action}", app::urls::run_history(namespace, workflow_id, run_id));
    Redirect::to(&url).into_response()
}

/// The update's form again with its ID (and the rejection, which the history does not keep).
pub fn see_update(form: &str, update_id: &str, rejected: Option<String>) -> Response {
    let mut url = format!("{form}?update_id={}", app::urls::encode(update_id));
    if let Some(message) = rejected {
        url.push_str(&format!("&rejected={}", app::urls::encode(&message)));
    }
    Redirect::to(&url).into_response()
}

pub fn refused(refusal: &Refusal) -> Response {
    page(refusal.status, "Not done", &refusal.message, None)
}

pub fn not_found(slug: &str) -> Response {
    page(StatusCode::NOT_FOUND, "Not found", &format!("There is no run action {slug:?}."), None)
}

pub fn failed(error: &AppError, back: &str) -> Response {
    let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_GATEWAY);
    page(status, error.title(), &format!("Temporal did not do it: {error}"), Some(back))
}

fn page(status: StatusCode, title: &str, message: &str, back: Option<&str>) -> Response {
    let back = back.map(|url| format!(r#"<p><a href="{}">Back to the form</a></p>"#, escape(url))).unwrap_or_default();
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · Temporal debugger</title></head>\
         <body><main><h1>{title}</h1><p role=\"alert\">{message}</p>{back}</main></body></html>",
        title = escape(title),
        message = escape(message),
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(body)).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn messages_are_escaped() {
        assert_eq!(super::escape("<script>\"x\"&'"), "&lt;script&gt;&quot;x&quot;&amp;&#39;");
    }
}
