//! Pages through a real nginx in front of the test Temporal: TLS, mutual TLS and an API-key
//! check (`cargo xtask test` starts it, see xtask/src/tls_proxy.rs). Each broken setup answers
//! with its own sentence and a 502, never a 500.
use std::path::PathBuf;

use app::urls;
use axum::{Router, http::StatusCode};

use crate::support::{Fixture, Page, get, on_app_runtime};

struct Proxies {
    certs: PathBuf,
    tls: String,
    mtls: String,
    api_key_proxy: String,
    api_key: String,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run the tests with `cargo xtask test`"))
}

fn proxies() -> Proxies {
    Proxies {
        certs: PathBuf::from(env("TDBG_TLS_CERTS")),
        tls: env("TDBG_TLS_PROXY"),
        mtls: env("TDBG_MTLS_PROXY"),
        api_key_proxy: env("TDBG_API_KEY_PROXY"),
        api_key: env("TDBG_API_KEY"),
    }
}

impl Proxies {
    fn cert(&self, name: &str) -> String {
        self.certs.join(name).display().to_string()
    }
}

/// The app configured with these flags (and a short deadline: every case fails fast).
fn app(flags: &[String]) -> Router {
    let mut args = vec!["server".to_string(), "--rpc-deadline-seconds".into(), "10".into()];
    args.extend_from_slice(flags);
    crate::support::app_with_config(server::Config::from_flags(args))
}

fn flags(pairs: &[(&str, &str)]) -> Vec<String> {
    pairs.iter().flat_map(|(flag, value)| [format!("--{flag}"), value.to_string()]).collect()
}

async fn workflows(app: &Router) -> Page {
    get(app, &urls::workflows(Fixture::get().namespace())).await
}

fn assert_refused(page: &Page, sentence: &str) {
    let text = page.text();
    assert_eq!(page.status, StatusCode::BAD_GATEWAY, "{text}");
    assert!(text.contains(sentence), "expected {sentence:?} in: {text}");
}

#[tokio::test]
async fn pages_load_through_tls_with_the_clusters_ca() {
    let proxies = proxies();
    let app = app(&flags(&[("temporal-address", &proxies.tls), ("tls-ca", &proxies.cert("ca.pem"))]));
    let page = workflows(&app).await;
    page.assert_ok("workflows over TLS");
    assert!(page.text().contains(Fixture::get().prefix()), "{}", page.text());
}

#[tokio::test]
async fn an_untrusted_certificate_is_named() {
    let proxies = proxies();
    let app = app(&flags(&[("temporal-address", &proxies.tls), ("tls-ca", &proxies.cert("untrusted-ca.pem"))]));
    assert_refused(&workflows(&app).await, "certificate is not trusted");
    // The system roots do not know the test CA either.
    let app = app_system_roots(&proxies);
    assert_refused(&workflows(&app).await, "certificate is not trusted");
}

fn app_system_roots(proxies: &Proxies) -> Router {
    app(&flags(&[("temporal-address", &proxies.tls), ("tls", "true")]))
}

#[tokio::test]
async fn a_wrong_server_name_is_named() {
    let proxies = proxies();
    let app = app(&flags(&[
        ("temporal-address", &proxies.tls),
        ("tls-ca", &proxies.cert("ca.pem")),
        ("tls-server-name", "temporal.example.com"),
    ]));
    assert_refused(&workflows(&app).await, "TEMPORAL_TLS_SERVER_NAME");
}

#[tokio::test]
async fn host_verification_can_be_turned_off() {
    let proxies = proxies();
    let app =
        app(&flags(&[("temporal-address", &proxies.tls), ("tls", "true"), ("tls-enable-host-verification", "false")]));
    workflows(&app).await.assert_ok("workflows over unverified TLS");
}

#[tokio::test]
async fn plaintext_against_a_tls_port_says_it_may_expect_tls() {
    let proxies = proxies();
    let app = app(&flags(&[("temporal-address", &proxies.tls)]));
    let page = workflows(&app).await;
    assert!(matches!(page.status, StatusCode::BAD_GATEWAY | StatusCode::SERVICE_UNAVAILABLE), "{}", page.text());
    assert!(page.text().contains("TLS"), "{}", page.text());
}

