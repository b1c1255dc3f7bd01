use leptos::prelude::*;

use crate::{components::StatusBadge, urls};
use model::RunHeader;

/// The tabs of a run, each its own URL (the Temporal UI's tab names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunTab {
    History,
    Timeline,
    PendingActivities,
    Workers,
    CallStack,
    Queries,
    Relationships,
    Tree,
    SearchAttributes,
    Memo,
}

impl RunTab {
    const ALL: [RunTab; 10] = [
        RunTab::History,
        RunTab::Timeline,
        RunTab::PendingActivities,
        RunTab::Workers,
        RunTab::CallStack,
        RunTab::Queries,
        RunTab::Relationships,
        RunTab::Tree,
        RunTab::SearchAttributes,
        RunTab::Memo,
    ];

    pub fn segment(self) -> &'static str {
        match self {
            RunTab::History => "history",
            RunTab::Timeline => "timeline",
            RunTab::PendingActivities => "pending-activities",
            RunTab::Workers => "workers",
            RunTab::CallStack => "call-stack",
            RunTab::Queries => "queries",
            RunTab::Relationships => "relationships",
            RunTab::Tree => "tree",
            RunTab::SearchAttributes => "search-attributes",
            RunTab::Memo => "memo",
        }
    }

    /// The tab's label; the pending-activities tab shows the count when it is known.
    fn label(self, pending_activities: Option<usize>) -> String {
        match (self, pending_activities) {
            (RunTab::History, _) => "History".into(),
            (RunTab::Timeline, _) => "Timeline".into(),
            (RunTab::PendingActivities, Some(count)) => format!("Pending activities ({count})"),
            (RunTab::PendingActivities, None) => "Pending activities".into(),
            (RunTab::Workers, _) => "Workers".into(),
            (RunTab::CallStack, _) => "Call stack".into(),
            (RunTab::Queries, _) => "Queries".into(),
            (RunTab::Relationships, _) => "Relationships".into(),
            (RunTab::Tree, _) => "Tree".into(),
            (RunTab::SearchAttributes, _) => "Search attributes".into(),
            (RunTab::Memo, _) => "Memo".into(),
        }
    }
}

/// The run's identity, status and tab bar.
#[component]
pub fn RunHeaderView(
    header: RunHeader,
    /// The tab shown; none on a page that is not a tab (an action's form).
    #[prop(optional, into)]
    active: Option<RunTab>,
) -> impl IntoView {
    let runs = format!("{}?run={}", urls::runs(&header.namespace, &header.workflow_id), urls::encode(&header.run_id));
    view! {
        <div class="run-header">
            <h1>
                <StatusBadge status=header.status />
                " "
                <span class="mono workflow-id">{header.workflow_id.clone()}</span>
            </h1>
            <p class="muted">
                {header.workflow_type.clone()} " · run " <span class="mono">{header.run_id.clone()}</span>
                " · task queue "
                <a class="mono" href=urls::task_queue(&header.namespace, &header.task_queue)>{header.task_queue.clone()}</a>
                " · "
                <a href=runs>"All runs of this workflow ID"</a>
            </p>
            <RunTabBar
                namespace=header.namespace.clone()
                workflow_id=header.workflow_id.clone()
                run_id=header.run_id.clone()
                active
                pending_activities=Some(header.pending_activities)
            />
            <super::workflow_task_banner::WorkflowTaskBanner header=header.clone() />
            <super::actions_bar::ActionsBar header=header.clone() />
            <super::actions_bar::DoneNotice />
        </div>
    }
}

/// The header of a run whose data could not be loaded: identity from the URL, tabs without counts.
#[component]
pub fn RunHeaderFallback(namespace: String, workflow_id: String, run_id: String, active: RunTab) -> impl IntoView {
    view! {
        <div class="run-header">
            <h1><span class="mono workflow-id">{workflow_id.clone()}</span></h1>
            <p class="muted">"run " <span class="mono">{run_id.clone()}</span></p>
            <RunTabBar namespace workflow_id run_id active=Some(active) pending_activities=None />
        </div>
    }
}

#[component]
fn RunTabBar(
    namespace: String,
    workflow_id: String,
    run_id: String,
    active: Option<RunTab>,
    pending_activities: Option<usize>,
) -> impl IntoView {
    let tabs = RunTab::ALL
        .into_iter()
        .map(|tab| {
            let href = urls::run_tab(&namespace, &workflow_id, &run_id, tab.segment());
            let current = (Some(tab) == active).then_some("page");
            view! { <a href=href aria-current=current>{tab.label(pending_activities)}</a> }
        })
        .collect_view();
    view! { <nav class="tabs" aria-label="Run views">{tabs}</nav> }
}
