//! `/namespaces/{ns}/stuck-runs?query=…&n=…`: how many runs are running, and the newest and
//! oldest N of them grouped by why they are stuck, each group with sample runs and the batch
//! dry runs that fit its cause (for viewers allowed to act). Plain links and a GET form.
use leptos::prelude::*;

use super::params::{path_param, query_param, route_source};
use crate::{
    api::load_stuck_runs,
    components::{PageLoader, PageShell, PageTitle, TimeText},
    urls,
};
use model::{ActionKind, Permissions, RECOVERY_RUNS, StuckCause, StuckGroup, StuckRunsPage as Page};

#[component]
pub fn StuckRunsPage() -> impl IntoView {
    let namespace = path_param("namespace");
    let query = query_param("query");
    let n = query_param("n");
    let fresh = query_param("fresh");
    let page = Resource::new(
        route_source(move || {
            let n = n.get().and_then(|n| n.trim().parse::<usize>().ok());
            (namespace.get(), query.get().unwrap_or_default(), n, fresh.get().is_some())
        }),
        |(namespace, query, n, fresh)| load_stuck_runs(namespace, query, n, fresh),
    );
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <h1>"Stuck runs " <span class="muted">"in " {namespace}</span></h1>
            <PageLoader page loading="Checking the running runs…" render=|page| view! { <Triage page /> } />
        </PageShell>
    }
}

fn thousands(value: impl ToString) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[component]
fn Triage(page: Page) -> impl IntoView {
    let Page { namespace, query, per_end, report, cached, now_millis, permissions } = page;
    let age = ((now_millis - report.computed_at.millis) / 1000).max(0);
    let this_page = urls::stuck_runs(&namespace, &query);
    let separator = if this_page.contains('?') { '&' } else { '?' };
    let again = format!("{this_page}{separator}n={per_end}&fresh=1");
    let coverage = format!("Checked {} of {} running.", thousands(report.checked), thousands(report.running));
    let calls = format!(
        "{} Temporal call{} ({}); {}.",
        thousands(report.calls),
        if report.calls == 1 { "" } else { "s" },
        if cached { "computed earlier and kept a minute: this view made none" } else { "made for this view" },
        report.budget
    );
    let empty = report.groups.is_empty();
    let groups = report
        .groups
        .into_iter()
        .map(|group| view! { <Group group namespace=namespace.clone() permissions=permissions.clone() /> })
        .collect_view();
    view! {
        <PageTitle text=format!("Stuck runs in {namespace}") />
        <form method="get" class="stuck-runs-form">
            <label>"Visibility query " <input type="text" name="query" value=query.clone() size="60" placeholder="WorkflowType = 'Order'" /></label>
            <label>" Runs per end " <input type="number" name="n" value=per_end.to_string() min="1" max="1000" /></label>
            <button type="submit">"Check"</button>
        </form>
        <p class="stuck-runs-coverage" role="status">{coverage} " " <span class="muted">{format!("The {per_end} newest and the {per_end} oldest running runs; {}.", report.oldest_method)}</span></p>
        <p class="stuck-runs-freshness">"As of " <TimeText time=Some(report.computed_at) /> {format!(", {age} s ago. ")} <a href=again>"Check again"</a></p>
        <p class="muted stuck-runs-budget">{calls}</p>
        {report.notes.into_iter().map(|note| view! { <p class="muted unavailable">{note}</p> }).collect_view()}
        {empty.then(|| view! { <p class="empty">"No running run matches."</p> })}
        {groups}
    }
}

