use std::io::Write;

use super::*;

fn load(args: &[&str]) -> Result<Config, String> {
    let mut all = vec!["server"];
    all.extend_from_slice(args);
    Config::load(all).map_err(|error| match error {
        ConfigError::Invalid(line) => line,
        ConfigError::Flags(error) => error.to_string(),
    })
}

fn write_file(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::File::create(&path).and_then(|mut file| file.write_all(text.as_bytes())).expect("write");
    path.display().to_string()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tdbg-config-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

/// A CA and a certificate it signed, with the key of each, as PEM.
fn certificates() -> (String, String, String, String) {
    let ca_key = rcgen::KeyPair::generate().expect("key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).expect("ca");
    let issuer = rcgen::Issuer::new(ca_params, ca_key);
    let key = rcgen::KeyPair::generate().expect("key");
    let cert = rcgen::CertificateParams::new(vec!["client".to_string()])
        .expect("params")
        .signed_by(&key, &issuer)
        .expect("cert");
    let other_key = rcgen::KeyPair::generate().expect("key");
    (ca.pem(), cert.pem(), key.serialize_pem(), other_key.serialize_pem())
}

#[test]
fn flags_override_defaults() {
    let config =
        load(&["--temporal-address", "temporal:7233", "--listen", "0.0.0.0:8080", "--status-counts", "false"]).unwrap();
    assert_eq!(config.default_cluster().connection.address, "temporal:7233");
    assert_eq!(config.listen.port(), 8080);
    assert!(!config.status_counts);
    assert_eq!(config.rpc_deadline, Duration::from_secs(10));
    assert!(config.default_cluster().connection.tls.is_none());
    let port = load(&["--listen", "127.0.0.1:3000", "--host", "0.0.0.0", "--port", "8080"]).unwrap();
    assert_eq!(port.listen, "0.0.0.0:8080".parse().unwrap());
}

#[test]
fn a_flag_wins_over_the_file_and_the_file_over_the_default() {
    let dir = scratch("layers");
    let file = write_file(
        &dir,
        "app.toml",
        "rpc_deadline_seconds = 4\nport = 9000\n[[clusters]]\naddress = \"file:7233\"\nnamespace = \"orders\"\n",
    );
    let config = load(&["--config", &file, "--temporal-address", "flag:7233"]).unwrap();
    assert_eq!(config.default_cluster().connection.address, "flag:7233");
    assert_eq!(config.default_cluster().default_namespace, "orders");
    assert_eq!(config.rpc_deadline, Duration::from_secs(4));
    assert_eq!(config.listen.port(), 9000);
    let described = config.describe();
    assert!(described.contains("address = flag:7233  # --temporal-address"), "{described}");
    assert!(
        described.contains("default_namespace = orders  # ") && described.contains("clusters[0].namespace"),
        "{described}"
    );
}

#[test]
fn bad_settings_fail_with_one_line_naming_the_setting() {
    let dir = scratch("bad");
    let typo = write_file(&dir, "typo.toml", "rpc_deadline = 4\n");
    let error = load(&["--config", &typo]).unwrap_err();
    assert!(error.contains("typo.toml (line 1)") && error.contains("rpc_deadline"), "{error}");
    assert!(load(&["--config", "/nonexistent/app.toml"]).unwrap_err().contains("/nonexistent/app.toml"));
    let error = load(&["--temporal-address", "temporal"]).unwrap_err();
    assert_eq!(error, "--temporal-address: \"temporal\" is not host:port (such as temporal:7233)");
    let error = load(&["--tls-ca", "/nonexistent/ca.pem"]).unwrap_err();
    assert!(error.starts_with("--tls-ca: cannot read /nonexistent/ca.pem"), "{error}");
    let error = load(&["--tls-ca-data", "not base64!"]).unwrap_err();
    assert!(error.starts_with("--tls-ca-data: not base64"), "{error}");
    assert!(!error.contains('\n'));
}

#[test]
fn a_client_key_must_belong_to_its_certificate() {
    let dir = scratch("keys");
    let (ca, cert, key, other_key) = certificates();
    let ca = write_file(&dir, "ca.pem", &ca);
    let cert = write_file(&dir, "client.pem", &cert);
    let key = write_file(&dir, "client.key", &key);
    let other = write_file(&dir, "other.key", &other_key);
    let config = load(&["--tls-ca", &ca, "--tls-cert", &cert, "--tls-key", &key]).unwrap();
    let tls = config.default_cluster().connection.tls.clone().expect("TLS implied by the CA");
    assert!(tls.verify_host && tls.client_cert.is_some());
    let error = load(&["--tls-ca", &ca, "--tls-cert", &cert, "--tls-key", &other]).unwrap_err();
    assert!(error.starts_with("--tls-key: ") && error.contains("does not belong to the certificate"), "{error}");
    let error = load(&["--tls-cert", &cert]).unwrap_err();
    assert!(error.contains("no client key"), "{error}");
    let error = load(&["--tls", "false", "--tls-ca", &ca]).unwrap_err();
    assert!(error.contains("turns TLS off"), "{error}");
}

#[test]
fn secrets_are_masked_in_the_printed_config() {
    let (_, cert, key, _) = certificates();
    let b64 = |pem: &str| base64::Engine::encode(&base64::engine::general_purpose::STANDARD, pem);
    let config =
        load(&["--api-key", "sk-very-secret", "--tls-cert-data", &b64(&cert), "--tls-key-data", &b64(&key)]).unwrap();
    let described = config.describe();
    assert!(!described.contains("sk-very-secret") && !described.contains("PRIVATE KEY"), "{described}");
    assert!(described.contains("api_key = ***  # --api-key"), "{described}");
    assert!(described.contains("tls = true  # implied by"), "{described}");
    assert!(format!("{config:?}").contains("***") && !format!("{config:?}").contains("sk-very-secret"));
}

#[test]
fn settings_not_served_yet_are_refused_rather_than_ignored() {
    assert!(load(&["--server-tls-cert", "/nonexistent.pem"]).unwrap_err().contains("TEMPORAL_UI_SERVER_TLS_KEY"));
}

#[test]
fn several_clusters_need_unique_names_that_fit_a_url() {
    let dir = scratch("many");
    let two = "[[clusters]]\naddress = \"a:7233\"\n[[clusters]]\nname = \"prod\"\naddress = \"b:7233\"\nnamespace = \"orders\"\n";
    let config = load(&["--config", &write_file(&dir, "two.toml", two)]).unwrap();
    let names: Vec<&str> = config.clusters.iter().map(|cluster| cluster.name.as_str()).collect();
    assert_eq!(names, ["default", "prod"]);
    assert_eq!(config.clusters[1].connection.address, "b:7233");
    assert_eq!(config.clusters[1].default_namespace, "orders");
    let unnamed =
        write_file(&dir, "unnamed.toml", "[[clusters]]\naddress = \"a:7233\"\n[[clusters]]\naddress = \"b:7233\"\n");
    assert!(load(&["--config", &unnamed]).unwrap_err().contains("clusters[1]: a cluster after the first needs a name"));
    let twice = write_file(&dir, "twice.toml", "[[clusters]]\nname = \"x\"\n[[clusters]]\nname = \"x\"\n");
    assert!(load(&["--config", &twice]).unwrap_err().contains("used twice"));
    let slash = write_file(&dir, "slash.toml", "[[clusters]]\nname = \"a/b\"\n");
    assert!(load(&["--config", &slash]).unwrap_err().contains("URL segment"));
}

#[test]
fn the_public_path_is_normalised() {
    assert_eq!(load(&["--public-path", "temporal/"]).unwrap().public_path, "/temporal");
    assert_eq!(load(&["--public-path", "/"]).unwrap().public_path, "");
    assert!(load(&["--public-path", "/a b"]).unwrap_err().starts_with("--public-path: "));
}
