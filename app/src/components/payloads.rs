use leptos::prelude::*;

use model::{CodecOutcome, PayloadBody, PayloadView};

/// Payloads (arguments, results, details), each in its own block; "none" when empty.
#[component]
pub fn PayloadList(payloads: Vec<PayloadView>) -> impl IntoView {
    if payloads.is_empty() {
        return view! { <p class="muted">"none"</p> }.into_any();
    }
    let count = payloads.len();
    view! {
        <ol class="payloads">
            {payloads
                .into_iter()
                .enumerate()
                .map(|(index, payload)| {
                    view! {
                        <li>
                            {(count > 1).then(|| view! { <span class="payload-index">"#" {index + 1}</span> })}
                            <PayloadBlock payload />
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

/// One payload: its decoded content and its encoding. All text goes through Leptos' escaping.
#[component]
pub fn PayloadBlock(payload: PayloadView) -> impl IntoView {
    let label = match &payload.message_type {
        Some(message_type) => format!("{} · {message_type} · {} B", payload.encoding, payload.size),
        None if payload.encoding.is_empty() => format!("no encoding · {} B", payload.size),
        None => format!("{} · {} B", payload.encoding, payload.size),
    };
    let codec = match payload.codec {
        CodecOutcome::Untouched => None,
        CodecOutcome::Decoded { from } => Some(
            view! { <span class="codec-badge codec-decoded">"decoded by the codec server from " {from}</span> }
                .into_any(),
        ),
        CodecOutcome::Failed(reason) => Some(
            view! { <span class="codec-badge codec-failed" role="note">"codec failed: " {reason}</span> }.into_any(),
        ),
    };
    let body = match payload.body {
        PayloadBody::Json(json) => view! { <pre class="payload-json">{json}</pre> }.into_any(),
        PayloadBody::Null => view! { <pre class="payload-null">"null"</pre> }.into_any(),
        PayloadBody::Base64 { data, note } => view! {
            <div class="payload-base64">
                <p class="muted">"base64 — " {note}</p>
                <pre>{data}</pre>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="payload">
            <span class="payload-encoding">{label}</span>
            {codec}
            {body}
        </div>
    }
}
