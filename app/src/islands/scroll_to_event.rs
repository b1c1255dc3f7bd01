use leptos::prelude::*;

use crate::urls;

/// With JavaScript, brings the linked event's row into view once the page is up.
#[island]
pub fn ScrollToEvent(id: i64) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(row) = document().get_element_by_id(&urls::event_anchor(id)) {
            row.scroll_into_view();
        }
    });
}
