//! Graceful stop on SIGTERM or Ctrl-C: stop accepting, end live streams (they would otherwise
//! hold the shutdown open forever), let in-flight requests finish, and exit 0 within a bound.
use std::{sync::Arc, time::Duration};

use tokio::sync::watch;

/// In-flight requests get this long after the signal; then the process exits anyway.
pub const GRACE: Duration = Duration::from_secs(20);

#[derive(Clone)]
pub struct Shutdown(Arc<watch::Sender<bool>>);

impl Default for Shutdown {
    fn default() -> Shutdown {
        Shutdown(Arc::new(watch::channel(false).0))
    }
}

impl Shutdown {
    pub fn trigger(&self) {
        self.0.send_replace(true);
    }

    /// Resolves once the shutdown began.
    pub async fn triggered(self) {
        let mut receiver = self.0.subscribe();
        let _ = receiver.wait_for(|started| *started).await;
    }
}

/// Waits for SIGTERM or Ctrl-C, then starts the shutdown and arms the bound.
pub async fn on_signal(shutdown: Shutdown) {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: no new connections, live streams ended, finishing requests in flight");
    shutdown.trigger();
    tokio::spawn(async {
        tokio::time::sleep(GRACE).await;
        tracing::warn!("requests still in flight after {} s; exiting anyway", GRACE.as_secs());
        std::process::exit(0);
    });
}
