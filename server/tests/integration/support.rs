//! Shared helpers: the fixture manifest, the router under test, and reading its HTML.
use std::{net::TcpListener, sync::OnceLock};

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use serde_json::Value;
use server::{AppState, Config, router};
use tower::ServiceExt;

pub struct Fixture {
    pub temporal_address: String,
    pub manifest: Value,
}

impl Fixture {
    pub fn get() -> &'static Fixture {
        static FIXTURE: OnceLock<Fixture> = OnceLock::new();
        FIXTURE.get_or_init(|| {
            let address = std::env::var("TDBG_TEMPORAL_ADDRESS")
                .expect("TDBG_TEMPORAL_ADDRESS is not set: run the tests with `cargo xtask test`");
            let path = std::env::var("TDBG_FIXTURE_MANIFEST")
                .expect("TDBG_FIXTURE_MANIFEST is not set: run the tests with `cargo xtask test`");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
            let manifest = serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"));
            Fixture { temporal_address: address, manifest }
        })
    }

    pub fn namespace(&self) -> &str {
        self.manifest["namespace"].as_str().expect("manifest namespace")
    }

    pub fn prefix(&self) -> &str {
        self.manifest["prefix"].as_str().expect("manifest prefix")
    }

    /// One fixture workflow's manifest entry (`completed`, `failed`, …).
    pub fn workflow(&self, name: &str) -> &Value {
        let entry = &self.manifest["workflows"][name];
        assert!(entry.is_object(), "the manifest has no fixture {name:?}");
        entry
    }

    pub fn app(&self) -> Router {
        app_for(&self.temporal_address)
    }
}

pub fn str_of<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry[key].as_str().unwrap_or_else(|| panic!("manifest entry has no string {key:?}: {entry}"))
}

/// One multi-threaded runtime for every app under test, as in the real server. Each
/// `#[tokio::test]` has a runtime of its own that ends with the test; the app's channel and
/// rendering tasks must not be tied to one of those.
fn app_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
    })
}

/// The whole app, configured like the release binary, talking to `temporal_address`.
pub fn app_for(temporal_address: &str) -> Router {
    app_with_config(Config::from_flags([
        "server",
        "--temporal-address",
        temporal_address,
        "--rpc-deadline-seconds",
        "10",
    ]))
}

/// The data directory every app of this test process shares (as replicas share one), unless
/// a test names its own.
pub fn test_data_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("tdbg-test-data-{}", std::process::id()))
}

/// The whole app with this configuration, its background tasks on the app runtime.
pub fn app_with_config(mut config: Config) -> Router {
    if config.data_dir == std::path::Path::new("data") {
        config.data_dir = test_data_dir();
    }
    let _runtime = app_runtime().enter();
    router(AppState::new(&config).expect("state"))
}

/// A loopback port nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: axum::http::HeaderMap,
    pub html: String,
}

impl Page {
    /// The visible text: tags dropped, entities decoded, whitespace collapsed.
    pub fn text(&self) -> String {
        visible_text(&self.html)
    }

    pub fn assert_ok(&self, url: &str) {
        assert_eq!(self.status, StatusCode::OK, "{url}: {}", excerpt(&self.text()));
    }
}

/// Runs a future on the app's runtime (for tests that hold a response open, like a stream).
pub async fn on_app_runtime<F>(future: F) -> F::Output
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    app_runtime().spawn(future).await.expect("task on the app runtime")
}

/// Sends a GET through the whole router, on the app's runtime.
pub async fn get(app: &Router, url: &str) -> Page {
    get_with(app, url, None).await
}

/// A GET that accepts a compressed answer (`Accept-Encoding: gzip`); the body stays as sent.
pub async fn get_gzip(app: &Router, url: &str) -> Page {
    get_with(app, url, Some("gzip")).await
}

/// A GET from a task already on the app's runtime.
pub async fn get_now(app: &Router, url: &str) -> Page {
    get_on_app_runtime(app.clone(), url, None).await
}

/// A GET with extra request headers.
pub async fn get_with_headers(app: &Router, url: &str, headers: &[(&'static str, &str)]) -> Page {
    let mut request = Request::get(url).header(header::ACCEPT, "text/html");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::empty()).expect("request");
    let app = app.clone();
    app_runtime().spawn(async move { send(app, request).await }).await.expect("request task")
}

async fn get_with(app: &Router, url: &str, encoding: Option<&'static str>) -> Page {
    let (app, url) = (app.clone(), url.to_string());
    app_runtime().spawn(async move { get_on_app_runtime(app, &url, encoding).await }).await.expect("request task")
}

async fn get_on_app_runtime(app: Router, url: &str, encoding: Option<&'static str>) -> Page {
    let mut request = Request::get(url).header(header::ACCEPT, "text/html");
    if let Some(encoding) = encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    send(app, request.body(Body::empty()).expect("request")).await
}

/// Sends a POST with this body through the whole router, on the app's runtime.
pub async fn post(app: &Router, url: &str, content_type: &str, body: Vec<u8>) -> Page {
    let request =
        Request::post(url).header(header::CONTENT_TYPE, content_type).body(Body::from(body)).expect("request");
    let app = app.clone();
    app_runtime().spawn(async move { send(app, request).await }).await.expect("request task")
}

/// Sends a POST as a page of this server does: its `Origin` names the host it is sent to.
pub async fn post_from_page(app: &Router, url: &str, content_type: &str, body: Vec<u8>) -> Page {
    let request = Request::post(url)
        .header(header::HOST, "debugger.test")
        .header(header::ORIGIN, "http://debugger.test")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("request");
    send_request(app, request).await
}

/// Sends any request through the whole router, on the app's runtime.
pub async fn send_request(app: &Router, request: Request<Body>) -> Page {
    let app = app.clone();
    app_runtime().spawn(async move { send(app, request).await }).await.expect("request task")
}

async fn send(app: Router, request: Request<Body>) -> Page {
    let response = app.oneshot(request).await.expect("response");
    let status = response.status();
    let location = response.headers().get(header::LOCATION).and_then(|value| value.to_str().ok()).map(str::to_string);
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    let html = String::from_utf8_lossy(&bytes).into_owned();
    Page { status, location, headers, html }
}

pub fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    // Scripts are not visible text.
    while let Some(start) = rest.find("<script") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("</script>").map(|end| &rest[start + end + 9..]).unwrap_or("");
    }
    text.push_str(rest);
    let mut stripped = String::with_capacity(text.len());
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                stripped.push(' ');
            }
            _ if !in_tag => stripped.push(ch),
            _ => {}
        }
    }
    let decoded = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn excerpt(text: &str) -> String {
    text.chars().take(600).collect()
}
