use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    diagnosis::DiagnosisPanel,
    event_table::EventTable,
    loader::{RunRoute, RunTabLoader},
    summary::RunSummaryPanel,
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::load_run,
    components::{FailureBlock, PayloadList},
    error::AppError,
    model::{ExecutionStatus, RunPage},
    urls,
};

/// `…/{workflow_id}/{run_id}/history`: summary, input, outcome and every event of the run.
#[component]
pub fn RunHistoryPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::History load=load render=run_view /> }
}

fn run_view(run: RunPage) -> impl IntoView {
    view! { <RunView run /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<RunPage, AppError>> {
    load_run(route.namespace, route.workflow_id, route.run_id)
}

#[component]
fn RunView(run: RunPage) -> impl IntoView {
    let RunPage { summary, input, result, failure, events, findings } = run;
    let header = summary.header();
    let event_count = events.len();
    let download = urls::history_json(&summary.namespace, &summary.workflow_id, &summary.run_id);
    let summary_status = summary.status;
    let continued_as = summary
        .continued_as
        .clone()
        .map(|run_id| (urls::run_history(&summary.namespace, &summary.workflow_id, &run_id), run_id));
    view! {
        // A plain string made with the data: a title closure over route signals can outlive them.
        <Title text=format!("{} · history", summary.workflow_id) />
        <RunHeaderView header=header.clone() active=RunTab::History />
        {(!findings.is_empty()).then(|| view! { <DiagnosisPanel findings header /> })}
        <RunSummaryPanel summary />
        <div class="io-grid">
            <section class="panel" aria-labelledby="input-heading">
                <h2 id="input-heading">"Input"</h2>
                <PayloadList payloads=input />
            </section>
            <section class="panel" aria-labelledby="outcome-heading">
                {match (result, failure) {
                    (Some(result), _) => view! {
                        <h2 id="outcome-heading">"Result"</h2>
                        <PayloadList payloads=result />
                    }
                    .into_any(),
                    (None, Some(failure)) => view! {
                        <h2 id="outcome-heading">"Failure"</h2>
                        <FailureBlock failure />
                    }
                    .into_any(),
                    (None, None) => view! {
                        <h2 id="outcome-heading">"Result"</h2>
                        <p class="muted">{no_outcome_text(&summary_status, continued_as.is_some())}</p>
                        {continued_as.map(|(href, run_id)| view! {
                            <p>"Next run: " <a class="mono" href=href>{run_id}</a></p>
                        })}
                    }
                    .into_any(),
                }}
            </section>
        </div>
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">"Event history " <span class="muted">{format!("({event_count} events)")}</span></h2>
            <p class="history-tools">
                <a href=download rel="external" download>"Download history (JSON)"</a>
                <span class="muted">" — the format of "<code>"temporal workflow show --output json"</code>", which SDK replayers read"</span>
            </p>
            <EventTable events />
        </section>
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
