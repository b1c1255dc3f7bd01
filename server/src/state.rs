//! State shared by every request: the clusters (each with its own lazily connected client, so
//! one that is down slows or breaks only its own pages), the Leptos options, metrics, shutdown.
use std::sync::Arc;

use axum::extract::FromRef;
use inspector::{Settings, TemporalClient, imports::ImportStore};
use leptos::config::LeptosOptions;

use crate::{access_layer::AccessSettings, audit::AuditLog, config::Config, metrics::Metrics, shutdown::Shutdown};

/// One cluster's client and the settings its pages see.
#[derive(Clone)]
pub struct ClusterState {
    pub temporal: TemporalClient,
    pub settings: Settings,
    /// Its name, URL prefix and the other clusters, for the pages' links.
    pub page: app::url_base::PageCluster,
    /// Where the cluster health page reads the Temporal server's own metrics (if anywhere).
    pub server_metrics: inspector::server_metrics::ServerMetrics,
    /// The timeline's lanes of its long closed runs, kept for the next zoom or filter.
    pub kept_lanes: Arc<inspector::timeline::closed_runs::KeptLanes>,
}

impl ClusterState {
    /// Its pages' paths, under the public path and its prefix (for redirects and links written
    /// outside a page render).
    pub fn links(&self) -> model::PageLinks {
        model::PageLinks::new(format!("{}{}", app::url_base::public_path(), self.page.prefix))
    }
}

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The version in the bundle files' URLs.
    pub bundle: crate::assets::BundleVersion,
    /// The cluster this state's routes serve (the default one for the top-level routes).
    pub cluster: ClusterState,
    /// Every cluster, the default first.
    pub clusters: Arc<Vec<ClusterState>>,
    pub metrics: Metrics,
    /// Imported histories, kept in the data directory.
    pub imports: Arc<ImportStore>,
    /// Reports of resets to before each run's first failure, kept in the data directory.
    pub reset_reports: Arc<inspector::reset_reports::ResetReports>,
    pub request_timeout: std::time::Duration,
    pub shutdown: Shutdown,
    /// The write policy and sign-in, for the access layer.
    pub access: AccessSettings,
    /// One line per write action.
    pub audit: AuditLog,
    /// Sign-in, when `TEMPORAL_AUTH_ENABLED` is on.
    pub auth: Option<crate::auth::AuthState>,
    /// `TEMPORAL_CORS_ORIGINS`, for the gRPC-web endpoint.
    pub cors_origins: Arc<Vec<String>>,
    /// Where a request that changes something must come from.
    pub origin_rule: crate::same_origin::OriginRule,
}

impl AppState {
    pub fn new(config: &Config) -> anyhow::Result<AppState> {
        app::url_base::set_public_path(&config.public_path);
        let names = Arc::new(config.clusters.iter().map(|cluster| cluster.name.clone()).collect::<Vec<_>>());
        let mut clusters = Vec::new();
        for (index, cluster) in config.clusters.iter().enumerate() {
            let mut connection = cluster.connection.clone();
            connection.forward_headers = config.forward_headers.clone();
            connection.codec_pass_access_token = config.codec_pass_access_token;
            connection.read_cache_bytes = config.read_cache_bytes;
            let temporal = TemporalClient::connect(&connection)
                .map_err(|error| anyhow::anyhow!("cluster {}: {error}", cluster.name))?;
            let settings = Settings {
                default_namespace: cluster.default_namespace.clone(),
                status_counts: config.status_counts,
                hide_query_errors: config.hide_query_errors,
                triage_runs: config.triage_runs,
            };
            clusters.push(ClusterState {
                temporal,
                settings,
                page: app::url_base::PageCluster::new(names.clone(), index),
                server_metrics: inspector::server_metrics::ServerMetrics::new(&cluster.metrics, config.rpc_deadline)
                    .map_err(|error| anyhow::anyhow!("cluster {}: {error}", cluster.name))?,
                kept_lanes: Arc::default(),
            });
        }
        // Pages name the bundle's files by a hash of their content, so browsers may keep them.
        let bundle = crate::assets::BundleVersion::of_site();
        let leptos_options = LeptosOptions::builder()
            .output_name(bundle.versioned_name())
            // The site is embedded (assets.rs); Leptos' not-found handler looks for files on disk
            // first, so its site root is a path that cannot be a directory.
            .site_root("/dev/null/site")
            .site_pkg_dir("pkg")
            .site_addr(config.listen)
            .build();
        let default = clusters.first().cloned().ok_or_else(|| anyhow::anyhow!("no cluster is configured"))?;
        Ok(AppState {
            leptos_options,
            bundle,
            cluster: default,
            clusters: Arc::new(clusters),
            metrics: Metrics::default(),
            imports: Arc::new(
                ImportStore::on_disk(&config.data_dir, config.imports_max_megabytes * 1024 * 1024)
                    .map_err(|error| anyhow::anyhow!("TDBG_DATA_DIR: {error}"))?
                    .with_concurrent_imports(config.max_concurrent_imports),
            ),
            reset_reports: Arc::new(
                inspector::reset_reports::ResetReports::on_disk(&config.data_dir)
                    .map_err(|error| anyhow::anyhow!("TDBG_DATA_DIR: {error}"))?,
            ),
            request_timeout: config.request_timeout,
            shutdown: Shutdown::default(),
            access: AccessSettings {
                policy: Arc::new(config.write_policy.clone()),
                sign_in: config.auth.is_some(),
                secure_cookies: config.server_tls.is_some(),
            },
            audit: AuditLog::rotating(&config.data_dir, config.audit_rotation)
                .map_err(|error| anyhow::anyhow!("TDBG_DATA_DIR: audit log: {error}"))?,
            auth: config
                .auth
                .as_ref()
                .map(|auth| crate::auth::AuthState::new(auth, &config.public_path))
                .transpose()
                .map_err(|error| anyhow::anyhow!("sign-in: {error}"))?,
            cors_origins: Arc::new(config.cors_origins.clone()),
            // With sign-in on, its callback URL names the origin the browser sees.
            origin_rule: crate::same_origin::OriginRule::new(
                config.auth.as_ref().map(|auth| auth.callback_url.origin().ascii_serialization()),
            ),
        })
    }

    /// The same state serving another cluster's routes.
    pub fn for_cluster(&self, cluster: &ClusterState) -> AppState {
        AppState { cluster: cluster.clone(), ..self.clone() }
    }
}
