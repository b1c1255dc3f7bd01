//! The site the server embeds (`target/site`): the islands' WASM and its JS glue, the stylesheet
//! and `public/`, each bundle file with brotli and gzip copies beside it.
//!
//! This is what cargo-leptos did, done here so that a fresh machine compiles no build tool:
//! `cargo build` of the `app` crate for wasm32 with `hydrate`, wasm-bindgen as a library (its
//! version is the one Cargo.lock holds for the `app` crate, so they cannot disagree), wasm-opt
//! (npm binaryen) and esbuild (npm) to minify the JS and the CSS. Steps whose input did not change
//! since the last build are skipped, so a rebuild with nothing changed takes a second or two.
//!
//! [`Profile::Dev`] is `cargo xtask dev`'s: the WASM unoptimized (its dependencies compile in a
//! fraction of the time) and nothing precompressed; tests and `dist` build [`Profile::Release`].

use crate::paths::{Paths, content_hash};
use crate::processes;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The bundle's file name without extension; the server names its URLs after it.
pub const OUTPUT_NAME: &str = "temporal-debugger";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Browsers the CSS is written for (esbuild adds prefixes and lowers syntax for them).
const CSS_TARGETS: &str = "chrome109,edge109,firefox115,safari15.6";

/// How the WASM is built.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Profile {
    /// `wasm-release` (size-optimized, LTO), wasm-opt -Oz, brotli and gzip copies.
    Release,
    /// `dev`: quick to compile; no wasm-opt, no precompressed copies.
    Dev,
}

/// Builds `target/site`: only the steps whose input changed.
pub fn build(paths: &Paths, profile: Profile) -> Result<()> {
    let site = paths.site();
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).with_context(|| format!("cannot create {}", pkg.display()))?;
    let release = profile == Profile::Release;
    let wasm = compile_wasm(paths, profile)?;
    let wasm_bytes = std::fs::read(&wasm).with_context(|| format!("cannot read {}", wasm.display()))?;
    let js_and_wasm = [pkg.join(format!("{OUTPUT_NAME}.wasm")), pkg.join(format!("{OUTPUT_NAME}.js"))];
    let key = content_hash(&[&wasm_bytes, format!("{profile:?}").as_bytes()]);
    fresh_or(&pkg.join(".wasm.stamp"), &key, &js_and_wasm, || {
        bindgen(&wasm, &pkg)?;
        if release {
            optimize_wasm(paths, &js_and_wasm[0])?;
        }
        minify(paths, &js_and_wasm[1], &js_and_wasm[1], &[])?;
        js_and_wasm.iter().try_for_each(|file| precompress(file, release))
    })?;
    let style = paths.root.join("style").join("main.css");
    let css_bytes = std::fs::read(&style).with_context(|| format!("cannot read {}", style.display()))?;
    let css = pkg.join(format!("{OUTPUT_NAME}.css"));
    let key = content_hash(&[&css_bytes, format!("{profile:?}").as_bytes()]);
    fresh_or(&pkg.join(".css.stamp"), &key, std::slice::from_ref(&css), || {
        minify(paths, &style, &css, &[&format!("--target={CSS_TARGETS}")])?;
        precompress(&css, release)
    })?;
    copy_public(&paths.root.join("public"), &site)
}

/// `cargo build` of the islands for the browser, in `target/front` (apart from the server's
/// build, so both can be compiled at once). Returns the `.wasm` cargo wrote.
fn compile_wasm(paths: &Paths, profile: Profile) -> Result<PathBuf> {
    let target_dir = paths.target().join("front");
    let (profile, dir) = match profile {
        Profile::Release => ("wasm-release", "wasm-release"),
        Profile::Dev => ("dev", "debug"),
    };
    let mut cmd = Command::new("cargo");
    cmd.args(["build", "--package", "app", "--lib", "--target", WASM_TARGET, "--profile", profile])
        .args(["--no-default-features", "--features", "hydrate"])
        .arg("--target-dir")
        .arg(&target_dir);
    processes::run("cargo build (app, wasm32)", &mut cmd)?;
    Ok(target_dir.join(WASM_TARGET).join(dir).join("app.wasm"))
}

