//! `/namespaces/{ns}/batch-operations/{job_id}`: a batch job's progress (DescribeBatchOperation),
//! refreshed by reloading, with a form that stops it while it runs.
use leptos::prelude::*;

use super::params::{path_param, route_source};
use crate::{
    api::load_batch_job,
    components::{PageLoader, PageShell, PageTitle, TimeText},
    urls,
};
use model::BatchJobPage;

#[component]
pub fn BatchJobPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let job_id = path_param("job_id");
    let job = Resource::new(route_source(move || (namespace.get(), job_id.get())), |(namespace, job_id)| {
        load_batch_job(namespace, job_id)
    });
    // `?done=…` after a start or a stop: read with the route, before the load waits.
    let done = leptos_router::hooks::use_query_map().with_untracked(|query| query.get("done"));
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader
                page=job
                loading="Loading the batch job…"
                render=move |job| view! { <Job job done=done.clone() /> }
            />
        </PageShell>
    }
}

#[component]
fn Job(job: BatchJobPage, done: Option<String>) -> impl IntoView {
    let here = urls::batch_job(&job.namespace, &job.job_id);
    let list = urls::workflows_query(&job.namespace, &job.query, None);
    let progress = format!("{} of {} done, {} failed", job.complete, job.total, job.failed);
    view! {
        <PageTitle text=format!("Batch job {}", job.job_id) />
        <h1>"Batch job " <span class="mono">{job.job_id.clone()}</span></h1>
        {done.map(|done| view! {
            <p class="notice" role="status">{if done == "stop" { "Stop requested." } else { "Batch job started: Temporal works through the runs; reload to follow it." }}</p>
        })}
        <dl class="facts summary-facts">
            <dt>"Operation"</dt><dd>{job.operation.clone()}</dd>
            <dt>"State"</dt><dd class="batch-state">{job.state.clone()}</dd>
            <dt>"Progress"</dt><dd class="batch-progress">{progress}</dd>
            <dt>"Query"</dt><dd><a class="mono" href=list>{job.query.clone()}</a></dd>
            <dt>"Reason"</dt><dd>{job.reason.clone()}</dd>
            <dt>"Started by"</dt><dd>{job.identity.clone()}</dd>
            <dt>"Started"</dt><dd><TimeText time=job.start_time.clone() /></dd>
            <dt>"Closed"</dt><dd><TimeText time=job.close_time.clone() /></dd>
        </dl>
        <p><a href=here.clone()>"Reload"</a></p>
        {job.can_stop.then(|| view! {
            <form method="post" action=format!("{here}/stop") class="run-action">
                <input type="hidden" name="csrf" value=job.csrf_token.clone() />
                <label>"Reason " <input name="reason" autocomplete="off" /></label>
                <button type="submit" class="danger">"Stop the batch job"</button>
            </form>
        })}
    }
}
