use leptos::prelude::*;

use super::{FailureBlock, PayloadList};
use model::{FailureView, PayloadView};

/// A run's input beside its result or failure; `children` say why there is neither.
#[component]
pub fn InputAndOutcome(
    input: Vec<PayloadView>,
    result: Option<Vec<PayloadView>>,
    failure: Option<FailureView>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="io-grid">
            <section class="panel" aria-labelledby="input-heading">
                <h2 id="input-heading">"Input"</h2>
                <PayloadList payloads=input />
            </section>
            <section class="panel" aria-labelledby="outcome-heading">
                {match (result, failure) {
                    (Some(result), _) => view! {
                        <h2 id="outcome-heading">"Result"</h2>
                        <PayloadList payloads=result />
                    }
                    .into_any(),
                    (None, Some(failure)) => view! {
                        <h2 id="outcome-heading">"Failure"</h2>
                        <FailureBlock failure />
                    }
                    .into_any(),
                    (None, None) => view! {
                        <h2 id="outcome-heading">"Result"</h2>
                        {children()}
                    }
                    .into_any(),
                }}
            </section>
        </div>
    }
}
