use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Sends the browser to `path`: a `302 Found` with `Location` when rendered on the server
/// (whatever the client's `Accept` header), a client-side navigation after hydration.
#[component]
pub fn GoTo(path: String) -> impl IntoView {
    super::set_http_status(302);
    view! { <Redirect path /> }
}
