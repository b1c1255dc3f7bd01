//! Configuration findings: settings in the run's own events that make it fragile or slow, each
//! pointing at the event that holds the setting (the Temporal UI's "common errors", and more).
//! They come after the other findings. A closed run gets only the history-limit rule (the others
//! describe what a running run risks, and a closed run's page does not read its whole history).
use model::{Evidence, ExecutionStatus, Finding, PendingActivityView, Severity};

pub use super::diagnosis_config_facts::{ConfigFacts, ConfigFactsCollector, LONG_RUNNING_MILLIS};
use crate::temporal::time::{human_bytes, human_millis};

/// Temporal's default history limits (`limit.historyCount.*`, `limit.historySize.*`): a warning
/// is logged at the first, and at the second the server terminates the run.
pub const HISTORY_EVENTS_WARN: i64 = 10 * 1024;
pub const HISTORY_EVENTS_LIMIT: i64 = 50 * 1024;
pub const HISTORY_BYTES_WARN: i64 = 10 * 1024 * 1024;
pub const HISTORY_BYTES_LIMIT: i64 = 50 * 1024 * 1024;
/// The share of a hard limit from which the history is about to be refused.
const NEAR_LIMIT: f64 = 0.9;
/// The server's default workflow task timeout, when the started event does not say.
const DEFAULT_WORKFLOW_TASK_TIMEOUT_MILLIS: i64 = 10_000;

/// What the configuration rules read.
pub struct ConfigInputs<'a> {
    pub status: ExecutionStatus,
    pub facts: &'a ConfigFacts,
    pub pending_activities: &'a [PendingActivityView],
    pub last_event_id: i64,
    pub now_millis: i64,
}

pub fn config_findings(inputs: &ConfigInputs) -> Vec<Finding> {
    let mut findings = Vec::new();
    if inputs.status.is_running() {
        findings.extend(running_without_heartbeat(inputs));
        findings.extend(completed_without_heartbeat(inputs.facts));
        findings.extend(start_to_close_fills_schedule_to_close(inputs.facts));
        findings.extend(unlimited_retries_of_non_retryable(inputs));
        findings.extend(repeated_children(inputs.facts));
        findings.extend(slow_local_retries(inputs.facts));
    }
    findings.extend(history_limits(inputs));
    findings
}

/// Rule 1, live: a pending activity whose current attempt started at least two minutes ago and
/// whose scheduled event declared no heartbeat timeout.
fn running_without_heartbeat(inputs: &ConfigInputs) -> Vec<Finding> {
    inputs
        .pending_activities
        .iter()
        .filter_map(|activity| {
            let started = activity.last_started_time.as_ref()?.millis;
            let running = inputs.now_millis - started;
            let settings = inputs.facts.pending.iter().find(|s| s.activity_id == activity.activity_id)?;
            (activity.state == "Started" && running >= LONG_RUNNING_MILLIS && settings.heartbeat_millis == 0).then(
                || {
                    let text = format!(
                        "Activity {} (ID {}) has run for {} without a heartbeat timeout: if its worker crashed, \
                     Temporal notices only when the start-to-close timeout of {} passes. A heartbeat timeout \
                     (with heartbeats from the activity) finds a lost worker in seconds.",
                        activity.activity_type,
                        activity.activity_id,
                        human_millis(running),
                        timeout(settings.start_to_close_millis)
                    );
                    Finding::new(Severity::Warning, text, Evidence::Event(settings.event_id))
                },
            )
        })
        .collect()
}

/// Rule 1, past: completions of at least two minutes whose scheduled event had no heartbeat timeout.
fn completed_without_heartbeat(facts: &ConfigFacts) -> Vec<Finding> {
    facts
        .long_without_heartbeat
        .iter()
        .map(|long| {
            let start_to_close = facts
                .activity_types
                .iter()
                .find(|settings| settings.activity_type == long.activity_type)
                .map_or_else(|| "its start-to-close timeout".to_string(), |s| timeout(s.start_to_close_millis));
            let text = format!(
                "Activity {} ran for {} (completed in event {}) without a heartbeat timeout: had its worker \
                 crashed, Temporal would have noticed only after {start_to_close}. Give it a heartbeat timeout \
                 and heartbeat from the activity.",
                long.activity_type,
                human_millis(long.millis),
                long.completed_event_id
            );
            Finding::new(Severity::Info, text, Evidence::Event(long.scheduled_event_id))
        })
        .collect()
}

/// Rule 2. The server shortens a start-to-close timeout longer than schedule-to-close to it (and
/// fills a missing one with it) before writing ActivityTaskScheduled, so the history never shows
/// the longer one: what it shows is the two being equal. Then an attempt that times out uses the
/// whole budget and no retry follows, whatever the retry policy says. Per activity type, its
/// first scheduled event; not for activities allowed a single attempt.
fn start_to_close_fills_schedule_to_close(facts: &ConfigFacts) -> Vec<Finding> {
    facts
        .activity_types
        .iter()
        .filter(|s| {
            s.schedule_to_close_millis > 0
                && s.start_to_close_millis >= s.schedule_to_close_millis
                && s.maximum_attempts != 1
        })
        .map(|s| {
            let text = format!(
                "Activity {}'s start-to-close timeout is its whole schedule-to-close timeout ({}): an attempt \
                 that hangs uses up the budget, so its retry policy never gets to retry it. A longer \
                 start-to-close never applies (Temporal shortens it to schedule-to-close); set it to how long \
                 one attempt may take.",
                s.activity_type,
                human_millis(s.schedule_to_close_millis)
            );
            Finding::new(Severity::Info, text, Evidence::Event(s.event_id))
        })
        .collect()
}

