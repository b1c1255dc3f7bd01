use crate::components::PageTitle;
use crate::time_zone::TimeText;
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{api::load_call_stack, error::AppError, urls};
use model::{CallStackPage, EnhancedStack, StackFrame, StackTrace};

/// `…/{run_id}/call-stack`: the `__stack_trace` query, answered by the worker holding the run.
#[component]
pub fn CallStackPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::CallStack load=load render=call_stack_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<CallStackPage, AppError>> {
    load_call_stack(route.namespace, route.workflow_id, route.run_id)
}

fn call_stack_view(page: CallStackPage) -> impl IntoView {
    let CallStackPage { header, stack } = page;
    let title = format!("{} · call stack", header.workflow_id);
    let here = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::CallStack.segment());
    let workers = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::Workers.segment());
    let body = match stack {
        StackTrace::Trace { text, taken_at, enhanced } => view! {
            <p class="muted">
                "Taken at " <time class="taken-at" datetime=taken_at.iso.clone()>{taken_at.text()}</time>
                {enhanced.as_ref().map(|stack| format!(" · {} (enhanced stack trace)", stack.sdk))}
            </p>
            {match enhanced {
                Some(stack) => view! {
                    <EnhancedStackView stack />
                    <details class="stack-as-text">
                        <summary>"As text"</summary>
                        <pre class="stack-trace-text">{text}</pre>
                    </details>
                }
                .into_any(),
                None => view! { <pre class="stack-trace-text">{text}</pre> }.into_any(),
            }}
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
        <PageTitle text=title />
        <RunHeaderView header active=RunTab::CallStack />
        <section class="panel" aria-label="Call stack">{body}</section>
    }
}

/// Each stack as a list of frames; a frame shows its function, location and source lines.
#[component]
fn EnhancedStackView(stack: EnhancedStack) -> impl IntoView {
    let count = stack.stacks.len();
    stack
        .stacks
        .into_iter()
        .enumerate()
        .map(|(index, frames)| {
            view! {
                <section class="stack" aria-label=format!("Stack {} of {count}", index + 1)>
                    <h3>{format!("Stack {} of {count}", index + 1)}</h3>
                    <ol class="stack-frames">{frames.into_iter().map(frame_view).collect_view()}</ol>
                </section>
            }
        })
        .collect_view()
}

fn frame_view(frame: StackFrame) -> impl IntoView {
    let position = match (frame.line, frame.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", frame.file),
        (Some(line), None) => format!("{}:{line}", frame.file),
        _ => frame.file.clone(),
    };
    let source = (!frame.source.is_empty()).then(|| {
        let lines = frame
            .source
            .into_iter()
            .map(|line| {
                let class = if line.current { "source-line current" } else { "source-line" };
                view! { <span class=class><span class="line-number">{line.number}</span>{line.text}"\n"</span> }
            })
            .collect_view();
        view! { <pre class="source">{lines}</pre> }
    });
    view! {
        <li class:internal=frame.internal>
            <code class="function">{frame.function}</code>
            " "
            <span class="mono muted location">{position}</span>
            {source}
        </li>
    }
}
