//! `cargo xtask dev`: the site and a debug server built, Temporal dev server, the server, then
//! the fixture worker, until Ctrl-C.
//!
//! The console stays quiet: the setup lines, the build, the URL and one "demo workflows ready"
//! line. Temporal's, the demo worker's and the server's logs go to files under `data/`,
//! whose paths are printed once when each process starts.

use crate::paths::{Paths, unique_suffix};
use crate::processes::{self, Children, Output};
use crate::setup;
use crate::stack::{self, Build, WorkerArgs};
use anyhow::{Context, Result, bail};
use std::time::Duration;

const TEMPORAL_PORT: u16 = 7233;
const TEMPORAL_UI_PORT: u16 = 8233;
/// The dev server's Prometheus metrics, which the app scrapes for its cluster health page.
const TEMPORAL_METRICS_PORT: u16 = 9233;
const DEFAULT_SITE_ADDR: &str = "127.0.0.1:3000";

pub fn run(paths: &Paths) -> Result<()> {
    setup::run(paths, setup::TestTools { chromium: false, nginx: false })?;
    let mut children = Children::default();
    let result = run_stack(paths, &mut children);
    if result.is_err() && !processes::interrupted() {
        children.print_log_tails(40);
    }
    // `children` is dropped here: every process is stopped, newest first.
    result
}

fn run_stack(paths: &Paths, children: &mut Children) -> Result<()> {
    let data = paths.root.join("data");
    let mut server_env: Vec<(&str, String)> = Vec::new();
    let temporal_addr = match std::env::var("TEMPORAL_ADDRESS").ok().filter(|a| !a.is_empty()) {
        Some(addr) => {
            outln!("==> using the Temporal server at TEMPORAL_ADDRESS={addr}");
            stack::wait_for_port(&addr, Duration::from_secs(10), None)
                .with_context(|| format!("TEMPORAL_ADDRESS={addr} does not accept connections"))?;
            addr
        }
        None => {
            outln!("==> starting the Temporal dev server (db {})", data.join("temporal.db").display());
            let temporal = stack::start_temporal(
                paths,
                TEMPORAL_PORT,
                (TEMPORAL_UI_PORT, TEMPORAL_METRICS_PORT),
                &data.join("temporal.db"),
                data.join("temporal.log"),
            )?;
            children.push(temporal);
            server_env.push(("TDBG_METRICS_SCRAPE_URL", format!("http://127.0.0.1:{TEMPORAL_METRICS_PORT}/metrics")));
            format!("127.0.0.1:{TEMPORAL_PORT}")
        }
    };

    outln!("==> building the site and the server (debug)");
    stack::build_site_and_server(paths, Build::Debug)?;

    let site_addr = std::env::var("LEPTOS_SITE_ADDR")
        .ok()
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| DEFAULT_SITE_ADDR.to_string());
    outln!("==> starting the server on {site_addr}");
    let log = Output::File(data.join("server.log"));
    let env: Vec<(&str, &str)> = server_env.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let bin = Build::Debug.binary(paths);
    let server = children.push(stack::start_server(&bin, &site_addr, &temporal_addr, &env, log)?);
    stack::wait_for_http_ok(&site_addr, "/healthz", Duration::from_secs(60), Some(server))?;
    outln!();
    outln!("    Temporal debugger: http://{site_addr}/");
    outln!();

    let prefix = format!("demo-{}", unique_suffix());
    let manifest = paths.target().join("demo").join("manifest.json");
    outln!("==> starting the demo worker (prefix {prefix})");
    let worker_args = WorkerArgs { address: &temporal_addr, task_queue: "demo", prefix: &prefix, manifest: &manifest };
    children.push(stack::start_worker(paths, &worker_args, Output::File(data.join("worker.log")))?);
    outln!("    demo workflows ready ({})", stack::manifest_summary(&manifest));
    outln!("    Temporal:          {temporal_addr} (fixtures: task queue demo, prefix {prefix})");
    outln!("    Press Ctrl-C to stop everything.");
    outln!();
    supervise(children)
}

/// Block until a process we depend on exits (the worker may finish on its own).
fn supervise(children: &mut Children) -> Result<()> {
    let mut worker_exit_noted = false;
    loop {
        for child in children.iter_mut() {
            let Some(status) = child.try_exited()? else {
                continue;
            };
            if child.name() == stack::WORKER_NAME {
                if !worker_exit_noted {
                    outln!("note: the fixture worker exited ({status}); the server keeps running");
                    worker_exit_noted = true;
                }
                continue;
            }
            bail!("{} exited ({status}); stopping", child.name());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}
