//! The Rust side needs only the wasm32 target: wasm-bindgen is a library of the xtask
//! (see `site.rs`), so no build tool is compiled on a fresh machine.

use super::{install, output_of, say};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

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
