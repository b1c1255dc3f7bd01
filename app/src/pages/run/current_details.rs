use leptos::prelude::*;

use crate::{api::load_current_details, model::CurrentDetails, urls};

/// A running workflow's current details (`workflow.set_current_details`), for the summary. They
/// come from a query to its worker, which can take seconds or never answer, so the page does not
/// wait for them: the browser asks once the page is up (with JavaScript off, the queries tab has
/// them). Shown as text, never as HTML.
#[component]
pub fn CurrentDetailsFacts(namespace: String, workflow_id: String, run_id: String) -> impl IntoView {
    let answer = RwSignal::new(None::<CurrentDetails>);
    // Effects run only in the browser: the server's page keeps the link to the queries tab.
    let asking = RwSignal::new(false);
    let queries = urls::run_tab(&namespace, &workflow_id, &run_id, "queries");
    Effect::new(move |_| {
        let (namespace, workflow_id, run_id) = (namespace.clone(), workflow_id.clone(), run_id.clone());
        asking.set(true);
        leptos::task::spawn_local(async move {
            let said = load_current_details(namespace, workflow_id, run_id)
                .await
                .unwrap_or_else(|error| CurrentDetails::Unanswered(error.to_string()));
            // The reader may have left the page meanwhile: then the signal is gone, and that is fine.
            let _ = answer.try_set(Some(said));
        });
    });
    let value = move || match answer.get() {
        None if asking.get() => view! { <dd class="muted current-details-fact">"asking the worker…"</dd> }.into_any(),
        None => view! {
            <dd class="muted current-details-fact"><a href=queries.clone()>"ask the worker on the Queries tab"</a></dd>
        }
        .into_any(),
        Some(CurrentDetails::Said(text)) => {
            view! { <dd class="current-details-fact"><pre class="current-details">{text}</pre></dd> }.into_any()
        }
        Some(CurrentDetails::Nothing) => {
            view! { <dd class="muted current-details-fact">"none set by the workflow"</dd> }.into_any()
        }
        Some(CurrentDetails::Unanswered(reason)) => {
            view! { <dd class="muted current-details-fact">{format!("not known: {reason}")}</dd> }.into_any()
        }
    };
    view! { <dt>"Current details"</dt> {value} }
}
