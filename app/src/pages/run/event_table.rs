use leptos::prelude::*;

use crate::{
    components::{FailureBlock, PayloadList, TimeText},
    model::{EventField, EventRow, FieldValue},
    urls,
};

/// Every event of a run: ID, time, type, its important attributes inline and all of them on
/// demand. Rows are anchored (`#event-N`) so references between events are links.
#[component]
pub fn EventTable(events: Vec<EventRow>) -> impl IntoView {
    view! {
        <table class="data-table events-table">
            <thead>
                <tr><th>"ID"</th><th>"Time (UTC)"</th><th>"Type"</th><th>"Attributes"</th></tr>
            </thead>
            <tbody>
                {events.into_iter().map(|event| view! { <EventRowView event /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn EventRowView(event: EventRow) -> impl IntoView {
    let anchor = urls::event_anchor(event.event_id);
    let class =
        format!("event {}{}", event.category.css_class(), if event.is_failure() { " event-failed" } else { "" });
    let primary: Vec<EventField> = event.primary_fields().cloned().collect();
    let secondary: Vec<EventField> = event.fields.iter().filter(|field| !field.primary).cloned().collect();
    view! {
        <tr id=anchor.clone() class=class>
            <td class="mono"><a href=format!("#{anchor}")>{event.event_id}</a></td>
            <td class="nowrap"><TimeText time=event.time /></td>
            <td class="event-type">{event.event_type}</td>
            <td>
                <FieldList fields=primary />
                {(!secondary.is_empty()).then(|| view! {
                    <details class="event-more">
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
        FieldValue::EventRef(id) => view! { <a href=format!("#{}", urls::event_anchor(id))>{id}</a> }.into_any(),
        FieldValue::Payloads(payloads) => view! { <PayloadList payloads /> }.into_any(),
        FieldValue::Failure(failure) => view! { <FailureBlock failure=*failure /> }.into_any(),
    }
}
