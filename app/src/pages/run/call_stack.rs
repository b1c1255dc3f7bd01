use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    loader::RunTabLoader,
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_call_stack,
    model::{CallStackPage, StackTrace},
    urls,
};

/// `…/{run_id}/call-stack`: the `__stack_trace` query, answered by the worker holding the run.
#[component]
pub fn CallStackPage() -> impl IntoView {
    view! { <RunTabLoader load=load_call_stack render=call_stack_view /> }
}

fn call_stack_view(page: CallStackPage) -> impl IntoView {
    let CallStackPage { header, stack } = page;
    let title = format!("{} · call stack", header.workflow_id);
    let here = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::CallStack.segment());
    let workers = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::Workers.segment());
    let body = match stack {
        StackTrace::Trace { text, taken_at } => view! {
            <p class="muted">
                "Taken at " <time datetime=taken_at.iso>{taken_at.text}</time> " · " <a href=here>"Refresh"</a>
            </p>
            <pre class="stack-trace-text">{text}</pre>
        }
        .into_any(),
        StackTrace::Closed => view! {
            <p class="empty">"This run is closed: no worker holds it any more, so it has no call stack."</p>
        }
        .into_any(),
        StackTrace::NoWorker => view! {
            <p class="warning" role="status">
                "No worker is polling task queue " <span class="mono">{header.task_queue.clone()}</span>
                ", so no one can answer the stack trace query. See " <a href=workers>"Workers"</a> "."
            </p>
        }
        .into_any(),
        StackTrace::Failed(message) => view! {
            <p class="warning" role="status">"The stack trace query failed: " {message}</p>
            <p><a href=here>"Try again"</a></p>
        }
        .into_any(),
    };
    view! {
        <Title text=title />
        <RunHeaderView header active=RunTab::CallStack />
        <section class="panel" aria-label="Call stack">{body}</section>
    }
}
