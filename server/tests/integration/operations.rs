//! Operating the server: `/readyz`, `/metrics` (parsed by a Prometheus text parser), request
//! IDs, `--print-config` of the real binary, and SIGTERM while a live stream is open.
use std::{
    io::Read,
    net::TcpStream,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use axum::http::StatusCode;

use crate::server_process::server_binary;
use crate::support::{Fixture, app_for, closed_port, get, str_of};

#[tokio::test]
async fn readyz_says_which_cluster_answers_and_which_does_not() {
    let page = get(&Fixture::get().app(), "/readyz").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.starts_with("ready: cluster default at ") && page.html.contains("(Temporal 1."), "{}", page.html);

    let down = format!("127.0.0.1:{}", closed_port());
    let page = get(&app_for(&down), "/readyz").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.html.contains(&down) && page.html.contains("connection refused"), "{}", page.html);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_temporal_calls_by_operation() {
    let fixture = Fixture::get();
    let app = fixture.app();
    get(&app, &app::urls::workflows(fixture.namespace())).await.assert_ok("workflows");
    let page = get(&app, "/metrics").await;
    assert_eq!(page.status, StatusCode::OK);
    let lines = page.html.lines().map(|line| Ok(line.to_string()));
    let scrape = prometheus_parse::Scrape::parse(lines).expect("Prometheus text format");
    let sample = |name: &str, label: &str, value: &str| {
        scrape.samples.iter().any(|sample| sample.metric == name && sample.labels.get(label) == Some(value))
    };
    assert!(sample("http_server_requests", "route", "/namespaces/:namespace/workflows"), "{}", page.html);
    let histogram = |name: &str, label: &str, value: &str| {
        scrape.samples.iter().any(|sample| {
            sample.metric == name
                && sample.labels.get(label) == Some(value)
                && matches!(&sample.value, prometheus_parse::Value::Histogram(buckets) if buckets.len() > 5)
        })
    };
    assert!(histogram("http_server_latency", "route", "/namespaces/:namespace/workflows"), "{}", page.html);
    assert!(sample("temporal_client_requests", "operation", "ListWorkflowExecutions"), "{}", page.html);
    assert!(histogram("temporal_client_latency", "operation", "ListWorkflowExecutions"), "{}", page.html);
    assert!(sample("temporal_client_requests", "cluster", "default"), "{}", page.html);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let page = get(&Fixture::get().app(), "/healthz").await;
    let id = page.headers.get("x-request-id").and_then(|value| value.to_str().ok()).unwrap_or_default();
    assert_eq!(id.len(), 36, "a generated UUID: {id:?}");
}

