//! Rust-side tools: the wasm32 target, cargo-leptos and wasm-bindgen-cli.

use super::{install, output_of, say};
use crate::paths::Paths;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

const CARGO_LEPTOS_VERSION: &str = "0.3.10";

pub(super) fn wasm_target() -> Result<()> {
    const TARGET: &str = "wasm32-unknown-unknown";
    let sysroot = output_of(Command::new("rustc").args(["--print", "sysroot"])).context("cannot run `rustc`")?;
    if Path::new(&sysroot).join("lib/rustlib").join(TARGET).exists() {
        say("wasm target", &format!("{TARGET} already installed, skipping"));
        return Ok(());
    }
    say("wasm target", &format!("installing {TARGET} with rustup"));
    install(Command::new("rustup").args(["target", "add", TARGET]))
}

pub(super) fn cargo_leptos() -> Result<()> {
    let version = output_of(Command::new("cargo").args(["leptos", "--version"]));
    if version.as_deref().is_some_and(|v| v.split_whitespace().any(|w| w == CARGO_LEPTOS_VERSION)) {
        say("cargo-leptos", &format!("{CARGO_LEPTOS_VERSION} already installed, skipping"));
        return Ok(());
    }
    let found = version.unwrap_or_else(|| "none".into());
    say(
        "cargo-leptos",
        &format!("found {found}; installing {CARGO_LEPTOS_VERSION} from source (about 16 min on 2 cores)"),
    );
    install(Command::new("cargo").args(["install", &format!("cargo-leptos@{CARGO_LEPTOS_VERSION}"), "--locked"]))
}

/// The version of `name` in the workspace Cargo.lock, if it is there.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut in_package = false;
    for line in lock.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = false;
        } else if line == format!("name = \"{name}\"") {
            in_package = true;
        } else if in_package && let Some(rest) = line.strip_prefix("version = ") {
            return Some(rest.trim_matches('"').to_string());
        }
    }
    None
}

pub(super) fn wasm_bindgen(paths: &Paths) -> Result<()> {
    let lock_path = paths.root.join("Cargo.lock");
    if !lock_path.exists() {
        say("wasm-bindgen-cli", "no Cargo.lock yet; running `cargo generate-lockfile`");
        let ok = Command::new("cargo").arg("generate-lockfile").status().is_ok_and(|s| s.success());
        if !ok {
            say("wasm-bindgen-cli", "WARNING: `cargo generate-lockfile` failed; skipping wasm-bindgen-cli");
            return Ok(());
        }
    }
    let lock = std::fs::read_to_string(&lock_path).with_context(|| format!("cannot read {}", lock_path.display()))?;
    let Some(wanted) = locked_version(&lock, "wasm-bindgen") else {
        say("wasm-bindgen-cli", "WARNING: Cargo.lock has no wasm-bindgen package; skipping");
        return Ok(());
    };
    let have = output_of(Command::new("wasm-bindgen").arg("--version"));
    if have.as_deref().is_some_and(|v| v.split_whitespace().any(|w| w == wanted)) {
        say("wasm-bindgen-cli", &format!("{wanted} already installed, skipping"));
        return Ok(());
    }
    let found = have.unwrap_or_else(|| "none".into());
    say(
        "wasm-bindgen-cli",
        &format!("found {found}; installing {wanted} (Cargo.lock) from source (about 4 min on 2 cores)"),
    );
    install(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn finds_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.105\"\nsource = \"x\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.105"));
        assert_eq!(locked_version(lock, "leptos"), None);
    }
}
