//! One lazily connected channel per Temporal cluster, shared by every request: plaintext, TLS
//! (custom CA or the system roots, mutual TLS, name override) and API keys. Client certificate
//! files are watched and the channel rebuilt when they change.
mod call_channel;
mod namespaced;
mod page_calls;
pub mod settings;
pub mod tls;
mod unverified;

use std::{sync::Arc, time::Duration};

use http::HeaderValue;
use temporalio_protos::protos::temporal::api::operatorservice::v1::operator_service_client::OperatorServiceClient;
use temporalio_protos::protos::temporal::api::workflowservice::v1::workflow_service_client::WorkflowServiceClient;
use tonic::{
    metadata::MetadataValue,
    transport::{Channel, Endpoint},
};

use super::{
    cache::{ReadCache, Scope},
    capabilities::Unavailable,
};
use crate::access::UserToken;
pub use call_channel::CallChannel;
pub use namespaced::Namespaced;
pub use page_calls::PageCalls;
use settings::ConnectionSettings;
use tls::{TlsMaterial, TlsMaterialError};

/// Histories of tens of thousands of events come in pages of several megabytes.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone)]
pub struct TemporalClient {
    cluster: Arc<str>,
    address: Arc<str>,
    channel: CallChannel,
    deadline: Duration,
    tls: bool,
    client_certificate: bool,
    api_key: bool,
    codec: Option<super::codec::Codec>,
    forward_headers: Arc<[String]>,
    /// The signed-in user's token: calls carry it instead of the server's own credentials.
    user_token: Option<Arc<UserToken>>,
    /// The `TEMPORAL_FORWARD_HEADERS` of the request this client acts for ([`Self::for_request`]).
    request_headers: Option<Arc<Vec<(String, HeaderValue)>>>,
    /// The tally of Temporal calls of the page this client acts for.
    page_calls: Option<PageCalls>,
    /// This cluster's read cache, shared by every clone.
    cache: Arc<ReadCache>,
    /// The write features this cluster turned out not to offer, shared by every clone.
    unavailable: Arc<Unavailable>,
}

/// `authorization: Bearer <user token>` for one call: [`CallChannel`] sends it instead of the API key.
#[derive(Clone)]
pub(super) struct UserAuthorization(pub HeaderValue);

impl std::fmt::Debug for TemporalClient {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("TemporalClient")
            .field("cluster", &self.cluster)
            .field("address", &self.address)
            .finish()
    }
}

/// Why a cluster's connection could not be prepared (at start, so the server says so and stops).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectError {
    Address(String),
    Tls(TlsMaterialError),
    Codec(String),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::Address(message) => formatter.write_str(message),
            ConnectError::Tls(error) => formatter.write_str(&error.message),
            ConnectError::Codec(message) => write!(formatter, "TEMPORAL_CODEC_ENDPOINT: {message}"),
        }
    }
}

fn build_channel(settings: &ConnectionSettings, material: Option<&TlsMaterial>) -> Result<Channel, ConnectError> {
    let address = &settings.address;
    let scheme = if material.is_some() { "https" } else { "http" };
    let uri = if address.contains("://") { address.to_string() } else { format!("{scheme}://{address}") };
    let invalid = |error: tonic::transport::Error| {
        ConnectError::Address(format!("invalid Temporal address {address:?}: {error}"))
    };
    let endpoint = Endpoint::from_shared(uri)
        .map_err(invalid)?
        .connect_timeout(Duration::from_secs(3))
        .tcp_keepalive(Some(Duration::from_secs(30)))
        .http2_keep_alive_interval(Duration::from_secs(30))
        .keep_alive_while_idle(true);
    let endpoint = match material {
        None => endpoint,
        Some(material) if material.verify_host => endpoint.tls_config(material.tonic_config()).map_err(invalid)?,
        Some(material) => endpoint
            .tls_config_with_verifier(
                material.tonic_config_without_roots(),
                unverified::AcceptAnyServerCertificate::new(),
            )
            .map_err(invalid)?,
    };
    Ok(endpoint.connect_lazy())
}

impl TemporalClient {
    /// Prepares the channel without connecting: the server starts (and serves error pages) while
    /// Temporal is down, and the channel reconnects when it comes up. TLS material is read and
    /// checked here, so a bad file stops the server at start.
    pub fn connect(settings: &ConnectionSettings) -> Result<TemporalClient, ConnectError> {
        let material = settings.tls.as_ref().map(TlsMaterial::load).transpose().map_err(ConnectError::Tls)?;
        let channel = build_channel(settings, material.as_ref())?;
        let authorization = match &settings.api_key {
            Some(key) => Some(
                HeaderValue::from_str(&format!("Bearer {}", key.expose()))
                    .map_err(|_| ConnectError::Address("the API key holds characters a header cannot carry".into()))?,
            ),
            None => None,
        };
        let client = TemporalClient {
            cluster: settings.cluster.as_str().into(),
            address: settings.address.as_str().into(),
            channel: CallChannel::new(channel, &settings.cluster, authorization),
            deadline: settings.deadline,
            tls: material.is_some(),
            client_certificate: material.as_ref().is_some_and(|material| material.identity.is_some()),
            api_key: settings.api_key.is_some(),
            forward_headers: settings.forward_headers.clone().into(),
            codec: match &settings.codec_endpoint {
                Some(endpoint) => Some(
                    super::codec::Codec::new(endpoint, settings.deadline, settings.codec_pass_access_token)
                        .map_err(ConnectError::Codec)?,
                ),
                None => None,
            },
            user_token: None,
            request_headers: None,
            page_calls: None,
            cache: Arc::new(ReadCache::new(&settings.cluster, settings.read_cache_bytes)),
            unavailable: Arc::default(),
        };
        client.watch_certificate_files(settings);
        Ok(client)
    }

