use leptos::prelude::*;

use super::event_table::EventTable;
use crate::{error::set_http_status, urls};
use model::EventRow;

/// Above the history of `…/history/events/{eventId}`: the event the link names, expanded, or a
/// warning and a 404 when the history has no such event.
#[component]
pub fn LinkedEvent(
    linked: Option<EventRow>,
    /// The `{eventId}` of the path, empty on the plain history URL.
    event_param: String,
    event_count: usize,
    history_url: String,
) -> impl IntoView {
    match linked {
        Some(event) => {
            let id = event.event_id;
            view! {
                <section class="panel linked-event" aria-label="Linked event">
                    <h2>{format!("Event {id}")} " " <span class="muted">{event.event_type.clone()}</span></h2>
                    <EventTable events=vec![event] history_url selected=id detached=true />
                    <p><a href=format!("#{}", urls::event_anchor(id))>"Show it in the history below"</a></p>
                </section>
            }
            .into_any()
        }
        None if !event_param.is_empty() => {
            set_http_status(404);
            view! {
                <p class="warning" role="alert">
                    {format!("Event {event_param} is not in this history ({event_count} events).")}
                </p>
            }
            .into_any()
        }
        None => ().into_any(),
    }
}
