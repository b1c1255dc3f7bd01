use crate::components::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    diagnosis::DiagnosisPanel,
    history_events::HistoryEvents,
    linked_event::LinkedEvent,
    loader::{RunRoute, RunTabLoader},
    summary::RunSummaryPanel,
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_run,
    components::InputAndOutcome,
    error::AppError,
    islands::{LiveUpdates, ScrollToEvent},
    pages::params::path_param,
    urls,
};
use model::{ExecutionStatus, HistoryOptions, RunPage};

/// `…/{workflow_id}/{run_id}/history`: summary, input, outcome and every event of the run.
#[component]
pub fn RunHistoryPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::History load=load render=run_view /> }
}

fn run_view(run: RunPage) -> impl IntoView {
    view! { <RunView run /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<RunPage, AppError>> {
    let options = HistoryOptions::from_query(|key| route.query.get(key));
    let view = options.query_string(urls::encode);
    // `…/history/events/{eventId}`: the event the permalink names.
    let event_id = route.path.rsplit_once("/history/events/").and_then(|(_, id)| id.parse().ok());
    load_run(route.namespace, route.workflow_id, route.run_id, view, event_id)
}

#[component]
fn RunView(run: RunPage) -> impl IntoView {
    let RunPage { summary, input, result, failure, history, findings, events_json, codec } = run;
    let options = use_query_map().with_untracked(|query| HistoryOptions::from_query(|key| query.get(key)));
    let header = summary.header();
    let event_count = history.total;
    let download = urls::history_json(&summary.namespace, &summary.workflow_id, &summary.run_id);
    let decoded_download = codec.then(|| format!("{download}?decoded=true"));
    let history_url = urls::run_history(&summary.namespace, &summary.workflow_id, &summary.run_id);
    // `…/history/events/{eventId}`: the event linked to, shown first and highlighted below.
    let event_param = path_param("event_id").get_untracked();
    let linked = history.linked.clone();
    let selected = linked.as_ref().map(|event| event.event_id);
    let summary_status = summary.status;
    // Closed runs do not change: no stream for them.
    let live_url = summary.status.is_running().then(|| format!("{history_url}/live?after={}", history.last_event_id));
    let continued_as = summary
        .continued_as
        .clone()
        .map(|run_id| (urls::run_history(&summary.namespace, &summary.workflow_id, &run_id), run_id));
    view! {
        // A plain string made with the data: a title closure over route signals can outlive them.
        <PageTitle text=format!("{} · history", summary.workflow_id) />
        <RunHeaderView header=header.clone() active=RunTab::History />
        <LinkedEvent linked event_param event_count history_url=history_url.clone() />
        {selected.map(|id| view! { <ScrollToEvent id /> })}
        {live_url.map(|url| view! { <LiveUpdates url /> })}
        {(!findings.is_empty()).then(|| view! { <DiagnosisPanel findings header /> })}
        <RunSummaryPanel summary />
        <InputAndOutcome input result failure>
            <p class="muted">{no_outcome_text(&summary_status, continued_as.is_some())}</p>
            {continued_as.map(|(href, run_id)| view! { <p>"Next run: " <a class="mono" href=href>{run_id}</a></p> })}
        </InputAndOutcome>
        <HistoryEvents history events_json options history_url download decoded_download selected />
    }
}

/// Why a run has neither result nor failure.
fn no_outcome_text(status: &ExecutionStatus, continued: bool) -> &'static str {
    match status {
        ExecutionStatus::ContinuedAsNew if continued => "This run continued as new: its work goes on in the next run.",
        ExecutionStatus::ContinuedAsNew => "This run continued as new.",
        status if status.is_running() => "No result yet: the run has not closed.",
        _ => "The run closed without a result.",
    }
}
