//! `/namespaces/{ns}/activities/{activity_id}/{run_id}/actions/{action}`: the confirmation form
//! of a command on a standalone activity (pause, unpause, reset, new options, request
//! cancellation, terminate). A plain POST form, checked again by the server when it arrives.
use leptos::prelude::*;

use super::{params::path_param, params::route_source, standalone_activity::label};
use crate::{
    api::load_standalone_activity_action,
    components::{PageLoader, PageShell, PageTitle},
    urls,
};
use model::StandaloneActivityActionPage as ActionPage;

#[component]
pub fn StandaloneActivityActionPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let activity_id = path_param("activity_id");
    let run_id = path_param("run_id");
    let action = path_param("action");
    let page = Resource::new(
        route_source(move || (namespace.get(), activity_id.get(), run_id.get(), action.get())),
        |(namespace, activity_id, run_id, action)| {
            load_standalone_activity_action(namespace, activity_id, run_id, action)
        },
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Loading the activity…" render=|page| view! { <ActionView page /> } />
        </PageShell>
    }
}

fn heading(action: &str) -> &'static str {
    match action {
        "pause" => "Pause this activity",
        "unpause" => "Unpause this activity",
        "reset" => "Reset this activity",
        "options" => "Change this activity's options",
        "cancel" => "Request this activity's cancellation",
        _ => "Terminate this activity",
    }
}

#[component]
fn ActionView(page: ActionPage) -> impl IntoView {
    let activity = &page.activity;
    let title = format!("Activity {} · {}", activity.activity_id, page.action);
    let back = urls::standalone_activity(&activity.namespace, &activity.activity_id, &activity.run_id);
    let state = activity.state.clone().map(|state| format!(" ({state})")).unwrap_or_default();
    let summary = format!(
        "Standalone activity {} ({}), run {}, {}{state}, attempt {}.",
        activity.activity_id, activity.activity_type, activity.run_id, activity.status, activity.attempt
    );
    let body = if let Some(refused) = page.refused.clone() {
        view! { <p class="warning" role="alert">"You cannot do this here: " {refused} "."</p> }.into_any()
    } else if let Some(unavailable) = page.unavailable.clone() {
        view! { <p class="warning" role="status">"Not possible now: " {unavailable} "."</p> }.into_any()
    } else {
        view! { <ActionForm page=page.clone() /> }.into_any()
    };
    view! {
        <PageTitle text=title />
        <p class="breadcrumbs">
            <a href=urls::standalone_activities(&activity.namespace, "")>"Standalone activities"</a>
            " › "
            <a href=back>{activity.activity_id.clone()}</a>
        </p>
        <section class="panel action-form" aria-labelledby="action-heading">
            <h2 id="action-heading">{heading(&page.action)}</h2>
            <p>{summary}</p>
            {body}
        </section>
    }
}

#[component]
fn ActionForm(page: ActionPage) -> impl IntoView {
    let activity = &page.activity;
    let action =
        urls::standalone_activity_action(&activity.namespace, &activity.activity_id, &activity.run_id, &page.action);
    let back = urls::standalone_activity(&activity.namespace, &activity.activity_id, &activity.run_id);
    let reason = || view! { <label>"Reason " <input name="reason" autocomplete="off" /></label> };
    let fields = match page.action.as_str() {
        "pause" | "unpause" => reason().into_any(),
        "cancel" => view! {
            <p class="muted">"The worker learns of it at its next heartbeat; an activity that does not heartbeat runs on until it ends."</p>
            {reason()}
        }
        .into_any(),
        "terminate" => view! {
            <p class="muted">"It ends now; the worker is not told, and a running attempt's result is dropped."</p>
            {reason()}
            <label>
                "Type the activity ID " <span class="mono">{activity.activity_id.clone()}</span> " to confirm "
                <input name="confirm" autocomplete="off" required />
            </label>
        }
        .into_any(),
        "reset" => view! {
            <p class="muted">"The activity starts again from attempt 1 (a running attempt's result is dropped)."</p>
            <label><input type="checkbox" name="reset_heartbeat" value="true" /> " Forget the last heartbeat's details"</label>
            <label><input type="checkbox" name="keep_paused" value="true" /> " Keep it paused"</label>
        }
        .into_any(),
        _ => view! { <OptionsFields maximum_attempts=activity.options.maximum_attempts /> }.into_any(),
    };
    view! {
        <form method="post" action=action class="run-action">
            <input type="hidden" name="csrf" value=page.csrf_token.clone() />
            <input type="hidden" name="run_id" value=activity.run_id.clone() />
            {fields}
            <button type="submit">{label(&page.action)}</button>
            " " <a href=back>"Back to the activity"</a>
        </form>
    }
}

/// Empty fields keep their value; the retry policy's current maximum is shown.
#[component]
fn OptionsFields(maximum_attempts: i32) -> impl IntoView {
    let attempts = if maximum_attempts == 0 { "unlimited".to_string() } else { maximum_attempts.to_string() };
    view! {
        <p class="muted">"Leave a field empty to keep its value. Durations in seconds."</p>
        <label>"Maximum attempts (now " {attempts} "; 0 for unlimited) " <input name="maximum_attempts" inputmode="numeric" /></label>
        <label>"Initial retry interval " <input name="initial_interval" inputmode="numeric" /></label>
        <label>"Maximum retry interval " <input name="maximum_interval" inputmode="numeric" /></label>
        <label>"Backoff coefficient " <input name="backoff_coefficient" inputmode="decimal" /></label>
        <label>"Start-to-close timeout " <input name="start_to_close" inputmode="numeric" /></label>
        <label>"Schedule-to-close timeout " <input name="schedule_to_close" inputmode="numeric" /></label>
        <label>"Heartbeat timeout " <input name="heartbeat" inputmode="numeric" /></label>
    }
}
