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
    leptos::mount::hydrate_body(App);
}
