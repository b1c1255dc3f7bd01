//! Turns gRPC statuses from Temporal into errors a person can act on.
use tonic::{Code, Status};

use super::TemporalClient;
use crate::error::AppError;

impl TemporalClient {
    /// Maps a failed call to an [`AppError`]. `what` names the thing asked for, for the 404 text
    /// (`workflow "order-1"`).
    pub fn error(&self, status: Status, what: &str) -> AppError {
        let message = status.message().trim().to_string();
        match status.code() {
            Code::NotFound => AppError::NotFound(if message.is_empty() {
                format!("{what} was not found")
            } else {
                format!("{what} was not found: {message}")
            }),
            Code::InvalidArgument | Code::OutOfRange | Code::FailedPrecondition => AppError::BadRequest(message),
            Code::PermissionDenied | Code::Unauthenticated => AppError::Forbidden(message),
            Code::DeadlineExceeded => {
                AppError::Timeout { address: self.address().to_string(), seconds: self.deadline().as_secs() }
            }
            Code::Unavailable | Code::Cancelled | Code::Unknown if is_transport(&status) => {
                AppError::Unavailable { address: self.address().to_string(), detail: message }
            }
            Code::Unavailable => AppError::Unavailable { address: self.address().to_string(), detail: message },
            // Rate limits and overload: Temporal is there but will not serve now; asking again helps.
            Code::ResourceExhausted => AppError::Unavailable {
                address: self.address().to_string(),
                detail: format!("Temporal is busy and refused the call ({message}); try again shortly"),
            },
            code => {
                tracing::warn!(?code, %message, "Temporal call failed");
                AppError::Internal(format!("Temporal answered {code}: {message}"))
            }
        }
    }
}

fn is_transport(status: &Status) -> bool {
    let message = status.message();
    message.contains("transport") || message.contains("connect") || message.contains("connection")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn client() -> TemporalClient {
        TemporalClient::connect_lazy("127.0.0.1:1", Duration::from_secs(5)).expect("address")
    }

    #[tokio::test]
    async fn statuses_map_to_http_errors() {
        let client = client();
        let not_found = client.error(Status::not_found("workflow not found for ID: x"), "workflow \"x\"");
        assert_eq!(not_found.status_code(), 404);
        assert!(not_found.to_string().contains("workflow \"x\""));
        let bad = client.error(Status::invalid_argument("invalid query"), "workflows");
        assert_eq!(bad, AppError::BadRequest("invalid query".into()));
        let down = client.error(Status::unavailable("tcp connect error"), "workflows");
        assert_eq!(down.status_code(), 503);
        assert!(down.to_string().contains("127.0.0.1:1"));
        assert_eq!(client.error(Status::deadline_exceeded("slow"), "x").status_code(), 504);
        assert_eq!(client.error(Status::internal("boom"), "x").status_code(), 500);
        assert_eq!(client.error(Status::resource_exhausted("namespace rate limit exceeded"), "x").status_code(), 503);
    }
}
