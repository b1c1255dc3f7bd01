//! A real Prometheus (Debian's `prometheus`) for the cluster health tests: it scrapes the test
//! Temporal dev server's `/metrics` every second, keeps its data under the run directory, and
//! answers the query API on 127.0.0.1:`port`.

use crate::processes::{self, ChildGuard, Output};
use crate::stack;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

pub const BINARY: &str = "/usr/bin/prometheus";

/// Start Prometheus scraping `127.0.0.1:{metrics_port}/metrics` and wait until it is ready.
pub fn start(run_dir: &Path, port: u16, metrics_port: u16) -> Result<ChildGuard> {
    let config = run_dir.join("prometheus.yml");
    let text = format!(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: temporal\n    \
         static_configs:\n      - targets: ['127.0.0.1:{metrics_port}']\n"
    );
    std::fs::write(&config, text).with_context(|| format!("cannot write {}", config.display()))?;
    let mut cmd = Command::new(BINARY);
    cmd.arg(format!("--config.file={}", config.display()))
        .arg(format!("--storage.tsdb.path={}", run_dir.join("prometheus").display()))
        .arg(format!("--web.listen-address=127.0.0.1:{port}"));
    let mut child = processes::spawn("prometheus", &mut cmd, Output::File(run_dir.join("prometheus.log")))?;
    stack::wait_for_http_ok(&format!("127.0.0.1:{port}"), "/-/ready", Duration::from_secs(60), Some(&mut child))?;
    Ok(child)
}
