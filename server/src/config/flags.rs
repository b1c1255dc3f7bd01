//! The command line and its environment names (clap reads both: a flag wins over its variable).
//! Every value is optional here; [`super::Config::load`] layers them over the config file, the
//! temporal CLI's profile and the defaults.
use std::{net::SocketAddr, path::PathBuf};

use clap::Parser;

#[derive(Debug, Clone, Default, Parser)]
#[command(
    name = "temporal-debugger",
    version,
    about = "A web debugger for Temporal workflows",
    long_about = "A web debugger for Temporal workflows.\n\nSettings come from flags, then environment \
                  variables, then the temporal CLI's own environment names (TEMPORAL_NAMESPACE, \
                  TEMPORAL_TLS_CLIENT_CERT_PATH, ...), then the --config TOML file, then the temporal \
                  CLI's profile (TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE), then the defaults shown here. \
                  --print-config shows the result with secrets masked."
)]
pub struct Flags {
    /// TOML file with settings and clusters (see docs/configuration.md, "Configuration file and several clusters").
    #[arg(long, env = "TDBG_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the effective configuration (secrets masked) and where each value came from, then exit.
    #[arg(long)]
    pub print_config: bool,

    /// Ask this server's /readyz (the address and public path these settings give) and exit 0
    /// when it answers 200: a container health check.
    #[arg(long)]
    pub check_ready: bool,

    /// Address to listen on [default: 127.0.0.1:3000].
    #[arg(long, env = "LEPTOS_SITE_ADDR", value_name = "HOST:PORT")]
    pub listen: Option<SocketAddr>,

    /// Host to listen on; overrides the host of --listen (Temporal UI name).
    #[arg(long, env = "TEMPORAL_UI_HOST")]
    pub host: Option<String>,

    /// Port to listen on; overrides the port of --listen (Temporal UI name).
    #[arg(long, env = "TEMPORAL_UI_PORT")]
    pub port: Option<u16>,

    /// Path prefix the app is served under behind a reverse proxy, such as /temporal.
    #[arg(long, env = "TEMPORAL_UI_PUBLIC_PATH", value_name = "PATH")]
    pub public_path: Option<String>,

    /// Serve HTTPS with this certificate (PEM) instead of plain HTTP.
    #[arg(long, env = "TEMPORAL_UI_SERVER_TLS_CERT", value_name = "FILE")]
    pub server_tls_cert: Option<PathBuf>,

    /// Private key (PEM) of --server-tls-cert.
    #[arg(long, env = "TEMPORAL_UI_SERVER_TLS_KEY", value_name = "FILE")]
    pub server_tls_key: Option<PathBuf>,

    /// Directory for what the server keeps: imported histories (several replicas may share it)
    /// [default: data].
    #[arg(long, env = "TDBG_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Largest size of the imported histories kept in the data directory, in MB; the oldest go
    /// first [default: 1024].
    #[arg(long, env = "TDBG_IMPORTS_MAX_MB", value_name = "MB")]
    pub imports_max_megabytes: Option<u64>,

    /// Log lines as text or json [default: text]; the level follows RUST_LOG.
    #[arg(long, env = "TDBG_LOG_FORMAT", value_parser = ["text", "json"])]
    pub log_format: Option<String>,

    /// Name of the cluster, shown in the UI and the metrics' `cluster` label [default: default].
    #[arg(long, env = "TDBG_CLUSTER_NAME")]
    pub cluster_name: Option<String>,

    /// Temporal frontend gRPC address, host:port [default: 127.0.0.1:7233].
    #[arg(long, env = "TEMPORAL_ADDRESS", value_name = "HOST:PORT")]
    pub temporal_address: Option<String>,

    /// Namespace that / opens [default: default].
    #[arg(long, env = "TEMPORAL_DEFAULT_NAMESPACE")]
    pub default_namespace: Option<String>,

    /// Use TLS towards Temporal with the system roots (implied by any TLS setting or an API key;
    /// false turns it off).
    #[arg(long, env = "TEMPORAL_TLS", value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    pub tls: Option<bool>,

    /// CA certificate (PEM file) that signs the cluster's certificate; the system roots when unset.
    #[arg(long, env = "TEMPORAL_TLS_CA", value_name = "FILE")]
    pub tls_ca: Option<PathBuf>,

