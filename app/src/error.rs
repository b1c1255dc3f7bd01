//! The one error type that server functions return and pages render.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// What went wrong, phrased for the person looking at the page.
///
/// Every variant maps to an HTTP status (see [`AppError::status_code`]); the message never
/// contains a Debug dump of internal types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The namespace, workflow or run does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request itself is wrong: a malformed visibility query, a bad page token, etc.
    #[error("{0}")]
    BadRequest(String),
    /// Temporal could not be reached at all.
    #[error("Temporal is unreachable at {address}: {detail}")]
    Unavailable { address: String, detail: String },
    /// Temporal (or a proxy before it) is there but the connection cannot be used: TLS that does
    /// not verify, a client certificate or API key refused. The operator must change a setting.
    #[error("Cannot use the connection to Temporal at {address}: {detail}")]
    Gateway { address: String, detail: String },
    /// Temporal did not answer within the deadline.
    #[error("Temporal at {address} did not answer within {seconds} seconds")]
    Timeout { address: String, seconds: u64 },
    /// Temporal refused the call for lack of permission.
    #[error("Temporal refused the request: {0}")]
    Forbidden(String),
    /// The codec server (TEMPORAL_CODEC_ENDPOINT) could not do what a write needs.
    #[error("{0}")]
    Codec(String),
    /// Anything else Temporal or this server reported.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::BadRequest(_) => 400,
            AppError::Forbidden(_) => 403,
            AppError::Gateway { .. } | AppError::Codec(_) => 502,
            AppError::Unavailable { .. } => 503,
            AppError::Timeout { .. } => 504,
            AppError::Internal(_) => 500,
        }
    }

    /// A short title for the error page.
    pub fn title(&self) -> &'static str {
        match self {
            AppError::NotFound(_) => "Not found",
            AppError::BadRequest(_) => "Bad request",
            AppError::Forbidden(_) => "Forbidden",
            AppError::Gateway { .. } => "The connection to Temporal failed",
            AppError::Codec(_) => "The codec server failed",
            AppError::Unavailable { .. } => "Temporal is unreachable",
            AppError::Timeout { .. } => "Temporal timed out",
            AppError::Internal(_) => "Something went wrong",
        }
    }
}

/// Sets the response status while rendering on the server or answering a server function; does
/// nothing in the browser.
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Gives a server function's error its HTTP status (400, 404, 503, …) instead of a blanket 500.
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        set_http_status(error.status_code());
    }
    result
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(detail) => {
                AppError::Unavailable { address: "the debugger server".into(), detail }
            }
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => AppError::BadRequest(detail),
            other => AppError::Internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_kind_of_error() {
        assert_eq!(AppError::NotFound("x".into()).status_code(), 404);
        assert_eq!(AppError::BadRequest("x".into()).status_code(), 400);
        let down = AppError::Unavailable { address: "127.0.0.1:1".into(), detail: "refused".into() };
        assert_eq!(down.status_code(), 503);
        assert!(down.to_string().contains("127.0.0.1:1"));
    }
}
