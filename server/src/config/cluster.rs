//! The cluster the server talks to: its layers merged, TLS decided, the material checked.
use std::time::Duration;

use inspector::server_metrics::{MetricsSettings, settings as metrics_settings};
use inspector::temporal::{
    settings::{ConnectionSettings, PemSource, Secret, TlsSettings},
    tls::{TlsMaterial, TlsPart},
};
use temporalio_common::envconfig::{ClientConfigProfile, LoadClientConfigProfileOptions, load_client_config_profile};

use super::{
    FlagOrigins,
    file::FileConfig,
    flags::Flags,
    layers::{self, ClusterLayer, Sourced, sourced},
    non_empty,
};

#[derive(Debug, Clone)]
pub struct ClusterConfig {
    pub name: String,
    pub default_namespace: String,
    pub connection: ConnectionSettings,
    /// Where the cluster health page reads the Temporal server's metrics.
    pub metrics: MetricsSettings,
    /// Each setting with where it came from, secrets masked (for `--print-config`).
    pub origins: Vec<(String, String)>,
}

fn flag_layer(flags: &Flags, origins: &FlagOrigins) -> Result<ClusterLayer, String> {
    let flag = |id: &str| origins.of(id);
    let file_pem = |path: Option<std::path::PathBuf>| path.filter(|p| !p.as_os_str().is_empty()).map(PemSource::File);
    Ok(ClusterLayer {
        name: sourced(non_empty(flags.cluster_name.clone()), || flag("cluster_name")),
        address: sourced(non_empty(flags.temporal_address.clone()), || flag("temporal_address")),
        namespace: sourced(non_empty(flags.default_namespace.clone()), || flag("default_namespace")),
        // A key from a mounted secret often ends with a newline: it is not part of the key.
        api_key: sourced(non_empty(flags.api_key.clone()).map(|key| Secret::new(key.trim())), || flag("api_key")),
        tls: sourced(flags.tls, || flag("tls")),
        ca: sourced(file_pem(flags.tls_ca.clone()), || flag("tls_ca"))
            .or(layers::base64_pem(flags.tls_ca_data.clone(), &flag("tls_ca_data"))?),
        cert: sourced(file_pem(flags.tls_cert.clone()), || flag("tls_cert"))
            .or(layers::base64_pem(flags.tls_cert_data.clone(), &flag("tls_cert_data"))?),
        key: sourced(file_pem(flags.tls_key.clone()), || flag("tls_key"))
            .or(layers::base64_pem(flags.tls_key_data.clone(), &flag("tls_key_data"))?),
        server_name: sourced(non_empty(flags.tls_server_name.clone()), || flag("tls_server_name")),
        verify_host: sourced(flags.tls_enable_host_verification, || flag("tls_enable_host_verification")),
        codec_endpoint: sourced(non_empty(flags.codec_endpoint.clone()), || flag("codec_endpoint")),
        metrics_prometheus_url: sourced(non_empty(flags.metrics_prometheus_url.clone()), || {
            flag("metrics_prometheus_url")
        }),
        metrics_scrape_url: sourced(non_empty(flags.metrics_scrape_url.clone()), || flag("metrics_scrape_url")),
    })
}

/// The temporal CLI's own environment names (`TEMPORAL_TLS_CLIENT_CERT_PATH`, …), read by its loader.
fn cli_env_layer() -> Result<ClusterLayer, String> {
    let mut profile = ClientConfigProfile::default();
    profile.load_from_env(None).map_err(|error| format!("temporal CLI environment: {error}"))?;
    Ok(layers::from_cli_profile(&profile, "temporal CLI environment"))
}

/// The temporal CLI profile: `profile` if named, else `TEMPORAL_PROFILE`, else `default` (absent is fine).
fn cli_profile_layer(profile: Option<&str>) -> Result<ClusterLayer, String> {
    let name = profile.map(str::to_string).or_else(|| std::env::var("TEMPORAL_PROFILE").ok().filter(|p| !p.is_empty()));
    let options =
        LoadClientConfigProfileOptions::builder().disable_env(true).maybe_config_file_profile(name.clone()).build();
    let loaded = load_client_config_profile(options, None).map_err(|error| {
        let file =
            std::env::var("TEMPORAL_CONFIG_FILE").unwrap_or_else(|_| "~/.config/temporalio/temporal.toml".into());
        format!("temporal CLI profile {:?} ({file}): {error}", name.as_deref().unwrap_or("default"))
    })?;
    Ok(layers::from_cli_profile(&loaded, &format!("temporal CLI profile {:?}", name.as_deref().unwrap_or("default"))))
}

