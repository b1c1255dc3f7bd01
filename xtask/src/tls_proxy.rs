//! A real nginx in front of the test Temporal's gRPC port, the way secured clusters are reached:
//! TLS, mutual TLS (`ssl_verify_client on`) and TLS with an API-key check, each on its own port,
//! with certificates made here (a CA, a server certificate for localhost, a client certificate,
//! and a second, untrusted CA with its own client certificate). The same nginx serves the app
//! under `/temporal/` as a reverse proxy (the server behind it runs with that public path).
use crate::processes::{self, ChildGuard, Output};
use crate::stack;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The API key the API-key proxy accepts.
pub const API_KEY: &str = "tdbg-test-api-key";

pub struct TlsProxies {
    /// Holds ca.pem, client.pem/.key, untrusted-ca.pem, untrusted-client.pem/.key.
    pub certs: PathBuf,
    pub tls: String,
    pub mtls: String,
    pub api_key: String,
    /// `http://127.0.0.1:N/temporal`, proxied to `public_path_upstream`.
    pub public_path_url: String,
}

impl TlsProxies {
    /// What the integration tests read to find the proxies.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TDBG_TLS_CERTS", self.certs.display().to_string()),
            ("TDBG_TLS_PROXY", self.tls.clone()),
            ("TDBG_MTLS_PROXY", self.mtls.clone()),
            ("TDBG_API_KEY_PROXY", self.api_key.clone()),
            ("TDBG_API_KEY", API_KEY.to_string()),
        ]
    }
}

struct Authority {
    issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
    pem: String,
}

fn authority(name: &str) -> Result<Authority> {
    let key = rcgen::KeyPair::generate()?;
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())?;
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.distinguished_name.push(rcgen::DnType::CommonName, name);
    let cert = params.self_signed(&key)?;
    Ok(Authority { pem: cert.pem(), issuer: rcgen::Issuer::new(params, key) })
}

/// A certificate for `names` signed by `ca`: (certificate PEM, key PEM).
fn leaf(ca: &Authority, names: &[&str]) -> Result<(String, String)> {
    let key = rcgen::KeyPair::generate()?;
    let params = rcgen::CertificateParams::new(names.iter().map(|name| name.to_string()).collect::<Vec<_>>())?;
    let cert = params.signed_by(&key, &ca.issuer)?;
    Ok((cert.pem(), key.serialize_pem()))
}

fn write(dir: &Path, name: &str, text: &str) -> Result<()> {
    let path = dir.join(name);
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn make_certificates(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let ca = authority("tdbg test CA")?;
    let untrusted = authority("tdbg untrusted CA")?;
    let (server, server_key) = leaf(&ca, &["localhost", "127.0.0.1"])?;
    let (client, client_key) = leaf(&ca, &["tdbg-client"])?;
    let (other_client, other_key) = leaf(&untrusted, &["tdbg-client"])?;
    write(dir, "ca.pem", &ca.pem)?;
    write(dir, "server.pem", &server)?;
    write(dir, "server.key", &server_key)?;
    write(dir, "client.pem", &client)?;
    write(dir, "client.key", &client_key)?;
    write(dir, "untrusted-ca.pem", &untrusted.pem)?;
    write(dir, "untrusted-client.pem", &other_client)?;
    write(dir, "untrusted-client.key", &other_key)
}

fn nginx_conf(dir: &Path, grpc: &str, app: &str, ports: &[u16]) -> String {
    let certs = dir.join("certs");
    let cert = certs.join("server.pem").display().to_string();
    let key = certs.join("server.key").display().to_string();
    let ca = certs.join("ca.pem").display().to_string();
    let temp = dir.join("temp").display().to_string();
    // SAFETY: geteuid has no preconditions and cannot fail.
    let user = if unsafe { libc::geteuid() } == 0 { "user root;" } else { "" };
    let tls = format!("ssl_certificate {cert}; ssl_certificate_key {key};");
    format!(
        "{user}
worker_processes 1;
pid {dir}/nginx.pid;
events {{ worker_connections 256; }}
http {{
  access_log {dir}/access.log;
  client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
  grpc_read_timeout 120s;
  # TLS
  server {{ listen 127.0.0.1:{tls_port} ssl http2; {tls}
    location / {{ grpc_pass grpc://{grpc}; }} }}
  # mutual TLS: a client certificate signed by the test CA
  server {{ listen 127.0.0.1:{mtls_port} ssl http2; {tls}
    ssl_client_certificate {ca}; ssl_verify_client on;
    location / {{ grpc_pass grpc://{grpc}; }} }}
  # TLS and an API key, as Temporal Cloud checks it
  server {{ listen 127.0.0.1:{key_port} ssl http2; {tls}
    location / {{
      if ($http_authorization != \"Bearer {API_KEY}\") {{ return 401; }}
      grpc_pass grpc://{grpc}; }} }}
  # the app under a public path, as a team mounts it next to other tools
  server {{ listen 127.0.0.1:{app_port};
    location /temporal/ {{
      proxy_pass http://{app};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_read_timeout 120s; }} }}
}}
",
        dir = dir.display(),
        tls_port = ports[0],
        mtls_port = ports[1],
        key_port = ports[2],
        app_port = ports[3],
    )
}

/// Makes the certificates, writes the config and starts nginx in the foreground of its group.
/// `app` is the address of the server that runs with `--public-path /temporal` (it may start later).
pub fn start(run_dir: &Path, grpc: &str, app: &str) -> Result<(TlsProxies, ChildGuard)> {
    let dir = run_dir.join("nginx");
    make_certificates(&dir.join("certs"))?;
    for sub in ["body", "proxy", "fastcgi", "uwsgi", "scgi"] {
        std::fs::create_dir_all(dir.join("temp").join(sub))?;
    }
    let ports = stack::free_ports(4)?;
    let conf = dir.join("nginx.conf");
    write(&dir, "nginx.conf", &nginx_conf(&dir, grpc, app, &ports))?;
    let mut cmd = Command::new("/usr/sbin/nginx");
    cmd.arg("-p").arg(&dir).arg("-c").arg(&conf).arg("-e").arg(dir.join("error.log")).args(["-g", "daemon off;"]);
    let mut child = processes::spawn("nginx", &mut cmd, Output::File(dir.join("nginx.log")))?;
    let addresses: Vec<String> = ports.iter().map(|port| format!("127.0.0.1:{port}")).collect();
    for address in &addresses {
        stack::wait_for_port(address, Duration::from_secs(20), Some(&mut child))?;
    }
    let proxies = TlsProxies {
        certs: dir.join("certs"),
        tls: addresses[0].clone(),
        mtls: addresses[1].clone(),
        api_key: addresses[2].clone(),
        public_path_url: format!("http://{}/temporal", addresses[3]),
    };
    Ok((proxies, child))
}
