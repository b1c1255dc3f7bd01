use leptos::prelude::*;

use model::ExecutionStatus;

#[component]
pub fn StatusBadge(status: ExecutionStatus) -> impl IntoView {
    let class = format!("status-badge status-{}", status.name().to_ascii_lowercase());
    view! { <span class=class>{status.name()}</span> }
}
