//! `cargo xtask test`: the whole CI pipeline against a fresh, private Temporal.
//!
//! setup → `cargo fmt --check` → the site → `cargo clippy -D warnings` → Temporal dev server
//! (free port, db under target/e2e/run-*) → fixture worker → `cargo test --workspace` (which
//! builds the debug `temporal-debugger`) → three servers of it (free ports, each waited for) →
//! `npx playwright test`. Stops at the first failing step; all children are torn down in every
//! case. `--quick` stops after `cargo test` and skips clippy. TDBG_SKIP_RUST=1 skips `cargo test`
//! and clippy, TDBG_SKIP_E2E=1 the servers and Playwright; TDBG_E2E_RELEASE=1 serves a release
//! build to Playwright; TDBG_E2E_GREP=text runs only the Playwright tests matching it.

use crate::paths::{Paths, Steps, env_flag, fmt_duration, unique_suffix};
use crate::processes::{self, Children, Output};
use crate::setup;
use crate::stack::{self, Build, WorkerArgs};
use crate::tls_proxy;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// `cargo xtask test` and its `--quick` loop.
#[derive(Clone, Copy)]
pub struct Options {
    /// Unit and integration tests only: no clippy, no Playwright.
    pub quick: bool,
}

/// The server's feature that turns its integration tests on (they need what this pipeline starts).
const INTEGRATION: &str = "server/integration-tests";

pub fn run(paths: &Paths, options: Options) -> Result<()> {
    let started = Instant::now();
    let mut steps = Steps::new();
    let mut children = Children::default();
    let result = pipeline(paths, options, &mut steps, &mut children);
    if result.is_err() && !processes::interrupted() {
        children.print_log_tails(60);
    }
    drop(children); // tear down before the summary
    steps.print_summary();
    let verdict = if result.is_ok() { "PASSED" } else { "FAILED" };
    outln!("xtask test {verdict} in {}", fmt_duration(started.elapsed()));
    result
}

