//! `temporal-debugger --check-ready`: asks this server's own `/readyz` and exits 0 when it
//! answers 200. A container's health check runs it (the image holds no curl).
use std::{process::ExitCode, time::Duration};

use crate::Config;

/// Asks `/readyz` of the server these settings describe, on loopback when it listens on all
/// addresses; prints the answer (or why there is none).
pub fn run(config: &Config) -> ExitCode {
    let mut address = config.listen;
    if address.ip().is_unspecified() {
        address.set_ip(if address.is_ipv4() { [127, 0, 0, 1].into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
    }
    let scheme = if config.server_tls.is_some() { "https" } else { "http" };
    let url = format!("{scheme}://{address}{}/readyz", app::urls::public_path());
    let answer = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string());
    let answer = answer.and_then(|runtime| runtime.block_on(ask(&url)));
    match answer {
        Ok((status, text)) => {
            print!("{url}: {status}\n{text}");
            if status == 200 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(error) => {
            println!("{url}: no answer: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn ask(url: &str) -> Result<(u16, String), String> {
    inspector::temporal::tls::crypto_provider();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        // Loopback to this very process: its certificate names the public host, not 127.0.0.1.
        .tls_danger_accept_invalid_certs(true)
        .build()
        .map_err(|error| error.to_string())?;
    let response = client.get(url).send().await.map_err(|error| error.to_string())?;
    let status = response.status().as_u16();
    Ok((status, response.text().await.unwrap_or_default()))
}
