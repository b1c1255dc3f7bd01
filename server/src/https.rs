//! Serving HTTPS directly (`TEMPORAL_UI_SERVER_TLS_CERT` / `_KEY`), through axum-server's rustls
//! acceptor. The certificate files are re-read when they change, like the client certificates
//! towards Temporal; SIGTERM shuts down as on plain HTTP.
use std::{path::PathBuf, time::Duration};

use anyhow::Context;
use axum::Router;
use axum_server::tls_rustls::RustlsConfig;

use crate::shutdown::{self, Shutdown};

const RELOAD_CHECK: Duration = Duration::from_secs(10);

fn fingerprint(paths: &[&PathBuf]) -> Vec<Option<std::time::SystemTime>> {
    paths.iter().map(|path| std::fs::metadata(path).and_then(|meta| meta.modified()).ok()).collect()
}

pub async fn serve(
    listener: std::net::TcpListener,
    (cert, key): (PathBuf, PathBuf),
    app: Router,
    stop: Shutdown,
) -> anyhow::Result<()> {
    inspector::temporal::tls::crypto_provider();
    let config = RustlsConfig::from_pem_file(&cert, &key)
        .await
        .with_context(|| format!("loading the HTTPS certificate {} and key {}", cert.display(), key.display()))?;
    let reloading = config.clone();
    tokio::spawn(async move {
        let mut seen = fingerprint(&[&cert, &key]);
        loop {
            tokio::time::sleep(RELOAD_CHECK).await;
            let now = fingerprint(&[&cert, &key]);
            if now == seen {
                continue;
            }
            seen = now;
            match reloading.reload_from_pem_file(&cert, &key).await {
                Ok(()) => tracing::info!("HTTPS certificate files changed: reloaded them"),
                Err(error) => tracing::warn!(
                    "HTTPS certificate files changed but cannot be used ({error}); keeping the previous ones"
                ),
            }
        }
    });
    let handle = axum_server::Handle::new();
    let stopping = handle.clone();
    tokio::spawn(async move {
        shutdown::on_signal(stop).await;
        stopping.graceful_shutdown(Some(shutdown::GRACE));
    });
    axum_server::from_tcp_rustls(listener, config)?
        .handle(handle)
        .serve(app.into_make_service())
        .await
        .context("serving HTTPS")
}
