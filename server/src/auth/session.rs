//! What the sealed cookies hold: the signed-in session (`tdbg_session_*`) and a sign-in in
//! progress (`tdbg_sso`, ten minutes). Neither type is `Debug`: they carry tokens.
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Prefix of the session's cookies (`tdbg_session_0`, …).
pub const SESSION_COOKIE: &str = "tdbg_session";
/// The cookie of a sign-in in progress.
pub const PENDING_COOKIE: &str = "tdbg_sso";
/// How long a sign-in may take at the provider.
pub const PENDING_SECONDS: u64 = 600;
/// Tokens are refreshed when they expire within this many seconds.
pub const REFRESH_AHEAD_SECONDS: u64 = 60;
/// A session ends this long after its sign-in, however often its tokens were refreshed: a stolen
/// cookie is not good forever, and a removed user is asked to sign in again within a working day.
pub const MAX_SESSION_SECONDS: u64 = 12 * 3600;

/// A signed-in user: who, their role claim's values, their tokens and the session's CSRF token.
#[derive(Clone, Serialize, Deserialize)]
pub struct Session {
    pub subject: String,
    pub display_name: String,
    /// The values of `TDBG_AUTH_ROLE_CLAIM` when the user signed in (or last refreshed).
    pub groups: Vec<String>,
    pub access_token: String,
    pub id_token: String,
    pub refresh_token: Option<String>,
    /// When the access token expires, in seconds since 1970.
    pub expires_at: u64,
    /// Compared with the `csrf` field of forms that change something.
    pub csrf: String,
    /// When the user signed in at the provider, in seconds since 1970 (refreshes keep it).
    #[serde(default)]
    pub signed_in_at: u64,
}

impl Session {
    /// Whether [`MAX_SESSION_SECONDS`] have passed since the sign-in.
    pub fn too_old(&self, now: u64) -> bool {
        now >= self.signed_in_at + MAX_SESSION_SECONDS
    }

    /// Whether the access token expires within [`REFRESH_AHEAD_SECONDS`] of `now`.
    pub fn needs_refresh(&self, now: u64) -> bool {
        self.expires_at <= now + REFRESH_AHEAD_SECONDS
    }

    /// Whether the access token has expired at `now`.
    pub fn expired(&self, now: u64) -> bool {
        self.expires_at <= now
    }
}

/// A sign-in sent to the provider and not back yet: what the callback checks and needs.
#[derive(Serialize, Deserialize)]
pub struct Pending {
    /// The `state` sent to the provider (it must come back unchanged).
    pub state: String,
    /// The `nonce` the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier of the challenge sent.
    pub pkce_verifier: String,
    /// The local path to open afterwards.
    pub return_to: String,
    pub created_at: u64,
}

impl Pending {
    pub fn fresh(&self, now: u64) -> bool {
        now < self.created_at + PENDING_SECONDS
    }
}

/// Seconds since 1970.
pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|since| since.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(expires_at: u64) -> Session {
        Session {
            subject: "s".into(),
            display_name: "olive@example.com".into(),
            groups: vec!["oncall".into()],
            access_token: "a".into(),
            id_token: "i".into(),
            refresh_token: Some("r".into()),
            expires_at,
            csrf: "c".into(),
            signed_in_at: 100,
        }
    }

    #[test]
    fn a_session_ends_twelve_hours_after_its_sign_in() {
        assert!(!session(1_000).too_old(100 + MAX_SESSION_SECONDS - 1));
        assert!(session(1_000).too_old(100 + MAX_SESSION_SECONDS));
    }

    #[test]
    fn tokens_are_refreshed_within_a_minute_of_their_expiry() {
        assert!(!session(1_000).needs_refresh(900));
        assert!(session(1_000).needs_refresh(940));
        assert!(session(1_000).needs_refresh(2_000));
        assert!(!session(1_000).expired(999));
        assert!(session(1_000).expired(1_000));
    }

    #[test]
    fn a_pending_sign_in_lasts_ten_minutes() {
        let pending = Pending {
            state: "s".into(),
            nonce: "n".into(),
            pkce_verifier: "v".into(),
            return_to: "/".into(),
            created_at: 1_000,
        };
        assert!(pending.fresh(1_599));
        assert!(!pending.fresh(1_600));
    }
}
