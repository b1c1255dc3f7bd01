//! `…/{run_id}/activities/{activity_id}/actions/{action}`: the confirmation form of a command on
//! one pending activity (pause, unpause, reset, change its options, complete or fail it by its
//! ID). A plain POST form, checked again by the server when it arrives.
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{api::load_activity_action, components::PageTitle, error::AppError, urls};
use model::{ActivityActionPage, ends_activity};

#[component]
pub fn ActivityActionFormPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::PendingActivities load=load render=activity_action_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<ActivityActionPage, AppError>> {
    // `…/activities/{activity_id}/actions/{action}`: the path holds the ID encoded.
    let mut segments = route.path.rsplit('/');
    let action = segments.next().unwrap_or_default().to_string();
    let activity_id = segments.nth(1).map(urls::decode).unwrap_or_default();
    load_activity_action(route.namespace, route.workflow_id, route.run_id, activity_id, action)
}

fn wording(action: &str) -> (&'static str, &'static str) {
    match action {
        "pause" => ("Pause this activity", "Pause activity"),
        "unpause" => ("Unpause this activity", "Unpause activity"),
        "reset" => ("Reset this activity", "Reset activity"),
        "complete" => ("Complete this activity with a result", "Complete activity"),
        "fail" => ("Fail this activity", "Fail activity"),
        _ => ("Change this activity's options", "Change options"),
    }
}

fn activity_action_view(page: ActivityActionPage) -> impl IntoView {
    let (heading, button) = wording(&page.action);
    let title = format!("{} · activity {} · {}", page.header.workflow_id, page.activity.activity_id, page.action);
    let header = page.header.clone();
    let summary = format!(
        "Activity {} ({}), {}, attempt {}.",
        page.activity.activity_id, page.activity.activity_type, page.activity.state, page.activity.attempt
    );
    let body = if let Some(refused) = page.refused.clone() {
        view! { <p class="warning" role="alert">"You cannot do this here: " {refused} "."</p> }.into_any()
    } else if let Some(unavailable) = page.unavailable.clone() {
        view! { <p class="warning" role="status">"Not possible now: " {unavailable} "."</p> }.into_any()
    } else {
        view! { <ActivityForm page button /> }.into_any()
    };
    view! {
        <PageTitle text=title />
        <RunHeaderView header />
        <section class="panel action-form" aria-labelledby="action-heading">
            <h2 id="action-heading">{heading}</h2>
            <p>{summary}</p>
            {body}
        </section>
    }
}

#[component]
fn ActivityForm(page: ActivityActionPage, button: &'static str) -> impl IntoView {
    let header = &page.header;
    let action = urls::activity_action(
        &header.namespace,
        &header.workflow_id,
        &header.run_id,
        &page.activity.activity_id,
        &page.action,
    );
    let back =
        urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::PendingActivities.segment());
    let fields = match page.action.as_str() {
        "pause" => view! { <label>"Reason " <input name="reason" autocomplete="off" /></label> }.into_any(),
        "unpause" => view! {
            <label><input type="checkbox" name="reset_attempts" value="true" /> " Start counting attempts from 1 again"</label>
            <label><input type="checkbox" name="reset_heartbeat" value="true" /> " Forget the last heartbeat's details"</label>
        }
        .into_any(),
        "reset" => view! {
            <p class="muted">"The activity starts again from attempt 1 (a running attempt's result is dropped)."</p>
            <label><input type="checkbox" name="reset_heartbeat" value="true" /> " Forget the last heartbeat's details"</label>
            <label><input type="checkbox" name="keep_paused" value="true" /> " Keep it paused"</label>
        }
        .into_any(),
        "complete" | "fail" => {
            view! { <CompletionFields action=page.action.clone() activity_id=page.activity.activity_id.clone() /> }
                .into_any()
        }
        _ => view! { <OptionsFields maximum_attempts=page.activity.maximum_attempts /> }.into_any(),
    };
    view! {
        <form method="post" action=action class="run-action">
            <input type="hidden" name="csrf" value=page.csrf_token.clone() />
            <input type="hidden" name="run_id" value=header.run_id.clone() />
            {fields}
            <button type="submit" class=if ends_activity(&page.action) { "danger" } else { "" }>{button}</button>
            " " <a href=back>"Back to the pending activities"</a>
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

/// Completing or failing by ID ends the activity for good: the activity ID typed out confirms it.
#[component]
fn CompletionFields(action: String, activity_id: String) -> impl IntoView {
    let fields = if action == "complete" {
        view! {
            <p class="muted">"The activity completes with this result, as if its worker (or the outside system it waits for) had returned it."</p>
            <label>"Result (JSON) "
                <textarea name="result" rows="4" class="mono" spellcheck="false">"null"</textarea>
            </label>
        }
        .into_any()
    } else {
        view! {
            <p class="muted">"The activity fails with this message; Temporal retries it by its retry policy unless it is non-retryable."</p>
            <label>"Message " <input name="message" required autocomplete="off" /></label>
            <label><input type="checkbox" name="non_retryable" value="true" /> " Non-retryable (no further attempts)"</label>
        }
        .into_any()
    };
    view! {
        {fields}
        <label>
            "Type the activity ID " <span class="mono">{activity_id}</span> " to confirm "
            <input name="confirm" required autocomplete="off" spellcheck="false" class="mono" />
        </label>
    }
}
