//! State shared by every request.
use app::ssr::{Settings, TemporalClient};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::{config::Config, metrics::Metrics, shutdown::Shutdown};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub temporal: TemporalClient,
    pub settings: Settings,
    pub metrics: Metrics,
    pub request_timeout: std::time::Duration,
    pub shutdown: Shutdown,
}

impl AppState {
    pub fn new(config: &Config) -> anyhow::Result<AppState> {
        let cluster = config.default_cluster();
        app::urls::set_base(&config.public_path);
        let mut connection = cluster.connection.clone();
        connection.forward_headers = config.forward_headers.clone();
        let temporal = TemporalClient::connect(&connection).map_err(|error| anyhow::anyhow!("{error}"))?;
        let leptos_options = LeptosOptions::builder()
            .output_name(config.output_name.as_str())
            .site_root(config.site_root.to_string_lossy().as_ref())
            .site_pkg_dir("pkg")
            .site_addr(config.listen)
            .build();
        Ok(AppState {
            leptos_options,
            temporal,
            settings: Settings {
                default_namespace: cluster.default_namespace.clone(),
                status_counts: config.status_counts,
                hide_query_errors: config.hide_query_errors,
            },
            metrics: Metrics::default(),
            request_timeout: config.request_timeout,
            shutdown: Shutdown::default(),
        })
    }
}
