use leptos::prelude::*;

use crate::urls;
use model::{Evidence, Finding, RunHeader, Severity};

/// "Why is it stuck?" in plain words, each statement linked to its evidence.
#[component]
pub fn DiagnosisPanel(findings: Vec<Finding>, header: RunHeader) -> impl IntoView {
    let heading = if header.status.is_running() { "Why is it not progressing?" } else { "How it ended" };
    let items = findings
        .into_iter()
        .map(|finding| {
            let class = match finding.severity {
                Severity::Blocking => "finding finding-blocking",
                Severity::Warning => "finding finding-warning",
                Severity::Info => "finding finding-info",
            };
            let (href, label) = match finding.evidence {
                Evidence::Tab { segment, label } => {
                    (urls::run_tab(&header.namespace, &header.workflow_id, &header.run_id, &segment), label)
                }
                Evidence::Event(id) => (format!("#{}", urls::event_anchor(id)), format!("event {id}")),
                Evidence::Page { href, label } => (href, label),
            };
            view! { <li class=class>{finding.text} " " <a href=href class="evidence">{format!("({label})")}</a></li> }
        })
        .collect_view();
    view! {
        <section class="panel diagnosis" aria-label="Diagnosis">
            <h2>{heading}</h2>
            <ul>{items}</ul>
        </section>
    }
}
