//! What a write answers: a 303 to the page that shows its result, or the refusal or failure in a
//! sentence with its HTTP status ([`WebError`]: escaped, it may quote the user's input).
use axum::{
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use model::{AppError, PageLinks, url_segment::encode};

use super::guard::Refusal;
use crate::error::WebError;

/// A 303 to `url`.
pub fn see(url: &str) -> Response {
    Redirect::to(url).into_response()
}

/// The run's history, with the action that was done for its banner.
pub fn see_history(links: &PageLinks, (namespace, workflow_id, run_id): (&str, &str, &str), action: &str) -> Response {
    see(&format!("{}?done={action}", links.run_history(namespace, workflow_id, run_id)))
}

/// The workflow list after a delete, which names the workflow deleted in its notice.
pub fn see_deleted(links: &PageLinks, namespace: &str, workflow_id: &str) -> Response {
    see(&format!("{}?deleted={}", links.workflows(namespace), encode(workflow_id)))
}

/// The update's form again with its ID (and the rejection, which the history does not keep).
pub fn see_update(form: &str, update_id: &str, rejected: Option<String>) -> Response {
    let mut url = format!("{form}?update_id={}", encode(update_id));
    if let Some(message) = rejected {
        url.push_str(&format!("&rejected={}", encode(&message)));
    }
    see(&url)
}

pub fn refused(refusal: &Refusal) -> Response {
    page(refusal.status, "Not done", &refusal.message, None)
}

pub fn not_found(slug: &str) -> Response {
    page(StatusCode::NOT_FOUND, "Not found", &format!("There is no run action {slug:?}."), None)
}

/// Temporal refused or failed: the sentence, and a link back to the form.
pub fn failed(error: &AppError, back: &str) -> Response {
    let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::BAD_GATEWAY);
    page(status, error.title(), &format!("Temporal did not do it: {error}"), Some(back))
}

fn page(status: StatusCode, title: &'static str, message: &str, back: Option<&str>) -> Response {
    let error = WebError::new(status, title, message);
    match back {
        Some(back) => error.with_back(back).into_response(),
        None => error.into_response(),
    }
}
