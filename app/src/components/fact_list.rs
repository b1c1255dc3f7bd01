//! Lists of facts (name and value in words) and of capabilities, for the namespace and cluster pages.
use leptos::prelude::*;

use model::Fact;

/// A definition list of facts; nothing when there are none.
#[component]
pub fn FactList(facts: Vec<Fact>) -> impl IntoView {
    (!facts.is_empty()).then(|| {
        view! {
            <dl class="facts">
                {facts.into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
        }
    })
}

/// Capabilities as two lists: what the server or namespace supports, and what it does not.
#[component]
pub fn CapabilityList(capabilities: Vec<(String, bool)>) -> impl IntoView {
    let (on, off): (Vec<_>, Vec<_>) = capabilities.into_iter().partition(|(_, supported)| *supported);
    let names = |list: Vec<(String, bool)>| list.into_iter().map(|(name, _)| name).collect::<Vec<_>>().join(", ");
    view! {
        <dl class="facts">
            <dt>"Supported"</dt><dd class="capabilities-on">{names(on)}</dd>
            <dt>"Not supported"</dt><dd class="capabilities-off muted">{names(off)}</dd>
        </dl>
    }
}
