//! Turns gRPC statuses from Temporal into errors a person can act on, including the TLS and
//! credential failures that only show deep in a transport error's source chain.
use std::error::Error as _;

use tonic::{Code, Status};

use super::TemporalClient;
use model::AppError;

/// What a failed call's source chain holds, read by error type (its text only for sentences).
#[derive(Debug, Default)]
struct Chain {
    /// Every message, joined: the detail shown to the operator.
    text: String,
    tls: Option<rustls::Error>,
    /// The call failed in the transport (an I/O, HTTP or HTTP/2 error), not in Temporal.
    transport: bool,
    io: Option<std::io::ErrorKind>,
    /// The peer spoke something that is not HTTP/2 (a TLS port answering cleartext sends a frame
    /// h2 cannot read).
    garbled: bool,
    /// The peer closed the connection before answering.
    closed: bool,
}

fn chain_of(status: &Status) -> Chain {
    let mut chain = Chain { text: status.message().to_string(), ..Chain::default() };
    let mut source = status.source();
    while let Some(error) = source {
        chain.text.push_str(": ");
        chain.text.push_str(&error.to_string());
        if let Some(found) = error.downcast_ref::<rustls::Error>() {
            chain.tls.get_or_insert_with(|| found.clone());
        }
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            chain.transport = true;
            chain.io.get_or_insert(io.kind());
            if let Some(found) = io.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
                chain.tls.get_or_insert_with(|| found.clone());
            }
        }
        if let Some(http) = error.downcast_ref::<hyper::Error>() {
            chain.transport = true;
            chain.garbled |= http.is_parse();
            chain.closed |= http.is_closed() || http.is_incomplete_message();
        }
        if let Some(h2) = error.downcast_ref::<h2::Error>() {
            chain.transport = true;
            chain.garbled |= matches!(h2.reason(), Some(h2::Reason::FRAME_SIZE_ERROR | h2::Reason::PROTOCOL_ERROR));
        }
        chain.transport |= error.downcast_ref::<tonic::transport::Error>().is_some();
        source = error.source();
    }
    chain
}

/// A TLS failure in words, with what to change.
fn tls_sentence(error: &rustls::Error, client: &TemporalClient) -> String {
    use rustls::{AlertDescription, CertificateError};
    match error {
        rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer | CertificateError::BadSignature) => {
            "the cluster's TLS certificate is not trusted: it is not signed by the CA in TEMPORAL_TLS_CA \
             (or by a system root when no CA is set)"
                .into()
        }
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => "the cluster's TLS certificate is for another name: set TEMPORAL_TLS_SERVER_NAME to the name \
              it was issued for"
            .into(),
        rustls::Error::InvalidCertificate(CertificateError::Expired | CertificateError::ExpiredContext { .. }) => {
            "the cluster's TLS certificate has expired".into()
        }
        rustls::Error::AlertReceived(AlertDescription::CertificateRequired) => {
            "the cluster requires a client certificate (mutual TLS): set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY".into()
        }
        rustls::Error::AlertReceived(
            AlertDescription::BadCertificate | AlertDescription::UnknownCA | AlertDescription::CertificateUnknown,
        ) => "the cluster refused this app's client certificate (not signed by a CA it trusts)".into(),
        rustls::Error::InvalidMessage(_) if client.uses_tls() => {
            "the cluster does not speak TLS on this port: remove the TLS settings, or use its TLS port".into()
        }
        other => format!("the TLS handshake with the cluster failed: {other}"),
    }
}

impl TemporalClient {
    /// Maps a failed call to an [`AppError`]. `what` names the thing asked for, for the 404 text
    /// (`workflow "order-1"`).
    pub fn error(&self, status: Status, what: &str) -> AppError {
        let message = status.message().trim().to_string();
        let address = self.address().to_string();
        let gateway = |detail: String| AppError::Gateway { address: address.clone(), detail };
        let chain = chain_of(&status);
        if let Some(tls) = &chain.tls {
            return gateway(tls_sentence(tls, self));
        }
        // tonic reports a proxy's HTTP answer only in its message: there is no type to read.
        if let Some(http) = proxy_http_status(&chain.text) {
            return self.proxy_refusal(http, address);
        }
        if !self.uses_tls() && chain.garbled {
            return gateway(EXPECTS_TLS.into());
        }
        match status.code() {
            Code::NotFound => AppError::NotFound(if message.is_empty() {
                format!("{what} was not found")
            } else {
                format!("{what} was not found: {message}")
            }),
            Code::InvalidArgument
            | Code::OutOfRange
            | Code::FailedPrecondition
            | Code::AlreadyExists
            | Code::Unimplemented => AppError::BadRequest(message),
            // The cluster (or a proxy before it) refused this app's credentials: only the
            // operator's configuration can fix that, so it is a gateway failure, not the user's.
            Code::Unauthenticated => gateway(if self.uses_api_key() {
                format!("the cluster refused the API key (TEMPORAL_API_KEY): {message}")
            } else {
                format!(
                    "the cluster asks for credentials this app did not send (an API key or a client certificate): {message}"
                )
            }),
            Code::PermissionDenied if message.contains("HTTP status") => {
                gateway(format!("the cluster refused this app's credentials: {message}"))
            }
            Code::PermissionDenied => AppError::Forbidden(message),
            Code::DeadlineExceeded => AppError::Timeout { address, seconds: self.deadline().as_secs() },
            Code::Unavailable | Code::Cancelled | Code::Unknown if chain.transport => {
                if !self.uses_tls() && (chain.closed || chain.garbled) {
                    return gateway(
                        "the cluster closed the connection at once: it may expect TLS (set TEMPORAL_TLS_CA, or \
                         TEMPORAL_TLS_SERVER_NAME with the system roots)"
                            .into(),
                    );
                }
                AppError::Unavailable { address, detail: unreachable_detail(&chain, &message) }
            }
            Code::Unavailable => AppError::Unavailable { address, detail: message },
            // Rate limits and overload: Temporal is there but will not serve now; asking again helps.
            Code::ResourceExhausted => AppError::Unavailable {
                address,
                detail: format!("Temporal is busy and refused the call ({message}); try again shortly"),
            },
            code => {
                tracing::warn!(?code, %message, "Temporal call failed");
                AppError::Internal(format!("Temporal answered {code}: {message}"))
            }
        }
    }
}

