//! The namespace's stuck-runs triage page: how many runs are running, how many were checked,
//! and the checked runs grouped by why they are stuck.
use serde::{Deserialize, Serialize};

use super::{Permissions, TimePoint};

/// Why a running run does not finish, in the run diagnosis's terms. Declared most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StuckCause {
    /// Its pending workflow task is a retry (attempt 2 or more): it failed or timed out.
    WorkflowTaskFailing,
    /// No worker polls its task queue for workflow tasks.
    NobodyPolls,
    /// A pending activity is at attempt K or more, with a last failure.
    ActivityRetrying,
    /// Its task queue's workers poll but fall behind.
    Backlog,
    /// The workflow or one of its activities is paused.
    Paused,
    WaitingOnChild,
    WaitingOnNexus,
    WaitingOnTimer,
    WaitingOnSignalOrUpdate,
    /// No pending activity, child or workflow task, and the history was not read to tell which.
    WaitingOnTimerSignalOrUpdate,
    /// A workflow task or activity is underway and none is failing: making progress.
    Progressing,
}

impl StuckCause {
    pub const ALL: [StuckCause; 11] = [
        StuckCause::WorkflowTaskFailing,
        StuckCause::NobodyPolls,
        StuckCause::ActivityRetrying,
        StuckCause::Backlog,
        StuckCause::Paused,
        StuckCause::WaitingOnChild,
        StuckCause::WaitingOnNexus,
        StuckCause::WaitingOnTimer,
        StuckCause::WaitingOnSignalOrUpdate,
        StuckCause::WaitingOnTimerSignalOrUpdate,
        StuckCause::Progressing,
    ];

    /// The group's heading.
    pub fn label(self) -> &'static str {
        match self {
            StuckCause::WorkflowTaskFailing => "Workflow task failing",
            StuckCause::NobodyPolls => "Nobody polls the task queue",
            StuckCause::ActivityRetrying => "Activity retrying",
            StuckCause::Backlog => "Task queue falling behind",
            StuckCause::Paused => "Paused",
            StuckCause::WaitingOnChild => "Waiting on a child workflow",
            StuckCause::WaitingOnNexus => "Waiting on a Nexus operation",
            StuckCause::WaitingOnTimer => "Waiting on a timer",
            StuckCause::WaitingOnSignalOrUpdate => "Waiting for a signal, an update or a condition",
            StuckCause::WaitingOnTimerSignalOrUpdate => "Waiting on a timer, a signal or an update",
            StuckCause::Progressing => "Making progress",
        }
    }

    /// A stable name for CSS classes and tests: `activity-retrying`, …
    pub fn slug(self) -> &'static str {
        match self {
            StuckCause::WorkflowTaskFailing => "workflow-task-failing",
            StuckCause::NobodyPolls => "nobody-polls",
            StuckCause::ActivityRetrying => "activity-retrying",
            StuckCause::Backlog => "backlog",
            StuckCause::Paused => "paused",
            StuckCause::WaitingOnChild => "waiting-on-child",
            StuckCause::WaitingOnNexus => "waiting-on-nexus",
            StuckCause::WaitingOnTimer => "waiting-on-timer",
            StuckCause::WaitingOnSignalOrUpdate => "waiting-on-signal",
            StuckCause::WaitingOnTimerSignalOrUpdate => "waiting-on-timer-signal-or-update",
            StuckCause::Progressing => "progressing",
        }
    }

    /// Lower is worse: groups are ordered by this, then by size.
    pub fn severity_rank(self) -> usize {
        StuckCause::ALL.iter().position(|cause| *cause == self).unwrap_or(usize::MAX)
    }
}

/// One checked run, classified: what the grouping works on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckRun {
    pub workflow_id: String,
    pub run_id: String,
    pub workflow_type: String,
    pub task_queue: String,
    pub cause: StuckCause,
    /// The retrying (or paused) activity's type.
    pub activity_type: Option<String>,
    /// The failure as Temporal gave it (the activity's last failure, the workflow task's cause).
    pub failure: Option<String>,
    /// When the stuck state began where known (the retrying activity's first schedule), else
    /// when the run started.
    pub since: Option<TimePoint>,
}

/// A run a group links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckSample {
    pub workflow_id: String,
    pub run_id: String,
}

/// Runs with the same cause, workflow type, activity type and (normalized) failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckGroup {
    pub cause: StuckCause,
    pub workflow_type: String,
    pub activity_type: Option<String>,
    /// The failure with numbers, IDs and quoted values masked: `order # failed`.
    pub failure: Option<String>,
    /// The task queue, for causes that are about the queue (nobody polls, backlog).
    pub task_queue: Option<String>,
    pub count: usize,
    /// The oldest `since` of the group's runs.
    pub oldest_since: Option<TimePoint>,
    /// Up to five runs, oldest first.
    pub samples: Vec<StuckSample>,
    /// The run IDs a recovery acts on: the oldest, at most [`RECOVERY_RUNS`].
    pub recovery_run_ids: Vec<String>,
}

impl StuckGroup {
    /// `ExecutionStatus='Running' AND RunId IN ('…', …)`: exactly the runs a recovery acts on,
    /// those of them still running.
    pub fn recovery_query(&self) -> String {
        let quoted: Vec<String> =
            self.recovery_run_ids.iter().map(|id| format!("'{}'", id.replace('\'', "\\'"))).collect();
        format!("ExecutionStatus='Running' AND RunId IN ({})", quoted.join(", "))
    }
}

/// How many runs one recovery link selects (`RunId IN (…)` keeps the URL under 8 kB).
pub const RECOVERY_RUNS: usize = 100;

/// The computed triage (shared by viewers for a minute), without the viewer's permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckRunsReport {
    /// Running runs matching the query.
    pub running: i64,
    /// Distinct runs read and classified.
    pub checked: usize,
    /// How the oldest runs were found, in words.
    pub oldest_method: String,
    pub groups: Vec<StuckGroup>,
    /// Temporal calls made to compute it (cache hits are not calls).
    pub calls: u64,
    /// The most it could have made for this N.
    pub max_calls: u64,
    /// The formula of `max_calls`, in words.
    pub budget: String,
    pub computed_at: TimePoint,
    /// What was left out or could not be read.
    pub notes: Vec<String>,
}

/// The page: the report and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckRunsPage {
    pub namespace: String,
    /// The user's visibility query (empty: the whole namespace).
    pub query: String,
    /// Runs read per end (newest, oldest).
    pub per_end: usize,
    pub report: StuckRunsReport,
    /// Whether this view was served from the minute-long cache.
    pub cached: bool,
    pub now_millis: i64,
    pub permissions: Permissions,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recovery_query_selects_running_runs_by_id() {
        let group = StuckGroup {
            cause: StuckCause::WaitingOnTimer,
            workflow_type: String::new(),
            activity_type: None,
            failure: None,
            task_queue: None,
            count: 2,
            oldest_since: None,
            samples: Vec::new(),
            recovery_run_ids: vec!["a".into(), "b'c".into()],
        };
        assert_eq!(group.recovery_query(), "ExecutionStatus='Running' AND RunId IN ('a', 'b\\'c')");
    }

    #[test]
    fn causes_rank_worst_first() {
        assert!(StuckCause::WorkflowTaskFailing.severity_rank() < StuckCause::WaitingOnTimer.severity_rank());
        assert_eq!(StuckCause::Progressing.severity_rank(), StuckCause::ALL.len() - 1);
    }
}
