//! `/namespaces/{ns}/activities/{activity_id}/{run_id}/details` (the Temporal UI's URL), and
//! `/namespaces/{ns}/activities/{activity_id}` for its latest run: one standalone activity's
//! status and state, attempts, timeouts and retry policy, heartbeats, last failure, input and
//! outcome, and the links to its commands. Every text from Temporal is escaped by Leptos.
use leptos::prelude::*;

use super::{
    params::{path_param, route_source},
    standalone_activities::status_class,
};
use crate::{
    api::load_standalone_activity,
    components::{FailureBlock, PageLoader, PageShell, PageTitle, PayloadList, TimeText},
    urls,
};
use model::{StandaloneActivityOptions, StandaloneActivityPage as Activity};

#[component]
pub fn StandaloneActivityPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let activity_id = path_param("activity_id");
    let run_id = path_param("run_id");
    let activity = Resource::new(
        route_source(move || (namespace.get(), activity_id.get(), run_id.get())),
        |(namespace, activity_id, run_id)| load_standalone_activity(namespace, activity_id, run_id),
    );
    let render = {
        let done = leptos_router::hooks::use_query_map().with_untracked(|query| query.get("done"));
        move |activity| view! { <ActivityView activity done=done.clone() /> }
    };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page=activity loading="Loading the activity…" render />
        </PageShell>
    }
}

fn done_sentence(done: &str) -> Option<&'static str> {
    Some(match done {
        "activity-pause" => "Pause requested.",
        "activity-unpause" => "Unpaused.",
        "activity-reset" => "Reset.",
        "activity-options" => "Options changed.",
        "activity-cancel" => "Cancellation requested: the activity ends when its worker acknowledges it.",
        "activity-terminate" => "Terminated.",
        _ => return None,
    })
}

fn text_or_unset(value: Option<String>) -> String {
    value.unwrap_or_else(|| "not set".to_string())
}

#[component]
fn ActivityView(activity: Activity, done: Option<String>) -> impl IntoView {
    let namespace = activity.namespace.clone();
    let here = urls::standalone_activity(&namespace, &activity.activity_id, &activity.run_id);
    let title = format!("Activity {} · {namespace}", activity.activity_id);
    let done = done
        .as_deref()
        .and_then(done_sentence)
        .map(|sentence| view! { <p class="notice" role="status">{sentence}</p> });
    let attempts = match activity.options.maximum_attempts {
        0 => format!("{} of unlimited", activity.attempt),
        maximum => format!("{} of {maximum}", activity.attempt),
    };
    let paused = activity.is_paused().then(|| {
        view! { <p class="notice activity-paused" role="status">"Paused: no new attempt starts until it is unpaused."</p> }
    });
    let commands = commands(&activity);
    let queue = urls::task_queue(&namespace, &activity.task_queue);
    let Activity {
        activity_id,
        run_id,
        activity_type,
        status,
        state,
        task_queue,
        scheduled,
        last_started,
        last_attempt_completed,
        next_attempt,
        expires,
        closed,
        running_for,
        current_retry_interval,
        last_heartbeat,
        heartbeat_count,
        heartbeat_details,
        last_failure,
        last_worker_identity,
        sdk,
        canceled_reason,
        options,
        input,
        result,
        outcome_failure,
        ..
    } = activity;
    view! {
        <PageTitle text=title />
        <p class="breadcrumbs"><a href=urls::standalone_activities(&namespace, "")>"Standalone activities"</a></p>
        <h1>"Activity " <span class="mono">{activity_id}</span> " " <span class=status_class(&status)>{status.clone()}</span></h1>
        {done}
        {paused}
        <dl class="facts summary-facts standalone-activity">
            <dt>"Type"</dt><dd class="mono">{activity_type}</dd>
            <dt>"Run ID"</dt><dd class="mono">{run_id}</dd>
            <dt>"Status"</dt><dd>{status}</dd>
            {state.map(|state| view! { <dt>"State"</dt><dd>{state}</dd> })}
            <dt>"Task queue"</dt><dd class="mono"><a href=queue>{task_queue}</a></dd>
            <dt>"Attempt"</dt><dd>{attempts}</dd>
            <dt>"Scheduled"</dt><dd><TimeText time=scheduled /></dd>
            <dt>"Last started"</dt><dd><TimeText time=last_started /></dd>
            <dt>"Last attempt completed"</dt><dd><TimeText time=last_attempt_completed /></dd>
            <dt>"Next attempt"</dt><dd><TimeText time=next_attempt /></dd>
            <dt>"Retry interval"</dt><dd>{current_retry_interval.unwrap_or_default()}</dd>
            <dt>"Expires"</dt><dd><TimeText time=expires /></dd>
            <dt>"Closed"</dt><dd><TimeText time=closed /></dd>
            <dt>"Running for"</dt><dd>{running_for.unwrap_or_default()}</dd>
            <dt>"Last worker"</dt><dd class="mono">{last_worker_identity}</dd>
            <dt>"Worker SDK"</dt><dd>{sdk}</dd>
            {(!canceled_reason.is_empty()).then(|| view! { <dt>"Cancellation reason"</dt><dd>{canceled_reason}</dd> })}
        </dl>
        <p><a href=here>"Refresh"</a></p>
        {commands}
        {last_failure.map(|failure| view! {
            <section class="panel" aria-labelledby="activity-last-failure">
                <h2 id="activity-last-failure">"Last failure"</h2>
                <FailureBlock failure />
            </section>
        })}
        <section class="panel" aria-labelledby="activity-heartbeats">
            <h2 id="activity-heartbeats">"Heartbeats"</h2>
            <dl class="facts">
                <dt>"Last heartbeat"</dt><dd><TimeText time=last_heartbeat /></dd>
                <dt>"Heartbeats recorded"</dt><dd>{heartbeat_count}</dd>
            </dl>
            {if heartbeat_details.is_empty() {
                view! { <p class="empty">"No heartbeat details."</p> }.into_any()
            } else {
                view! { <h3>"Last heartbeat's details"</h3><PayloadList payloads=heartbeat_details /> }.into_any()
            }}
        </section>
        <Options options />
        <section class="panel" aria-labelledby="activity-input">
            <h2 id="activity-input">"Input"</h2>
            {if input.is_empty() {
                view! { <p class="empty">"No input."</p> }.into_any()
            } else {
                view! { <PayloadList payloads=input /> }.into_any()
            }}
        </section>
        {(!result.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="activity-result">
                <h2 id="activity-result">"Result"</h2>
                <PayloadList payloads=result />
            </section>
        })}
        {outcome_failure.map(|failure| view! {
            <section class="panel" aria-labelledby="activity-outcome">
                <h2 id="activity-outcome">"Failure"</h2>
                <FailureBlock failure />
            </section>
        })}
    }
}

