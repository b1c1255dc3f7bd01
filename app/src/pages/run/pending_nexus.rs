//! The Nexus side of the pending tab: the operations the run called that have not completed
//! (attempts, last failure, why blocked) and the run's completion callbacks (whom it tells when it
//! closes: for a Nexus handler's run, the caller's operation).
use leptos::prelude::*;

use crate::{
    components::{FailureBlock, TimeText},
    urls,
};
use model::{CallbackView, PendingNexusView, WorkflowEventLink};

/// One pending Nexus operation; `run` is the caller's (namespace, workflow ID, run ID), for the
/// link to its scheduled event.
#[component]
pub fn PendingNexusOperation(operation: PendingNexusView, run: (String, String, String)) -> impl IntoView {
    let PendingNexusView {
        endpoint,
        service,
        operation,
        operation_token,
        state,
        attempt,
        scheduled_time,
        schedule_to_close_timeout,
        last_attempt_complete_time,
        next_attempt_time,
        blocked_reason,
        scheduled_event_id,
        last_attempt_failure,
    } = operation;
    let (namespace, workflow_id, run_id) = run;
    let label = format!("Nexus operation {operation}");
    let scheduled_event = urls::event(&namespace, &workflow_id, &run_id, scheduled_event_id);
    view! {
        <section class="panel pending-activity pending-nexus" aria-label=label>
            <h2>
                "Nexus operation " <span class="mono">{service} " / " {operation}</span>
                <span class="muted">" · " {state}</span>
            </h2>
            <dl class="facts summary-facts">
                <dt>"Endpoint"</dt>
                <dd><a class="mono" href=urls::nexus_endpoints()>{endpoint}</a></dd>
                <dt>"Attempt"</dt>
                <dd>{attempt}</dd>
                <dt>"Scheduled"</dt>
                <dd>
                    <TimeText time=scheduled_time />
                    " (" <a href=scheduled_event>"event " {scheduled_event_id}</a> ")"
                </dd>
                <dt>"Schedule-to-close timeout"</dt>
                <dd>{schedule_to_close_timeout.unwrap_or_else(|| "none".to_string())}</dd>
                <dt>"Last attempt completed"</dt>
                <dd><TimeText time=last_attempt_complete_time /></dd>
                <dt>"Next attempt"</dt>
                <dd><TimeText time=next_attempt_time /></dd>
                {(!blocked_reason.is_empty()).then(|| view! {
                    <dt>"Blocked because"</dt>
                    <dd>{blocked_reason}</dd>
                })}
                {(!operation_token.is_empty()).then(|| view! {
                    <dt>"Operation token"</dt>
                    <dd class="mono">{operation_token}</dd>
                })}
            </dl>
            {last_attempt_failure.map(|failure| view! {
                <h3>"Last attempt failure"</h3>
                <FailureBlock failure />
            })}
        </section>
    }
}

/// The run's completion callbacks: a Nexus handler's run completes its caller's operation.
#[component]
pub fn Callbacks(callbacks: Vec<CallbackView>) -> impl IntoView {
    view! {
        <section class="panel callbacks" aria-label="Completion callbacks">
            <h2>"Completion callbacks"</h2>
            <p class="muted">"Whom Temporal tells when this run closes, such as the Nexus operation that started it."</p>
            {callbacks.into_iter().map(|callback| view! { <Callback callback /> }).collect_view()}
        </section>
    }
}

#[component]
fn Callback(callback: CallbackView) -> impl IntoView {
    let CallbackView {
        target,
        state,
        attempt,
        registration_time,
        last_attempt_complete_time,
        next_attempt_time,
        last_attempt_failure,
        blocked_reason,
        links,
    } = callback;
    let label = format!("Callback to {target}");
    view! {
        <article class="callback" aria-label=label>
            <h3>{target} <span class="muted">" · " {state}</span></h3>
            <dl class="facts summary-facts">
                {links.into_iter().map(|link| view! {
                    <dt>"Completes"</dt>
                    <dd><EventLink link /></dd>
                }).collect_view()}
                <dt>"Attempt"</dt>
                <dd>{attempt}</dd>
                <dt>"Registered"</dt>
                <dd><TimeText time=registration_time /></dd>
                <dt>"Last attempt completed"</dt>
                <dd><TimeText time=last_attempt_complete_time /></dd>
                <dt>"Next attempt"</dt>
                <dd><TimeText time=next_attempt_time /></dd>
                {(!blocked_reason.is_empty()).then(|| view! {
                    <dt>"Blocked because"</dt>
                    <dd>{blocked_reason}</dd>
                })}
            </dl>
            {last_attempt_failure.map(|failure| view! {
                <h4>"Last attempt failure"</h4>
                <FailureBlock failure />
            })}
        </article>
    }
}

/// A link to another run's event (in any namespace of this cluster).
#[component]
pub fn EventLink(link: WorkflowEventLink) -> impl IntoView {
    view! { <a class="mono" href=link.path(&urls::links())>{link.text()}</a> }
}
