//! Keyboard moves through a run's history: `j`/`k` select the next/previous event row, `Enter`
//! opens the selected one (what clicking its permalink does), `/` goes to the history search.
//! One listener for the page, working on the server-rendered rows by selector, so it needs no
//! props and keeps working after a refresh swaps the rows. Keys typed into a form field, or with
//! Ctrl, Alt or Meta, are left alone.
use leptos::prelude::*;

/// The hint's id; it is hidden until this island runs, since without JavaScript the keys do nothing.
const HINT_ID: &str = "history-keys-hint";

/// The hint line, and (in the browser) the page's one key listener.
#[island]
pub fn HistoryKeys() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::listen_once();
        if let Some(hint) = document().get_element_by_id(HINT_ID) {
            let _ = hint.remove_attribute("hidden");
        }
    });
    view! {
        <p id=HINT_ID class="keyboard-hint muted" hidden>
            <kbd>"j"</kbd>"/"<kbd>"k"</kbd>" to move, "<kbd>"Enter"</kbd>" to open, "<kbd>"/"</kbd>" to search"
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::sync::atomic::{AtomicBool, Ordering};

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, KeyboardEvent};

    /// The event rows of the full and the compact tables (not the linked event's copy above them,
    /// which has no `id`).
    const ROWS: &str = "table.events-table > tbody > tr.event[id], table.compact-table > tbody > tr.event";
    /// The row the keys selected (outlined by the stylesheet).
    const CURSOR: &str = "event-cursor";

    /// A refresh wakes this island again: the listener must still be added once per page.
    static LISTENING: AtomicBool = AtomicBool::new(false);

    pub fn listen_once() {
        if !LISTENING.swap(true, Ordering::Relaxed) {
            // Kept for the page's life: dropping the handle does not remove the listener.
            let _ = window_event_listener(leptos::ev::keydown, on_key);
        }
    }

    fn on_key(event: KeyboardEvent) {
        if event.ctrl_key() || event.alt_key() || event.meta_key() || event.default_prevented() || typing() {
            return;
        }
        let handled = match event.key().as_str() {
            "j" => move_cursor(true),
            "k" => move_cursor(false),
            "Enter" => open_cursor(),
            "/" => focus("form.history-search input[type=search]"),
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    }

    /// Whether the reader is writing in a form field.
    fn typing() -> bool {
        document().active_element().is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element.dyn_ref::<HtmlElement>().is_some_and(HtmlElement::is_content_editable)
        })
    }

    fn move_cursor(down: bool) -> bool {
        let Ok(rows) = document().query_selector_all(ROWS) else { return false };
        let rows: Vec<Element> =
            (0..rows.length()).filter_map(|index| rows.item(index)?.dyn_into::<Element>().ok()).collect();
        if rows.is_empty() {
            return false;
        }
        // From the keys' row, else from the event the page links to, else from the edge.
        let from = rows
            .iter()
            .position(|row| row.class_list().contains(CURSOR))
            .or_else(|| rows.iter().position(|row| row.class_list().contains("event-selected")));
        let to = match from {
            Some(at) if down => (at + 1).min(rows.len() - 1),
            Some(at) => at.saturating_sub(1),
            None if down => 0,
            None => rows.len() - 1,
        };
        if let Some(at) = from {
            let _ = rows[at].class_list().remove_1(CURSOR);
        }
        let row = &rows[to];
        let _ = row.class_list().add_1(CURSOR);
        let _ = row.set_attribute("tabindex", "-1");
        if let Some(row) = row.dyn_ref::<HtmlElement>() {
            let _ = row.focus();
        }
        true
    }

    /// Follows the focused row's permalink (the compact table's: its first event link).
    fn open_cursor() -> bool {
        let Some(row) = document().active_element().filter(|element| element.class_list().contains(CURSOR)) else {
            return false;
        };
        let link = row
            .query_selector("a.permalink")
            .ok()
            .flatten()
            .or_else(|| row.query_selector("td:last-child a").ok().flatten());
        match link.and_then(|link| link.dyn_into::<HtmlElement>().ok()) {
            Some(link) => {
                link.click();
                true
            }
            None => false,
        }
    }

    fn focus(selector: &str) -> bool {
        match document().query_selector(selector).ok().flatten().and_then(|field| field.dyn_into::<HtmlElement>().ok())
        {
            Some(field) => field.focus().is_ok(),
            None => false,
        }
    }
}
