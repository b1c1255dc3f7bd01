//! Headers on every answer that keep a page from being misused by another site or by the data
//! it shows: a Content-Security-Policy with a fresh nonce per request (only this app's scripts
//! and WASM run; payload text that slipped through escaping could not run), no framing (the
//! write forms cannot be clickjacked), no MIME sniffing, no full URL in `Referer` (run links name
//! workflows), and HSTS when this server itself serves HTTPS.
use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// The nonce of one request: the page's scripts carry it (see [`provide_page_nonce`]).
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// Whether this server serves HTTPS itself (then browsers are told to keep using it).
#[derive(Debug, Clone, Copy)]
pub struct ServesHttps(pub bool);

/// The policy for a page whose scripts carry `nonce`.
pub fn content_security_policy(nonce: &str) -> String {
    [
        "default-src 'self'".to_string(),
        // The hydration module is inline (with the nonce); it imports the JS glue and the WASM.
        format!("script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        // Server-drawn charts and the timeline position their parts with `style` attributes.
        "style-src 'self' 'unsafe-inline'".to_string(),
        "img-src 'self' data:".to_string(),
        "connect-src 'self'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'none'".to_string(),
        // No form-action: sign-out's form is answered by a redirect to the identity provider,
        // which a form-action of 'self' would block. Write forms are checked by origin instead.
        "frame-ancestors 'none'".to_string(),
    ]
    .join("; ")
}

pub async fn layer(State(https): State<ServesHttps>, mut request: Request, next: Next) -> Response {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    if is_html && let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    if https.0 {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

/// Gives the page being rendered the request's nonce, which Leptos puts on its scripts.
pub fn provide_page_nonce() {
    let nonce = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().map(|nonce| nonce.0.clone()));
    if let Some(nonce) = nonce {
        leptos::prelude::provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_nonced_and_own_scripts() {
        let policy = content_security_policy("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"), "{policy}");
        for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            assert!(policy.contains(directive), "{directive} in {policy}");
        }
        assert!(!policy.contains("'unsafe-eval'") && !policy.contains("script-src 'unsafe-inline'"), "{policy}");
    }
}
