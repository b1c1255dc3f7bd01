//! `/namespaces/{ns}/schedules/{id}` (the Temporal UI's URL): one schedule's spec in words and as
//! Temporal has it, its policies, what it starts, its recent runs (linked) and upcoming times,
//! its counters, memo and search attributes, its matching times and the backfill form
//! (`schedule_times.rs`). Every text from Temporal is escaped by Leptos.
use leptos::prelude::*;

use super::{
    params::{path_param, query_param, route_source},
    schedule_times::{BackfillForm, MatchingTimes},
};
use crate::{
    api::load_schedule,
    components::{PageLoader, PageShell, PageTitle, PayloadBlock, PayloadList, StatusBadge, TimeText},
    urls,
};
use model::{
    AttributeView, PayloadView, ScheduleAction, ScheduleCounts, SchedulePage as Schedule, SchedulePolicies,
    ScheduleRun, ScheduleSpecView, ScheduleWrites, calendar_raw, calendar_words, cron_words, interval_words,
};

#[component]
pub fn SchedulePage() -> impl IntoView {
    let namespace = path_param("namespace");
    let schedule_id = path_param("schedule_id");
    // The matching times' range (`?from=…&to=…`, UTC), when the reader picked one.
    let (from, to) = (query_param("from"), query_param("to"));
    let source = route_source(move || (namespace.get(), schedule_id.get(), from.get(), to.get()));
    let schedule = Resource::new(source, |(namespace, id, from, to)| load_schedule(namespace, id, from, to));
    let render = {
        let namespace = namespace.get_untracked();
        let done = leptos_router::hooks::use_query_map().with_untracked(|query| query.get("done"));
        move |schedule| view! { <ScheduleView schedule namespace=namespace.clone() done=done.clone() /> }
    };
    view! {
        <PageShell namespace=Signal::derive(move || Some(namespace.get()))>
            <PageLoader page=schedule loading="Loading the schedule…" render />
        </PageShell>
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// `done`: the write that redirected here (`?done=pause`), read with the route before the load.
#[component]
fn ScheduleView(schedule: Schedule, namespace: String, done: Option<String>) -> impl IntoView {
    let Schedule {
        schedule_id,
        paused,
        notes,
        remaining_actions,
        spec,
        spec_json,
        policies,
        action,
        recent,
        upcoming,
        running,
        counts,
        created,
        updated,
        memo,
        search_attributes,
        writes,
        times,
    } = schedule;
    let here = urls::schedule(&namespace, &schedule_id);
    let state = if paused { "Paused" } else { "Active" };
    let state_class = if paused { "schedule-state schedule-paused" } else { "schedule-state schedule-active" };
    let no_running = running.is_empty();
    let words = spec.words();
    let running_links = running
        .into_iter()
        .map(|(workflow_id, run_id)| {
            let href = urls::run_history(&namespace, &workflow_id, &run_id);
            view! { <li><a class="mono" href=href>{workflow_id}</a></li> }
        })
        .collect_view();
    view! {
        <PageTitle text=format!("Schedule {schedule_id}") />
        <p class="breadcrumbs"><a href=urls::schedules(&namespace)>"Schedules"</a></p>
        <h1>"Schedule " <span class="mono">{schedule_id.clone()}</span></h1>
        <dl class="facts summary-facts schedule-summary">
            <dt>"State"</dt>
            <dd class=state_class>{state}</dd>
            {(!notes.is_empty()).then(|| view! { <dt>"Note"</dt><dd class="schedule-note">{notes.clone()}</dd> })}
            <dt>"Runs"</dt>
            <dd class="schedule-spec">
                <ul class="plain">{words.into_iter().map(|phrase| view! { <li>{phrase}</li> }).collect_view()}</ul>
            </dd>
            {remaining_actions.map(|left| view! { <dt>"Actions left"</dt><dd>{left}</dd> })}
            <dt>"Created"</dt><dd><TimeText time=created /></dd>
            <dt>"Updated"</dt><dd><TimeText time=updated /></dd>
        </dl>
        <p><a href=here.clone()>"Refresh"</a></p>
        <ScheduleForms writes=writes.clone() here=here.clone() paused done />
        {writes.can_trigger.then(|| {
            let (from, to) = (times.backfill_from.clone(), times.backfill_to.clone());
            let (schedule_id, csrf_token, here) = (schedule_id.clone(), writes.csrf_token.clone(), here.clone());
            view! { <BackfillForm schedule_id csrf_token from to here /> }
        })}
        <ActionFacts action namespace=namespace.clone() />
        <PolicyFacts policies />
        <section class="panel" aria-labelledby="schedule-recent">
            <h2 id="schedule-recent">"Recent runs"</h2>
            <RecentRuns recent namespace=namespace.clone() />
            <h3>"Running now"</h3>
            {if no_running {
                view! { <p class="empty">"No run of this schedule is running."</p> }.into_any()
            } else {
                view! { <ul class="schedule-running">{running_links}</ul> }.into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="schedule-upcoming">
            <h2 id="schedule-upcoming">"Upcoming"</h2>
            {paused.then(|| view! { <p class="notice schedule-paused-times">"Paused: none of these runs while the schedule stays paused; they are the times it would run if unpaused."</p> })}
            {if upcoming.is_empty() {
                view! { <p class="empty">"No upcoming runs."</p> }.into_any()
            } else {
                view! {
                    <ol class="schedule-upcoming">
                        {upcoming.into_iter().map(|time| view! { <li><TimeText time=Some(time) /></li> }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
        <MatchingTimes times here />
        <Counts counts />
        <SpecFacts spec spec_json />
        <section class="panel" aria-labelledby="schedule-memo">
            <h2 id="schedule-memo">"Memo"</h2>
            <FieldTable fields=memo empty="This schedule has no memo." />
        </section>
        <section class="panel" aria-labelledby="schedule-attributes">
            <h2 id="schedule-attributes">"Search attributes"</h2>
            <FieldTable
                fields=search_attributes.into_iter().map(|AttributeView { name, value, .. }| (name, value)).collect()
                empty="This schedule has no search attributes."
            />
        </section>
    }
}

/// Pause or unpause with a note, and trigger a run now: plain POST forms (they work without
/// JavaScript), each the confirmation of what its button says. After one, the page says it.
#[component]
fn ScheduleForms(writes: ScheduleWrites, here: String, paused: bool, done: Option<String>) -> impl IntoView {
    let notice = done.map(|done| {
        let text = match done.as_str() {
            "pause" => "Paused.",
            "unpause" => "Unpaused.",
            "trigger" => "A run was triggered: it shows under Recent runs once Temporal has started it (refresh).",
            "backfill" => {
                "The range was backfilled: its runs show under Recent runs as Temporal starts them (refresh)."
            }
            _ => "Done.",
        };
        view! { <p class="notice" role="status">{text}</p> }
    });
    let ScheduleWrites { csrf_token, can_pause, can_trigger } = writes;
    let (verb, button) = if paused { ("unpause", "Unpause the schedule") } else { ("pause", "Pause the schedule") };
    let pause = can_pause.then(|| {
        view! {
            <form method="post" action=format!("{here}/{verb}") class="run-action schedule-pause-form">
                <input type="hidden" name="csrf" value=csrf_token.clone() />
                <label>"Note " <input name="note" autocomplete="off" /></label>
                <button type="submit">{button}</button>
            </form>
        }
    });
    let trigger = can_trigger.then(|| {
        view! {
            <form method="post" action=format!("{here}/trigger") class="run-action schedule-trigger-form">
                <input type="hidden" name="csrf" value=csrf_token.clone() />
                <button type="submit">"Trigger a run now"</button>
                " " <span class="muted">"(the overlap policy applies)"</span>
            </form>
        }
    });
    view! { {notice} {pause} {trigger} }
}

#[component]
fn ActionFacts(action: ScheduleAction, namespace: String) -> impl IntoView {
    let ScheduleAction { workflow_type, task_queue, workflow_id, input, execution_timeout, run_timeout } = action;
    let queue = urls::task_queue(&namespace, &task_queue);
    view! {
        <section class="panel" aria-labelledby="schedule-action">
            <h2 id="schedule-action">"Starts"</h2>
            <dl class="facts">
                <dt>"Workflow type"</dt><dd class="schedule-workflow-type">{workflow_type}</dd>
                <dt>"Task queue"</dt><dd><a class="mono" href=queue>{task_queue}</a></dd>
                <dt>"Workflow ID"</dt>
                <dd><span class="mono schedule-workflow-id">{workflow_id}</span>" "<span class="muted">"(each run adds its scheduled time)"</span></dd>
                {execution_timeout.map(|timeout| view! { <dt>"Execution timeout"</dt><dd>{timeout}</dd> })}
                {run_timeout.map(|timeout| view! { <dt>"Run timeout"</dt><dd>{timeout}</dd> })}
            </dl>
            <h3>"Input"</h3>
            {if input.is_empty() {
                view! { <p class="empty">"No input."</p> }.into_any()
            } else {
                view! { <PayloadList payloads=input /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn PolicyFacts(policies: SchedulePolicies) -> impl IntoView {
    let SchedulePolicies { overlap, overlap_words, catchup_window, pause_on_failure, keep_original_workflow_id } =
        policies;
    view! {
        <section class="panel" aria-labelledby="schedule-policies">
            <h2 id="schedule-policies">"Policies"</h2>
            <dl class="facts">
                <dt>"Overlap"</dt>
                <dd class="schedule-overlap"><span class="mono">{overlap}</span>" — "{overlap_words}</dd>
                <dt>"Catch-up window"</dt>
                <dd>{catchup_window.unwrap_or_else(|| "Temporal's default (1 year)".into())}</dd>
                <dt>"Pause on failure"</dt><dd class="schedule-pause-on-failure">{yes_no(pause_on_failure)}</dd>
                {keep_original_workflow_id.then(|| view! { <dt>"Workflow ID"</dt><dd>"kept as given (no time appended)"</dd> })}
            </dl>
        </section>
    }
}

#[component]
fn RecentRuns(recent: Vec<ScheduleRun>, namespace: String) -> impl IntoView {
    if recent.is_empty() {
        return view! { <p class="empty">"This schedule has not started a run yet."</p> }.into_any();
    }
    let rows = recent
        .into_iter()
        .map(|run| {
            let href = urls::run_history(&namespace, &run.workflow_id, &run.run_id);
            view! {
                <tr>
                    <td><StatusBadge status=run.status /></td>
                    <td class="mono"><a href=href>{run.workflow_id}</a></td>
                    <td><TimeText time=run.scheduled_time /></td>
                    <td><TimeText time=run.actual_time /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table schedule-recent">
            <thead>
                <tr>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Run"</th>
                    <th scope="col">"Scheduled for"</th>
                    <th scope="col">"Started"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Counts(counts: ScheduleCounts) -> impl IntoView {
    let ScheduleCounts { actions, missed_catchup_window, overlap_skipped, buffer_dropped, buffered } = counts;
    view! {
        <section class="panel" aria-labelledby="schedule-counts">
            <h2 id="schedule-counts">"Counts"</h2>
            <dl class="facts schedule-counts">
                <dt>"Runs started"</dt><dd>{actions}</dd>
                <dt>"Skipped (overlap)"</dt><dd class="schedule-overlap-skipped">{overlap_skipped}</dd>
                <dt>"Missed (catch-up window)"</dt><dd>{missed_catchup_window}</dd>
                <dt>"Dropped (buffer full)"</dt><dd>{buffer_dropped}</dd>
                <dt>"Waiting (buffered)"</dt><dd>{buffered}</dd>
            </dl>
        </section>
    }
}

/// The spec as Temporal has it, each part beside its words.
#[component]
fn SpecFacts(spec: ScheduleSpecView, spec_json: String) -> impl IntoView {
    let zone = if spec.time_zone.is_empty() { "UTC".to_string() } else { spec.time_zone.clone() };
    let jitter = spec.jitter_words();
    let mut parts: Vec<(&'static str, String, String)> = Vec::new();
    for interval in &spec.intervals {
        let raw = format!("every {}s, phase {}s", interval.every_seconds, interval.phase_seconds);
        parts.push(("Interval", raw, interval_words(interval)));
    }
    for calendar in &spec.calendars {
        parts.push(("Calendar", calendar_raw(calendar), format!("{} ({zone})", calendar_words(calendar))));
    }
    for cron in &spec.cron_strings {
        parts.push(("Cron", cron.clone(), cron_words(cron, &zone)));
    }
    for text in &spec.unreadable {
        parts.push(("Calendar", text.clone(), "not read by this debugger".into()));
    }
    for calendar in &spec.excluded {
        parts.push(("Excluded", calendar_raw(calendar), format!("except {} ({zone})", calendar_words(calendar))));
    }
    let rows = parts
        .into_iter()
        .map(|(kind, raw, words)| view! { <tr><th scope="row">{kind}</th><td class="mono">{raw}</td><td>{words}</td></tr> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="schedule-spec">
            <h2 id="schedule-spec">"Spec"</h2>
            <table class="data-table schedule-spec-parts">
                <thead><tr><th scope="col">"Part"</th><th scope="col">"As Temporal has it"</th><th scope="col">"In words"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <dl class="facts">
                <dt>"Time zone"</dt><dd class="schedule-zone">{zone.clone()}</dd>
                <dt>"Jitter"</dt><dd>{jitter.unwrap_or_else(|| "none".into())}</dd>
                <dt>"Starts"</dt><dd><TimeText time=spec.start_time.clone() /></dd>
                <dt>"Ends"</dt><dd><TimeText time=spec.end_time.clone() /></dd>
            </dl>
            <details>
                <summary>"The spec as JSON"</summary>
                <pre class="json schedule-spec-json">{spec_json}</pre>
            </details>
        </section>
    }
}

#[component]
fn FieldTable(fields: Vec<(String, PayloadView)>, empty: &'static str) -> impl IntoView {
    if fields.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let rows = fields
        .into_iter()
        .map(|(name, value)| view! { <tr><th scope="row" class="mono">{name}</th><td><PayloadBlock payload=value /></td></tr> })
        .collect_view();
    view! {
        <table class="data-table attributes">
            <thead><tr><th scope="col">"Name"</th><th scope="col">"Value"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
