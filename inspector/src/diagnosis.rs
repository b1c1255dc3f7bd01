//! "Why is it stuck?": plain rules over what describe, the history and the pollers say.
pub use super::diagnosis_config::{ConfigFacts, ConfigFactsCollector};
pub use super::diagnosis_heartbeats::HeartbeatFacts;
pub use super::diagnosis_history::{HistoryFacts, HistoryFactsCollector};
use super::{
    diagnosis_config::{ConfigInputs, config_findings},
    diagnosis_heartbeats::heartbeat_findings,
    diagnosis_history::text_field,
    diagnosis_workers::worker_findings,
};
use model::{
    Evidence, ExecutionStatus, FailureView, FieldValue, Finding, PendingActivityView, QueueVerdict, Severity,
    WorkerView, ZoneRules,
};

/// What the rules look at. Poller counts are `None` when they were not asked (closed runs).
pub struct RunFacts<'a> {
    pub status: ExecutionStatus,
    pub task_queue: &'a str,
    pub workflow_pollers: Option<usize>,
    pub activity_pollers: Option<usize>,
    /// The task queue's verdicts for workflow and activity tasks, with the page that shows them
    /// (empty when they were not asked).
    pub queue_verdicts: &'a [QueueVerdict],
    pub task_queue_page: &'a str,
    /// The workers heartbeating on the task queue (empty when not asked or not reported).
    pub queue_workers: &'a [WorkerView],
    pub pending_activities: &'a [PendingActivityView],
    /// What the history says, gathered while it was read.
    pub history: HistoryFacts,
    pub failure: Option<&'a FailureView>,
    /// Pending activities that declared a heartbeat timeout.
    pub heartbeats: &'a [HeartbeatFacts],
    pub now_millis: i64,
    /// The reader's zone, for the times findings name.
    pub zone: &'a ZoneRules,
    /// What the configuration rules need, gathered in the same pass (and describe's history size).
    pub config: ConfigFacts,
}

pub fn diagnose(facts: &RunFacts) -> Vec<Finding> {
    let mut findings = if facts.status.is_running() { while_running(facts) } else { how_it_ended(facts) };
    findings.extend(config_findings(&ConfigInputs {
        status: facts.status,
        facts: &facts.config,
        pending_activities: facts.pending_activities,
        last_event_id: facts.history.last_event_id,
        now_millis: facts.now_millis,
    }));
    findings
}

fn while_running(facts: &RunFacts) -> Vec<Finding> {
    let mut findings = Vec::new();
    if facts.workflow_pollers == Some(0) {
        findings.push(Finding::new(
            Severity::Blocking,
            format!(
                "No worker polls task queue \"{}\" for workflow tasks, so the workflow cannot make progress.",
                facts.task_queue
            ),
            Evidence::tab("workers", "Workers"),
        ));
    }
    if facts.activity_pollers == Some(0) && !facts.pending_activities.is_empty() {
        findings.push(Finding::new(
            Severity::Blocking,
            format!(
                "No worker polls task queue \"{}\" for activity tasks; {} pending activit{} wait for one.",
                facts.task_queue,
                facts.pending_activities.len(),
                if facts.pending_activities.len() == 1 { "y" } else { "ies" }
            ),
            Evidence::tab("workers", "Workers"),
        ));
    }
    findings.extend(falling_behind(facts));
    findings.extend(worker_findings(facts.queue_workers, facts.task_queue));
    findings.extend(last_workflow_task_failure(&facts.history));
    findings.extend(facts.pending_activities.iter().filter_map(|activity| retrying_activity(activity, facts.zone)));
    findings.extend(heartbeat_findings(facts.heartbeats, facts.now_millis));
    let waits = open_waits(&facts.history, facts.zone);
    if waits.is_empty() && facts.pending_activities.is_empty() && findings.is_empty() {
        findings.push(Finding::new(
            Severity::Info,
            "Waiting for a signal, an update or a condition: no timer, activity or child workflow is pending."
                .to_string(),
            Evidence::tab("call-stack", "Call stack"),
        ));
    }
    findings.extend(waits);
    findings
}

