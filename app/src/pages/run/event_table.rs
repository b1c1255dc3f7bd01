use crate::time_zone::TimeText;
use leptos::prelude::*;

use crate::{
    components::{FailureBlock, PayloadList, TimeText},
    urls,
};
use model::{EventField, EventRow, FieldValue};

/// Every event of a run: ID, time, type, its important attributes inline and all of them on
/// demand. Rows are anchored (`#event-N`) so references between events are links, and each has
/// a permalink (`…/history/events/N`). The `selected` event is highlighted and expanded.
#[component]
pub fn EventTable(
    events: Vec<EventRow>,
    /// The run's history URL, the base of every event's permalink.
    history_url: String,
    #[prop(optional)] selected: Option<i64>,
    /// A copy of rows shown elsewhere on the page: no `id`s, so anchors stay unique.
    #[prop(optional)]
    detached: bool,
    /// Durations to show instead of the clock (`+1.2s`), by event ID, and the column's title.
    #[prop(optional)]
    durations: Option<(std::collections::HashMap<i64, String>, &'static str)>,
) -> impl IntoView {
    let (durations, time_title) = match durations {
        Some((texts, title)) => (Some(texts), title.to_string()),
        None => (None, format!("Time ({})", crate::time_zone::zone().label())),
    };
    view! {
        <table class="data-table events-table">
            <thead>
                <tr><th>"ID"</th><th>{time_title}</th><th>"Type"</th><th>"Attributes"</th></tr>
            </thead>
            <tbody>
                {events
                    .into_iter()
                    .map(|event| {
                        let is_selected = selected == Some(event.event_id);
                        let permalink = format!("{history_url}/events/{}", event.event_id);
                        let duration = durations.as_ref().map(|texts| texts.get(&event.event_id).cloned().unwrap_or_default());
                        view! { <EventRowView event permalink is_selected detached duration /> }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn EventRowView(
    event: EventRow,
    permalink: String,
    is_selected: bool,
    detached: bool,
    /// Shown instead of the clock when the time column reads durations.
    duration: Option<String>,
) -> impl IntoView {
    let anchor = urls::event_anchor(event.event_id);
    let class = format!(
        "event {}{}{}",
        event.category.css_class(),
        if event.is_failure() { " event-failed" } else { "" },
        if is_selected { " event-selected" } else { "" }
    );
    let link_label = format!("Link to event {}", event.event_id);
    let primary: Vec<EventField> = event.primary_fields().cloned().collect();
    let secondary: Vec<EventField> = event.fields.iter().filter(|field| !field.primary).cloned().collect();
    view! {
        <tr id=(!detached).then(|| anchor.clone()) class=class aria-current=is_selected.then_some("true")>
            <td class="mono nowrap">
                <a href=format!("#{anchor}")>{event.event_id}</a>
                " "
                <a class="permalink" href=permalink title=link_label.clone() aria-label=link_label>"¶"</a>
            </td>
            <td class="nowrap">
                {match duration {
                    Some(text) => view! { <span class="duration" title=event.time.map(|time| time.text())>{text}</span> }.into_any(),
                    None => view! { <TimeText time=event.time /> }.into_any(),
                }}
            </td>
            <td class="event-type">{event.event_type}</td>
            <td>
                <FieldList fields=primary />
                {(!secondary.is_empty()).then(|| view! {
                    <details class="event-more" open=is_selected>
                        <summary>"All attributes"</summary>
                        <FieldList fields=secondary />
                    </details>
                })}
            </td>
        </tr>
    }
}

#[component]
fn FieldList(fields: Vec<EventField>) -> impl IntoView {
    view! {
        <dl class="event-fields">
            {fields
                .into_iter()
                .map(|field| view! { <dt>{field.path}</dt><dd><FieldValueView value=field.value /></dd> })
                .collect_view()}
        </dl>
    }
}

#[component]
fn FieldValueView(value: FieldValue) -> impl IntoView {
    match value {
        FieldValue::Text(text) => view! { <span class="field-text">{text}</span> }.into_any(),
        FieldValue::Time(time) => view! { <span class="field-text"><TimeText time=Some(time) /></span> }.into_any(),
        FieldValue::EventRef(id) => view! { <a href=format!("#{}", urls::event_anchor(id))>{id}</a> }.into_any(),
        FieldValue::Link(link) => view! { <a class="mono" href=link.path(&urls::links())>{link.text()}</a> }.into_any(),
        FieldValue::Payloads(payloads) => view! { <PayloadList payloads /> }.into_any(),
        FieldValue::Failure(failure) => view! { <FailureBlock failure=*failure /> }.into_any(),
    }
}