fn pipeline(paths: &Paths, options: Options, steps: &mut Steps, children: &mut Children) -> Result<()> {
    let skip_rust = env_flag("TDBG_SKIP_RUST");
    let skip_e2e = env_flag("TDBG_SKIP_E2E") || options.quick;
    let e2e_build = if env_flag("TDBG_E2E_RELEASE") { Build::Release } else { Build::Debug };

    steps.run("setup", || setup::run(paths, setup::TestTools { chromium: !skip_e2e, nginx: !skip_rust }))?;
    steps.run("cargo fmt --check", || {
        processes::run("cargo fmt --check", Command::new("cargo").args(["fmt", "--all", "--check"]))
    })?;
    // Before any server build: a release build embeds it, and the tests' debug build reads it.
    steps.run("build the site (WASM, JS, CSS)", || crate::site::build(paths, crate::site::Profile::Release))?;
    if skip_rust || options.quick {
        steps.skip("cargo clippy -D warnings", if options.quick { "--quick" } else { "TDBG_SKIP_RUST=1" });
    } else {
        steps.run("cargo clippy --workspace --all-targets -D warnings", || {
            let mut cmd = Command::new("cargo");
            cmd.args(["clippy", "--workspace", "--all-targets", "--features", INTEGRATION, "--", "-D", "warnings"]);
            processes::run("cargo clippy", &mut cmd)
        })?;
    }

    let suffix = unique_suffix();
    let e2e_dir = paths.target().join("e2e");
    let run_dir = e2e_dir.join(format!("run-{suffix}"));
    remove_old_runs(&e2e_dir)?;
    std::fs::create_dir_all(&run_dir).with_context(|| format!("cannot create {}", run_dir.display()))?;

    let ports = stack::free_ports(9)?;
    let (grpc_port, ui_port, http_port) = (ports[0], ports[1], ports[2]);
    // A second server, under the public path /temporal behind nginx.
    let public_path_addr = format!("127.0.0.1:{}", ports[3]);
    let codec_port = ports[4];
    // A third server with sign-in on, and the OpenID provider it signs in with.
    let (oidc_port, sign_in_addr) = (ports[5], format!("127.0.0.1:{}", ports[6]));
    let sign_in_url = format!("http://{sign_in_addr}");
    let temporal_addr = format!("127.0.0.1:{grpc_port}");
    // The cluster health page's sources: the dev server's own metrics, and a Prometheus scraping them.
    let (metrics_port, prometheus_port) = (ports[7], ports[8]);
    let metrics_url = format!("http://127.0.0.1:{metrics_port}/metrics");
    let prometheus_url = format!("http://127.0.0.1:{prometheus_port}");
    let metrics_env =
        [("TDBG_TEMPORAL_METRICS_URL", metrics_url.as_str()), ("TDBG_PROMETHEUS_URL", prometheus_url.as_str())];
    let site_addr = format!("127.0.0.1:{http_port}");
    let manifest = e2e_dir.join("manifest.json");
    outln!("    run dir {}, Temporal {temporal_addr}, server {site_addr}", run_dir.display());

    steps.run("start Temporal dev server", || {
        let db = run_dir.join("temporal.db");
        let temporal =
            stack::start_temporal(paths, grpc_port, (ui_port, metrics_port), &db, run_dir.join("temporal.log"))?;
        children.push(temporal);
        Ok(())
    })?;

    steps.run("start Prometheus (scrapes the dev server's metrics every second)", || {
        children.push(crate::prometheus::start(&run_dir, prometheus_port, metrics_port)?);
        Ok(())
    })?;

    let prefix = format!("e2e-{suffix}");
    steps.run("start fixture worker (writes manifest)", || {
        let args = WorkerArgs { address: &temporal_addr, task_queue: "e2e", prefix: &prefix, manifest: &manifest };
        let worker = stack::start_worker(paths, &args, Output::File(run_dir.join("worker.log")))?;
        children.push(worker);
        Ok(())
    })?;

    steps.run("start the fixtures' codec server", || {
        children.push(stack::start_codec_server(paths, codec_port, Output::File(run_dir.join("codec.log")))?);
        Ok(())
    })?;

    let proxies = steps.run("start nginx: TLS, mTLS, API-key proxies to Temporal; the app under /temporal", || {
        let (proxies, nginx) = tls_proxy::start(&run_dir, &temporal_addr, &public_path_addr)?;
        children.push(nginx);
        Ok(proxies)
    })?;

    if skip_rust {
        steps.skip("cargo test --workspace", "TDBG_SKIP_RUST=1");
    } else {
        steps.run("cargo test --workspace", || {
            let mut cmd = Command::new("cargo");
            cmd.args(["test", "--workspace", "--features", INTEGRATION]);
            // TDBG_TEST_FILTER=name runs only the tests whose names contain it (a quicker loop).
            if let Ok(filter) = std::env::var("TDBG_TEST_FILTER") {
                cmd.args(["--", &filter, "--nocapture"]);
            }
            cmd.env("TDBG_TEMPORAL_ADDRESS", &temporal_addr)
                .env("TDBG_FIXTURE_MANIFEST", &manifest)
                .envs(proxies.env())
                .env("TDBG_CODEC_ENDPOINT", format!("http://127.0.0.1:{codec_port}"))
                .envs(metrics_env);
            processes::run("cargo test --workspace", &mut cmd)
        })?;
    }

    if skip_e2e {
        steps.skip("end-to-end (servers, Playwright)", if options.quick { "--quick" } else { "TDBG_SKIP_E2E=1" });
        return Ok(());
    }

    let bin = e2e_build.binary(paths);
    match e2e_build {
        // `cargo test` built it with the tests' features; `--no-run` finds it built (or builds it
        // with TDBG_SKIP_RUST=1). A plain `cargo build` would rebuild half the dependencies.
        Build::Debug => steps.run("cargo test --no-run (the debug temporal-debugger)", || {
            let mut cmd = Command::new("cargo");
            cmd.args(["test", "--workspace", "--features", INTEGRATION, "--no-run"]);
            processes::run("cargo test --no-run", &mut cmd)
        })?,
        Build::Release => steps.run("cargo build --release (TDBG_E2E_RELEASE=1)", || {
            stack::build_site_and_server(paths, Build::Release)
        })?,
    }

    steps.run("start server, wait for /healthz", || {
        let log = Output::File(run_dir.join("server.log"));
        let env = [("TDBG_METRICS_PROMETHEUS_URL", prometheus_url.as_str())];
        let server = children.push(stack::start_server(&bin, &site_addr, &temporal_addr, &env, log)?);
        stack::wait_for_http_ok(&site_addr, "/healthz", Duration::from_secs(60), Some(server))
    })?;

    steps.run("start a server under /temporal (behind nginx, write actions on)", || {
        let log = Output::File(run_dir.join("server-public-path.log"));
        // This one also allows write actions: Playwright acts on runs through the proxy.
        let data_dir = run_dir.join("data-public-path");
        let data_dir = data_dir.to_string_lossy();
        let public_path = [
            ("TEMPORAL_UI_PUBLIC_PATH", "/temporal"),
            ("TDBG_ENABLE_WRITE_ACTIONS", "true"),
            ("TDBG_DATA_DIR", &data_dir),
            ("TDBG_METRICS_SCRAPE_URL", &metrics_url),
        ];
        let server = children.push(stack::start_server(&bin, &public_path_addr, &temporal_addr, &public_path, log)?);
        stack::wait_for_http_ok(&public_path_addr, "/temporal/healthz", Duration::from_secs(60), Some(server))
    })?;

    steps.run("start the OpenID provider and a server with sign-in on", || {
        let callback = format!("{sign_in_url}/auth/sso/callback");
        let provider_log = Output::File(run_dir.join("oidc-provider.log"));
        children.push(stack::start_oidc_provider(paths, oidc_port, &callback, provider_log)?);
        let issuer = format!("http://127.0.0.1:{oidc_port}");
        let env = [
            ("TEMPORAL_AUTH_ENABLED", "true"),
            ("TEMPORAL_AUTH_PROVIDER_URL", issuer.as_str()),
            ("TEMPORAL_AUTH_CLIENT_ID", "debugger"),
            ("TEMPORAL_AUTH_CLIENT_SECRET", "debugger-test-secret"),
            ("TEMPORAL_AUTH_CALLBACK_URL", callback.as_str()),
            ("TDBG_AUTH_OPERATORS", "oncall"),
            ("TDBG_ENABLE_WRITE_ACTIONS", "true"),
            ("RUST_LOG", "info,server::auth=debug"),
        ];
        let log = Output::File(run_dir.join("server-sign-in.log"));
        let server = children.push(stack::start_server(&bin, &sign_in_addr, &temporal_addr, &env, log)?);
        stack::wait_for_http_ok(&sign_in_addr, "/healthz", Duration::from_secs(60), Some(server))
    })?;

    steps.run("npx playwright test", || {
        let mut cmd = Command::new("npx");
        // --no: fail instead of downloading Playwright if end2end/node_modules lacks it.
        // --output: traces etc. go next to this run's logs, apart from other runs.
        cmd.args(["--no", "playwright", "test", "--output"]).arg(run_dir.join("test-results"));
        // TDBG_E2E_GREP=sign-in runs only the specs whose titles match (a quicker local loop).
        if let Ok(grep) = std::env::var("TDBG_E2E_GREP") {
            cmd.args(["--grep", &grep]);
        }
        cmd.current_dir(paths.end2end())
            .env("BASE_URL", format!("http://{site_addr}"))
            .env("TDBG_FIXTURE_MANIFEST", &manifest)
            .env("TDBG_TEMPORAL_ADDRESS", &temporal_addr)
            .env("TDBG_PUBLIC_PATH_URL", &proxies.public_path_url)
            .env("TDBG_WRITABLE_AUDIT_LOG", run_dir.join("data-public-path").join("audit.jsonl"))
            .env("TDBG_SIGN_IN_URL", &sign_in_url)
            .envs(metrics_env)
            // Never block on "Serving HTML report … Press Ctrl+C" after a failure.
            .env("PLAYWRIGHT_HTML_OPEN", "never")
            .env("PW_TEST_HTML_REPORT_OPEN", "never");
        processes::run("npx playwright test", &mut cmd)
    })?;
    Ok(())
}

/// Delete the databases and logs of earlier runs (each run gets a fresh directory).
fn remove_old_runs(e2e_dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(e2e_dir) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", e2e_dir.display()))?;
        if entry.file_name().to_string_lossy().starts_with("run-") {
            let path = entry.path();
            std::fs::remove_dir_all(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}
