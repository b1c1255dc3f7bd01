use crate::components::PageTitle;
use leptos::prelude::*;

use super::params::{path_param, query_param, route_source};
use crate::{
    api::compare_runs,
    components::{PageLoader, PageShell, StatusBadge, TimeText},
    urls,
};
use model::{ComparePage, CompareRow, CompareSide, CompareStep};

/// `/namespaces/{ns}/workflows/{workflow_id}/compare?a={run}&b={run}`: two runs side by side and
/// where they first diverge, the question after a reset or a rerun with the same ID.
#[component]
pub fn ComparePage() -> impl IntoView {
    let namespace = path_param("namespace");
    let workflow_id = path_param("workflow_id");
    let (a, b) = (query_param("a"), query_param("b"));
    let page = Resource::new(
        route_source(move || (namespace.get(), workflow_id.get(), a.get(), b.get())),
        |(namespace, workflow_id, a, b)| compare_runs(namespace, workflow_id, a, b),
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page loading="Comparing the runs…" render=|page| view! { <CompareView page /> } />
        </PageShell>
    }
}

#[component]
fn CompareView(page: ComparePage) -> impl IntoView {
    let verdict = match (page.first_difference, page.first_difference_row()) {
        (Some(index), Some(row)) => {
            let agreed = match index {
                0 => "The runs differ from the first step".to_string(),
                1 => "The runs agree on the first step, then differ".to_string(),
                _ => format!("The runs agree on the first {index} steps, then differ"),
            };
            format!(
                "{agreed} in {}: A has {}, B has {}.",
                row.differing.join(", "),
                describe(row.a.as_ref()),
                describe(row.b.as_ref())
            )
        }
        _ => format!("The runs agree on all {} steps (workflow tasks left out).", page.total_rows),
    };
    let ComparePage { namespace, workflow_id, a, b, rows, rows_from, total_rows, first_difference } = page;
    // Two long runs: only a window of rows around the first difference is on the page.
    let window_note = (rows.len() < total_rows).then(|| {
        format!(
            "Rows {}–{} of {total_rows}, from a little before the first difference; each run's history has every step.",
            rows_from + 1,
            rows_from + rows.len()
        )
    });
    let run_link = {
        let (namespace, workflow_id) = (namespace.clone(), workflow_id.clone());
        move |run_id: &str| urls::run_history(&namespace, &workflow_id, run_id)
    };
    let swap = urls::compare(&namespace, &workflow_id, &b.run_id, &a.run_id);
    let (history_a, history_b) = (run_link(&a.run_id), run_link(&b.run_id));
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(offset, row)| {
            let index = rows_from + offset;
            let is_first = first_difference == Some(index);
            view! { <CompareRowView row index is_first history_a=history_a.clone() history_b=history_b.clone() /> }
        })
        .collect_view();
    view! {
        <PageTitle text=format!("Compare runs of {workflow_id}") />
        <h1>"Compare runs of " <span class="mono">{workflow_id.clone()}</span></h1>
        <p class="muted">
            <a href=urls::runs(&namespace, &workflow_id)>"All runs of this workflow ID"</a> " · " <a href=swap>"Swap A and B"</a>
        </p>
        <div class="io-grid">
            <SideView label="A" side=a href=history_a />
            <SideView label="B" side=b href=history_b />
        </div>
        <p class="compare-verdict" role="status">{verdict}</p>
        {window_note.map(|note| view! { <p class="muted">{note}</p> })}
        <section class="panel" aria-label="Steps">
            <table class="data-table compare-table">
                <thead><tr><th>"#"</th><th>"A"</th><th>"B"</th><th>"Differs in"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    }
}

fn describe(step: Option<&CompareStep>) -> String {
    match step {
        Some(step) if step.name.is_empty() => format!("{} (event {})", step.event_type, step.event_id),
        Some(step) => format!("{} {} (event {})", step.event_type, step.name, step.event_id),
        None => "nothing (the run has fewer steps)".to_string(),
    }
}

#[component]
fn SideView(label: &'static str, side: CompareSide, href: String) -> impl IntoView {
    view! {
        <section class="panel" aria-label=format!("Run {label}")>
            <h2>{label} " " <StatusBadge status=side.status /></h2>
            <p><a class="mono" href=href>{side.run_id}</a></p>
            <p class="muted">"Started " <TimeText time=side.start_time /> {format!(" · {} steps", side.steps)}</p>
        </section>
    }
}

#[component]
fn CompareRowView(
    row: CompareRow,
    index: usize,
    is_first: bool,
    history_a: String,
    history_b: String,
) -> impl IntoView {
    let same = row.differing.is_empty();
    view! {
        <tr class:compare-same=same class:compare-differs=!same id=is_first.then_some("first-difference")>
            <td>{index + 1}</td>
            {step_cell(row.a, &history_a)}
            {step_cell(row.b, &history_b)}
            <td>{row.differing.join(", ")}</td>
        </tr>
    }
}

fn step_cell(step: Option<CompareStep>, history: &str) -> AnyView {
    let Some(step) = step else {
        return view! { <td class="muted">"—"</td> }.into_any();
    };
    let href = format!("{history}/events/{}", step.event_id);
    let detail = step.key_fields.iter().map(|(key, value)| format!("{key}: {value}")).collect::<Vec<_>>().join("\n");
    view! {
        <td>
            <a href=href>{step.event_id}</a> " " <span class="event-type">{step.event_type}</span> " "
            <span class="mono">{step.name}</span>
            {(!detail.is_empty()).then(|| view! { <pre class="compare-detail">{detail}</pre> })}
        </td>
    }
    .into_any()
}
