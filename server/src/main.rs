use std::process::ExitCode;

use anyhow::Context;
use server::{AppState, Config, config::ConfigError, config::LogFormat, router, shutdown};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let config = match Config::load(std::env::args_os()) {
        Ok(config) => config,
        Err(ConfigError::Flags(error)) => error.exit(),
        Err(ConfigError::Invalid(line)) => {
            eprintln!("error: {line}");
            return ExitCode::from(2);
        }
    };
    if config.print_config {
        print!("{}", config.describe());
        return ExitCode::SUCCESS;
    }
    if config.check_ready {
        return server::check_ready::run(&config);
    }
    init_logging(config.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).init(),
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let state = AppState::new(&config).context("preparing the Temporal connection")?;
    if let Some(auth) = state.auth.clone() {
        tokio::spawn(auth.warm_up());
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    for cluster in &config.clusters {
        let connection = &cluster.connection;
        let security = match &connection.tls {
            None => "plaintext".to_string(),
            Some(tls) if !tls.verify_host => {
                tracing::warn!(
                    cluster = %cluster.name,
                    "TLS host verification is OFF (TEMPORAL_TLS_ENABLE_HOST_VERIFICATION=false): anyone between this \
                     server and Temporal can impersonate the cluster"
                );
                "TLS, certificate NOT verified".to_string()
            }
            Some(tls) => format!(
                "TLS verified against {}{}",
                tls.ca.as_ref().map_or("the system roots".to_string(), |ca| ca.describe()),
                if tls.client_cert.is_some() { ", with a client certificate" } else { "" }
            ),
        };
        let key = if connection.api_key.is_some() { ", API key" } else { "" };
        tracing::info!(cluster = %cluster.name, "Temporal at {} ({security}{key})", connection.address);
    }
    let scheme = if config.server_tls.is_some() { "https" } else { "http" };
    tracing::info!("serving {scheme}://{}{}", config.listen, app::urls::public_path());
    if !server::assets::BundleVersion::site_is_built() {
        tracing::warn!(
            "this binary holds no site (no WASM, JS or CSS): pages work, their interactive parts do not; \
             build it with `cargo xtask dist` (or `cargo xtask dev`)"
        );
    }
    match config.server_tls.clone() {
        Some(files) => {
            let listener = listener.into_std().context("preparing the HTTPS listener")?;
            server::https::serve(listener, files, router(state.clone()), state.shutdown.clone()).await?;
        }
        None => {
            let shutdown = shutdown::on_signal(state.shutdown.clone());
            axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await.context("serving HTTP")?;
        }
    }
    tracing::info!("stopped");
    Ok(())
}
