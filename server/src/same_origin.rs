//! The one rule for every request that changes something (a `POST`: write forms, sign-out,
//! imports, the time-zone setting, server functions, gRPC-web writes): it must come from a page
//! of this server. Its `Origin` (or, when a browser sends none, its `Referer`) must be
//!
//! - the configured origin, when there is one (sign-in's callback URL, `scheme://host[:port]`),
//! - else the host the request was sent to: its `Host`, or the `X-Forwarded-Host` a proxy set
//!   (a cross-site page cannot set that header without a CORS preflight, which fails).
//!
//! A request with neither header is refused: a browser sends `Origin` on every `POST`.
use axum::{
    extract::{Request, State},
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::error::WebError;

#[derive(Debug, Clone, Default)]
pub struct OriginRule {
    /// `scheme://host[:port]`, lowercase, without a trailing slash.
    configured: Option<String>,
}

impl OriginRule {
    pub fn new(configured: Option<String>) -> OriginRule {
        OriginRule { configured: configured.map(|origin| origin.trim_end_matches('/').to_ascii_lowercase()) }
    }

    /// Why the request does not come from this server's pages, if it does not.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), String> {
        let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
        let sent = text(header::ORIGIN.as_str())
            .filter(|origin| *origin != "null")
            .map(str::to_string)
            .or_else(|| text(header::REFERER.as_str()).map(|referer| origin_of_url(referer).unwrap_or_default()));
        let Some(sent) = sent.filter(|sent| !sent.is_empty()) else {
            return Err("Refused: the request carries no Origin, so it cannot be told from a cross-site post.".into());
        };
        let sent_lower = sent.to_ascii_lowercase();
        let ours = match &self.configured {
            Some(configured) => sent_lower == *configured,
            None => {
                let sent_host = sent_lower.split_once("://").map_or("", |(_, host)| host);
                [text(header::HOST.as_str()), text("x-forwarded-host")]
                    .into_iter()
                    .flatten()
                    .any(|host| same_host(sent_host, &host.to_ascii_lowercase()))
            }
        };
        if ours {
            Ok(())
        } else {
            Err(format!("Refused: this request was sent from {sent:?}, another site than this one."))
        }
    }
}

/// `scheme://host[:port]` of a URL, if it has one.
fn origin_of_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(format!("{scheme}://{host}"))
}

/// `sent` (host[:port]) names `host`; a Host without a port (a proxy's `proxy_set_header Host
/// $host`) matches on the name alone.
fn same_host(sent: &str, host: &str) -> bool {
    if sent.is_empty() {
        return false;
    }
    if sent == host {
        return true;
    }
    let split_port = |value: &str| match value.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => (name.to_string(), true),
        _ => (value.to_string(), false),
    };
    let (host_name, host_has_port) = split_port(host);
    !host_has_port && !host.ends_with(']') && split_port(sent).0 == host_name
}

/// Whether a method only reads (the rule is for the others).
fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

/// The rule for every route but gRPC-web, whose reads may come from the configured CORS
/// origins and whose writes the forwarder checks with this same rule.
pub async fn layer(State(rule): State<OriginRule>, request: Request, next: Next) -> Response {
    let grpc_web = request.uri().path().contains(&format!("/{}/", crate::grpc_web::methods::SERVICE));
    if !is_safe(request.method())
        && !grpc_web
        && let Err(reason) = rule.check(request.headers())
    {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), %reason, "cross-site request refused");
        return WebError::forbidden(reason).into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn without_a_configured_origin_the_host_decides() {
        let rule = OriginRule::default();
        let host = ("host", "debugger.example:3000");
        assert!(rule.check(&headers(&[host, ("origin", "http://debugger.example:3000")])).is_ok());
        assert!(rule.check(&headers(&[host, ("origin", "http://DEBUGGER.example:3000")])).is_ok());
        assert!(
            rule.check(&headers(&[host, ("origin", "https://evil.example")])).unwrap_err().contains("another site")
        );
        assert!(rule.check(&headers(&[host, ("origin", "null")])).unwrap_err().contains("no Origin"));
        assert!(rule.check(&headers(&[host])).unwrap_err().contains("no Origin"));
        assert!(rule.check(&headers(&[host, ("referer", "http://debugger.example:3000/import")])).is_ok());
        assert!(rule.check(&headers(&[host, ("referer", "http://debugger.example:3000.evil.example/")])).is_err());
        // Behind a proxy: the forwarded host, or a Host without the port.
        let proxied = [("host", "127.0.0.1:3000"), ("x-forwarded-host", "debugger.example")];
        assert!(rule.check(&headers(&[proxied[0], proxied[1], ("origin", "https://debugger.example")])).is_ok());
        assert!(
            rule.check(&headers(&[("host", "debugger.example"), ("origin", "https://debugger.example:8443")])).is_ok()
        );
        assert!(!same_host("evil.example:8443", "debugger.example"));
        assert!(!same_host("debugger.example:1", "debugger.example:2"));
        assert!(!same_host("", "debugger.example"));
    }

    #[test]
    fn a_configured_origin_is_the_only_one() {
        let rule = OriginRule::new(Some("https://Debugger.example.com/".into()));
        let host = ("host", "debugger.example.com");
        assert!(rule.check(&headers(&[host, ("origin", "https://debugger.example.com")])).is_ok());
        assert!(rule.check(&headers(&[host, ("origin", "http://debugger.example.com")])).is_err());
        assert!(rule.check(&headers(&[host, ("referer", "https://debugger.example.com/namespaces")])).is_ok());
        assert!(rule.check(&headers(&[host, ("referer", "https://debugger.example.com.evil.example/")])).is_err());
    }
}