/// Runs `step` unless `stamp` holds `key` and every output exists; then records `key`.
fn fresh_or(stamp: &Path, key: &str, outputs: &[PathBuf], step: impl FnOnce() -> Result<()>) -> Result<()> {
    let fresh = std::fs::read_to_string(stamp).is_ok_and(|s| s.trim() == key) && outputs.iter().all(|o| o.exists());
    if fresh {
        return Ok(());
    }
    // A failed step must not leave a stamp saying its old outputs match the new input.
    let _ = std::fs::remove_file(stamp);
    step()?;
    std::fs::write(stamp, key).with_context(|| format!("cannot write {}", stamp.display()))
}

/// wasm-bindgen's `--target web` output: `{OUTPUT_NAME}.js` and `{OUTPUT_NAME}.wasm`.
fn bindgen(wasm: &Path, pkg: &Path) -> Result<()> {
    outln!("    wasm-bindgen {}", wasm.display());
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen.input_path(wasm).out_name(OUTPUT_NAME).typescript(false);
    bindgen.web(true).map_err(|err| anyhow::anyhow!("wasm-bindgen: {err:#}"))?;
    bindgen.generate(pkg).map_err(|err| anyhow::anyhow!("wasm-bindgen: {err:#}"))?;
    // Leptos' hydration script asks for `{output}.wasm`, wasm-bindgen writes `{output}_bg.wasm`.
    let written = pkg.join(format!("{OUTPUT_NAME}_bg.wasm"));
    let wanted = pkg.join(format!("{OUTPUT_NAME}.wasm"));
    std::fs::rename(&written, &wanted).with_context(|| format!("cannot rename {}", written.display()))
}

fn optimize_wasm(paths: &Paths, wasm: &Path) -> Result<()> {
    let wasm_opt = paths.wasm_opt();
    if !wasm_opt.exists() {
        bail!("{} is missing: run `cargo xtask setup`", wasm_opt.display());
    }
    let mut cmd = Command::new(wasm_opt);
    // The features Rust's wasm32 output uses; -Oz as cargo-leptos ran it.
    cmd.args(["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int"]).arg(wasm).arg("-o").arg(wasm);
    processes::run("wasm-opt -Oz", &mut cmd)
}

/// esbuild `--minify` of a JS or CSS file (`from` may be `to`).
fn minify(paths: &Paths, from: &Path, to: &Path, extra: &[&str]) -> Result<()> {
    let esbuild = paths.esbuild();
    if !esbuild.exists() {
        bail!("{} is missing: run `cargo xtask setup`", esbuild.display());
    }
    let mut cmd = Command::new(esbuild);
    cmd.arg(from).args(["--minify", "--allow-overwrite", "--log-level=warning"]).args(extra);
    cmd.arg(format!("--outfile={}", to.display()));
    processes::run("esbuild --minify", &mut cmd)
}

/// Writes `file.br` (brotli 11) and `file.gz` (gzip 9) beside `file`: the server sends them
/// as they are to a browser that accepts them, with no compression work per request. Without
/// `wanted` (a dev build) it removes them instead: stale copies must not be served.
fn precompress(file: &Path, wanted: bool) -> Result<()> {
    use std::io::Write as _;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if !wanted {
        for extension in ["br", "gz"] {
            let _ = std::fs::remove_file(file.with_file_name(format!("{name}.{extension}")));
        }
        return Ok(());
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes)?;
    let gzip = gzip.finish()?;
    std::fs::write(file.with_file_name(format!("{name}.br")), &brotli)?;
    std::fs::write(file.with_file_name(format!("{name}.gz")), &gzip)?;
    outln!("    {name}: {} bytes, brotli {}, gzip {}", bytes.len(), brotli.len(), gzip.len());
    Ok(())
}

/// Copies `public/` into the site root (files only, one level: it holds the favicon).
fn copy_public(public: &Path, site: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(public) else { return Ok(()) };
    for entry in entries {
        let path = entry?.path();
        if path.is_file() {
            let to = site.join(path.file_name().context("a file without a name")?);
            let same = std::fs::read(&to).ok() == std::fs::read(&path).ok();
            if !same {
                std::fs::copy(&path, &to).with_context(|| format!("cannot copy {}", path.display()))?;
            }
        }
    }
    Ok(())
}
