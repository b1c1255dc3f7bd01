use crate::components::PageTitle;
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    pending_nexus::{Callbacks, PendingNexusOperation},
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_pending,
    components::{FailureBlock, PayloadList, TimeText},
    error::AppError,
    urls,
};
use model::{ActionKind, PendingActivityView, PendingChildView, PendingPage, RunHeader};

/// `…/{run_id}/pending-activities`: what the run waits for, with attempts and last failures.
#[component]
pub fn PendingActivitiesPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::PendingActivities load=load render=pending_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<PendingPage, AppError>> {
    load_pending(route.namespace, route.workflow_id, route.run_id)
}

fn pending_view(page: PendingPage) -> impl IntoView {
    let PendingPage { header, activities, children, nexus_operations, callbacks } = page;
    let run = (header.namespace.clone(), header.workflow_id.clone(), header.run_id.clone());
    let namespace = header.namespace.clone();
    let title = format!("{} · pending activities", header.workflow_id);
    view! {
        <PageTitle text=title />
        <RunHeaderView header=header.clone() active=RunTab::PendingActivities />
        {(!activities.is_empty() && header.status.is_running())
            .then(|| header.permissions.unavailable_note(ActionKind::ActivityCommands).map(str::to_string))
            .flatten()
            .map(|note| view! { <p class="muted unavailable-note">"Activity commands: " {note}</p> })}
        {if activities.is_empty() {
            view! { <p class="empty">"No pending activities."</p> }.into_any()
        } else {
            let commands = header_commands(&header);
            activities
                .into_iter()
                .map(|activity| view! { <PendingActivity activity commands=commands.clone() /> })
                .collect_view()
                .into_any()
        }}
        {(!children.is_empty()).then(|| view! { <PendingChildren children namespace /> })}
        {nexus_operations
            .into_iter()
            .map(|operation| view! { <PendingNexusOperation operation run=run.clone() /> })
            .collect_view()}
        {(!callbacks.is_empty()).then(|| view! { <Callbacks callbacks /> })}
    }
}

/// The run the commands act on, when the viewer may use activity commands on it.
type ActivityCommands = Option<(String, String, String)>;

fn header_commands(header: &RunHeader) -> ActivityCommands {
    (header.permissions.allows(ActionKind::ActivityCommands) && header.status.is_running())
        .then(|| (header.namespace.clone(), header.workflow_id.clone(), header.run_id.clone()))
}

#[component]
fn PendingActivity(activity: PendingActivityView, commands: ActivityCommands) -> impl IntoView {
    let links = commands.map(|(namespace, workflow_id, run_id)| {
        let paused = activity.state == "Paused";
        let offered = [
            ("pause", "Pause", !paused),
            ("unpause", "Unpause", paused),
            ("reset", "Reset", true),
            ("options", "Change options", true),
            // For an activity that completes asynchronously: answer as its outside system would.
            ("complete", "Complete", true),
            ("fail", "Fail", true),
        ];
        let links = offered
            .into_iter()
            .filter(|(_, _, shown)| *shown)
            .map(|(action, label, _)| {
                let href = urls::activity_action(&namespace, &workflow_id, &run_id, &activity.activity_id, action);
                view! { <a class="action" href=href>{label}</a> }
            })
            .collect_view();
        let label = format!("Commands on activity {}", activity.activity_id);
        view! { <nav class="run-actions" aria-label=label>{links}</nav> }
    });
    let attempts = if activity.maximum_attempts == 0 {
        format!("{} of unlimited", activity.attempt)
    } else {
        format!("{} of {}", activity.attempt, activity.maximum_attempts)
    };
    let next_attempt = activity.next_attempt_in.clone().map(|wait| format!(" (in {wait})"));
    let label = format!("Activity {}", activity.activity_id);
    view! {
        <section class="panel pending-activity" aria-label=label>
            <h2>
                <span class="mono">{activity.activity_type}</span>
                <span class="muted">" · ID " {activity.activity_id} " · " {activity.state}</span>
            </h2>
            {links}
            <dl class="facts summary-facts">
                <dt>"Attempt"</dt>
                <dd>{attempts}</dd>
                <dt>"Scheduled"</dt>
                <dd><TimeText time=activity.scheduled_time /></dd>
                <dt>"Last started"</dt>
                <dd><TimeText time=activity.last_started_time /></dd>
                <dt>"Next attempt"</dt>
                <dd><TimeText time=activity.next_attempt_time /> {next_attempt}</dd>
                <dt>"Retry interval"</dt>
                <dd>{activity.current_retry_interval.unwrap_or_default()}</dd>
                <dt>"Expires"</dt>
                <dd><TimeText time=activity.expiration_time /></dd>
                <dt>"Last heartbeat"</dt>
                <dd><TimeText time=activity.last_heartbeat_time /></dd>
                <dt>"Last worker"</dt>
                <dd class="mono">{activity.last_worker_identity}</dd>
            </dl>
            {(!activity.heartbeat_details.is_empty()).then(|| view! {
                <h3>"Heartbeat details"</h3>
                <PayloadList payloads=activity.heartbeat_details />
            })}
            {activity.last_failure.map(|failure| view! {
                <h3>"Last failure"</h3>
                <FailureBlock failure />
            })}
        </section>
    }
}

#[component]
fn PendingChildren(children: Vec<PendingChildView>, namespace: String) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="children-heading">
            <h2 id="children-heading">"Pending child workflows"</h2>
            <table class="data-table">
                <thead><tr><th>"Workflow ID"</th><th>"Type"</th><th>"Initiated by event"</th></tr></thead>
                <tbody>
                    {children
                        .into_iter()
                        .map(|child| {
                            let href = if child.run_id.is_empty() {
                                urls::workflow(&namespace, &child.workflow_id)
                            } else {
                                urls::run_history(&namespace, &child.workflow_id, &child.run_id)
                            };
                            view! {
                                <tr>
                                    <td class="mono"><a href=href>{child.workflow_id}</a></td>
                                    <td>{child.workflow_type}</td>
                                    <td>{child.initiated_event_id}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}