#[test]
fn print_config_layers_env_over_file_and_masks_secrets() {
    let dir = std::env::temp_dir().join(format!("tdbg-print-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("app.toml");
    std::fs::write(&file, "port = 9100\n[[clusters]]\naddress = \"file-host:7233\"\nnamespace = \"orders\"\n")
        .expect("write");
    let output = server_binary()
        .args(["--config", &file.display().to_string(), "--print-config"])
        .env("TEMPORAL_ADDRESS", "env-host:7233")
        .env("TEMPORAL_API_KEY", "secret-key-value")
        .env("TEMPORAL_CONFIG_FILE", dir.join("none.toml"))
        .output()
        .expect("run the server binary");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}{}", String::from_utf8_lossy(&output.stderr));
    assert!(text.contains("address = env-host:7233  # env TEMPORAL_ADDRESS"), "{text}");
    assert!(text.contains("default_namespace = orders"), "{text}");
    assert!(text.contains("port from") && text.contains(":9100"), "{text}");
    assert!(text.contains("api_key = ***") && !text.contains("secret-key-value"), "{text}");

    let output = server_binary().env("TEMPORAL_TLS_CA", dir.join("missing-ca.pem")).output().expect("run");
    let error = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{error}");
    assert!(error.starts_with("error: env TEMPORAL_TLS_CA: cannot read ") && error.lines().count() == 1, "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cli_profile_is_read_the_way_the_temporal_cli_reads_it() {
    let dir = std::env::temp_dir().join(format!("tdbg-profile-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("temporal.toml");
    std::fs::write(&file, "[profile.default]\naddress = \"dev:7233\"\n[profile.prod]\naddress = \"prod.tmprl.cloud:7233\"\nnamespace = \"prod.acct\"\napi_key = \"cloud-key\"\n").expect("write");
    let output = server_binary()
        .arg("--print-config")
        .env("TEMPORAL_CONFIG_FILE", &file)
        .env("TEMPORAL_PROFILE", "prod")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}{}", String::from_utf8_lossy(&output.stderr));
    assert!(text.contains("address = prod.tmprl.cloud:7233  # temporal CLI profile \"prod\": address"), "{text}");
    assert!(text.contains("default_namespace = prod.acct"), "{text}");
    assert!(text.contains("tls = true  # implied by temporal CLI profile"), "{text}");
    assert!(!text.contains("cloud-key"), "{text}");
    let output = server_binary()
        .arg("--print-config")
        .env("TEMPORAL_CONFIG_FILE", &file)
        .env("TEMPORAL_PROFILE", "nope")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("\"nope\""));
    let _ = std::fs::remove_dir_all(&dir);
}

/// SIGTERM with a live stream open: the stream ends, the process exits 0, well within the bound.
#[test]
fn sigterm_ends_live_streams_and_exits_zero() {
    let fixture = Fixture::get();
    let port = closed_port();
    let mut server = server_binary()
        .args(["--listen", &format!("127.0.0.1:{port}"), "--temporal-address", &fixture.temporal_address])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server binary");
    let address = format!("127.0.0.1:{port}");
    let started = Instant::now();
    let mut stream = loop {
        match TcpStream::connect(&address) {
            Ok(stream) => break stream,
            Err(_) if started.elapsed() < Duration::from_secs(20) => std::thread::sleep(Duration::from_millis(100)),
            Err(error) => panic!("the server did not listen on {address}: {error}"),
        }
    };
    let entry = fixture.workflow("sleeping");
    let url = app::urls::run_history(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"));
    let mut seen = crate::server_process::open_live_stream(&mut stream, &format!("{url}/live"));
    let mut buffer = [0u8; 4096];
    let signalled = Instant::now();
    let kill = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().expect("kill");
    assert!(kill.success());
    // The stream ends (end of the chunked body, then the connection closes).
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => seen.push_str(&String::from_utf8_lossy(&buffer[..read])),
            Err(error) => panic!("the stream did not end after SIGTERM ({error}): {seen}"),
        }
    }
    let status = loop {
        if let Some(status) = server.try_wait().expect("wait") {
            break status;
        }
        assert!(signalled.elapsed() < Duration::from_secs(15), "the server did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    println!("SIGTERM to exit with a live stream open: {:?}", signalled.elapsed());
    assert!(signalled.elapsed() < Duration::from_secs(5), "took {:?}", signalled.elapsed());
}

/// `TEMPORAL_UI_SERVER_TLS_CERT` / `_KEY`: the server answers HTTPS with that certificate.
#[tokio::test]
async fn the_server_can_serve_https_itself() {
    let certs =
        std::path::PathBuf::from(std::env::var("TDBG_TLS_CERTS").expect("TDBG_TLS_CERTS: run with cargo xtask test"));
    let (cert, key) = (certs.join("server.pem").display().to_string(), certs.join("server.key").display().to_string());
    let server = crate::server_process::ServerProcess::start(&[
        "--temporal-address",
        &Fixture::get().temporal_address,
        "--server-tls-cert",
        &cert,
        "--server-tls-key",
        &key,
    ]);
    let _ = rustls::crypto::ring::default_provider().install_default();
    let ca = reqwest::Certificate::from_pem(&std::fs::read(certs.join("ca.pem")).expect("ca")).expect("ca pem");
    let client = reqwest::Client::builder().tls_certs_only([ca]).build().expect("client");
    let port = server.address.rsplit(':').next().expect("port");
    let response = client.get(format!("https://localhost:{port}/readyz")).send().await.expect("HTTPS request");
    assert_eq!(response.status(), 200);
    assert!(response.text().await.expect("body").starts_with("ready: "));
    let plain = reqwest::Client::new().get(format!("http://localhost:{port}/healthz")).send().await;
    assert!(plain.is_err() || plain.is_ok_and(|response| response.status() != 200), "plain HTTP is not served");
    // The container's health check asks the same server over HTTPS on loopback.
    let check = crate::server_process::server_binary()
        .args(["--check-ready", "--listen", &server.address, "--server-tls-cert", &cert, "--server-tls-key", &key])
        .output()
        .expect("run --check-ready");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}

/// `--check-ready` (the image's HEALTHCHECK): exit 0 when the server's /readyz says ready, 1 when
/// nothing answers.
#[tokio::test]
async fn check_ready_asks_the_servers_own_readyz() {
    let server = crate::server_process::ServerProcess::start(&["--temporal-address", &Fixture::get().temporal_address]);
    let ready = crate::server_process::server_binary()
        .args(["--check-ready", "--listen", &server.address])
        .output()
        .expect("run --check-ready");
    let said = String::from_utf8_lossy(&ready.stdout).into_owned();
    assert!(ready.status.success() && said.contains("ready: cluster"), "{said}");
    let nobody = format!("127.0.0.1:{}", crate::support::closed_port());
    let down = crate::server_process::server_binary()
        .args(["--check-ready", "--listen", &nobody])
        .output()
        .expect("run --check-ready");
    assert_eq!(down.status.code(), Some(1), "{}", String::from_utf8_lossy(&down.stdout));
}