/// A queue whose workers poll but do not keep up delays every run on it.
fn falling_behind(facts: &RunFacts) -> Vec<Finding> {
    facts
        .queue_verdicts
        .iter()
        .filter(|verdict| matches!(verdict, QueueVerdict::FallingBehind { .. }))
        .map(|verdict| {
            Finding::new(
                Severity::Warning,
                verdict.sentence(facts.task_queue),
                Evidence::Page { href: facts.task_queue_page.to_string(), label: "task queue".to_string() },
            )
        })
        .collect()
}

fn how_it_ended(facts: &RunFacts) -> Vec<Finding> {
    let last_event = facts.history.last_event_id.max(1);
    let mut text = format!("The run closed as {}.", facts.status.name());
    if let Some(failure) = facts.failure {
        let root = failure.root_cause();
        text.push_str(&format!(" {}: {}", failure.kind, failure.message));
        if !std::ptr::eq(root, failure) {
            text.push_str(&format!(" — first failure: {}: {}", root.kind, root.message));
        }
    }
    let severity = if facts.failure.is_some() { Severity::Warning } else { Severity::Info };
    vec![Finding::new(severity, text, Evidence::Event(last_event))]
}

fn retrying_activity(activity: &PendingActivityView, zone: &ZoneRules) -> Option<Finding> {
    let failure = activity.last_failure.as_ref()?;
    let of =
        if activity.maximum_attempts == 0 { "unlimited".to_string() } else { activity.maximum_attempts.to_string() };
    let mut text = format!(
        "Activity {} (ID {}) is retrying: attempt {} of {of}, last failure \"{}\"",
        activity.activity_type,
        activity.activity_id,
        activity.attempt,
        failure.root_cause().message
    );
    if let Some(next) = &activity.next_attempt_time {
        text.push_str(&format!(", next attempt at {}", zone.format(next.millis)));
        if let Some(wait) = &activity.next_attempt_in {
            text.push_str(&format!(" (in {wait})"));
        }
    }
    text.push('.');
    Some(Finding::new(Severity::Warning, text, Evidence::tab("pending-activities", "Pending activities")))
}

/// The newest workflow task outcome, if it is a failure (non-determinism and friends).
fn last_workflow_task_failure(history: &HistoryFacts) -> Option<Finding> {
    let last = history.last_workflow_task_outcome.as_ref()?;
    if last.event_type == "WorkflowTaskCompleted" {
        return None;
    }
    let cause = text_field(last, "cause").unwrap_or_default();
    let message = match last.field("failure") {
        Some(FieldValue::Failure(failure)) => failure.message.clone(),
        _ => String::new(),
    };
    let text = if last.event_type == "WorkflowTaskTimedOut" {
        "The last workflow task timed out: the worker took it but did not answer in time.".to_string()
    } else {
        format!("The last workflow task failed ({cause}): {message}")
    };
    Some(Finding::new(Severity::Blocking, text, Evidence::Event(last.event_id)))
}

/// Timers that have not fired and children that have not closed.
fn open_waits(history: &HistoryFacts, zone: &ZoneRules) -> Vec<Finding> {
    let (timers, children) = (&history.open_timers, &history.open_children);
    let timer_findings = timers.iter().map(|timer| {
        let duration = text_field(timer, "startToFireTimeout").unwrap_or_default();
        let since =
            timer.time.as_ref().map(|time| format!(", started at {}", zone.format(time.millis))).unwrap_or_default();
        let text =
            format!("Waiting on timer {} for {duration}{since}.", text_field(timer, "timerId").unwrap_or_default());
        Finding::new(Severity::Info, text, Evidence::Event(timer.event_id))
    });
    let child_findings = children.iter().map(|child| {
        let text = format!(
            "Waiting on child workflow {} ({}).",
            text_field(child, "workflowId").unwrap_or_default(),
            text_field(child, "workflowType.name").unwrap_or_default()
        );
        Finding::new(Severity::Info, text, Evidence::Event(child.event_id))
    });
    timer_findings.chain(child_findings).collect()
}

#[cfg(test)]
#[path = "diagnosis_tests.rs"]
mod tests;
