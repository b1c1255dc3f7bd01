//! Loading a run tab again in place: the page fetches its own URL and swaps in the fresh run view
//! (the region with id [`RUN_VIEW_ID`]), for the Refresh link and for live updates. Without
//! JavaScript the Refresh link simply loads the page again.
use leptos::prelude::*;

/// The id of the element a refresh replaces: the run's header and the tab's content.
pub const RUN_VIEW_ID: &str = "run-view";

/// "Refresh": an island, so that with JavaScript the tab reloads without leaving the page.
#[island]
pub fn RefreshLink(href: String) -> impl IntoView {
    let refreshing = RwSignal::new(false);
    view! {
        <span class="muted" role="status">{move || refreshing.get().then_some("Refreshing…")}</span>
        <a
            class="refresh"
            href=href
            on:click=move |event| {
                event.prevent_default();
                refreshing.set(true);
                #[cfg(feature = "hydrate")]
                leptos::task::spawn_local(async move {
                    if let Err(error) = swap_in_fresh_page().await {
                        leptos::logging::warn!("refresh: the page could not be loaded again: {error:?}");
                    }
                    let _ = refreshing.try_set(false);
                });
            }
        >
            "Refresh"
        </a>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::swap_in_fresh_page;

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DomParser, Element, SupportedType};

    /// Loads this page's URL and puts its run view in place of the current one. The live-updates
    /// island keeps its element (it moves into the new view, with its state); the new view's
    /// other islands are woken.
    pub async fn swap_in_fresh_page() -> Result<(), JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str(&window.location().href()?)).await?.dyn_into()?;
        if !response.ok() {
            return Err(format!("HTTP {}", response.status()).into());
        }
        let html = JsFuture::from(response.text()?).await?.as_string().unwrap_or_default();
        let fresh = DomParser::new()?.parse_from_string(&html, SupportedType::TextHtml)?;
        let id = super::RUN_VIEW_ID;
        let (Some(view), Some(new_view)) = (document.get_element_by_id(id), fresh.get_element_by_id(id)) else {
            return Err("the page has no run view".into());
        };
        let live = island_of(&view.query_selector(".live-updates")?);
        if let (Some(live), Some(new_live)) = (&live, island_of(&new_view.query_selector(".live-updates")?)) {
            new_live.replace_with_with_node_1(live)?;
        }
        let new_view = document.adopt_node(&new_view)?.dyn_into::<Element>()?;
        view.replace_with_with_node_1(&new_view)?;
        document.set_title(&fresh.title());
        wake_islands(&new_view, live.as_ref())
    }

    /// The `<leptos-island>` element around `element`.
    fn island_of(element: &Option<Element>) -> Option<Element> {
        element.as_ref()?.closest("leptos-island").ok()?
    }

    /// Hydrates the islands of swapped-in HTML through the island script's `__hydrateIsland`.
    fn wake_islands(view: &Element, keep: Option<&Element>) -> Result<(), JsValue> {
        let window: JsValue = web_sys::window().ok_or("no window")?.into();
        let hydrate = js_sys::Reflect::get(&window, &"__hydrateIsland".into())?;
        let Some(hydrate) = hydrate.dyn_ref::<js_sys::Function>() else { return Ok(()) };
        let islands = view.query_selector_all("leptos-island")?;
        for index in 0..islands.length() {
            let Some(island) = islands.item(index).and_then(|node| node.dyn_into::<Element>().ok()) else { continue };
            if keep.is_some_and(|keep| keep == &island) {
                continue;
            }
            let component = island.get_attribute("data-component").unwrap_or_default();
            hydrate.call2(&JsValue::NULL, &island, &component.into())?;
        }
        Ok(())
    }
}
