//! The schedule page's matching times and backfill: the times the spec names in a range the
//! reader picks with a GET form (the next ones are the page's "Upcoming") and a POST form that backfills a range (the
//! schedule ID typed out to confirm; the server checks again). Times in both forms are UTC.
use leptos::prelude::*;

use crate::components::TimeText;
use model::{BACKFILL_OVERLAP, ScheduleTimes};

/// The spec's matching times, and the form that picks their range.
#[component]
pub fn MatchingTimes(times: ScheduleTimes, here: String) -> impl IntoView {
    let ScheduleTimes { from, to, picked, times, more, problem, .. } = times;
    let heading = picked.then(|| view! { <h3>{format!("Matching times from {from} to {to} (UTC)")}</h3> });
    let list = if !picked {
        view! { <p class="muted">"Pick a range to list the times the spec names in it; the next ones are under Upcoming."</p> }.into_any()
    } else if let Some(problem) = problem {
        view! { <p class="warning schedule-times-problem" role="status">{problem}</p> }.into_any()
    } else if times.is_empty() {
        view! { <p class="empty">"The spec names no time in this range."</p> }.into_any()
    } else {
        let more =
            more.then(|| view! { <p class="muted">"More times match: pick a shorter range to see them all."</p> });
        view! {
            <ol class="schedule-matching-times">
                {times.into_iter().map(|time| view! { <li><TimeText time=Some(time) /></li> }).collect_view()}
            </ol>
            {more}
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="schedule-matching">
            <h2 id="schedule-matching">"Matching times"</h2>
            <p class="muted">"The times the spec names, whether or not the schedule is paused (Temporal's ListScheduleMatchingTimes)."</p>
            <form method="get" action=here.clone() class="schedule-times-form">
                <label>"From (UTC) " <input type="datetime-local" name="from" value=from.clone() required /></label>
                " "
                <label>"To (UTC) " <input type="datetime-local" name="to" value=to.clone() required /></label>
                " " <button type="submit">"List matching times"</button>
            </form>
            {heading}
            {list}
        </section>
    }
}

/// Backfill a range: the runs the spec names in it start now, under the chosen overlap policy.
#[component]
pub fn BackfillForm(schedule_id: String, csrf_token: String, from: String, to: String, here: String) -> impl IntoView {
    let options = BACKFILL_OVERLAP
        .into_iter()
        .map(|(value, label)| view! { <option value=value>{label}</option> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="schedule-backfill">
            <h2 id="schedule-backfill">"Backfill"</h2>
            <p class="muted">
                "Starts now the runs the spec names in a past (or future) range, as if the schedule had run then. "
                "Temporal reads the range without its start and with its end."
            </p>
            <form method="post" action=format!("{here}/backfill") class="run-action schedule-backfill-form">
                <input type="hidden" name="csrf" value=csrf_token />
                <label>"From (UTC) " <input type="datetime-local" name="from" value=from required /></label>
                <label>"To (UTC) " <input type="datetime-local" name="to" value=to required /></label>
                <label>"Overlap policy " <select name="overlap">{options}</select></label>
                <label>
                    "Type the schedule ID " <span class="mono">{schedule_id}</span> " to confirm "
                    <input name="confirm" required autocomplete="off" spellcheck="false" class="mono" />
                </label>
                <button type="submit" class="danger">"Backfill the range"</button>
            </form>
        </section>
    }
}
