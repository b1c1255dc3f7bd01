//! The checks every write passes before it reaches Temporal: the policy and role, the CSRF token,
//! the run's ID in the form, and the typed confirmation (the router has refused cross-site
//! requests already, see `crate::same_origin`).
use axum::http::StatusCode;
use inspector::access::{Access, CsrfToken};
use model::ActionKind;

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
    access: &Access,
    token: Option<&CsrfToken>,
    claimed: &Claimed,
    expected: &Expected,
) -> Result<(), Refusal> {
    access
        .check(expected.action, expected.namespace)
        .map_err(|reason| Refusal::forbidden(format!("Refused: {reason}.")))?;
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

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
