use crate::time_zone::TimeText;
use leptos::prelude::*;

use model::TimePoint;

/// A time in the page's zone, or a dash when there is none.
#[component]
pub fn TimeText(time: Option<TimePoint>) -> impl IntoView {
    match time {
        Some(time) => view! { <time datetime=time.iso>{time.text()}</time> }.into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
}
