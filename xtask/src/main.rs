//! `cargo xtask` — developer tasks for the Temporal debugger workspace.
//!
//! * `cargo xtask setup` — install every missing tool (idempotent).
//! * `cargo xtask dev`   — the site and a debug server built, Temporal dev server, fixtures.
//! * `cargo xtask test`  — the full CI pipeline: fmt, clippy, cargo tests and Playwright
//!   (`--quick`: unit and integration tests only).
//! * `cargo xtask dist`  — the release binary, site embedded, in `target/dist/`.

/// `println!` that never panics: when the terminal or a pipe reading our output has
/// gone away (e.g. `| tee` killed by the same Ctrl-C), tearing down children matters
/// more than the message, and a panic in the signal handler or in a `Drop` would
/// leave processes behind.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that never panics (see `outln!`).
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod dev;
mod dist;
mod paths;
mod processes;
mod prometheus;
mod setup;
mod site;
mod stack;
mod test;
#[cfg(test)]
mod tests;
mod tls_proxy;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "Developer tasks for the Temporal debugger")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install everything that is missing (the wasm32 target, npm wasm-opt and esbuild, the
    /// Python venv, Playwright's node modules, Chromium, Prometheus, nginx).
    Setup {
        /// Skip the Chromium check (only `test` needs a browser).
        #[arg(long)]
        no_chromium: bool,
    },
    /// Run a local stack: Temporal dev server, fixture worker and a debug server.
    /// Set TEMPORAL_ADDRESS to use an already running Temporal instead.
    Dev,
    /// Run fmt, clippy, cargo tests and Playwright end-to-end tests against a fresh Temporal.
    /// TDBG_SKIP_RUST=1 skips `cargo test` and clippy, TDBG_SKIP_E2E=1 the Playwright part.
    Test {
        /// Unit and integration tests only (no clippy, no Playwright).
        #[arg(long)]
        quick: bool,
    },
    /// Build the release binary with the site inside: target/dist/temporal-debugger.
    Dist,
}

fn main() {
    let result = run();
    processes::park_if_interrupted();
    if let Err(err) = result {
        errln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    let paths = paths::Paths::discover()?;
    std::env::set_current_dir(&paths.root)
        .with_context(|| format!("cannot enter workspace root {}", paths.root.display()))?;
    // Must happen before any thread exists (the signal handler below starts one).
    paths.export_tool_env();
    processes::install_signal_handler()?;

    match cli.command {
        Command::Setup { no_chromium } => setup::run(&paths, setup::TestTools { chromium: !no_chromium, nginx: true }),
        Command::Dev => dev::run(&paths),
        Command::Test { quick } => test::run(&paths, test::Options { quick }),
        Command::Dist => dist::run(&paths),
    }
}
