//! Runs a handler's Temporal calls inside a Leptos owner holding the request's parts and cluster,
//! as page renders have them: the client reads forwarded headers and the user's token from the
//! parts, and `app::urls` builds links under the public path and the cluster's prefix.
use std::future::Future;

use axum::http::request::Parts;
use leptos::prelude::{Owner, provide_context};
use leptos::reactive::computed::ScopedFuture;

use crate::state::AppState;

pub async fn with_request<F: Future>(state: &AppState, parts: Parts, future: F) -> F::Output {
    let owner = Owner::new();
    let scoped = owner.with(|| {
        provide_context(parts);
        provide_context(state.cluster.page.clone());
        provide_context(state.cluster.temporal.clone());
        ScopedFuture::new(future)
    });
    scoped.await
}
