//! Every request runs under a reactive owner and arena of its own, set again each time its
//! future is polled.
//!
//! Why: Leptos keeps the current owner and arena in thread-locals that nothing resets between
//! tasks. `Owner::new_root` (each page render) and `Owner::with` set them and leave them set, so a
//! worker thread remembers the last request it rendered. Code that then makes an owner with
//! `Owner::new()` (leptos_axum's server-function handler and its file handler, our write
//! handlers) took that stale owner as its parent: it joined another request's arena and tree,
//! and when that request finished, its cleanup disposed the newcomer's signals and contexts
//! while it was still running ("Tried to access a reactive value that has already been
//! disposed", or a missing context). A request's own root makes every such owner a child of its
//! own request, whatever thread polls it.
use axum::{extract::Request, middleware::Next, response::Response};
use leptos::{
    prelude::Owner,
    reactive::{computed::ScopedFuture, owner::Sandboxed},
};

pub async fn isolate(request: Request, next: Next) -> Response {
    let owner = Owner::new_root(None);
    // `Sandboxed::new` takes the arena current now: the one `owner.with` has just set.
    // The owner goes when the last future holding it does (a streamed body may still need it).
    owner.with(|| Sandboxed::new(ScopedFuture { owner: owner.clone(), observer: None, fut: next.run(request) })).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{Router, body::Body, routing::get};
    use leptos::prelude::{provide_context, use_context};
    use tower::ServiceExt;

    /// What leptos_axum's server-function handler does: `Owner::new()` on whatever thread polls it.
    async fn handler_making_an_owner() -> String {
        let owner = Owner::new();
        owner.with(|| provide_context(7_u32));
        tokio::task::yield_now().await;
        // The parent is this request's root, not an owner another request left on the thread.
        let parent_has_foreign_context = owner.parent().and_then(|parent| parent.with(use_context::<&'static str>));
        format!("{:?} {:?}", owner.with(use_context::<u32>), parent_has_foreign_context)
    }

    #[tokio::test]
    async fn an_owner_made_by_a_handler_never_joins_another_requests_tree() {
        // Another request's owner, left set on this thread, holding a context of its own.
        let stale = Owner::new_root(None);
        stale.with(|| provide_context("another request"));
        stale.set();
        let app = Router::new().route("/", get(handler_making_an_owner)).layer(axum::middleware::from_fn(isolate));
        let response = app.oneshot(axum::http::Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
        assert_eq!(body, "Some(7) None");
        // Disposing the other request must not touch this one: it had no child from it.
        assert!(stale.with(use_context::<&'static str>).is_some());
    }
}
