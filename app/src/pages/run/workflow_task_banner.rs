//! The banner at the top of every tab of a run whose workflow task keeps failing or timing out:
//! the cause in words (non-determinism first of all), the failure with its stack, the worker and
//! its build ID, and the links to the event and to the task queue's workers.
use leptos::prelude::*;

use crate::{
    components::{FailureBlock, TimeText},
    urls,
};
use model::{RunHeader, WorkflowTaskProblem};

#[component]
pub fn WorkflowTaskBanner(header: RunHeader) -> impl IntoView {
    let problem: Option<WorkflowTaskProblem> = header.workflow_task_problem.clone();
    problem.map(|problem| {
        let WorkflowTaskProblem { event_id, timed_out, cause, cause_code, attempt, failure, identity, build_id, time } =
            problem;
        let (namespace, workflow_id, run_id) = (&header.namespace, &header.workflow_id, &header.run_id);
        let event = urls::event(namespace, workflow_id, run_id, event_id);
        let workers = urls::run_tab(namespace, workflow_id, run_id, "workers");
        let failures = attempt - 1;
        let heading = if timed_out { "The workflow task keeps timing out" } else { "The workflow task keeps failing" };
        let times = format!(
            "{failures} time{} in a row; Temporal now tries attempt {attempt}. Nothing else in this run happens until a \
             workflow task succeeds.",
            if failures == 1 { "" } else { "s" }
        );
        let worker = if identity.is_empty() { "not reported".to_string() } else { identity };
        let build = if build_id.is_empty() { "not reported".to_string() } else { build_id };
        view! {
            <section class="workflow-task-banner" role="alert" aria-labelledby="workflow-task-banner-heading">
                <h2 id="workflow-task-banner-heading">{heading}</h2>
                <p>{times}</p>
                <dl class="facts">
                    <dt>"Cause"</dt>
                    <dd class="workflow-task-cause">
                        {cause}
                        {(!cause_code.is_empty()).then(|| view! { " " <code class="muted">{cause_code}</code> })}
                    </dd>
                    <dt>"Worker"</dt><dd class="mono">{worker}</dd>
                    <dt>"Build ID"</dt><dd class="mono">{build}</dd>
                    <dt>"Last recorded"</dt><dd><TimeText time /></dd>
                </dl>
                {failure.map(|failure| view! { <FailureBlock failure /> })}
                <p>
                    <a href=event>{format!("The event (#{event_id})")}</a>
                    " · "
                    <a href=workers>"Who polls this task queue"</a>
                </p>
            </section>
        }
    })
}
