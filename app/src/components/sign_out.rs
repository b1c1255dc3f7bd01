use leptos::prelude::*;

use crate::{signed_in::signed_in, urls};

/// The signed-in user's name and a "Sign out" button: a plain POST form carrying the session's
/// CSRF token, so it works without JavaScript. Nothing with sign-in off.
#[component]
pub fn SignOut() -> impl IntoView {
    let Some(user) = signed_in() else { return ().into_any() };
    view! {
        <form class="sign-out" method="post" action=urls::sign_out()>
            <span class="signed-in-user" title="Signed in as">{user.name}</span>
            <input type="hidden" name="csrf" value=user.csrf />
            <button type="submit">"Sign out"</button>
        </form>
    }
    .into_any()
}
