//! Well-known locations in the workspace, the tool PATH, and small shared helpers.

use anyhow::{Context, Result, bail};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub struct Paths {
    pub root: PathBuf,
    pub home: PathBuf,
}

impl Paths {
    /// The workspace root: the nearest ancestor of the current directory whose
    /// Cargo.toml declares `[workspace]`, falling back to the parent of this crate.
    pub fn discover() -> Result<Self> {
        let home = PathBuf::from(std::env::var_os("HOME").context("HOME is not set")?);
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let found = cwd.ancestors().find(|dir| is_workspace_root(dir)).map(Path::to_path_buf);
        let root = match found {
            Some(root) => root,
            None => {
                let fallback = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .parent()
                    .context("xtask crate has no parent directory")?
                    .to_path_buf();
                if !is_workspace_root(&fallback) {
                    bail!("cannot find the workspace root (a Cargo.toml with [workspace])");
                }
                fallback
            }
        };
        Ok(Self { root, home })
    }

    pub fn tools(&self) -> PathBuf {
        self.root.join(".tools")
    }
    pub fn npm_prefix(&self) -> PathBuf {
        self.tools().join("npm")
    }
    pub fn npm_bin(&self) -> PathBuf {
        self.npm_prefix().join("node_modules").join(".bin")
    }
    pub fn wasm_opt(&self) -> PathBuf {
        self.npm_prefix().join("node_modules/binaryen/bin/wasm-opt")
    }
    pub fn esbuild(&self) -> PathBuf {
        self.npm_bin().join("esbuild")
    }
    /// What the server embeds: the bundle under `pkg/`, `public/`'s files at the root.
    pub fn site(&self) -> PathBuf {
        self.target().join("site")
    }
    pub fn venv(&self) -> PathBuf {
        self.tools().join("venv")
    }
    pub fn venv_bin(&self, name: &str) -> PathBuf {
        self.venv().join("bin").join(name)
    }
    pub fn cargo_bin(&self) -> PathBuf {
        self.home.join(".cargo").join("bin")
    }
    pub fn end2end(&self) -> PathBuf {
        self.root.join("end2end")
    }
    pub fn fixtures(&self) -> PathBuf {
        self.end2end().join("fixtures")
    }
    pub fn target(&self) -> PathBuf {
        self.root.join("target")
    }

    /// Prefix PATH with the project's tool directories and set variables every child
    /// should see. Called once at start-up, before any other thread exists.
    pub fn export_tool_env(&self) {
        let mut dirs = vec![self.npm_bin(), self.cargo_bin()];
        if let Some(old) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&old));
        }
        let path = std::env::join_paths(dirs).unwrap_or_else(|_| OsString::from("/usr/bin:/bin"));
        // SAFETY: called from `main` before the signal-handler thread (or any other
        // thread) is started, so nothing can read the environment concurrently.
        unsafe {
            std::env::set_var("PATH", path);
            std::env::set_var("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            // `cargo run` describes the xtask package to it; a cargo we start must not see that:
            // build scripts that watch CARGO_MANIFEST_DIR (ring's) would otherwise be rerun, and
            // everything above them rebuilt, each time a build alternates between the two.
            for (name, _) in std::env::vars_os() {
                let name = name.to_string_lossy();
                let from_cargo_run = name.starts_with("CARGO_PKG_")
                    || ["CARGO_MANIFEST_DIR", "CARGO_MANIFEST_PATH", "CARGO_CRATE_NAME", "CARGO_BIN_NAME"]
                        .contains(&name.as_ref())
                    || name == "CARGO_PRIMARY_PACKAGE";
                if from_cargo_run {
                    std::env::remove_var(name.as_ref());
                }
            }
        }
    }
}

fn is_workspace_root(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|text| text.lines().any(|line| line.trim() == "[workspace]"))
}

/// A short, time-based suffix (base-36 milliseconds since the epoch), e.g. `mi3k9x2a`.
pub fn unique_suffix() -> String {
    let millis = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let mut n = millis;
    let mut out = Vec::new();
    while n > 0 {
        let digit = (n % 36) as u32;
        out.push(char::from_digit(digit, 36).unwrap_or('0'));
        n /= 36;
    }
    out.iter().rev().collect()
}

/// FNV-1a 64 of some bytes, as hex: a stable content stamp without a hashing crate.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // Separator so that ("ab","c") and ("a","bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Env var set to something other than "", "0" or "false".
pub fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

/// Timed steps with a summary at the end.
pub struct Steps {
    done: Vec<(String, Duration, &'static str)>,
}

impl Steps {
    pub fn new() -> Self {
        Self { done: Vec::new() }
    }

    /// Run one step, printing its start and elapsed time.
    pub fn run<T>(&mut self, name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        outln!("==> {name}");
        let start = Instant::now();
        let result = f();
        let elapsed = start.elapsed();
        let status = if result.is_ok() { "ok" } else { "FAILED" };
        outln!("<== {name}: {status} in {}", fmt_duration(elapsed));
        self.done.push((name.to_string(), elapsed, status));
        result
    }

    pub fn skip(&mut self, name: &str, why: &str) {
        outln!("==> {name}: skipped ({why})");
        self.done.push((name.to_string(), Duration::ZERO, "skipped"));
    }

    pub fn print_summary(&self) {
        outln!("\nstep timings:");
        for (name, elapsed, status) in &self.done {
            outln!("  {:>8}  {status:<7}  {name}", fmt_duration(*elapsed));
        }
    }
}

pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 60.0 { format!("{}m{:04.1}s", (secs / 60.0).floor(), secs % 60.0) } else { format!("{secs:.1}s") }
}