fn check_address(address: &Sourced<String>) -> Result<(), String> {
    let rest = address.value.split_once("://").map_or(address.value.as_str(), |(_, rest)| rest);
    let valid = rest
        .rsplit_once(':')
        .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok_and(|port| port > 0));
    if valid {
        Ok(())
    } else {
        Err(format!("{}: {:?} is not host:port (such as temporal:7233)", address.from, address.value))
    }
}

pub fn resolve_default(
    flags: &Flags,
    origins: &FlagOrigins,
    file: &FileConfig,
    file_name: &str,
    deadline: Duration,
) -> Result<ClusterConfig, String> {
    let file_cluster = file.clusters.first();
    let file_layer = match file_cluster {
        Some(cluster) => layers::from_file_cluster(cluster, &format!("{file_name}: clusters[0]"))?,
        None => ClusterLayer::default(),
    };
    let profile_layer = cli_profile_layer(file_cluster.and_then(|c| c.profile.as_deref()))?;
    let merged = flag_layer(flags, origins)?.over(cli_env_layer()?).over(file_layer).over(profile_layer);
    resolve(merged, deadline)
}

/// Every cluster: the default (flags and environment apply to it), then the file's others, each
/// from its table over its temporal CLI profile. Names are unique and fit in a URL segment.
pub fn resolve_all(
    flags: &Flags,
    origins: &FlagOrigins,
    file: &FileConfig,
    file_name: &str,
    deadline: Duration,
) -> Result<Vec<ClusterConfig>, String> {
    let mut clusters = vec![resolve_default(flags, origins, file, file_name, deadline)?];
    for (index, table) in file.clusters.iter().enumerate().skip(1) {
        let origin = format!("{file_name}: clusters[{index}]");
        let mut layer = layers::from_file_cluster(table, &origin)?;
        if let Some(profile) = table.profile.as_deref() {
            layer = layer.over(cli_profile_layer(Some(profile))?);
            layer.name = layer.name.or(sourced(Some(profile.to_string()), || format!("{origin}.profile")));
        }
        if layer.name.is_none() {
            return Err(format!(
                "{origin}: a cluster after the first needs a name (its pages live under /clusters/{{name}})"
            ));
        }
        clusters.push(resolve(layer, deadline)?);
    }
    let mut seen = std::collections::HashSet::new();
    for cluster in &clusters {
        if cluster.name.is_empty() || !cluster.name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)) {
            return Err(format!("cluster name {:?}: use letters, digits, - and _ (it is a URL segment)", cluster.name));
        }
        if !seen.insert(cluster.name.clone()) {
            return Err(format!("cluster name {:?} is used twice", cluster.name));
        }
    }
    Ok(clusters)
}