    /// A plaintext client for `address` (the dev server, tests).
    pub fn connect_plaintext(address: &str, deadline: Duration) -> Result<TemporalClient, ConnectError> {
        TemporalClient::connect(&ConnectionSettings::plaintext(address, deadline))
    }

    /// Rebuilds the channel when a TLS file changes (certificate rotation without a restart). A
    /// file that fails to load keeps the old channel and says so in the log.
    fn watch_certificate_files(&self, settings: &ConnectionSettings) {
        let Some(tls) = settings.tls.clone() else { return };
        if tls::files_fingerprint(&tls).is_empty() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let weak = Arc::downgrade(&self.channel.current);
        let settings = settings.clone();
        runtime.spawn(async move {
            let mut seen = tls::files_fingerprint(&tls);
            loop {
                tokio::time::sleep(settings.rotation_check).await;
                let Some(current) = weak.upgrade() else { return };
                let now = tls::files_fingerprint(&tls);
                if now == seen {
                    continue;
                }
                seen = now;
                match TlsMaterial::load(&tls).map_err(ConnectError::Tls).and_then(|m| build_channel(&settings, Some(&m))) {
                    Ok(channel) => {
                        *current.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = channel;
                        tracing::info!(cluster = %settings.cluster, "TLS files changed: reloaded them for new connections");
                    }
                    Err(error) => tracing::warn!(
                        cluster = %settings.cluster,
                        "TLS files changed but cannot be used ({error}); keeping the previous ones"
                    ),
                }
            }
        });
    }

    /// `TEMPORAL_FORWARD_HEADERS` of the HTTP request this client acts for.
    fn forwarded_headers(&self) -> Vec<(String, HeaderValue)> {
        self.request_headers.as_deref().cloned().unwrap_or_default()
    }

    /// Copies `TEMPORAL_FORWARD_HEADERS` of the HTTP request this client acts for.
    fn forward_request_headers(&self, metadata: &mut tonic::metadata::MetadataMap) {
        for (name, value) in self.forwarded_headers() {
            if let (Ok(key), Ok(value)) =
                (tonic::metadata::MetadataKey::from_bytes(name.as_bytes()), MetadataValue::try_from(value.as_bytes()))
            {
                metadata.insert(key, value);
            }
        }
    }

    /// This cluster's client acting for one HTTP request: the signed-in user's token and the page's
    /// call tally that the server put in its extensions, and its `TEMPORAL_FORWARD_HEADERS`.
    /// Tasks that outlive the request (a cache's background refresh) may keep a clone.
    pub fn for_request(&self, parts: &http::request::Parts) -> TemporalClient {
        let headers = self
            .forward_headers
            .iter()
            .filter_map(|name| Some((name.clone(), parts.headers.get(name)?.clone())))
            .collect::<Vec<_>>();
        TemporalClient {
            user_token: parts.extensions.get::<UserToken>().cloned().map(Arc::new),
            request_headers: (!headers.is_empty()).then(|| Arc::new(headers)),
            page_calls: parts.extensions.get::<PageCalls>().cloned(),
            ..self.clone()
        }
    }

    /// This client with its calls counted in `calls` instead of the request's tally: a
    /// computation shared by several requests (the stuck-runs report) counts its own.
    pub fn counted_in(&self, calls: PageCalls) -> TemporalClient {
        TemporalClient { page_calls: Some(calls), ..self.clone() }
    }

    /// Whose credentials this client's calls carry, for the read cache's keys: a user's token
    /// or forwarded headers make a scope of their own; the server's own (API key, client
    /// certificate) are the same for every caller and make the shared scope.
    pub fn scope(&self) -> Scope {
        let token = self.user_token();
        let headers = self.forwarded_headers();
        let forwarded = headers.iter().map(|(name, value)| (name.as_str(), value.as_bytes()));
        self.cache.scope(token.as_ref().map(|token| token.0.as_str()), forwarded)
    }

    /// The write features this cluster turned out not to offer (see `temporal::capabilities`).
    pub fn unavailable(&self) -> &Unavailable {
        &self.unavailable
    }

