use leptos::prelude::*;

use crate::{components::StatusBadge, model::RunHeader, urls};

/// The tabs of a run, each its own URL (the Temporal UI's tab names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunTab {
    History,
    PendingActivities,
    Workers,
    CallStack,
}

impl RunTab {
    const ALL: [RunTab; 4] = [RunTab::History, RunTab::PendingActivities, RunTab::Workers, RunTab::CallStack];

    pub fn segment(self) -> &'static str {
        match self {
            RunTab::History => "history",
            RunTab::PendingActivities => "pending-activities",
            RunTab::Workers => "workers",
            RunTab::CallStack => "call-stack",
        }
    }

    fn label(self, header: &RunHeader) -> String {
        match self {
            RunTab::History => "History".into(),
            RunTab::PendingActivities => format!("Pending activities ({})", header.pending_activities),
            RunTab::Workers => "Workers".into(),
            RunTab::CallStack => "Call stack".into(),
        }
    }
}

/// The run's identity, status and tab bar.
#[component]
pub fn RunHeaderView(header: RunHeader, active: RunTab) -> impl IntoView {
    let tabs = RunTab::ALL
        .into_iter()
        .map(|tab| {
            let href = urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, tab.segment());
            let current = (tab == active).then_some("page");
            view! { <a href=href aria-current=current>{tab.label(&header)}</a> }
        })
        .collect_view();
    view! {
        <div class="run-header">
            <h1>
                <StatusBadge status=header.status />
                " "
                <span class="mono workflow-id">{header.workflow_id.clone()}</span>
            </h1>
            <p class="muted">
                {header.workflow_type.clone()} " · run " <span class="mono">{header.run_id.clone()}</span>
                " · task queue " <span class="mono">{header.task_queue.clone()}</span> " · "
                <a href=urls::runs(&header.namespace, &header.workflow_id)>"All runs of this workflow ID"</a>
            </p>
            <nav class="tabs" aria-label="Run views">{tabs}</nav>
        </div>
    }
}
