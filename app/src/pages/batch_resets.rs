//! `/namespaces/{ns}/batch-resets/{id}`: the report of a run-by-run batch: a reset of each run a
//! query matched to its last workflow task before its first failure (for each run, the point in
//! words and the new run, or why it was left alone), or a pause of each run's pending activities
//! of one type (how many were paused, or why the run was left alone or failed).
use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::load_failure_reset,
    components::{PageLoader, PageShell, PageTitle, TimeText},
    urls,
};
use model::{FailureResetOutcome, FailureResetPage as Report, FailureResetResult, RunByRunAction};

#[component]
pub fn FailureResetPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let id = path_param("id");
    let report = Resource::new(route_source(move || (namespace.get(), id.get())), |(namespace, id)| {
        load_failure_reset(namespace, id)
    });
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page=report loading="Loading the report…" render=|report| view! { <Outcomes report /> } />
        </PageShell>
    }
}

#[component]
fn Outcomes(report: Report) -> impl IntoView {
    let (done, skipped, failed) = report.tally();
    let (title, heading, verb, columns) = match &report.action {
        RunByRunAction::ResetBeforeFailure => (
            "Reset before the first failure".to_string(),
            "Reset each run to before its first failure".to_string(),
            "reset",
            ("Reset to", "New run"),
        ),
        RunByRunAction::PauseActivities { activity_type } => (
            format!("Pause {activity_type} activities"),
            format!("Pause each run's pending {activity_type} activities"),
            "paused",
            ("Outcome", ""),
        ),
    };
    let again = match report.action {
        RunByRunAction::ResetBeforeFailure => {
            "The reset runs' new runs may match the query again: narrow it before running this again."
        }
        RunByRunAction::PauseActivities { .. } => "Narrow the query to reach the others.",
    };
    let list = urls::workflows_query(&report.namespace, &report.query, None);
    let namespace = report.namespace.clone();
    let rows = report
        .outcomes
        .into_iter()
        .map(|outcome| view! { <OutcomeRow namespace=namespace.clone() outcome /> })
        .collect_view();
    view! {
        <PageTitle text=title />
        <h1>{heading}</h1>
        <p class="batch-progress" role="status">
            {format!("{done} {verb}, {skipped} left alone, {failed} failed.")}
        </p>
        {report.more_runs.then(|| view! {
            <p class="warning">{format!(
                "The query matched more than {} runs: only the first {} were looked at. {again}",
                model::FAILURE_RESET_MAX_RUNS, model::FAILURE_RESET_MAX_RUNS,
            )}</p>
        })}
        <dl class="facts summary-facts">
            <dt>"Query"</dt><dd><a class="mono" href=list>{report.query}</a></dd>
            <dt>"Reason"</dt><dd>{report.reason}</dd>
            <dt>"Done by"</dt><dd>{report.identity}</dd>
            <dt>"Done"</dt><dd><TimeText time=report.time /></dd>
        </dl>
        <table class="data-table">
            <thead><tr><th scope="col">"Run"</th><th scope="col">{columns.0}</th><th scope="col">{columns.1}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="muted">"This report stays in this server's memory until it restarts; each run's history records its reset."</p>
    }
}

#[component]
fn OutcomeRow(namespace: String, outcome: FailureResetOutcome) -> impl IntoView {
    let FailureResetOutcome { workflow_id, run_id, result } = outcome;
    let old = urls::run_history(&namespace, &workflow_id, &run_id);
    let (point, new_run) = match result {
        FailureResetResult::Reset { event_id, sentence, new_run_id } => {
            let event = urls::event(&namespace, &workflow_id, &run_id, event_id);
            let new = urls::run_history(&namespace, &workflow_id, &new_run_id);
            (
                view! { <a href=event>{format!("workflow task {event_id}")}</a> " · " {sentence} }.into_any(),
                view! { <a class="mono" href=new>{new_run_id}</a> }.into_any(),
            )
        }
        FailureResetResult::Paused { activities } => {
            let text = format!("paused {activities} pending activit{}", if activities == 1 { "y" } else { "ies" });
            let pending = urls::run_tab(&namespace, &workflow_id, &run_id, "pending-activities");
            (view! { <a href=pending>{text}</a> }.into_any(), ().into_any())
        }
        FailureResetResult::Skipped(why) => {
            (view! { <span class="muted">"left alone: " {why}</span> }.into_any(), ().into_any())
        }
        FailureResetResult::Failed(why) => (view! { <span class="warning">{why}</span> }.into_any(), ().into_any()),
    };
    view! {
        <tr>
            <td><a class="mono" href=old>{workflow_id}</a></td>
            <td>{point}</td>
            <td>{new_run}</td>
        </tr>
    }
}
