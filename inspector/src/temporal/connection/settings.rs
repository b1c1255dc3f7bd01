//! What the server tells the Temporal client about one cluster: address, TLS material, API key.
//! Plain data, built once from the configuration; [`super::TemporalClient`] turns it into a channel.
use std::{fmt, path::PathBuf, time::Duration};

/// A value that must never reach a page or a log: `Debug` and `Display` print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("***")
    }
}

/// PEM text from a file (re-read when it changes) or given inline (`*_DATA` settings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PemSource {
    File(PathBuf),
    /// Inline PEM; a key given this way is a secret, so `Debug` leaves the bytes out.
    Inline(InlinePem),
}

#[derive(Clone, PartialEq, Eq)]
pub struct InlinePem(pub Vec<u8>);

impl fmt::Debug for InlinePem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "<{} bytes of PEM>", self.0.len())
    }
}

impl PemSource {
    /// Where the PEM comes from, for messages and `--print-config`.
    pub fn describe(&self) -> String {
        match self {
            PemSource::File(path) => path.display().to_string(),
            PemSource::Inline(pem) => format!("(inline, {} bytes)", pem.0.len()),
        }
    }

    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            PemSource::File(path) => Some(path),
            PemSource::Inline(_) => None,
        }
    }
}

/// TLS towards the cluster. The server certificate is verified unless `verify_host` is false.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsSettings {
    /// CA bundle that signs the cluster's certificate; the system roots when absent.
    pub ca: Option<PemSource>,
    /// Client certificate and key for mutual TLS (both or neither).
    pub client_cert: Option<PemSource>,
    pub client_key: Option<PemSource>,
    /// Name to verify (and send as SNI) instead of the address's host.
    pub server_name: Option<String>,
    pub verify_host: bool,
}

/// Everything needed to talk to one Temporal cluster.
#[derive(Clone, Debug)]
pub struct ConnectionSettings {
    /// The cluster's name: `default` for the first one.
    pub cluster: String,
    /// `host:port`, as the user wrote it.
    pub address: String,
    pub tls: Option<TlsSettings>,
    /// Sent as `authorization: Bearer …` with the `temporal-namespace` metadata Temporal Cloud needs.
    pub api_key: Option<Secret>,
    /// Deadline of every call.
    pub deadline: Duration,
    /// How often client certificate files are checked for a change.
    pub rotation_check: Duration,
    /// The codec server that decodes this cluster's payloads.
    pub codec_endpoint: Option<String>,
    /// Request headers (lowercase names) copied to every call as gRPC metadata.
    pub forward_headers: Vec<String>,
    /// `TEMPORAL_CODEC_PASS_ACCESS_TOKEN`: the signed-in user's token goes to the codec server.
    pub codec_pass_access_token: bool,
    /// `TDBG_READ_CACHE_MB` in bytes: what this cluster's read cache may hold.
    pub read_cache_bytes: u64,
}

impl ConnectionSettings {
    /// A plaintext connection to `address`, as the dev server wants.
    pub fn plaintext(address: &str, deadline: Duration) -> ConnectionSettings {
        ConnectionSettings {
            cluster: "default".into(),
            address: address.into(),
            tls: None,
            api_key: None,
            deadline,
            rotation_check: Duration::from_secs(10),
            codec_endpoint: None,
            forward_headers: Vec::new(),
            codec_pass_access_token: false,
            read_cache_bytes: crate::temporal::cache::DEFAULT_MAX_BYTES,
        }
    }
}
