//! Why one running run is stuck, for the stuck-runs page: the run diagnosis's notions (a failing
//! workflow task, a queue nobody polls or that falls behind, a retrying activity, what it waits
//! on) decided from one describe, the queue's verdicts and, for some runs, the newest events.
use model::{QueueVerdict, StuckCause, StuckRun, TimePoint};

/// An activity is "retrying" from this attempt on (the page's default K).
pub const RETRYING_FROM_ATTEMPT: i32 = 3;

/// A pending activity, as describe gives it.
#[derive(Debug, Clone, Default)]
pub struct ActivityFacts {
    pub activity_type: String,
    pub attempt: i32,
    /// The root cause's message of the last failure.
    pub last_failure: Option<String>,
    pub paused: bool,
    pub scheduled: Option<TimePoint>,
}

/// What is known of one run.
#[derive(Debug, Clone, Default)]
pub struct TriageFacts {
    pub workflow_id: String,
    pub run_id: String,
    pub workflow_type: String,
    pub task_queue: String,
    pub start: Option<TimePoint>,
    /// The pending workflow task's attempt (0: none pending).
    pub workflow_task_attempt: i32,
    /// The failing workflow task's cause in words and message, when read.
    pub workflow_task_problem: Option<String>,
    pub workflow_paused: bool,
    pub activities: Vec<ActivityFacts>,
    pub pending_children: usize,
    pub pending_nexus_operations: usize,
    /// The queue's verdicts for workflow and activity tasks (`None`: not asked or not answered).
    pub workflow_queue: Option<QueueVerdict>,
    pub activity_queue: Option<QueueVerdict>,
    /// Whether the newest events hold a timer that has not fired (`None`: not read).
    pub open_timer: Option<bool>,
}

/// The run's cause, the first that holds in the order of [`StuckCause`] (worst first).
pub fn classify(facts: &TriageFacts, retrying_from: i32) -> StuckRun {
    let mut run = StuckRun {
        workflow_id: facts.workflow_id.clone(),
        run_id: facts.run_id.clone(),
        workflow_type: facts.workflow_type.clone(),
        task_queue: facts.task_queue.clone(),
        cause: StuckCause::Progressing,
        activity_type: None,
        failure: None,
        since: facts.start.clone(),
    };
    let nobody_polls = |verdict: &Option<QueueVerdict>| matches!(verdict, Some(QueueVerdict::NobodyPolls { .. }));
    let falling_behind = |verdict: &Option<QueueVerdict>| matches!(verdict, Some(QueueVerdict::FallingBehind { .. }));
    let retrying =
        facts.activities.iter().filter(|activity| activity.attempt >= retrying_from && activity.last_failure.is_some());
    let oldest_retrying = retrying.min_by_key(|activity| activity.scheduled.as_ref().map_or(i64::MAX, |at| at.millis));
    let paused_activity = facts.activities.iter().find(|activity| activity.paused);
    if facts.workflow_task_attempt >= 2 {
        run.cause = StuckCause::WorkflowTaskFailing;
        run.failure = Some(facts.workflow_task_problem.clone().unwrap_or_else(|| {
            format!("the workflow task is at attempt {} (its failure was not read)", facts.workflow_task_attempt)
        }));
    } else if nobody_polls(&facts.workflow_queue) {
        run.cause = StuckCause::NobodyPolls;
    } else if facts.workflow_paused {
        run.cause = StuckCause::Paused;
    } else if let Some(activity) = oldest_retrying {
        run.cause = StuckCause::ActivityRetrying;
        run.activity_type = Some(activity.activity_type.clone());
        run.failure = activity.last_failure.clone();
        run.since = activity.scheduled.clone().or(run.since);
    } else if let Some(activity) = paused_activity {
        run.cause = StuckCause::Paused;
        run.activity_type = Some(activity.activity_type.clone());
    } else if !facts.activities.is_empty() && nobody_polls(&facts.activity_queue) {
        run.cause = StuckCause::NobodyPolls;
    } else if falling_behind(&facts.workflow_queue)
        || (!facts.activities.is_empty() && falling_behind(&facts.activity_queue))
    {
        run.cause = StuckCause::Backlog;
    } else if facts.pending_children > 0 {
        run.cause = StuckCause::WaitingOnChild;
    } else if facts.pending_nexus_operations > 0 {
        run.cause = StuckCause::WaitingOnNexus;
    } else if facts.workflow_task_attempt > 0 || !facts.activities.is_empty() {
        run.cause = StuckCause::Progressing;
    } else {
        run.cause = match facts.open_timer {
            Some(true) => StuckCause::WaitingOnTimer,
            Some(false) => StuckCause::WaitingOnSignalOrUpdate,
            None => StuckCause::WaitingOnTimerSignalOrUpdate,
        };
    }
    run
}

