//! `cargo xtask setup`: install whatever is missing; every step prints one line.
//!
//! Install commands run in our own process group (not via `processes`) so that a
//! Ctrl-C in the terminal reaches them directly; nothing runs in the background here.

mod rust_tools;

use crate::paths::{Paths, content_hash, fmt_duration};
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The site's build tools from npm: wasm-opt (Debian's binaryen 108 breaks hydration) and esbuild.
const NPM_TOOLS: [&str; 2] = ["binaryen@132", "esbuild@0.28.2"];

/// What beyond the dev tools to install: Chromium for Playwright, nginx for the Rust tests' proxies.
pub struct TestTools {
    pub chromium: bool,
    pub nginx: bool,
}

pub fn run(paths: &Paths, test_tools: TestTools) -> Result<()> {
    timed("wasm target", rust_tools::wasm_target)?;
    timed("wasm-opt, esbuild", || npm_tools(paths))?;
    timed("python venv", || python_venv(paths))?;
    timed("playwright (npm)", || playwright_node_modules(paths))?;
    if test_tools.chromium {
        timed("chromium", || debian_package("chromium", "/usr/bin/chromium"))?;
    }
    if test_tools.chromium || test_tools.nginx {
        // The cluster health tests' Prometheus, scraping the test Temporal's metrics.
        timed("prometheus", || debian_package("prometheus", crate::prometheus::BINARY))?;
    }
    if test_tools.nginx {
        // The tests' TLS, mutual-TLS and API-key proxies in front of Temporal.
        timed("nginx", || debian_package("nginx-light", "/usr/sbin/nginx"))?;
    }
    Ok(())
}

fn say(step: &str, what: &str) {
    outln!("setup: {step:<18} {what}");
}

/// Run one step; when it took long enough to have installed something, say how long.
fn timed(step: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
    let start = Instant::now();
    f()?;
    if start.elapsed() > Duration::from_secs(2) {
        say(step, &format!("done in {}", fmt_duration(start.elapsed())));
    }
    Ok(())
}

/// Run an install command with inherited stdio; fail if it fails.
fn install(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().with_context(|| format!("cannot run {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed ({status})");
    }
    Ok(())
}

/// Stdout of a command, or None if it cannot be run or fails.
fn output_of(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn npm_tools(paths: &Paths) -> Result<()> {
    let bins = [paths.wasm_opt(), paths.esbuild()];
    let prefix = paths.npm_prefix();
    let stamp = prefix.join("tools.stamp");
    let key = NPM_TOOLS.join(" ");
    if stamp_matches(&stamp, &key) && bins.iter().all(|bin| bin.exists()) {
        say("wasm-opt, esbuild", &format!("{key} already in {}, skipping", prefix.display()));
        return Ok(());
    }
    std::fs::create_dir_all(&prefix).with_context(|| format!("cannot create {}", prefix.display()))?;
    say("wasm-opt, esbuild", &format!("installing npm {key} into {}", prefix.display()));
    install(Command::new("npm").args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(&prefix).args(NPM_TOOLS))?;
    if let Some(missing) = bins.iter().find(|bin| !bin.exists()) {
        bail!("{key} installed but {} is missing", missing.display());
    }
    write_stamp(&stamp, &key)
}

/// True when `stamp` holds exactly `key` (and so the step is up to date).
fn stamp_matches(stamp: &Path, key: &str) -> bool {
    std::fs::read_to_string(stamp).is_ok_and(|s| s.trim() == key)
}

fn write_stamp(stamp: &Path, key: &str) -> Result<()> {
    std::fs::write(stamp, format!("{key}\n")).with_context(|| format!("cannot write {}", stamp.display()))
}

fn python_venv(paths: &Paths) -> Result<()> {
    let requirements = paths.fixtures().join("requirements.txt");
    let python = paths.venv_bin("python");
    let stamp = paths.tools().join("venv-requirements.stamp");
    if !python.exists() {
        say("python venv", &format!("creating {}", paths.venv().display()));
        // A stamp without its venv is stale.
        let _ = std::fs::remove_file(&stamp);
        install(Command::new("python3").args(["-m", "venv"]).arg(paths.venv()))?;
    }
    let Ok(contents) = std::fs::read(&requirements) else {
        say("python venv", &format!("WARNING: {} missing; skipping pip install", requirements.display()));
        return Ok(());
    };
    let key = content_hash(&[&contents]);
    if stamp_matches(&stamp, &key) {
        say("python venv", "requirements.txt unchanged, skipping pip install");
        return Ok(());
    }
    say("python venv", "installing end2end/fixtures/requirements.txt");
    install(Command::new(&python).args(["-m", "pip", "install", "--quiet", "-r"]).arg(&requirements))?;
    write_stamp(&stamp, &key)
}

fn playwright_node_modules(paths: &Paths) -> Result<()> {
    let dir = paths.end2end();
    let Ok(package) = std::fs::read(dir.join("package.json")) else {
        say("playwright (npm)", "WARNING: end2end/package.json missing; skipping");
        return Ok(());
    };
    let lock_path = dir.join("package-lock.json");
    let stamp = dir.join("node_modules").join(".xtask-stamp");
    let key_now = |package: &[u8]| content_hash(&[package, &std::fs::read(&lock_path).unwrap_or_default()]);
    if stamp_matches(&stamp, &key_now(&package)) {
        say("playwright (npm)", "end2end/node_modules up to date, skipping");
        return Ok(());
    }
    let verb = if lock_path.exists() { "ci" } else { "install" };
    say("playwright (npm)", &format!("running `npm {verb}` in end2end/"));
    install(Command::new("npm").args([verb, "--no-audit", "--no-fund"]).current_dir(&dir))?;
    // `npm install` may have just written the lockfile: stamp what is there now.
    write_stamp(&stamp, &key_now(&package))
}

/// Installs a Debian package with apt-get unless `binary` is already there.
fn debian_package(package: &str, binary: &str) -> Result<()> {
    if Path::new(binary).exists() {
        say(package, &format!("{binary} present, skipping"));
        return Ok(());
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            let mut cmd = Command::new("apt-get");
            cmd.env("DEBIAN_FRONTEND", "noninteractive");
            cmd
        } else {
            let mut cmd = Command::new("sudo");
            cmd.args(["DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            cmd
        };
        cmd.args(args);
        cmd
    };
    say(package, &format!("installing Debian's {package} with apt-get"));
    if install(&mut apt(&["install", "-y", package])).is_err() {
        say(package, "install failed; running `apt-get update` and retrying");
        install(&mut apt(&["update"]))?;
        install(&mut apt(&["install", "-y", package]))?;
    }
    Ok(())
}
