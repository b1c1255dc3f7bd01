//! The signed-in user as the header shows them (sign-in on): their display name and the
//! session's CSRF token for the sign-out form. The server reads them from the request's
//! extensions (put there by its sign-in middleware); the header is not an island, so the browser
//! never needs them.

/// Who is signed in, for the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignedIn {
    pub name: String,
    pub csrf: String,
}

/// The signed-in user of the request being rendered; `None` with sign-in off (and in the browser).
pub fn signed_in() -> Option<SignedIn> {
    #[cfg(feature = "ssr")]
    {
        use inspector::access::{SessionCsrf, User};
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        let user = parts.extensions.get::<User>()?;
        let csrf = parts.extensions.get::<SessionCsrf>()?;
        Some(SignedIn { name: user.display_name.clone(), csrf: csrf.0.clone() })
    }
    #[cfg(not(feature = "ssr"))]
    None
}
