use leptos::prelude::*;

use super::PayloadList;
use model::FailureView;

/// A failure and its whole cause chain: message, kind, facts, details and stack trace of each.
#[component]
pub fn FailureBlock(failure: FailureView) -> impl IntoView {
    let chain: Vec<FailureView> = failure.chain().into_iter().cloned().collect();
    view! {
        <ol class="failure-chain">
            {chain
                .into_iter()
                .enumerate()
                .map(|(depth, failure)| view! { <FailureLink depth failure /> })
                .collect_view()}
        </ol>
    }
}

#[component]
fn FailureLink(depth: usize, failure: FailureView) -> impl IntoView {
    let FailureView { message, kind, facts, non_retryable, source, stack_trace, details, .. } = failure;
    view! {
        <li class="failure">
            <p class="failure-heading">
                {(depth > 0).then_some(view! { <span class="muted">"caused by "</span> })}
                <span class="failure-kind">{kind}</span>
                {non_retryable.then_some(view! { <span class="tag">"non-retryable"</span> })}
                {(!source.is_empty()).then(|| view! { <span class="muted">" from " {source}</span> })}
            </p>
            <p class="failure-message">{message}</p>
            {(!facts.is_empty())
                .then(|| {
                    view! {
                        <dl class="facts">
                            {facts
                                .into_iter()
                                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                                .collect_view()}
                        </dl>
                    }
                })}
            {(!details.is_empty())
                .then(|| view! { <div class="failure-details"><h4>"Details"</h4><PayloadList payloads=details /></div> })}
            {(!stack_trace.is_empty())
                .then(|| {
                    view! {
                        <details class="stack-trace" open=depth == 0>
                            <summary>"Stack trace"</summary>
                            <pre>{stack_trace}</pre>
                        </details>
                    }
                })}
        </li>
    }
}
