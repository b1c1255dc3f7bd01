//! `/namespaces/{ns}/batch?query=…`: the dry run of a batch over a visibility query ("this would
//! affect 1,204 runs", with the first of them), then its form: terminate, cancel, signal, or reset
//! to the first or last workflow task or to before each run's first failure, or delete (when the
//! viewer may delete), or pause, unpause or reset each run's pending activities of one type (when
//! the viewer may command activities), confirmed by typing the number of runs. `action=<slug>` and
//! `activity_type=…` in the URL preselect the action and fill the type (links from other pages).
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
    // Owned now: the render below runs after the load, when route memos may be gone.
    let preset = Preset {
        action: query_param("action").get_untracked().unwrap_or_default(),
        activity_type: query_param("activity_type").get_untracked().unwrap_or_default(),
    };
    let plan = Resource::new(
        route_source(move || (namespace.get(), query.get().unwrap_or_default())),
        |(namespace, query)| load_batch_plan(namespace, query),
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <h1>"Act on many runs " <span class="muted">"in " {namespace}</span></h1>
            <PageLoader page=plan loading="Counting the runs…" render=move |plan| view! { <Plan plan preset=preset.clone() /> } />
        </PageShell>
    }
}

/// What the URL asks the form to start with.
#[derive(Debug, Clone, Default)]
struct Preset {
    action: String,
    activity_type: String,
}

#[component]
fn Plan(plan: BatchPlanPage, preset: Preset) -> impl IntoView {
    let BatchPlanPage { namespace, query, count, sample, csrf_token, refused, permissions, .. } = plan;
    let can_delete = permissions.allows(model::ActionKind::Delete);
    let can_command_activities = permissions.allows(model::ActionKind::ActivityCommands);
    let allowed = Allowed { delete: can_delete, activities: can_command_activities };
    let shown = sample.len();
    let list = urls::workflows_query(&namespace, &query, None);
    let form = match refused {
        Some(refused) => {
            view! { <p class="warning" role="alert">"You cannot do this here: " {refused} "."</p> }.into_any()
        }
        None if count == 0 => view! { <p class="empty">"Nothing to do: no run matches."</p> }.into_any(),
        None => view! { <BatchForm namespace=namespace.clone() query=query.clone() count csrf_token allowed preset /> }
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

/// The actions beside the batch permission's own that this viewer may choose.
#[derive(Debug, Clone, Copy)]
struct Allowed {
    delete: bool,
    activities: bool,
}

/// The form's actions: slug and what it does; delete and the activity ones only when allowed.
fn choices(allowed: Allowed) -> Vec<(&'static str, String)> {
    let mut choices = vec![
        ("terminate", "Terminate".to_string()),
        ("cancel", "Request cancellation".to_string()),
        ("signal", "Signal (name and input below)".to_string()),
        ("reset-last", "Reset to the last workflow task".to_string()),
        ("reset-first", "Reset to the first workflow task (start over)".to_string()),
        (
            "reset-failure",
            format!(
                "Reset each run to its last workflow task before its first failure (the debugger resets up to {} runs one by one; runs without a failure are left alone)",
                model::FAILURE_RESET_MAX_RUNS,
            ),
        ),
    ];
    if allowed.delete {
        choices.push((
            "delete",
            "Delete each run with its history (a running one is terminated first; this cannot be undone)".into(),
        ));
    }
    if allowed.activities {
        choices.push(("pause-activities", format!(
            "Pause each run's pending activities of the type below (the debugger pauses up to {} runs one by one; runs without one are left alone)",
            model::FAILURE_RESET_MAX_RUNS,
        )));
        choices.push((
            "unpause-activities",
            "Unpause them (a Temporal batch job; their attempts count from 1 again)".into(),
        ));
        choices.push((
            "reset-activities",
            "Reset them: retry now from attempt 1 without heartbeat details (a Temporal batch job; paused ones stay paused)".into(),
        ));
    }
    choices
}

#[component]
fn BatchForm(
    namespace: String,
    query: String,
    count: i64,
    csrf_token: String,
    allowed: Allowed,
    preset: Preset,
) -> impl IntoView {
    let radios = choices(allowed)
        .into_iter()
        .enumerate()
        .map(|(index, (slug, label))| {
            view! {
                <label>
                    <input type="radio" name="action" value=slug required=index == 0 checked=preset.action == slug />
                    " " {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="panel action-form" aria-labelledby="batch-heading">
            <h2 id="batch-heading">"Start a batch job"</h2>
            <form method="post" action=urls::batch(&namespace, "") class="run-action">
                <input type="hidden" name="csrf" value=csrf_token />
                <input type="hidden" name="query" value=query />
                <fieldset>
                    <legend>"What to do to each run"</legend>
                    {radios}
                </fieldset>
                <label>"Signal name " <input name="signal" autocomplete="off" spellcheck="false" class="mono" /></label>
                <label>"Signal input (JSON) " <input name="input" autocomplete="off" spellcheck="false" class="mono" /></label>
                <label><input type="checkbox" name="exclude_signals" value="true" /> " Reset: do not reapply signals"</label>
                {allowed.activities.then(|| view! {
                    <label>
                        "Activity type (for the activity actions) "
                        <input name="activity_type" value=preset.activity_type autocomplete="off" spellcheck="false" class="mono" />
                    </label>
                })}
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
