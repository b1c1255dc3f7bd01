//! The channel every call goes through: the current tonic channel (swapped when client
//! certificates rotate), the API key header, and the `temporal_client_*` metrics by operation
//! and cluster.
use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, RwLock},
    task::{Context, Poll},
    time::Instant,
};

use http::{HeaderValue, header::AUTHORIZATION};
use tonic::{body::Body, transport::Channel};
use tower::{Service, ServiceExt};

#[derive(Clone)]
pub struct CallChannel {
    pub(super) current: Arc<RwLock<Channel>>,
    cluster: Arc<str>,
    authorization: Option<HeaderValue>,
}

impl CallChannel {
    pub fn new(channel: Channel, cluster: &str, authorization: Option<HeaderValue>) -> CallChannel {
        CallChannel { current: Arc::new(RwLock::new(channel)), cluster: cluster.into(), authorization }
    }

    fn channel(&self) -> Channel {
        self.current.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}

/// `DescribeWorkflowExecution` from `/temporal.api.workflowservice.v1.WorkflowService/DescribeWorkflowExecution`.
fn operation_of(path: &str) -> String {
    path.rsplit('/').next().filter(|name| !name.is_empty()).unwrap_or("unknown").to_string()
}

/// A call failed when the transport did, HTTP was not 200, or Temporal put a non-zero
/// `grpc-status` in the headers (how unary errors arrive: a trailers-only response).
fn response_failed(response: &http::Response<Body>) -> bool {
    response.status() != http::StatusCode::OK
        || response.headers().get("grpc-status").is_some_and(|status| status.as_bytes() != b"0")
}

impl Service<http::Request<Body>> for CallChannel {
    type Response = http::Response<Body>;
    type Error = tonic::transport::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        // Each call readies the channel it picked in `call` (the channel may be replaced between).
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: http::Request<Body>) -> Self::Future {
        // A signed-in user's token (set per call by `request_with_timeout`) wins over the API key.
        match request.extensions_mut().remove::<super::UserAuthorization>() {
            Some(user) => {
                request.headers_mut().insert(AUTHORIZATION, user.0);
            }
            None => {
                if let Some(value) = &self.authorization {
                    request.headers_mut().insert(AUTHORIZATION, value.clone());
                }
            }
        }
        // Counted for the page being rendered, if it was built while rendering one.
        if let Some(page) = request.extensions_mut().remove::<super::PageCalls>() {
            page.count();
        }
        let channel = self.channel();
        let labels = [("operation", operation_of(request.uri().path())), ("cluster", self.cluster.to_string())];
        Box::pin(async move {
            let started = Instant::now();
            let result = channel.oneshot(request).await;
            metrics::counter!("temporal_client_requests", &labels).increment(1);
            metrics::histogram!("temporal_client_latency", &labels).record(started.elapsed().as_secs_f64());
            if result.as_ref().map_or(true, response_failed) {
                metrics::counter!("temporal_client_errors", &labels).increment(1);
            }
            result
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_the_last_path_segment() {
        assert_eq!(
            operation_of("/temporal.api.workflowservice.v1.WorkflowService/DescribeWorkflowExecution"),
            "DescribeWorkflowExecution"
        );
        assert_eq!(operation_of("/"), "unknown");
    }
}