/// The batch actions that fit a cause: (slug, what the link says, the permission it needs).
fn actions(cause: StuckCause, activity: bool) -> Vec<(&'static str, &'static str, ActionKind)> {
    let pause = ("pause-activities", "pause the activity", ActionKind::ActivityCommands);
    let reset_activities = ("reset-activities", "reset the activity", ActionKind::ActivityCommands);
    let unpause = ("unpause-activities", "unpause the activity", ActionKind::ActivityCommands);
    let reset_failure = ("reset-failure", "reset to before the first failure", ActionKind::Reset);
    let signal = ("signal", "signal", ActionKind::Signal);
    let terminate = ("terminate", "terminate", ActionKind::Terminate);
    match cause {
        StuckCause::ActivityRetrying => vec![pause, reset_activities, reset_failure, terminate],
        StuckCause::Paused if activity => vec![unpause, terminate],
        StuckCause::WorkflowTaskFailing => vec![reset_failure, terminate],
        StuckCause::WaitingOnSignalOrUpdate | StuckCause::WaitingOnTimerSignalOrUpdate => vec![signal, terminate],
        StuckCause::Progressing | StuckCause::Backlog => Vec::new(),
        _ => vec![terminate],
    }
}

#[component]
fn Group(group: StuckGroup, namespace: String, permissions: Permissions) -> impl IntoView {
    let query = group.recovery_query();
    let StuckGroup {
        cause,
        workflow_type,
        activity_type,
        failure,
        task_queue,
        count,
        oldest_since,
        samples,
        recovery_run_ids,
    } = group;
    let acts_on = if count > RECOVERY_RUNS {
        format!("Acts on the {} oldest of this group's {}.", recovery_run_ids.len(), thousands(count))
    } else {
        format!("Acts on this group's {count} run{}.", if count == 1 { "" } else { "s" })
    };
    let allowed: Vec<_> = actions(cause, activity_type.is_some())
        .into_iter()
        .filter(|(_, _, kind)| permissions.allows(ActionKind::Batch) && permissions.allows(*kind))
        .map(|(slug, label, _)| {
            let mut href = format!("{}&action={slug}", urls::batch(&namespace, &query));
            if let Some(activity_type) = activity_type.as_ref().filter(|_| slug.ends_with("activities")) {
                href.push_str(&format!("&activity_type={}", urls::encode(activity_type)));
            }
            view! { <li><a href=href>{label}</a></li> }
        })
        .collect_view();
    let queue_link = task_queue.map(|queue| {
        view! { <p>"Task queue " <a class="mono" href=urls::task_queue(&namespace, &queue)>{queue.clone()}</a></p> }
    });
    let samples = samples
        .into_iter()
        .map(|sample| {
            let href = urls::run(&namespace, &sample.workflow_id, &sample.run_id);
            view! { <li><a class="mono" href=href>{sample.workflow_id}</a></li> }
        })
        .collect_view();
    view! {
        <section class=format!("panel stuck-group stuck-{}", cause.slug()) data-cause=cause.slug()>
            <h2>{cause.label()} " " <span class="stuck-count">{thousands(count)}</span></h2>
            <dl class="facts">
                <dt>"Workflow type"</dt><dd class="mono">{workflow_type}</dd>
                {activity_type.map(|activity| view! { <dt>"Activity type"</dt><dd class="mono">{activity}</dd> })}
                {failure.map(|failure| view! { <dt>"Failure"</dt><dd class="mono stuck-failure">{failure}</dd> })}
                <dt>"Oldest since"</dt><dd><TimeText time=oldest_since /></dd>
            </dl>
            {queue_link}
            <p>"Sample runs, oldest first:"</p>
            <ul class="stuck-samples">{samples}</ul>
            <div class="stuck-actions">
                <p class="muted">"Dry run first (the batch page counts and shows them before anything is done). " {acts_on}</p>
                <ul>{allowed}</ul>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(12408), "12,408");
        assert_eq!(thousands(500), "500");
        assert_eq!(thousands(1000000), "1,000,000");
    }

    #[test]
    fn only_fitting_actions_are_offered() {
        let slugs = |cause, activity| actions(cause, activity).into_iter().map(|(slug, _, _)| slug).collect::<Vec<_>>();
        assert_eq!(
            slugs(StuckCause::ActivityRetrying, true),
            ["pause-activities", "reset-activities", "reset-failure", "terminate"]
        );
        assert_eq!(slugs(StuckCause::NobodyPolls, false), ["terminate"]);
        assert_eq!(slugs(StuckCause::WaitingOnSignalOrUpdate, false), ["signal", "terminate"]);
        assert!(slugs(StuckCause::Progressing, false).is_empty());
    }
}
