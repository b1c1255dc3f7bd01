//! Sign-in on, on the real binary, with the provider down: the server starts anyway, probes and
//! assets answer, a page GET without a session goes to `/auth/sso` with its path and query in
//! `return_to`, server functions, downloads and POSTs get 401, and `/auth/sso` answers 503 with
//! a sentence naming the provider. (The round trip through a real provider is the Playwright
//! spec `sign-in.spec.ts`.)
use std::{
    io::{Read, Write},
    time::Duration,
};

use crate::{
    server_process::{ServerProcess, header},
    support::closed_port,
};

fn signed_in_server(issuer: &str) -> ServerProcess {
    ServerProcess::start(&[
        "--temporal-address",
        &format!("127.0.0.1:{}", closed_port()),
        "--auth-enabled",
        "true",
        "--auth-provider-url",
        issuer,
        "--auth-client-id",
        "debugger",
        "--auth-callback-url",
        "http://debugger.test/auth/sso/callback",
    ])
}

/// A request with a body: the status and the body.
fn send(server: &ServerProcess, method: &str, path: &str, accept: &str, body: &str) -> (u16, String) {
    let mut stream = server.connect();
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nAccept: {accept}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        server.address,
        body.len()
    )
    .expect("request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    (status, text.split_once("\r\n\r\n").map_or(String::new(), |(_, body)| body.to_string()))
}

#[test]
fn without_a_session_pages_go_to_sign_in_and_everything_else_is_refused() {
    let server = signed_in_server(&format!("http://127.0.0.1:{}", closed_port()));
    assert_eq!(server.get("/healthz").0, 200);
    // Assets need no session (this process has no site root, so they are simply not found).
    assert!(![303, 401].contains(&server.get("/favicon.svg").0));
    assert!(![303, 401].contains(&server.get("/pkg/temporal-debugger.css").0));

    let link = "/namespaces/default/workflows/order%201/run-1/history?order=desc&size=50";
    let (status, headers, _) = server.get(link);
    assert_eq!(status, 303);
    assert_eq!(
        header(&headers, "location"),
        Some("/auth/sso?return_to=/namespaces/default/workflows/order%25201/run-1/history%3Forder%3Ddesc%26size%3D50")
    );

    let (status, body) = send(&server, "POST", "/api/list_namespaces", "*/*", "");
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("Sign in first"), "{body}");
    let (status, _) = send(&server, "GET", "/namespaces/default/workflows/w/r/history.json", "text/html", "");
    assert_eq!(status, 401);
    let (status, _) = send(&server, "GET", "/namespaces/default/workflows/w/r/history/live", "text/event-stream", "");
    assert_eq!(status, 401);
    let (status, _) = send(&server, "POST", "/namespaces/default/workflows/w/r/actions/signal", "text/html", "x=1");
    assert_eq!(status, 401);

    // A forged sign-out (no Origin) is refused before anything else.
    let (status, body) = send(&server, "POST", "/auth/logout", "text/html", "csrf=x");
    assert_eq!(status, 403, "{body}");

    let (status, _, body) = server.get("/auth/sso?return_to=/namespaces");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("The sign-in provider at http://127.0.0.1:"), "{body}");
    assert!(body.contains("sign-in works again once it answers"), "{body}");

    let (status, _, body) = server.get("/auth/sso/callback?code=c&state=s");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("no sign-in in progress"), "{body}");
}

#[test]
fn a_missing_setting_stops_the_server_with_one_line() {
    let output = crate::server_process::server_binary()
        .args(["--auth-enabled", "true", "--auth-provider-url", "https://id.example.com", "--print-config"])
        .output()
        .expect("run the binary");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim(), "error: TEMPORAL_AUTH_ENABLED is on but TEMPORAL_AUTH_CLIENT_ID is not set");
}
