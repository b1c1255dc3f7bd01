//! The zone the page shows its times in. The server reads the reader's choice from the request
//! (the `tdbg_tz` cookie, set on the settings page) and writes every time; the browser's islands
//! never write one. Without a choice: UTC.
use std::sync::Arc;

use model::ZoneRules;

/// The page's zone as Leptos context, looked up once per render.
#[derive(Clone, Debug)]
pub struct PageZone(pub Arc<ZoneRules>);

/// The zone of the request being served (UTC outside a request, and in the browser).
pub fn page_zone() -> Arc<ZoneRules> {
    #[cfg(feature = "ssr")]
    {
        match leptos::prelude::use_context::<http::request::Parts>() {
            Some(parts) => inspector::time_zones::from_headers(&parts.headers),
            None => inspector::time_zones::utc(),
        }
    }
    #[cfg(not(feature = "ssr"))]
    Arc::new(ZoneRules::utc())
}

/// The page's zone, from the render's context when the app provided it.
pub fn zone() -> Arc<ZoneRules> {
    match leptos::prelude::use_context::<PageZone>() {
        Some(PageZone(zone)) => zone,
        None => page_zone(),
    }
}

/// The zone this browser reports (`Intl.DateTimeFormat().resolvedOptions().timeZone`); `None` on
/// the server and where the browser does not say.
pub fn browser_zone_name() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        let options = format.resolved_options();
        js_sys::Reflect::get(&options, &wasm_bindgen::JsValue::from_str("timeZone"))
            .ok()
            .and_then(|value| value.as_string())
            .filter(|name| !name.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// A time as the page writes it: in the page's [`zone`].
pub trait TimeText {
    /// `2026-11-25 18:46:11.123 CET`.
    fn text(&self) -> String;
}

impl TimeText for model::TimePoint {
    fn text(&self) -> String {
        self.text_in(&zone())
    }
}
