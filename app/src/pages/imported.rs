use crate::components::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    params::{path_param, route_source},
    run::{HistoryEvents, LinkedEvent},
};
use crate::{
    api::load_import,
    components::{InputAndOutcome, PageLoader, PageShell, StatusBadge, TimeText},
    urls,
};
use model::{HistoryOptions, ImportPage};

/// `/import/{id}` and `/import/{id}/events/{eventId}`: a history read from a file, with the run's
/// facts as its events tell them and the same history views as a live run.
#[component]
pub fn ImportedHistoryPage() -> impl IntoView {
    let id = path_param("id");
    let event_id = path_param("event_id");
    let query = use_query_map();
    let page = Resource::new(
        route_source(move || {
            (id.get(), event_id.get(), query.with(|query| HistoryOptions::from_query(|key| query.get(key))))
        }),
        |(id, event_id, options)| load_import(id, options.query_string(urls::encode), event_id.parse().ok()),
    );
    // The view's own reads of the route, done now: the render runs after the load has waited.
    let options = query.with_untracked(|query| HistoryOptions::from_query(|key| query.get(key)));
    let event_param = event_id.get_untracked();
    let render = move |page| view! { <ImportedView page options=options.clone() event_param=event_param.clone() /> };
    view! {
        <PageShell>
            <PageLoader page loading="Reading the history…" render />
        </PageShell>
    }
}

#[component]
fn ImportedView(page: ImportPage, options: HistoryOptions, event_param: String) -> impl IntoView {
    let ImportPage { id, file_name, workflow_type, task_queue, status, start_time, close_time, .. } = page;
    let (input, result, failure, history, events_json) =
        (page.input, page.result, page.failure, page.history, page.events_json);
    let history_url = urls::imported(&id);
    let download = format!("{history_url}/history.json");
    let selected = history.linked.as_ref().map(|event| event.event_id);
    let (linked, event_count) = (history.linked.clone(), history.total);
    view! {
        <PageTitle text=format!("{file_name} · imported history") />
        <header class="run-header">
            <p class="muted">"Imported history · " <a href=urls::import(None)>"open another file"</a></p>
            <h1 class="mono">{file_name.clone()} " " <StatusBadge status /></h1>
        </header>
        <LinkedEvent linked event_param event_count history_url=history_url.clone() />
        <section class="panel summary" aria-label="Summary">
            <dl class="facts summary-facts">
                <dt>"Status"</dt>
                <dd>{status.name()} {status.is_running().then_some(" (open when the history was saved)")}</dd>
                <dt>"Workflow type"</dt>
                <dd>{workflow_type}</dd>
                <dt>"Task queue"</dt>
                <dd class="mono">{task_queue}</dd>
                <dt>"Start"</dt>
                <dd><TimeText time=start_time /></dd>
                <dt>"Close"</dt>
                <dd><TimeText time=close_time /></dd>
                <dt>"History"</dt>
                <dd>{event_count} " events"</dd>
            </dl>
        </section>
        <InputAndOutcome input result failure>
            <p class="muted">"No result in this history."</p>
        </InputAndOutcome>
        <HistoryEvents history events_json options history_url download selected />
    }
}