const EXPECTS_TLS: &str = "the cluster closed the connection at once: it may expect TLS (set TEMPORAL_TLS_CA, or \
     TEMPORAL_TLS=true for the system roots)";

/// The HTTP status of an answer that was not gRPC (a proxy's error page): tonic reports it as
/// "… while receiving response with status: 401 Unauthorized" or "HTTP status client error (401 …)".
fn proxy_http_status(chain: &str) -> Option<u16> {
    ["response with status: ", "HTTP status client error (", "HTTP status server error ("].iter().find_map(|marker| {
        let rest = &chain[chain.find(marker)? + marker.len()..];
        rest.get(..3)?.parse().ok()
    })
}

impl TemporalClient {
    /// A proxy in front of Temporal answered with an HTTP error instead of gRPC.
    fn proxy_refusal(&self, http: u16, address: String) -> AppError {
        let detail = match http {
            401 if self.uses_api_key() => "the cluster refused the API key (TEMPORAL_API_KEY): 401 Unauthorized".into(),
            401 => {
                "the cluster asks for credentials this app did not send (TEMPORAL_API_KEY or a client certificate): \
                    401 Unauthorized"
                    .into()
            }
            403 => "the cluster refused this app's credentials: 403 Forbidden".into(),
            400 if self.uses_client_certificate() => "the cluster's proxy refused this app's client certificate \
                 (400 Bad Request): it is not signed by a CA the proxy trusts, or has expired"
                .into(),
            400 if self.uses_tls() => "the cluster requires a client certificate (mutual TLS) that this app did not \
                 send (400 Bad Request): set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY"
                .into(),
            502..=504 => {
                return AppError::Unavailable {
                    address,
                    detail: format!(
                        "the proxy in front of Temporal answered {http}: Temporal behind it is not reachable"
                    ),
                };
            }
            other => format!("a proxy in front of Temporal answered HTTP {other} instead of gRPC"),
        };
        AppError::Gateway { address, detail }
    }
}

/// The root cause of an unreachable address in a few words. Only the sentence depends on the
/// text (a failed name lookup has no error kind of its own); the status never does.
fn unreachable_detail(chain: &Chain, message: &str) -> String {
    match chain.io {
        Some(std::io::ErrorKind::ConnectionRefused) => "connection refused (nothing listens on that port)".into(),
        Some(std::io::ErrorKind::TimedOut) => "the connection attempt timed out".into(),
        _ if chain.text.to_ascii_lowercase().contains("failed to lookup") => "the host name does not resolve".into(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn client() -> TemporalClient {
        TemporalClient::connect_plaintext("127.0.0.1:1", Duration::from_secs(5)).expect("address")
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
        let refused = client.error(Status::unauthenticated("HTTP status client error (401 Unauthorized)"), "x");
        assert_eq!(refused.status_code(), 502);
        let html = "protocol error: received message with invalid compression flag: 60 (valid flags are 0 and 1) \
                    while receiving response with status: 403 Forbidden";
        let refused = client.error(Status::internal(html), "x");
        assert_eq!(refused.status_code(), 502);
        assert!(refused.to_string().contains("refused this app's credentials"), "{refused}");
        assert_eq!(
            client.error(Status::internal("response with status: 503 Service Unavailable"), "x").status_code(),
            503
        );
    }

    #[tokio::test]
    async fn tls_errors_in_the_source_chain_become_sentences() {
        let client = client();
        let untrusted = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, untrusted);
        let status = Status::from_error(Box::new(io));
        let error = client.error(status, "x");
        assert_eq!(error.status_code(), 502);
        assert!(error.to_string().contains("not trusted"), "{error}");
    }
}
