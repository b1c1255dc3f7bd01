//! A Temporal dev server of a test's own (next to the fixture one), from the `temporal` CLI that
//! `cargo xtask setup` installs; stopped when dropped, even when an assertion fails.
use std::{
    path::PathBuf,
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use crate::support::closed_port;

pub fn temporal_cli() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/venv/bin/temporal")
}

/// The dev server's child process; killed when dropped.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `temporal server start-dev` on `port` (quiet, headless), with `extra` arguments; not waited for.
pub fn spawn(port: u16, extra: &[&str]) -> KillOnDrop {
    let cli = temporal_cli();
    assert!(cli.exists(), "{} is missing: run `cargo xtask setup`", cli.display());
    let child = Command::new(&cli)
        .args(["server", "start-dev", "--headless", "--ip", "127.0.0.1", "--log-level", "error"])
        .args(["--port", &port.to_string(), "--ui-port", &closed_port().to_string()])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a Temporal dev server");
    KillOnDrop(child)
}

pub struct DevServer {
    pub process: KillOnDrop,
    pub address: String,
}

impl DevServer {
    /// Started on a free port, and ready: it answers for the `default` namespace.
    pub fn start(extra: &[&str]) -> DevServer {
        let port = closed_port();
        let server = DevServer { process: spawn(port, extra), address: format!("127.0.0.1:{port}") };
        let started = Instant::now();
        while !server.cli(&["operator", "namespace", "describe", "--namespace", "default"]).status.success() {
            assert!(started.elapsed() < Duration::from_secs(60), "the dev server at {} did not start", server.address);
            std::thread::sleep(Duration::from_millis(250));
        }
        server
    }

    /// A `temporal` CLI command against this server.
    pub fn cli(&self, args: &[&str]) -> Output {
        Command::new(temporal_cli()).args(args).args(["--address", &self.address]).output().expect("temporal CLI")
    }

    /// Runs a CLI command that must succeed; answers its standard output.
    pub fn must(&self, args: &[&str]) -> String {
        let output = self.cli(args);
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "temporal {args:?}: {text}{}", String::from_utf8_lossy(&output.stderr));
        text
    }

    /// Stops it now (a test of what happens when a cluster goes away).
    pub fn stop(&mut self) {
        let _ = self.process.0.kill();
        let _ = self.process.0.wait();
    }
}
