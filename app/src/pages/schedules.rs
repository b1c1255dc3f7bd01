//! `/namespaces/{ns}/schedules` (the Temporal UI's URL): every schedule of the namespace with its
//! state, its spec in words, what it starts, its next run and its last run, a page at a time.
use leptos::prelude::*;

use super::params::{path_param, query_param, route_source};
use crate::{
    api::list_schedules,
    components::{PageLoader, PageShell, PageTitle, StatusBadge, TimeText},
    urls,
};
use model::{ExecutionStatus, ScheduleRow, SchedulesPage as Schedules};

#[component]
pub fn SchedulesPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let next = query_param("next");
    let schedules = Resource::new(route_source(move || (namespace.get(), next.get())), |(namespace, next)| {
        list_schedules(namespace, next)
    });
    let render = {
        let (namespace, first_page) = (namespace.get_untracked(), next.get_untracked().is_none());
        move |page| view! { <ScheduleList page namespace=namespace.clone() first_page /> }
    };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page=schedules loading="Loading schedules…" render />
        </PageShell>
    }
}

#[component]
fn ScheduleList(page: Schedules, namespace: String, first_page: bool) -> impl IntoView {
    let Schedules { rows, next_page } = page;
    let here = urls::schedules(&namespace);
    let title = format!("Schedules · {namespace}");
    let body = if rows.is_empty() {
        let sentence = if first_page {
            format!("The namespace {namespace} has no schedules.")
        } else {
            "No more schedules.".to_string()
        };
        view! { <p class="empty">{sentence}</p> }.into_any()
    } else {
        let rows =
            rows.into_iter().map(|row| view! { <ScheduleTableRow row namespace=namespace.clone() /> }).collect_view();
        view! {
            <table class="data-table schedules-table">
                <thead>
                    <tr>
                        <th scope="col">"Schedule ID"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Runs"</th>
                        <th scope="col">"Workflow type"</th>
                        <th scope="col">"Next run"</th>
                        <th scope="col">"Last run"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <PageTitle text=title />
        <h1>"Schedules"</h1>
        {body}
        <nav class="pager" aria-label="Pages">
            {(!first_page).then(|| view! { <a href=here.clone()>"First page"</a> })}
            {next_page.map(|token| {
                view! { <a rel="next" href=format!("{here}?next={}", urls::encode(&token))>"Next page"</a> }
            })}
        </nav>
    }
}

#[component]
fn ScheduleTableRow(row: ScheduleRow, namespace: String) -> impl IntoView {
    let ScheduleRow { schedule_id, paused, notes, spec_words, workflow_type, next_run, last_run } = row;
    let link = urls::schedule(&namespace, &schedule_id);
    let state = if paused {
        view! {
            <span class="schedule-state schedule-paused">"Paused"</span>
            {(!notes.is_empty()).then(|| view! { <span class="schedule-note">{format!(" — {notes}")}</span> })}
        }
        .into_any()
    } else {
        view! { <span class="schedule-state schedule-active">"Active"</span> }.into_any()
    };
    let last = match last_run {
        Some(run) => {
            let href = urls::run_history(&namespace, &run.workflow_id, &run.run_id);
            let status =
                (run.status != ExecutionStatus::Unspecified).then(|| view! { <StatusBadge status=run.status /> " " });
            view! { <td>{status}<a href=href><TimeText time=run.actual_time.clone() /></a></td> }.into_any()
        }
        None => view! { <td><span class="muted">"none yet"</span></td> }.into_any(),
    };
    view! {
        <tr>
            <td class="mono"><a href=link>{schedule_id}</a></td>
            <td>{state}</td>
            <td class="schedule-spec">{spec_words.join("; ")}</td>
            <td>{workflow_type}</td>
            <td>{if paused { view! { <span class="muted">"paused"</span> }.into_any() } else { view! { <TimeText time=next_run /> }.into_any() }}</td>
            {last}
        </tr>
    }
}
