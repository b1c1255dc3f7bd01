//! One cluster's settings as each source gives them (all optional), merged highest first:
//! flags and environment > the temporal CLI's environment names > the `--config` file > the
//! temporal CLI profile. Each value remembers where it came from, for errors and `--print-config`.
use base64::Engine;
use inspector::temporal::settings::{InlinePem, PemSource, Secret};
use temporalio_common::envconfig::{ClientConfigProfile, DataSource};

use super::file::FileCluster;

/// A value and the setting that gave it ("env TEMPORAL_TLS_CA", "--tls-ca", "app.toml clusters[0].tls.ca").
#[derive(Clone, Debug)]
pub struct Sourced<T> {
    pub value: T,
    pub from: String,
}

pub fn sourced<T>(value: Option<T>, from: impl FnOnce() -> String) -> Option<Sourced<T>> {
    value.map(|value| Sourced { value, from: from() })
}

#[derive(Clone, Debug, Default)]
pub struct ClusterLayer {
    pub name: Option<Sourced<String>>,
    pub address: Option<Sourced<String>>,
    pub namespace: Option<Sourced<String>>,
    pub api_key: Option<Sourced<Secret>>,
    pub tls: Option<Sourced<bool>>,
    pub ca: Option<Sourced<PemSource>>,
    pub cert: Option<Sourced<PemSource>>,
    pub key: Option<Sourced<PemSource>>,
    pub server_name: Option<Sourced<String>>,
    pub verify_host: Option<Sourced<bool>>,
    pub codec_endpoint: Option<Sourced<String>>,
    pub metrics_prometheus_url: Option<Sourced<String>>,
    pub metrics_scrape_url: Option<Sourced<String>>,
}

impl ClusterLayer {
    /// This layer's values, with `lower`'s where this one has none.
    pub fn over(self, lower: ClusterLayer) -> ClusterLayer {
        ClusterLayer {
            name: self.name.or(lower.name),
            address: self.address.or(lower.address),
            namespace: self.namespace.or(lower.namespace),
            api_key: self.api_key.or(lower.api_key),
            tls: self.tls.or(lower.tls),
            ca: self.ca.or(lower.ca),
            cert: self.cert.or(lower.cert),
            key: self.key.or(lower.key),
            server_name: self.server_name.or(lower.server_name),
            verify_host: self.verify_host.or(lower.verify_host),
            codec_endpoint: self.codec_endpoint.or(lower.codec_endpoint),
            metrics_prometheus_url: self.metrics_prometheus_url.or(lower.metrics_prometheus_url),
            metrics_scrape_url: self.metrics_scrape_url.or(lower.metrics_scrape_url),
        }
    }
}

/// A PEM given as base64 (`TEMPORAL_TLS_*_DATA`, the Temporal UI's encoding).
pub fn base64_pem(value: Option<String>, from: &str) -> Result<Option<Sourced<PemSource>>, String> {
    let Some(value) = value.filter(|value| !value.trim().is_empty()) else { return Ok(None) };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value.trim().replace(['\n', '\r', ' '], ""))
        .map_err(|error| format!("{from}: not base64 ({error}); give the PEM file's content base64-encoded"))?;
    Ok(Some(Sourced { value: PemSource::Inline(InlinePem(bytes)), from: from.to_string() }))
}

fn pem_of(source: &DataSource) -> Option<PemSource> {
    match source {
        DataSource::Path(path) => Some(PemSource::File(path.into())),
        DataSource::Data(data) => Some(PemSource::Inline(InlinePem(data.clone()))),
        _ => None,
    }
}

/// A temporal CLI profile (from its TOML file, or its environment names applied to nothing).
pub fn from_cli_profile(profile: &ClientConfigProfile, origin: &str) -> ClusterLayer {
    let from = |key: &str| format!("{origin}: {key}");
    let tls = profile.tls.as_ref();
    ClusterLayer {
        name: None,
        address: sourced(profile.address.clone(), || from("address")),
        namespace: sourced(profile.namespace.clone(), || from("namespace")),
        api_key: sourced(profile.api_key.clone().map(Secret::new), || from("api_key")),
        tls: sourced(tls.and_then(|tls| tls.disabled).map(|disabled| !disabled), || from("tls.disabled")),
        ca: sourced(tls.and_then(|tls| tls.server_ca_cert.as_ref()).and_then(pem_of), || from("tls.server_ca_cert")),
        cert: sourced(tls.and_then(|tls| tls.client_cert.as_ref()).and_then(pem_of), || from("tls.client_cert")),
        key: sourced(tls.and_then(|tls| tls.client_key.as_ref()).and_then(pem_of), || from("tls.client_key")),
        server_name: sourced(tls.and_then(|tls| tls.server_name.clone()), || from("tls.server_name")),
        verify_host: sourced(tls.filter(|tls| tls.disable_host_verification).map(|_| false), || {
            from("tls.disable_host_verification")
        }),
        codec_endpoint: sourced(profile.codec.as_ref().and_then(|codec| codec.endpoint.clone()), || {
            from("codec.endpoint")
        }),
        metrics_prometheus_url: None,
        metrics_scrape_url: None,
    }
}

/// One `[[clusters]]` table of the `--config` file.
pub fn from_file_cluster(cluster: &FileCluster, origin: &str) -> Result<ClusterLayer, String> {
    let from = |key: &str| format!("{origin}.{key}");
    let api_key = match (&cluster.api_key, &cluster.api_key_file) {
        (Some(key), _) => Some(Secret::new(key.clone())),
        (None, Some(path)) => Some(Secret::new(
            std::fs::read_to_string(path)
                .map_err(|error| format!("{}: cannot read {}: {error}", from("api_key_file"), path.display()))?
                .trim(),
        )),
        (None, None) => None,
    };
    let tls = cluster.tls.clone().unwrap_or_default();
    let file_pem = |path: Option<std::path::PathBuf>| path.map(PemSource::File);
    Ok(ClusterLayer {
        name: sourced(cluster.name.clone(), || from("name")),
        address: sourced(cluster.address.clone(), || from("address")),
        namespace: sourced(cluster.namespace.clone(), || from("namespace")),
        api_key: sourced(api_key, || from(if cluster.api_key.is_some() { "api_key" } else { "api_key_file" })),
        tls: sourced(tls.enabled, || from("tls.enabled")),
        ca: sourced(file_pem(tls.ca), || from("tls.ca")).or(base64_pem(tls.ca_data, &from("tls.ca_data"))?),
        cert: sourced(file_pem(tls.cert), || from("tls.cert")).or(base64_pem(tls.cert_data, &from("tls.cert_data"))?),
        key: sourced(file_pem(tls.key), || from("tls.key")).or(base64_pem(tls.key_data, &from("tls.key_data"))?),
        server_name: sourced(tls.server_name, || from("tls.server_name")),
        verify_host: sourced(tls.enable_host_verification, || from("tls.enable_host_verification")),
        codec_endpoint: sourced(cluster.codec_endpoint.clone(), || from("codec_endpoint")),
        metrics_prometheus_url: sourced(cluster.metrics_prometheus_url.clone(), || from("metrics_prometheus_url")),
        metrics_scrape_url: sourced(cluster.metrics_scrape_url.clone(), || from("metrics_scrape_url")),
    })
}
