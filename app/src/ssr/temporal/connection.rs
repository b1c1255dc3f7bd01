//! One lazily connected tonic channel to the Temporal frontend, shared by every request.
use std::{sync::Arc, time::Duration};

use leptos::prelude::use_context;
use temporalio_protos::protos::temporal::api::workflowservice::v1::workflow_service_client::WorkflowServiceClient;
use tonic::transport::{Channel, Endpoint};

use crate::error::AppError;

/// Histories of tens of thousands of events come in pages of several megabytes.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct TemporalClient {
    address: Arc<str>,
    channel: Channel,
    deadline: Duration,
}

impl TemporalClient {
    /// Prepares the channel without connecting: the server starts (and serves error pages) while
    /// Temporal is down, and the channel reconnects when it comes up.
    pub fn connect_lazy(address: &str, deadline: Duration) -> Result<TemporalClient, String> {
        let uri = if address.contains("://") { address.to_string() } else { format!("http://{address}") };
        let endpoint = Endpoint::from_shared(uri)
            .map_err(|error| format!("invalid Temporal address {address:?}: {error}"))?
            .connect_timeout(Duration::from_secs(3))
            .tcp_keepalive(Some(Duration::from_secs(30)))
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_while_idle(true);
        Ok(TemporalClient { address: address.into(), channel: endpoint.connect_lazy(), deadline })
    }

    /// The client of the current request, provided by the server as Leptos context.
    pub fn current() -> Result<TemporalClient, AppError> {
        use_context::<TemporalClient>()
            .ok_or_else(|| AppError::Internal("the server did not provide a Temporal client".into()))
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    pub fn workflow_service(&self) -> WorkflowServiceClient<Channel> {
        WorkflowServiceClient::new(self.channel.clone()).max_decoding_message_size(MAX_MESSAGE_BYTES)
    }

    /// Wraps a request message with this client's deadline.
    pub fn request<T>(&self, message: T) -> tonic::Request<T> {
        self.request_with_timeout(message, self.deadline)
    }

    /// Wraps a request message with its own deadline (long polls wait longer than other calls).
    pub fn request_with_timeout<T>(&self, message: T, timeout: Duration) -> tonic::Request<T> {
        let mut request = tonic::Request::new(message);
        request.set_timeout(timeout);
        request
    }
}
