//! Reading path and query parameters (already percent-decoded by the router).
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn path_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}

pub fn query_param(name: &'static str) -> Memo<Option<String>> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get(name).filter(|value| !value.is_empty()))
}

/// The source of a resource that loads what the URL names.
///
/// In the browser it follows the URL, so client-side navigation loads the page again. On the
/// server the URL cannot change during a render, so it is read once, here. A resource's fetch
/// loop is a task of its own: it can run after its request's reactive arena is gone (a request
/// the browser abandoned, or one that has already answered), and a source that read the route
/// memos then panicked in it ("Tried to access a reactive value that has already been disposed"
/// from `ArcMemo` in `AsyncDerived`'s task, once in a Playwright run's server log). A snapshot
/// holds no reactive value.
pub fn route_source<S>(source: impl Fn() -> S + Send + Sync + 'static) -> impl Fn() -> S + Send + Sync + 'static
where
    S: Clone + Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    {
        let snapshot = untrack(source);
        move || snapshot.clone()
    }
    #[cfg(not(feature = "ssr"))]
    source
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_server_resource_source_can_be_read_after_its_request() {
        let owner = Owner::new();
        owner.set();
        let route = RwSignal::new("run-1".to_string());
        let run_id = Memo::new(move |_| route.get());
        let source = route_source(move || run_id.get());
        // The request ends: its owner, and the arena holding the route memos, go away.
        owner.unset();
        assert_eq!(run_id.try_get(), None, "the route memo is disposed");
        assert_eq!(source(), "run-1", "the source still answers, without a reactive read");
    }
}