/// The links to the commands the activity can take now, or why there are none.
fn commands(activity: &Activity) -> impl IntoView + use<> {
    let offered = activity.offered_actions();
    if offered.is_empty() {
        return None;
    }
    if let Some(refused) = activity.commands.refused.clone() {
        return Some(view! { <p class="muted unavailable-note">"Activity commands: " {refused} "."</p> }.into_any());
    }
    let links = offered
        .into_iter()
        .map(|action| {
            let href =
                urls::standalone_activity_action(&activity.namespace, &activity.activity_id, &activity.run_id, action);
            view! { <a class="action" href=href>{label(action)}</a> }
        })
        .collect_view();
    let name = format!("Commands on activity {}", activity.activity_id);
    Some(view! { <nav class="run-actions" aria-label=name>{links}</nav> }.into_any())
}

pub fn label(action: &str) -> &'static str {
    match action {
        "pause" => "Pause",
        "unpause" => "Unpause",
        "reset" => "Reset",
        "options" => "Change options",
        "cancel" => "Request cancellation",
        _ => "Terminate",
    }
}

#[component]
fn Options(options: StandaloneActivityOptions) -> impl IntoView {
    let StandaloneActivityOptions {
        schedule_to_close,
        schedule_to_start,
        start_to_close,
        heartbeat,
        initial_interval,
        maximum_interval,
        backoff_coefficient,
        maximum_attempts,
        non_retryable_error_types,
    } = options;
    let attempts = if maximum_attempts == 0 { "unlimited".to_string() } else { maximum_attempts.to_string() };
    let non_retryable =
        if non_retryable_error_types.is_empty() { "none".to_string() } else { non_retryable_error_types.join(", ") };
    view! {
        <section class="panel" aria-labelledby="activity-options">
            <h2 id="activity-options">"Timeouts and retry policy"</h2>
            <dl class="facts">
                <dt>"Schedule-to-close timeout"</dt><dd>{text_or_unset(schedule_to_close)}</dd>
                <dt>"Schedule-to-start timeout"</dt><dd>{text_or_unset(schedule_to_start)}</dd>
                <dt>"Start-to-close timeout"</dt><dd>{text_or_unset(start_to_close)}</dd>
                <dt>"Heartbeat timeout"</dt><dd>{text_or_unset(heartbeat)}</dd>
                <dt>"Initial retry interval"</dt><dd>{text_or_unset(initial_interval)}</dd>
                <dt>"Maximum retry interval"</dt><dd>{text_or_unset(maximum_interval)}</dd>
                <dt>"Backoff coefficient"</dt><dd>{text_or_unset(backoff_coefficient)}</dd>
                <dt>"Maximum attempts"</dt><dd>{attempts}</dd>
                <dt>"Non-retryable errors"</dt><dd>{non_retryable}</dd>
            </dl>
        </section>
    }
}
