//! Who may write what: the deployment's write policy (off by default, per-action flags) and the
//! signed-in user's role. The server inserts an [`Access`] into every request's extensions; each
//! write handler calls [`Access::check`] and pages show buttons from [`Access::permissions`].
use std::{collections::BTreeSet, sync::Arc};

use model::{ActionKind, Permissions};

/// The deployment's write policy, from the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WritePolicy {
    /// `TDBG_ENABLE_WRITE_ACTIONS`: writes are off unless this is set.
    pub enabled: bool,
    /// `TEMPORAL_DISABLE_WRITE_ACTIONS`: the Temporal UI's switch, wins over `enabled`.
    pub disable_write_actions: bool,
    /// Actions turned off one by one (`TEMPORAL_WORKFLOW_TERMINATE_DISABLED`, …).
    pub disabled: BTreeSet<ActionKind>,
}

impl WritePolicy {
    /// Why the deployment refuses this action, if it does.
    pub fn refusal(&self, action: ActionKind) -> Option<String> {
        if !self.enabled {
            return Some("write actions are off on this server (TDBG_ENABLE_WRITE_ACTIONS is not set)".into());
        }
        if self.disable_write_actions {
            return Some("write actions are off on this server (TEMPORAL_DISABLE_WRITE_ACTIONS)".into());
        }
        if self.disabled.contains(&action) {
            return Some(format!("{} is turned off on this server ({})", action.slug(), action.disabling_env()));
        }
        None
    }
}

/// The request's CSRF token: the session's when signed in, else the double-submit cookie's. Forms
/// that write carry it; the server compares it with the one it expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

/// Set when a page used a new double-submit token, so only answers holding a write form set the
/// cookie (not every asset or page).
#[derive(Debug, Clone, Default)]
pub struct CsrfIssued(pub Arc<std::sync::atomic::AtomicBool>);

/// A signed-in user's role, mapped from a claim by the sign-in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Reads everything, writes nothing.
    Reader,
    /// May use the actions the write policy allows.
    Operator,
}

/// The signed-in user of a request (sign-in on).
#[derive(Debug, Clone)]
pub struct User {
    /// The provider's `sub`.
    pub subject: String,
    /// What pages and audit lines show: the email, else the name, else the subject.
    pub display_name: String,
    pub role: Role,
    /// Namespaces the user's groups may act in; `None`: all of them.
    pub namespaces: Option<Vec<String>>,
}

impl User {
    fn may_act_in(&self, namespace: &str) -> bool {
        self.namespaces.as_ref().is_none_or(|allowed| allowed.iter().any(|name| name == namespace || name == "*"))
    }
}

/// The signed-in user's bearer token for Temporal and the codec server (the access token, or the
/// ID token with `TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER`). The sign-in middleware inserts it into
/// the request's extensions; it has no `Debug`, so it cannot end up in a log line by accident.
#[derive(Clone)]
pub struct UserToken(pub String);

/// The session's CSRF token: forms that change something (sign out, write actions) carry it,
/// and the server compares it with this one. Inserted next to [`User`] by the sign-in middleware.
#[derive(Clone)]
pub struct SessionCsrf(pub String);

/// What one request may do. With sign-in off `user` is `None` and the policy alone decides.
#[derive(Debug, Clone)]
pub struct Access {
    pub policy: Arc<WritePolicy>,
    /// Whether sign-in is on (then a missing user is refused everything).
    pub sign_in: bool,
    pub user: Option<User>,
}

impl Access {
    /// Read-only with sign-in off: what a request gets when the server inserted nothing.
    pub fn read_only() -> Access {
        Access { policy: Arc::new(WritePolicy::default()), sign_in: false, user: None }
    }

    /// Why this request may not do `action` in `namespace`, if it may not.
    pub fn check(&self, action: ActionKind, namespace: &str) -> Result<(), String> {
        if let Some(reason) = self.policy.refusal(action) {
            return Err(reason);
        }
        if !self.sign_in {
            return Ok(());
        }
        match &self.user {
            None => Err("sign in first".into()),
            Some(user) if user.role == Role::Reader => Err(format!("{} has a read-only role", user.display_name)),
            Some(user) if !user.may_act_in(namespace) => {
                Err(format!("{} may not act in namespace {namespace}", user.display_name))
            }
            Some(_) => Ok(()),
        }
    }

    /// The identity Temporal records for a write (`identity` of the request) and the audit line's
    /// `user`: the signed-in user, or the server itself when sign-in is off.
    pub fn identity(&self) -> String {
        match &self.user {
            Some(user) => format!("{} (temporal-debugger)", user.display_name),
            None => "temporal-debugger (sign-in off)".into(),
        }
    }

    /// What a page in `namespace` may offer.
    pub fn permissions(&self, namespace: &str) -> Permissions {
        let allowed: Vec<ActionKind> =
            ActionKind::ALL.into_iter().filter(|action| self.check(*action, namespace).is_ok()).collect();
        let read_only_reason = if allowed.is_empty() { self.check(ActionKind::Signal, namespace).err() } else { None };
        Permissions {
            allowed,
            read_only_reason,
            user: self.user.as_ref().map(|user| user.display_name.clone()),
            unavailable: Vec::new(),
        }
    }

    /// The access of a request (read-only when the server inserted none).
    pub fn of(parts: &http::request::Parts) -> Access {
        parts.extensions.get::<Access>().cloned().unwrap_or_else(Access::read_only)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Arc<WritePolicy> {
        Arc::new(WritePolicy { enabled: true, ..WritePolicy::default() })
    }

    #[test]
    fn nothing_is_allowed_by_default() {
        let access = Access::read_only();
        assert!(access.check(ActionKind::Terminate, "default").is_err());
        assert!(access.permissions("default").allowed.is_empty());
        assert!(access.permissions("default").read_only_reason.unwrap().contains("TDBG_ENABLE_WRITE_ACTIONS"));
    }

    #[test]
    fn per_action_flags_and_the_temporal_ui_switch_refuse() {
        let mut policy = WritePolicy { enabled: true, ..WritePolicy::default() };
        policy.disabled.insert(ActionKind::Terminate);
        let access = Access { policy: Arc::new(policy.clone()), sign_in: false, user: None };
        assert!(
            access.check(ActionKind::Terminate, "ns").unwrap_err().contains("TEMPORAL_WORKFLOW_TERMINATE_DISABLED")
        );
        assert!(access.check(ActionKind::Signal, "ns").is_ok());
        policy.disable_write_actions = true;
        let access = Access { policy: Arc::new(policy), sign_in: false, user: None };
        assert!(access.check(ActionKind::Signal, "ns").is_err());
    }

    #[test]
    fn roles_and_namespaces_decide_when_signed_in() {
        let user =
            |role, namespaces| User { subject: "s".into(), display_name: "ada@example.com".into(), role, namespaces };
        let signed = |user| Access { policy: open(), sign_in: true, user };
        assert_eq!(signed(None).check(ActionKind::Signal, "ns").unwrap_err(), "sign in first");
        assert!(signed(Some(user(Role::Reader, None))).check(ActionKind::Signal, "ns").is_err());
        assert!(signed(Some(user(Role::Operator, None))).check(ActionKind::Signal, "ns").is_ok());
        let scoped = signed(Some(user(Role::Operator, Some(vec!["payments".into()]))));
        assert!(scoped.check(ActionKind::Signal, "payments").is_ok());
        assert!(scoped.check(ActionKind::Signal, "default").unwrap_err().contains("may not act in namespace default"));
        assert!(scoped.identity().starts_with("ada@example.com"));
    }
}