/// Whether a run with these facts needs its newest events read to be classified: a failing
/// workflow task (for its cause) or nothing pending (a timer, or a signal or update).
pub fn needs_newest_events(facts: &TriageFacts) -> bool {
    let waiting = facts.workflow_task_attempt == 0
        && facts.activities.is_empty()
        && facts.pending_children == 0
        && facts.pending_nexus_operations == 0
        && !facts.workflow_paused;
    facts.workflow_task_attempt >= 2 || waiting
}

#[cfg(test)]
mod tests {
    use model::TaskKind;

    use super::*;

    fn at(millis: i64) -> Option<TimePoint> {
        Some(TimePoint { iso: String::new(), millis })
    }

    fn retrying(attempt: i32) -> ActivityFacts {
        ActivityFacts {
            activity_type: "charge".into(),
            attempt,
            last_failure: Some("order 12 failed".into()),
            paused: false,
            scheduled: at(50),
        }
    }

    #[test]
    fn a_failing_workflow_task_is_worse_than_anything_else() {
        let facts = TriageFacts {
            workflow_task_attempt: 3,
            workflow_task_problem: Some("non-determinism".into()),
            activities: vec![retrying(9)],
            workflow_queue: Some(QueueVerdict::NobodyPolls { kind: TaskKind::Workflow, waiting: None }),
            ..Default::default()
        };
        let run = classify(&facts, RETRYING_FROM_ATTEMPT);
        assert_eq!((run.cause, run.failure.as_deref()), (StuckCause::WorkflowTaskFailing, Some("non-determinism")));
        assert!(needs_newest_events(&facts));
    }

    #[test]
    fn a_retrying_activity_counts_from_attempt_k_and_is_stuck_since_it_was_scheduled() {
        let facts = TriageFacts { start: at(10), activities: vec![retrying(3)], ..Default::default() };
        let run = classify(&facts, 3);
        assert_eq!(run.cause, StuckCause::ActivityRetrying);
        assert_eq!((run.activity_type.as_deref(), run.since.map(|t| t.millis)), (Some("charge"), Some(50)));
        assert_eq!(classify(&TriageFacts { activities: vec![retrying(2)], ..facts }, 3).cause, StuckCause::Progressing);
    }

    #[test]
    fn the_queue_verdicts_decide_before_the_waits() {
        let nobody = TriageFacts {
            workflow_queue: Some(QueueVerdict::NobodyPolls { kind: TaskKind::Workflow, waiting: Some(1) }),
            workflow_task_attempt: 1,
            ..Default::default()
        };
        assert_eq!(classify(&nobody, 3).cause, StuckCause::NobodyPolls);
        let idle_activity_queue = TriageFacts {
            activity_queue: Some(QueueVerdict::NobodyPolls { kind: TaskKind::Activity, waiting: None }),
            pending_children: 1,
            ..Default::default()
        };
        assert_eq!(classify(&idle_activity_queue, 3).cause, StuckCause::WaitingOnChild, "no activity waits on it");
    }

    #[test]
    fn with_nothing_pending_the_newest_events_tell_a_timer_from_a_signal() {
        let waiting = TriageFacts::default();
        assert!(needs_newest_events(&waiting));
        assert_eq!(classify(&waiting, 3).cause, StuckCause::WaitingOnTimerSignalOrUpdate);
        let timer = TriageFacts { open_timer: Some(true), ..Default::default() };
        assert_eq!(classify(&timer, 3).cause, StuckCause::WaitingOnTimer);
        let signal = TriageFacts { open_timer: Some(false), ..Default::default() };
        assert_eq!(classify(&signal, 3).cause, StuckCause::WaitingOnSignalOrUpdate);
        let paused = TriageFacts { workflow_paused: true, ..Default::default() };
        assert!(!needs_newest_events(&paused));
        assert_eq!(classify(&paused, 3).cause, StuckCause::Paused);
    }
}
