//! `cargo xtask dist`: the release `temporal-debugger` with the site inside, copied to
//! `target/dist/`, then started from an empty directory to check that it needs nothing beside it.

use crate::paths::Paths;
use crate::processes::{self, Output};
use crate::stack::{self, Build};
use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

pub fn run(paths: &Paths) -> Result<()> {
    crate::setup::run(paths, crate::setup::TestTools { chromium: false, nginx: false })?;
    outln!("==> building the site and the release server");
    stack::build_site_and_server(paths, Build::Release)?;
    let dist = paths.target().join("dist");
    std::fs::create_dir_all(&dist).with_context(|| format!("cannot create {}", dist.display()))?;
    let bin = dist.join("temporal-debugger");
    std::fs::copy(Build::Release.binary(paths), &bin).with_context(|| format!("cannot write {}", bin.display()))?;
    // The Dockerfile makes this the image's data directory, owned by its non-root user.
    std::fs::create_dir_all(dist.join("data")).context("cannot create target/dist/data")?;
    let size = std::fs::metadata(&bin)?.len();
    outln!("==> {} ({:.1} MB); checking it from an empty directory", bin.display(), size as f64 / 1e6);
    check(&bin)?;
    outln!("    ok: run it with TEMPORAL_ADDRESS=host:7233 {}", bin.display());
    Ok(())
}

/// Starts the binary in an empty directory, with only TEMPORAL_ADDRESS set (to a port where
/// nothing listens), and asks a page and the WASM, as a browser would.
fn check(bin: &std::path::Path) -> Result<()> {
    let empty = std::env::temp_dir().join(format!("tdbg-dist-check-{}", std::process::id()));
    std::fs::create_dir_all(&empty)?;
    let version = Command::new(bin).arg("--version").current_dir(&empty).output()?;
    outln!("    {}", String::from_utf8_lossy(&version.stdout).trim());
    let ports = stack::free_ports(2)?;
    let addr = format!("127.0.0.1:{}", ports[0]);
    let mut cmd = Command::new(bin);
    cmd.current_dir(&empty)
        .env_clear()
        .env("TEMPORAL_ADDRESS", format!("127.0.0.1:{}", ports[1]))
        .env("TEMPORAL_UI_PORT", ports[0].to_string())
        .env("TDBG_DATA_DIR", empty.join("data"));
    let mut server = processes::spawn("temporal-debugger (dist check)", &mut cmd, Output::File(empty.join("log")))?;
    stack::wait_for_http_ok(&addr, "/healthz", Duration::from_secs(30), Some(&mut server))?;
    let page = get(&addr, "/namespaces/default/workflows")?;
    let Some(wasm_path) = page.split('"').find(|part| part.starts_with("/pkg/") && part.ends_with(".wasm")) else {
        bail!("the workflow list names no WASM bundle:\n{}", &page[..page.len().min(2000)]);
    };
    let wasm = get(&addr, wasm_path)?;
    for wanted in ["200 OK", "content-encoding: br", "immutable", "application/wasm"] {
        if !wasm.to_ascii_lowercase().contains(&wanted.to_ascii_lowercase()) {
            bail!("GET {wasm_path} lacks {wanted:?}:\n{}", wasm.lines().take(12).collect::<Vec<_>>().join("\n"));
        }
    }
    outln!("    page and {wasm_path} (brotli, immutable) served from the binary alone");
    drop(server);
    let _ = std::fs::remove_dir_all(&empty);
    Ok(())
}

/// The head and (lossy) body of `GET path` over HTTP/1.0, asking for brotli.
fn get(addr: &str, path: &str) -> Result<String> {
    let mut stream = TcpStream::connect(addr).with_context(|| format!("cannot connect to {addr}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let request = format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes())?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).with_context(|| format!("reading GET {path}"))?;
    Ok(String::from_utf8_lossy(&answer).into_owned())
}