#[tokio::test]
async fn mutual_tls_needs_the_client_certificate() {
    let proxies = proxies();
    let (ca, client, client_key) = (proxies.cert("ca.pem"), proxies.cert("client.pem"), proxies.cert("client.key"));
    let (other, other_key) = (proxies.cert("untrusted-client.pem"), proxies.cert("untrusted-client.key"));
    let base = [("temporal-address", proxies.mtls.as_str()), ("tls-ca", ca.as_str())];
    let with_cert = [base.as_slice(), &[("tls-cert", client.as_str()), ("tls-key", client_key.as_str())]].concat();
    workflows(&app(&flags(&with_cert))).await.assert_ok("workflows over mutual TLS");

    assert_refused(&workflows(&app(&flags(&base))).await, "client certificate");

    let untrusted = [base.as_slice(), &[("tls-cert", other.as_str()), ("tls-key", other_key.as_str())]].concat();
    assert_refused(&workflows(&app(&flags(&untrusted))).await, "client certificate");
}

#[tokio::test]
async fn the_api_key_is_sent_as_a_bearer_token() {
    let proxies = proxies();
    let ca = proxies.cert("ca.pem");
    let base = [("temporal-address", proxies.api_key_proxy.as_str()), ("tls-ca", ca.as_str())];
    let good = [base.as_slice(), &[("api-key", proxies.api_key.as_str())]].concat();
    workflows(&app(&flags(&good))).await.assert_ok("workflows with the API key");

    let wrong = [base.as_slice(), &[("api-key", "not-the-key")]].concat();
    let page = workflows(&app(&flags(&wrong))).await;
    assert_refused(&page, "refused the API key");
    assert!(!page.html.contains("not-the-key"), "the key must not reach the page");

    assert_refused(&workflows(&app(&flags(&base))).await, "credentials");
}

#[tokio::test]
async fn forwarded_headers_reach_the_cluster() {
    let proxies = proxies();
    let ca = proxies.cert("ca.pem");
    let app = app(&flags(&[
        ("temporal-address", proxies.api_key_proxy.as_str()),
        ("tls-ca", ca.as_str()),
        ("forward-headers", "Authorization"),
    ]));
    let url = urls::workflows(Fixture::get().namespace());
    let bearer = format!("Bearer {}", proxies.api_key);
    let page = crate::support::get_with_headers(&app, &url, &[("authorization", bearer.as_str())]).await;
    page.assert_ok("workflows with a forwarded authorization header");
    assert_refused(&workflows(&app).await, "credentials");
}

#[tokio::test]
async fn a_rotated_client_certificate_is_used_without_a_restart() {
    let proxies = proxies();
    let dir = std::env::temp_dir().join(format!("tdbg-rotation-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let (cert, key) = (dir.join("client.pem"), dir.join("client.key"));
    let install = |name: &str| {
        std::fs::copy(proxies.certs.join(format!("{name}.pem")), &cert).expect("cert");
        std::fs::copy(proxies.certs.join(format!("{name}.key")), &key).expect("key");
    };
    install("untrusted-client");
    let mut config = server::Config::from_flags(["server".to_string()].into_iter().chain(flags(&[
        ("temporal-address", &proxies.mtls),
        ("tls-ca", &proxies.cert("ca.pem")),
        ("tls-cert", &cert.display().to_string()),
        ("tls-key", &key.display().to_string()),
    ])));
    config.clusters[0].connection.rotation_check = std::time::Duration::from_millis(200);
    let app = crate::support::app_with_config(config);
    assert_refused(&workflows(&app).await, "client certificate");
    install("client");
    let page = on_app_runtime({
        let app = app.clone();
        async move {
            for _ in 0..50 {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                let page = crate::support::get_now(&app, &urls::workflows(Fixture::get().namespace())).await;
                if page.status == StatusCode::OK {
                    return page;
                }
            }
            crate::support::get_now(&app, &urls::workflows(Fixture::get().namespace())).await
        }
    })
    .await;
    page.assert_ok("workflows after the certificate was replaced");
    let _ = std::fs::remove_dir_all(&dir);
}
