//! The server starts without Temporal and recovers, with the same channel, once Temporal is up.
use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use axum::http::StatusCode;

use crate::support::{app_for, closed_port, get};

/// Stops the dev server even when an assertion fails.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn temporal_cli() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/venv/bin/temporal")
}

#[tokio::test]
async fn pages_recover_when_temporal_comes_up() {
    let port = closed_port();
    let address = format!("127.0.0.1:{port}");
    let app = app_for(&address);
    let down = get(&app, "/namespaces").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);

    let cli = temporal_cli();
    assert!(cli.exists(), "{} is missing: run `cargo xtask setup`", cli.display());
    let ui_port = closed_port();
    let _temporal = KillOnDrop(
        Command::new(&cli)
            .args(["server", "start-dev", "--headless", "--ip", "127.0.0.1", "--log-level", "error"])
            .args(["--port", &port.to_string(), "--ui-port", &ui_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the Temporal dev server"),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let page = get(&app, "/namespaces").await;
        if page.status == StatusCode::OK {
            assert!(page.text().contains("default"));
            break;
        }
        assert!(Instant::now() < deadline, "still {} after 60 s: {}", page.status, page.text());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
