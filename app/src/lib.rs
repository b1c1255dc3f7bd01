//! The Temporal debugger's Leptos application: pages, components and server functions.
//!
//! Compiled twice: with `ssr` for the axum server (every page; its server functions call the
//! `inspector` crate, the Temporal layer) and with `hydrate` for the browser, which gets only the
//! [`islands`] and the plain view models of the `model` crate they use.
#![recursion_limit = "256"]

// What the browser needs: the islands and the plain code they use.
pub mod error;
pub mod islands;
pub mod time_zone;
pub mod url_base;
pub mod urls;

// The server's alone: the WASM build does not compile the pages, their loaders or Temporal's types.
#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod app;
#[cfg(feature = "ssr")]
pub mod components;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod signed_in;
#[cfg(feature = "ssr")]
pub mod theme;

#[cfg(feature = "ssr")]
pub use app::{App, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Where this page's URLs start, as the server rendered it.
    let meta = |name: &str| {
        web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.query_selector(&format!("meta[name={name}]")).ok().flatten())
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default()
    };
    url_base::set_public_path(&meta("tdbg-public-path"));
    let clusters = meta("tdbg-clusters").split(',').filter(|name| !name.is_empty()).map(str::to_string).collect();
    url_base::set_browser_clusters(clusters, &meta("tdbg-cluster"));
    // Pages are rendered by the server only; the island script then wakes each `#[island]`.
    leptos::mount::hydrate_islands();
}