    /// The same CA as base64 of its PEM.
    #[arg(long, env = "TEMPORAL_TLS_CA_DATA", value_name = "BASE64", hide_env_values = true)]
    pub tls_ca_data: Option<String>,

    /// Client certificate (PEM file) for mutual TLS; re-read when the file changes.
    #[arg(long, env = "TEMPORAL_TLS_CERT", value_name = "FILE")]
    pub tls_cert: Option<PathBuf>,

    /// The same client certificate as base64 of its PEM.
    #[arg(long, env = "TEMPORAL_TLS_CERT_DATA", value_name = "BASE64", hide_env_values = true)]
    pub tls_cert_data: Option<String>,

    /// Client private key (PEM file) for mutual TLS; re-read when the file changes.
    #[arg(long, env = "TEMPORAL_TLS_KEY", value_name = "FILE")]
    pub tls_key: Option<PathBuf>,

    /// The same client key as base64 of its PEM (a secret).
    #[arg(long, env = "TEMPORAL_TLS_KEY_DATA", value_name = "BASE64", hide_env_values = true)]
    pub tls_key_data: Option<String>,

    /// Name the cluster's certificate is checked against (and sent as SNI) [default: the address's host].
    #[arg(long, env = "TEMPORAL_TLS_SERVER_NAME")]
    pub tls_server_name: Option<String>,

    /// Verify the cluster's certificate [default: true; the Temporal UI defaults to false].
    #[arg(long, env = "TEMPORAL_TLS_ENABLE_HOST_VERIFICATION", value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    pub tls_enable_host_verification: Option<bool>,

    /// API key, sent as `authorization: Bearer` (Temporal Cloud); turns TLS on.
    #[arg(long, env = "TEMPORAL_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,

    /// Codec server that decodes payloads (POST {endpoint}/decode).
    #[arg(long, env = "TEMPORAL_CODEC_ENDPOINT", value_name = "URL")]
    pub codec_endpoint: Option<String>,

    /// Prometheus-compatible query API that scrapes the Temporal server (Prometheus, Thanos, Mimir,
    /// VictoriaMetrics), for the cluster health page.
    #[arg(long, env = "TDBG_METRICS_PROMETHEUS_URL", value_name = "URL", hide_env_values = true)]
    pub metrics_prometheus_url: Option<String>,

    /// A Temporal server's own /metrics endpoint, scraped directly for the cluster health page.
    #[arg(long, env = "TDBG_METRICS_SCRAPE_URL", value_name = "URL", hide_env_values = true)]
    pub metrics_scrape_url: Option<String>,

    /// Forward the signed-in user's token to the codec server.
    #[arg(long, env = "TEMPORAL_CODEC_PASS_ACCESS_TOKEN", value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    pub codec_pass_access_token: Option<bool>,

    /// Show a failed query's outcome without its error details.
    #[arg(long, env = "TEMPORAL_HIDE_WORKFLOW_QUERY_ERRORS", value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    pub hide_workflow_query_errors: Option<bool>,

    /// HTTP request headers copied to Temporal as gRPC metadata (comma-separated names).
    #[arg(long, env = "TEMPORAL_FORWARD_HEADERS", value_name = "NAMES")]
    pub forward_headers: Option<String>,

    /// Deadline of every call to Temporal, in seconds [default: 10].
    #[arg(long, env = "TEMPORAL_RPC_DEADLINE_SECONDS", value_name = "SECONDS")]
    pub rpc_deadline_seconds: Option<u64>,

    /// Longest time a page may take before the server answers 504, in seconds [default: 120].
    #[arg(long, env = "TDBG_REQUEST_TIMEOUT_SECONDS", value_name = "SECONDS")]
    pub request_timeout_seconds: Option<u64>,

    /// Ask Temporal for status counts above the workflow list (a GROUP BY, costly on SQL
    /// visibility stores) [default: true].
    #[arg(long, env = "TEMPORAL_STATUS_COUNTS", value_name = "BOOL", value_parser = clap::builder::BoolishValueParser::new())]
    pub status_counts: Option<bool>,

    #[command(flatten)]
    pub write: super::write_actions::WriteFlags,

    #[command(flatten)]
    pub auth: super::auth::AuthFlags,

    #[command(flatten)]
    pub cors: super::cors::CorsFlags,

    #[command(flatten)]
    pub limits: super::limits::LimitFlags,
}
