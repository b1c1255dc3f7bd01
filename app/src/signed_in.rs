//! The signed-in user as the header shows them (sign-in on): their display name and the
//! session's CSRF token for the sign-out form. The server reads them from the request's
//! extensions (put there by its sign-in middleware) and writes them into the page's `<meta>` tags;
//! the browser reads those once before hydrating, so both render the same header.
use std::sync::OnceLock;

/// Who is signed in, for the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignedIn {
    pub name: String,
    pub csrf: String,
}

/// In the browser: the page's signed-in user, if any.
static BROWSER_SIGNED_IN: OnceLock<Option<SignedIn>> = OnceLock::new();

/// In the browser: the user named by the page's `tdbg-user` and `tdbg-csrf` tags (empty: none).
pub fn set_browser_signed_in(name: &str, csrf: &str) {
    let user = (!name.is_empty()).then(|| SignedIn { name: name.to_string(), csrf: csrf.to_string() });
    let _ = BROWSER_SIGNED_IN.set(user);
}

/// The signed-in user of the page being rendered: the request's on the server, the page's in the
/// browser; `None` with sign-in off.
pub fn signed_in() -> Option<SignedIn> {
    #[cfg(feature = "ssr")]
    {
        use crate::ssr::access::{SessionCsrf, User};
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        let user = parts.extensions.get::<User>()?;
        let csrf = parts.extensions.get::<SessionCsrf>()?;
        Some(SignedIn { name: user.display_name.clone(), csrf: csrf.0.clone() })
    }
    #[cfg(not(feature = "ssr"))]
    BROWSER_SIGNED_IN.get().cloned().flatten()
}