fn resolve(layer: ClusterLayer, deadline: Duration) -> Result<ClusterConfig, String> {
    let default = |value: &str| Sourced { value: value.to_string(), from: "default".into() };
    let name = layer.name.clone().unwrap_or_else(|| default("default"));
    let address = layer.address.clone().unwrap_or_else(|| default("127.0.0.1:7233"));
    check_address(&address)?;
    let namespace = layer.namespace.clone().unwrap_or_else(|| default("default"));
    let implied = [
        layer.ca.as_ref().map(|s| &s.from),
        layer.cert.as_ref().map(|s| &s.from),
        layer.key.as_ref().map(|s| &s.from),
        layer.server_name.as_ref().map(|s| &s.from),
        layer.api_key.as_ref().map(|s| &s.from),
    ];
    let implied_by = implied.iter().flatten().next().cloned();
    let tls_on = match (&layer.tls, &implied_by) {
        (Some(tls), Some(by)) if !tls.value && !by.contains("api_key") && !by.contains("API_KEY") => {
            return Err(format!("{} turns TLS off but {by} is set: remove one of them", tls.from));
        }
        (Some(tls), _) => tls.value,
        (None, implied) => implied.is_some(),
    };
    let verify = layer.verify_host.clone().unwrap_or(Sourced { value: true, from: "default".into() });
    let tls = tls_on.then(|| TlsSettings {
        ca: layer.ca.as_ref().map(|s| s.value.clone()),
        client_cert: layer.cert.as_ref().map(|s| s.value.clone()),
        client_key: layer.key.as_ref().map(|s| s.value.clone()),
        server_name: layer.server_name.as_ref().map(|s| s.value.clone()),
        verify_host: verify.value,
    });
    if let Some(tls) = &tls {
        TlsMaterial::load(tls).map_err(|error| {
            let setting = match error.part {
                TlsPart::Ca => layer.ca.as_ref(),
                TlsPart::ClientCert => layer.cert.as_ref(),
                TlsPart::ClientKey => layer.key.as_ref(),
            };
            let from = setting.map(|s| s.from.clone()).unwrap_or_else(|| match error.part {
                TlsPart::ClientCert => "TEMPORAL_TLS_CERT".into(),
                TlsPart::ClientKey => "TEMPORAL_TLS_KEY".into(),
                TlsPart::Ca => "TEMPORAL_TLS_CA".into(),
            });
            format!("{from}: {}", error.message)
        })?;
    }
    let mut origins = vec![
        ("name".to_string(), format!("{}  # {}", name.value, name.from)),
        ("address".into(), format!("{}  # {}", address.value, address.from)),
        ("default_namespace".into(), format!("{}  # {}", namespace.value, namespace.from)),
        (
            "tls".into(),
            format!(
                "{tls_on}  # {}",
                layer
                    .tls
                    .as_ref()
                    .map(|s| s.from.clone())
                    .or(implied_by.map(|by| format!("implied by {by}")))
                    .unwrap_or_else(|| "default".into())
            ),
        ),
    ];
    if tls_on {
        let pem = |value: &Option<Sourced<PemSource>>, empty: &str| {
            value.as_ref().map_or(empty.to_string(), |s| format!("{}  # {}", s.value.describe(), s.from))
        };
        origins.push(("tls.ca".into(), pem(&layer.ca, "(system roots)")));
        origins.push(("tls.cert".into(), pem(&layer.cert, "(none)")));
        origins.push(("tls.key".into(), pem(&layer.key, "(none)")));
        origins.push((
            "tls.server_name".into(),
            layer.server_name.as_ref().map_or("(the address's host)".into(), |s| format!("{}  # {}", s.value, s.from)),
        ));
        origins.push(("tls.enable_host_verification".into(), format!("{}  # {}", verify.value, verify.from)));
    }
    origins.push((
        "codec_endpoint".into(),
        layer.codec_endpoint.as_ref().map_or("(none)".into(), |s| format!("{}  # {}", s.value, s.from)),
    ));
    let metrics = metrics(&layer, &mut origins)?;
    origins.push((
        "api_key".into(),
        layer.api_key.as_ref().map_or("(none)".into(), |s| format!("{}  # {}", s.value, s.from)),
    ));
    Ok(ClusterConfig {
        name: name.value.clone(),
        default_namespace: namespace.value,
        connection: ConnectionSettings {
            cluster: name.value,
            address: address.value,
            tls,
            api_key: layer.api_key.map(|s| s.value),
            deadline,
            rotation_check: Duration::from_secs(10),
            codec_endpoint: layer.codec_endpoint.map(|s| s.value),
            forward_headers: Vec::new(),
            codec_pass_access_token: false,
            // The server-wide TDBG_READ_CACHE_MB, set with the other server-wide settings.
            read_cache_bytes: inspector::temporal::cache::DEFAULT_MAX_BYTES,
        },
        metrics,
        origins,
    })
}

/// The metrics URLs, checked (a malformed one stops the server, naming its setting) and shown
/// without credentials.
fn metrics(layer: &ClusterLayer, origins: &mut Vec<(String, String)>) -> Result<MetricsSettings, String> {
    let mut settings = MetricsSettings::default();
    for (key, value, slot) in [
        ("metrics_prometheus_url", &layer.metrics_prometheus_url, &mut settings.prometheus_url),
        ("metrics_scrape_url", &layer.metrics_scrape_url, &mut settings.scrape_url),
    ] {
        let shown = match value {
            Some(url) => {
                metrics_settings::check_url(&url.value).map_err(|error| format!("{}: {error}", url.from))?;
                *slot = Some(url.value.trim().to_string());
                format!("{}  # {}", metrics_settings::redact(&url.value), url.from)
            }
            None => "(none)".into(),
        };
        origins.push((key.to_string(), shown));
    }
    Ok(settings)
}