/// Rule 3. A pending activity with unlimited attempts (maximum 0) whose last failure has an
/// application type that this run treats as non-retryable elsewhere: another activity type's
/// retry policy lists it in `non_retryable_error_types`, or an activity failed with it marked
/// `non_retryable`. Such a failure is likely permanent, and here it is retried for ever.
fn unlimited_retries_of_non_retryable(inputs: &ConfigInputs) -> Vec<Finding> {
    let facts = inputs.facts;
    inputs
        .pending_activities
        .iter()
        .filter(|activity| activity.maximum_attempts == 0)
        .filter_map(|activity| {
            let failure = activity.last_failure.as_ref()?;
            failure.chain().into_iter().find_map(|failure| {
                let kind = failure.kind.as_str();
                let listed = facts.activity_types.iter().find(|s| {
                    s.activity_type != activity.activity_type && s.non_retryable_error_types.iter().any(|t| t == kind)
                });
                let (reason, event_id) = match listed {
                    Some(s) => {
                        (format!("activity {}'s retry policy lists it as non-retryable", s.activity_type), s.event_id)
                    }
                    None => {
                        let (_, event_id) = facts.non_retryable_raised.iter().find(|(raised, _)| raised == kind)?;
                        ("an activity of this run failed with it marked non-retryable".to_string(), *event_id)
                    }
                };
                let text = format!(
                    "Activity {} (ID {}) retries without limit on {kind} failures, but {reason}: if {kind} is \
                     permanent, list it in this activity's non-retryable error types or set a maximum number \
                     of attempts, so that it fails instead of retrying for ever.",
                    activity.activity_type, activity.activity_id
                );
                Some(Finding::new(Severity::Warning, text, Evidence::Event(event_id)))
            })
        })
        .collect()
}

/// Rule 4: the history's length and size against Temporal's default limits.
fn history_limits(inputs: &ConfigInputs) -> Option<Finding> {
    let (events, bytes) = (inputs.facts.history_length, inputs.facts.history_size_bytes);
    if events < HISTORY_EVENTS_WARN && bytes < HISTORY_BYTES_WARN {
        return None;
    }
    let share = (events as f64 / HISTORY_EVENTS_LIMIT as f64).max(bytes as f64 / HISTORY_BYTES_LIMIT as f64);
    let severity = if share >= NEAR_LIMIT { Severity::Blocking } else { Severity::Warning };
    let text = format!(
        "The history has {events} events ({}), past the warning threshold of {HISTORY_EVENTS_WARN} events or \
         10 MiB: at {HISTORY_EVENTS_LIMIT} events or 50 MiB (Temporal's defaults) the server refuses to grow it \
         and terminates the run. Use continue-as-new to carry the state into a fresh history.",
        human_bytes(bytes)
    );
    Some(Finding::new(severity, text, Evidence::Event(inputs.last_event_id.max(1))))
}

/// Rule 5. The started event does not record the run's own ID reuse or conflict policy, but each
/// StartChildWorkflowExecutionInitiated records its child's: a child ID started more than once
/// under AllowDuplicate (or unspecified, which means it) made several runs of "the same" child.
/// That matters when the child does something that must happen once (a payment, an email).
fn repeated_children(facts: &ConfigFacts) -> Vec<Finding> {
    facts
        .repeated_children
        .iter()
        .map(|child| {
            let text = format!(
                "Child workflow ID {} was started {} times in this run (events {} to {}): its ID reuse policy, \
                 AllowDuplicate, lets a new run start once the previous one closed. If it must run once, \
                 use RejectDuplicate (or AllowDuplicateFailedOnly to retry only after a failure).",
                child.workflow_id, child.starts, child.first_event_id, child.last_event_id
            );
            Finding::new(Severity::Info, text, Evidence::Event(child.first_event_id))
        })
        .collect()
}

/// Rule 6: a local activity that needed more than one attempt while its workflow tasks lasted
/// longer than the workflow task timeout (see `diagnosis_local_activities` for the measure).
fn slow_local_retries(facts: &ConfigFacts) -> Vec<Finding> {
    let task_timeout =
        facts.workflow_task_timeout_millis.filter(|millis| *millis > 0).unwrap_or(DEFAULT_WORKFLOW_TASK_TIMEOUT_MILLIS);
    facts
        .local_retries
        .iter()
        .filter(|retry| retry.millis > task_timeout)
        .map(|retry| {
            let text = format!(
                "Local activity {} took {} attempts, and the workflow tasks it ran in lasted {}, longer than \
                 the workflow task timeout of {}: the SDK kept the workflow task alive by heartbeating it, \
                 its retries left no event, and a worker lost meanwhile starts it over. \
                 Use a regular activity for work that may retry for long, or bound its retries.",
                retry.activity_type,
                retry.attempt,
                human_millis(retry.millis),
                human_millis(task_timeout)
            );
            Finding::new(Severity::Warning, text, Evidence::Event(retry.marker_event_id))
        })
        .collect()
}

fn timeout(millis: i64) -> String {
    if millis > 0 { human_millis(millis) } else { "(none)".to_string() }
}

#[cfg(test)]
#[path = "diagnosis_config_tests.rs"]
mod tests;
