//! Command-line flags with environment fallbacks, parsed once at start.
use std::{net::SocketAddr, path::PathBuf, time::Duration};

use clap::Parser;

#[derive(Debug, Clone, Parser)]
#[command(name = "temporal-debugger", about = "A web debugger for Temporal workflows")]
pub struct Config {
    /// Temporal frontend gRPC address (host:port).
    #[arg(long, env = "TEMPORAL_ADDRESS", default_value = "127.0.0.1:7233")]
    pub temporal_address: String,

    /// Namespace that `/` opens.
    #[arg(long, env = "TEMPORAL_DEFAULT_NAMESPACE", default_value = "default")]
    pub default_namespace: String,

    /// Address this server listens on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Folder with the built site (the WASM bundle, CSS and public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Name of the WASM/JS bundle under `<site-root>/pkg`.
    #[arg(long, env = "LEPTOS_OUTPUT_NAME", default_value = "temporal-debugger")]
    pub output_name: String,

    /// Deadline of every call to Temporal, in seconds.
    #[arg(long, env = "TEMPORAL_RPC_DEADLINE_SECONDS", default_value_t = 10)]
    pub rpc_deadline_seconds: u64,

    /// Longest time a page may take before the server answers 504, in seconds (a long history
    /// is many Temporal calls).
    #[arg(long, env = "TDBG_REQUEST_TIMEOUT_SECONDS", default_value_t = 120)]
    pub request_timeout_seconds: u64,

    /// Ask Temporal for status counts above the workflow list (a GROUP BY query, costly on
    /// SQL visibility stores).
    #[arg(long, env = "TEMPORAL_STATUS_COUNTS", default_value_t = true, action = clap::ArgAction::Set)]
    pub status_counts: bool,
}

impl Config {
    pub fn rpc_deadline(&self) -> Duration {
        Duration::from_secs(self.rpc_deadline_seconds.max(1))
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_seconds.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_defaults() {
        let config = Config::parse_from([
            "server",
            "--temporal-address",
            "temporal:7233",
            "--listen",
            "0.0.0.0:8080",
            "--status-counts",
            "false",
        ]);
        assert_eq!(config.temporal_address, "temporal:7233");
        assert_eq!(config.listen.port(), 8080);
        assert!(!config.status_counts);
        assert_eq!(config.rpc_deadline(), Duration::from_secs(10));
    }
}
