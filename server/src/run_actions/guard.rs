//! The checks every write passes before it reaches Temporal: the policy and role, a same-origin
//! request, the CSRF token, the run's ID in the form, and the typed confirmation.
use app::{
    model::ActionKind,
    ssr::access::{Access, CsrfToken},
};
use axum::http::{HeaderMap, StatusCode, header};

/// Why a write was refused, with its HTTP status.
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

impl Refusal {
    fn forbidden(message: impl Into<String>) -> Refusal {
        Refusal { status: StatusCode::FORBIDDEN, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> Refusal {
        Refusal { status: StatusCode::BAD_REQUEST, message: message.into() }
    }
}

/// What the form claims, to be checked against the URL and the request.
pub struct Claimed<'a> {
    pub csrf: &'a str,
    pub run_id: &'a str,
    pub confirm: &'a str,
}

pub struct Expected<'a> {
    pub action: ActionKind,
    pub namespace: &'a str,
    /// The run the URL names (empty for a batch, which names its runs by a query).
    pub run_id: &'a str,
    /// Destructive actions: the text to type out and what it is ("the workflow ID").
    pub confirmation: Option<(&'a str, &'a str)>,
}

pub fn check(
    headers: &HeaderMap,
    access: &Access,
    token: Option<&CsrfToken>,
    claimed: &Claimed,
    expected: &Expected,
) -> Result<(), Refusal> {
    access
        .check(expected.action, expected.namespace)
        .map_err(|reason| Refusal::forbidden(format!("Refused: {reason}.")))?;
    same_origin(headers).map_err(Refusal::forbidden)?;
    let expected_token = token.map(|token| token.0.as_str()).unwrap_or("");
    if claimed.csrf.is_empty() || expected_token.is_empty() || !constant_time_eq(claimed.csrf, expected_token) {
        return Err(Refusal::forbidden(
            "Refused: the form's CSRF token is missing or does not match this browser's session. Open the form again and resubmit.",
        ));
    }
    if claimed.run_id != expected.run_id {
        return Err(Refusal::bad_request(format!(
            "The form names run {:?} but the URL names run {:?}: nothing was done.",
            claimed.run_id, expected.run_id
        )));
    }
    if let Some((text, what)) = expected.confirmation
        && claimed.confirm.trim() != text
    {
        return Err(Refusal::bad_request(format!("To confirm, type {what} {text:?} exactly: nothing was done.")));
    }
    Ok(())
}

/// The request must come from a page of this server: its `Origin` (or, lacking one, `Referer`)
/// names the host the request was sent to.
pub(crate) fn same_origin(headers: &HeaderMap) -> Result<(), String> {
    let text = |name: header::HeaderName| headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_string);
    let host = text(header::HOST).ok_or("Refused: the request names no Host.")?;
    let forwarded = headers.get("x-forwarded-host").and_then(|value| value.to_str().ok()).map(str::to_string);
    let origin = text(header::ORIGIN).filter(|origin| origin != "null").or_else(|| text(header::REFERER));
    let Some(origin) = origin else {
        return Err(
            "Refused: the browser sent no Origin for this form, so it cannot be told from a cross-site post.".into()
        );
    };
    let origin_host = origin.split("://").nth(1).unwrap_or("").split('/').next().unwrap_or("");
    if same_host(origin_host, &host) || forwarded.is_some_and(|forwarded| same_host(origin_host, &forwarded)) {
        Ok(())
    } else {
        Err(format!("Refused: the form was sent from {origin:?}, another site than this one."))
    }
}

/// `origin` (host:port) names `host`; a Host without a port (a proxy's `proxy_set_header Host
/// $host`) matches on the name alone.
fn same_host(origin: &str, host: &str) -> bool {
    if origin.eq_ignore_ascii_case(host) {
        return true;
    }
    let has_port =
        |value: &str| value.rsplit_once(':').is_some_and(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()));
    let name = |value: &str| {
        if has_port(value) {
            value.rsplit_once(':').map_or(value, |(name, _)| name).to_string()
        } else {
            value.to_string()
        }
    };
    !has_port(host) && !host.ends_with(']') && name(origin).eq_ignore_ascii_case(host)
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(origin: Option<&'static str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("debugger.example:3000"));
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, HeaderValue::from_static(origin));
        }
        headers
    }

    #[test]
    fn only_same_origin_posts_pass() {
        assert!(same_origin(&headers(Some("http://debugger.example:3000"))).is_ok());
        assert!(same_origin(&headers(Some("https://evil.example"))).unwrap_err().contains("another site"));
        assert!(same_origin(&headers(Some("null"))).is_err());
        assert!(same_origin(&headers(None)).unwrap_err().contains("no Origin"));
        assert!(same_host("debugger.example:8443", "debugger.example"), "behind a proxy that drops the port");
        assert!(!same_host("evil.example:8443", "debugger.example"));
        assert!(!same_host("debugger.example:1", "debugger.example:2"));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
