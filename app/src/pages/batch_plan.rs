//! `/namespaces/{ns}/batch?query=…`: the dry run of a batch over a visibility query ("this would
//! affect 1,204 runs", with the first of them), then its form: terminate, cancel, signal, or reset
//! to the first or last workflow task or to before each run's first failure, or delete (when the
//! viewer may delete), confirmed by typing the number of runs.
use leptos::prelude::*;

use super::{
    params::{path_param, query_param, route_source},
    workflows::WorkflowTable,
};
use crate::{
    api::load_batch_plan,
    components::{PageLoader, PageShell, PageTitle},
    urls,
};
use model::BatchPlanPage;

#[component]
pub fn BatchPlanPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let query = query_param("query");
    let plan = Resource::new(
        route_source(move || (namespace.get(), query.get().unwrap_or_default())),
        |(namespace, query)| load_batch_plan(namespace, query),
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <h1>"Act on many runs " <span class="muted">"in " {namespace}</span></h1>
            <PageLoader page=plan loading="Counting the runs…" render=|plan| view! { <Plan plan /> } />
        </PageShell>
    }
}

#[component]
fn Plan(plan: BatchPlanPage) -> impl IntoView {
    let BatchPlanPage { namespace, query, count, sample, csrf_token, refused, permissions, .. } = plan;
    let can_delete = permissions.allows(model::ActionKind::Delete);
    let shown = sample.len();
    let list = urls::workflows_query(&namespace, &query, None);
    let form = match refused {
        Some(refused) => {
            view! { <p class="warning" role="alert">"You cannot do this here: " {refused} "."</p> }.into_any()
        }
        None if count == 0 => view! { <p class="empty">"Nothing to do: no run matches."</p> }.into_any(),
        None => view! { <BatchForm namespace=namespace.clone() query=query.clone() count csrf_token can_delete /> }
            .into_any(),
    };
    view! {
        <PageTitle text=format!("Batch in {namespace}") />
        <section class="panel" aria-labelledby="dry-run-heading">
            <h2 id="dry-run-heading">"Dry run"</h2>
            <p>"Query " <code class="mono">{query.clone()}</code> " · " <a href=list>"the list"</a></p>
            <p class="batch-count" role="status">
                {format!("This would affect {count} run{} (counted now; Temporal counts again when the job starts).", if count == 1 { "" } else { "s" })}
            </p>
            {(shown > 0).then(|| view! {
                <p class="muted">{format!("The first {shown}:")}</p>
                <WorkflowTable rows=sample namespace=namespace.clone() />
            })}
        </section>
        {form}
    }
}

#[component]
fn BatchForm(namespace: String, query: String, count: i64, csrf_token: String, can_delete: bool) -> impl IntoView {
    view! {
        <section class="panel action-form" aria-labelledby="batch-heading">
            <h2 id="batch-heading">"Start a batch job"</h2>
            <form method="post" action=urls::batch(&namespace, "") class="run-action">
                <input type="hidden" name="csrf" value=csrf_token />
                <input type="hidden" name="query" value=query />
                <fieldset>
                    <legend>"What to do to each run"</legend>
                    <label><input type="radio" name="action" value="terminate" required /> " Terminate"</label>
                    <label><input type="radio" name="action" value="cancel" /> " Request cancellation"</label>
                    <label><input type="radio" name="action" value="signal" /> " Signal (name and input below)"</label>
                    <label><input type="radio" name="action" value="reset-last" /> " Reset to the last workflow task"</label>
                    <label><input type="radio" name="action" value="reset-first" /> " Reset to the first workflow task (start over)"</label>
                    <label>
                        <input type="radio" name="action" value="reset-failure" />
                        {format!(
                            " Reset each run to its last workflow task before its first failure (the debugger resets up to {} runs one by one; runs without a failure are left alone)",
                            model::FAILURE_RESET_MAX_RUNS,
                        )}
                    </label>
                    {can_delete.then(|| view! {
                        <label>
                            <input type="radio" name="action" value="delete" />
                            " Delete each run with its history (a running one is terminated first; this cannot be undone)"
                        </label>
                    })}
                </fieldset>
                <label>"Signal name " <input name="signal" autocomplete="off" spellcheck="false" class="mono" /></label>
                <label>"Signal input (JSON) " <input name="input" autocomplete="off" spellcheck="false" class="mono" /></label>
                <label><input type="checkbox" name="exclude_signals" value="true" /> " Reset: do not reapply signals"</label>
                <label>"Reason (recorded in each run's history) " <input name="reason" autocomplete="off" /></label>
                <label>
                    "Type the number of runs, " <strong>{count}</strong> ", to confirm "
                    <input name="confirm" required autocomplete="off" inputmode="numeric" />
                </label>
                <input type="hidden" name="count" value=count.to_string() />
                <button type="submit" class="danger">"Start the batch"</button>
            </form>
        </section>
    }
}
