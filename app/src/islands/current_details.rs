use leptos::prelude::*;

use crate::urls;
use model::CurrentDetails;

/// A running workflow's current details (`workflow.set_current_details`), for the summary. They
/// come from a query to its worker, which can take seconds or never answer, so the page does not
/// wait for them: this island asks `current-details.json` once the page is up (with JavaScript
/// off, the queries tab has them). Shown as text, never as HTML.
#[island]
pub fn CurrentDetailsFacts(namespace: String, workflow_id: String, run_id: String) -> impl IntoView {
    let answer = RwSignal::new(None::<CurrentDetails>);
    // Effects run only in the browser: the server's page keeps the link to the queries tab.
    let asking = RwSignal::new(false);
    let queries = urls::run_tab(&namespace, &workflow_id, &run_id, "queries");
    let json = urls::current_details_json(&namespace, &workflow_id, &run_id);
    Effect::new(move |_| {
        let json = json.clone();
        asking.set(true);
        leptos::task::spawn_local(async move {
            let said = browser::fetch(&json).await.unwrap_or_else(CurrentDetails::Unanswered);
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
    // Its own list: a `<leptos-island>` may not stand between a `<dl>` and its items.
    view! { <dl class="facts summary-facts"><dt>"Current details"</dt> {value}</dl> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use model::CurrentDetails;

    /// GETs the JSON answer; an error is the sentence the summary shows.
    pub async fn fetch(url: &str) -> Result<CurrentDetails, String> {
        let window = web_sys::window().ok_or("no window")?;
        let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| "the server did not answer")?;
        let response: web_sys::Response = response.dyn_into().map_err(|_| "the server did not answer")?;
        if !response.ok() {
            return Err(format!("the server answered HTTP {}", response.status()));
        }
        let text = response.text().map_err(|_| "the answer could not be read")?;
        let text = JsFuture::from(text).await.map_err(|_| "the answer could not be read")?;
        leptos::serde_json::from_str(&text.as_string().unwrap_or_default())
            .map_err(|_| "the answer could not be read".into())
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    use model::CurrentDetails;

    pub async fn fetch(_: &str) -> Result<CurrentDetails, String> {
        Err("asked by the browser".into())
    }
}
