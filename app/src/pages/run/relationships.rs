use crate::components::PageTitle;
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{api::load_relationships, components::TimeText, error::AppError, urls};
use model::{ChainLink, ChildView, ParentLink, RelationshipsPage, RunHeader, RunPosition};

/// `…/{run_id}/relationships`: parent, children, the runs before and after, and all runs.
#[component]
pub fn RelationshipsPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::Relationships load=load render=relationships_view /> }
}

fn load(route: RunRoute) -> impl std::future::Future<Output = Result<RelationshipsPage, AppError>> {
    load_relationships(route.namespace, route.workflow_id, route.run_id)
}

fn relationships_view(page: RelationshipsPage) -> impl IntoView {
    let RelationshipsPage { header, parent, root, children, previous, next, first_run_id, position } = page;
    let title = format!("{} · relationships", header.workflow_id);
    let tree_href = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, RunTab::Tree.segment());
    view! {
        <PageTitle text=title />
        <RunHeaderView header=header.clone() active=RunTab::Relationships />
        <section class="panel" aria-labelledby="family-heading">
            <h2 id="family-heading">"Parent"</h2>
            {match parent {
                Some(parent) => view! { <p>"Started by " <RunLink link=parent /></p> }.into_any(),
                None => view! { <p class="muted">"No parent: this run was started directly."</p> }.into_any(),
            }}
            {root.map(|root| view! { <p>"Root of the family: " <RunLink link=root /></p> })}
            <p><a href=tree_href>"This run and all its descendants, as a tree"</a></p>
        </section>
        <ChildrenPanel header=header.clone() children />
        <ChainPanel header previous next first_run_id position />
    }
}

#[component]
fn RunLink(link: ParentLink) -> impl IntoView {
    let href = urls::run_history(&link.namespace, &link.workflow_id, &link.run_id);
    view! {
        <a href=href class="mono">{link.workflow_id}</a>
        " · run " <span class="mono">{link.run_id}</span>
    }
}

#[component]
fn ChildrenPanel(header: RunHeader, children: Vec<ChildView>) -> impl IntoView {
    let count = children.len();
    let history = urls::run_history(&header.namespace, &header.workflow_id, &header.run_id);
    let body = if children.is_empty() {
        view! { <p class="muted">"This run started no child workflows."</p> }.into_any()
    } else {
        let rows = children
            .into_iter()
            .map(|child| {
                let href = match &child.run_id {
                    Some(run_id) => urls::run_history(&child.namespace, &child.workflow_id, run_id),
                    None => urls::workflow(&child.namespace, &child.workflow_id),
                };
                let state_class = format!("child-state state-{}", child.state.to_lowercase().replace(' ', "-"));
                let event_href = format!("{history}#{}", urls::event_anchor(child.last_event_id));
                view! {
                    <tr>
                        <td><span class=state_class>{child.state}</span></td>
                        <td><a class="mono" href=href>{child.workflow_id}</a></td>
                        <td>{child.workflow_type}</td>
                        <td class="mono">{child.run_id.unwrap_or_default()}</td>
                        <td><a href=event_href>{child.last_event_id}</a></td>
                        <td><TimeText time=child.last_event_time /></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data-table">
                <thead>
                    <tr><th>"State"</th><th>"Workflow ID"</th><th>"Type"</th><th>"Run ID"</th><th>"Last event"</th><th>"At"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="children-heading">
            <h2 id="children-heading">"Child workflows " <span class="muted">{format!("({count})")}</span></h2>
            {body}
        </section>
    }
}

#[component]
fn ChainPanel(
    header: RunHeader,
    previous: Option<ChainLink>,
    next: Option<ChainLink>,
    first_run_id: Option<String>,
    position: Result<Option<RunPosition>, String>,
) -> impl IntoView {
    let run_href = {
        let header = header.clone();
        move |run_id: &str| urls::run_history(&header.namespace, &header.workflow_id, run_id)
    };
    let runs_href =
        format!("{}?run={}", urls::runs(&header.namespace, &header.workflow_id), urls::encode(&header.run_id));
    let previous = previous.map(|link| {
        let href = run_href(&link.run_id);
        let label = format!("Previous run ({}): ", link.reason);
        view! { <p>{label} <a class="mono" href=href rel="prev">{link.run_id}</a></p> }
    });
    let next = next.map(|link| {
        let href = run_href(&link.run_id);
        let label = format!("Next run ({}): ", link.reason);
        view! { <p>{label} <a class="mono" href=href rel="next">{link.run_id}</a></p> }
    });
    let first = first_run_id.map(|run_id| {
        let href = run_href(&run_id);
        view! { <p>"First run of this chain: " <a class="mono" href=href>{run_id}</a></p> }
    });
    let alone = previous.is_none() && next.is_none();
    let position = match position {
        Ok(Some(RunPosition { index, count, truncated })) => format!(
            "This is run {index} of {count}{} with workflow ID {}, counting from the newest.",
            if truncated { "+" } else { "" },
            header.workflow_id
        ),
        Ok(None) => "This run is not in the visibility list of its workflow ID yet.".to_string(),
        Err(message) => format!("The runs of this workflow ID could not be listed: {message}"),
    };
    view! {
        <section class="panel" aria-labelledby="chain-heading">
            <h2 id="chain-heading">"Runs of this workflow ID"</h2>
            {previous}
            {next}
            {first}
            {alone.then(|| view! { <p class="muted">"Neither continued from another run nor continued as a new one."</p> })}
            <p class="run-position">{position} " " <a href=runs_href>"All runs"</a></p>
        </section>
    }
}
