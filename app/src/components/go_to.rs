use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Sends the browser to `path`: a `302 Found` with `Location` when rendered on the server
/// (whatever the client's `Accept` header), a client-side navigation after hydration.
#[component]
pub fn GoTo(path: String) -> impl IntoView {
    super::set_http_status(302);
    // On the server the Location is `path` itself; in the browser the router adds its base.
    let path = if cfg!(feature = "hydrate") { crate::urls::without_base(&path) } else { path };
    view! { <Redirect path /> }
}