    /// This cluster's read cache (see `temporal::cache`).
    pub fn read_cache(&self) -> &ReadCache {
        &self.cache
    }

    /// The signed-in user's token this client's calls carry.
    pub fn user_token(&self) -> Option<UserToken> {
        self.user_token.as_deref().cloned()
    }

    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    pub fn uses_tls(&self) -> bool {
        self.tls
    }

    /// The cluster's codec server, if one is configured.
    pub fn codec(&self) -> Option<&super::codec::Codec> {
        self.codec.as_ref()
    }

    pub fn uses_client_certificate(&self) -> bool {
        self.client_certificate
    }

    pub fn uses_api_key(&self) -> bool {
        self.api_key
    }

    /// The channel every call goes through (TLS, API key, metrics), for callers that send
    /// requests as they are, such as the gRPC-web forwarder.
    pub fn call_channel(&self) -> CallChannel {
        self.channel.clone()
    }

    /// The request headers copied to Temporal as metadata (`TEMPORAL_FORWARD_HEADERS`).
    pub fn forward_headers(&self) -> &[String] {
        &self.forward_headers
    }

    /// The operator API (search attributes with their types); not every deployment exposes it.
    pub fn operator_service(&self) -> OperatorServiceClient<CallChannel> {
        OperatorServiceClient::new(self.channel.clone()).max_decoding_message_size(MAX_MESSAGE_BYTES)
    }

    pub fn workflow_service(&self) -> WorkflowServiceClient<CallChannel> {
        WorkflowServiceClient::new(self.channel.clone()).max_decoding_message_size(MAX_MESSAGE_BYTES)
    }

    /// Wraps a request message with this client's deadline and its namespace's metadata.
    pub fn request<T: Namespaced>(&self, message: T) -> tonic::Request<T> {
        self.request_with_timeout(message, self.deadline)
    }

    /// Wraps a request message with its own deadline (long polls wait longer than other calls).
    pub fn request_with_timeout<T: Namespaced>(&self, message: T, timeout: Duration) -> tonic::Request<T> {
        let namespace = MetadataValue::try_from(message.namespace()).ok().filter(|_| !message.namespace().is_empty());
        let mut request = tonic::Request::new(message);
        request.set_timeout(timeout);
        if let Some(namespace) = namespace {
            request.metadata_mut().insert("temporal-namespace", namespace);
        }
        self.forward_request_headers(request.metadata_mut());
        if let Some(page) = &self.page_calls {
            request.extensions_mut().insert(page.clone());
        }
        if let Some(token) = self.user_token() {
            TemporalClient::authorize_as_user(&mut request, &token);
        }
        request
    }

    /// The user's own token replaces the API key and any forwarded `authorization` header.
    pub fn authorize_as_user<T>(request: &mut tonic::Request<T>, token: &UserToken) {
        if let Ok(value) = HeaderValue::from_str(&format!("Bearer {}", token.0)) {
            request.metadata_mut().remove("authorization");
            request.extensions_mut().insert(UserAuthorization(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::workflowservice::v1::DescribeNamespaceRequest;

    use super::*;

    /// A request's parts as the sign-in middleware leaves them.
    fn signed_in(token: &str) -> http::request::Parts {
        let (mut parts, ()) = http::Request::new(()).into_parts();
        parts.extensions.insert(UserToken(token.into()));
        parts
    }

    #[tokio::test]
    async fn a_signed_in_users_token_goes_with_each_call() {
        let client = TemporalClient::connect_plaintext("127.0.0.1:1", Duration::from_secs(1)).expect("client");
        let message = || DescribeNamespaceRequest { namespace: "default".into(), ..Default::default() };
        assert!(client.request(message()).extensions().get::<UserAuthorization>().is_none());
        let user = client.for_request(&signed_in("user-token"));
        let request = user.request(message());
        let authorization = request.extensions().get::<UserAuthorization>().expect("the user's token");
        assert_eq!(authorization.0, "Bearer user-token");
        assert_eq!(request.metadata().get("temporal-namespace").expect("namespace"), "default");
    }

    #[tokio::test]
    async fn each_users_token_keys_a_cache_scope_of_its_own() {
        let client = TemporalClient::connect_plaintext("127.0.0.1:1", Duration::from_secs(1)).expect("client");
        let as_user = |token: &str| client.for_request(&signed_in(token)).scope();
        assert_eq!(client.scope(), Scope(0), "the server's own credentials: one shared scope");
        assert_ne!(as_user("ada"), as_user("bob"), "one user's answers never reach another");
        assert_ne!(as_user("ada"), Scope(0));
        assert_eq!(as_user("ada"), as_user("ada"));
        let forwarded = |value: &'static str| TemporalClient {
            request_headers: Some(Arc::new(vec![("x-user".into(), HeaderValue::from_static(value))])),
            ..client.clone()
        };
        assert_ne!(forwarded("ada").scope(), forwarded("bob").scope(), "forwarded headers are credentials too");
    }
}
