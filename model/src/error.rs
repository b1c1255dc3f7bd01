//! The one error type: what the Temporal layer reports, server functions return and pages render.
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

// Server functions carry this error as JSON; the browser's islands read it back.
#[cfg(feature = "server-fn")]
impl server_fn::error::FromServerFnError for AppError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        match value {
            server_fn::error::ServerFnErrorErr::Request(detail) => {
                AppError::Unavailable { address: "the debugger server".into(), detail }
            }
            server_fn::error::ServerFnErrorErr::Args(detail)
            | server_fn::error::ServerFnErrorErr::MissingArg(detail) => AppError::BadRequest(detail),
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
