//! The Temporal debugger's Leptos application: pages, components and server functions.
//!
//! Compiled twice: with `ssr` for the axum server (it then talks to Temporal through
//! [`ssr::temporal`]) and with `hydrate` for the browser, which only ever sees the plain
//! view-model structs of [`model`].
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
pub mod urls;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::{App, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // The public path the server rendered into the page; server functions live under it too.
    let base = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector("meta[name=tdbg-public-path]").ok().flatten())
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    urls::set_base(&base);
    if !urls::base().is_empty() {
        leptos::server_fn::client::set_server_url(Box::leak(urls::base().to_string().into_boxed_str()));
    }
    leptos::mount::hydrate_body(App);
}
