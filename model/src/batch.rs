//! Batch recovery: the dry run of a batch over a visibility query, and a batch job's progress.
use serde::{Deserialize, Serialize};

use super::{Permissions, TimePoint, WorkflowRow};

/// The runs one batch would affect, shown before anything is done (`/namespaces/{ns}/batch`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchPlanPage {
    pub namespace: String,
    pub query: String,
    /// How many runs the query matches now.
    pub count: i64,
    /// The first few of them.
    pub sample: Vec<WorkflowRow>,
    pub csrf_token: String,
    /// Why this viewer may not start a batch, when that is so.
    pub refused: Option<String>,
    pub permissions: Permissions,
}

/// A batch job as Temporal describes it (`/namespaces/{ns}/batch-operations/{job_id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchJobPage {
    pub namespace: String,
    pub job_id: String,
    /// `Terminate`, `Cancel`, `Signal`, `Reset`, …
    pub operation: String,
    /// `Running`, `Completed`, `Failed`.
    pub state: String,
    pub query: String,
    pub reason: String,
    pub identity: String,
    pub total: i64,
    pub complete: i64,
    pub failed: i64,
    pub start_time: Option<TimePoint>,
    pub close_time: Option<TimePoint>,
    pub csrf_token: String,
    /// Whether this viewer may stop it.
    pub can_stop: bool,
}

/// Most runs one reset-before-failure touches (the debugger resets them one by one).
pub const FAILURE_RESET_MAX_RUNS: usize = 100;

/// A reset of each run a query matches to its last workflow task before its first failure, which
/// Temporal's batch jobs cannot do (their reset point is the same for every run): the debugger
/// resets the runs one by one and keeps this report in memory
/// (`/namespaces/{ns}/batch-resets/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureResetPage {
    pub namespace: String,
    pub id: String,
    pub query: String,
    pub reason: String,
    pub identity: String,
    pub time: Option<TimePoint>,
    pub outcomes: Vec<FailureResetOutcome>,
    /// The query matched more runs than one reset handles; the rest are untouched.
    pub more_runs: bool,
    /// What was done to each run (reports kept before pauses existed are resets).
    #[serde(default)]
    pub action: RunByRunAction,
}

/// What a run-by-run batch does: Temporal's batch jobs can do neither.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunByRunAction {
    /// Reset each run to its last workflow task before its first failure.
    #[default]
    ResetBeforeFailure,
    /// Pause each run's pending activities of this type.
    PauseActivities { activity_type: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureResetOutcome {
    pub workflow_id: String,
    pub run_id: String,
    pub result: FailureResetResult,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FailureResetResult {
    /// Reset to workflow task `event_id` ("before activity charge_card failed"); the new run.
    Reset { event_id: i64, sentence: String, new_run_id: String },
    /// Its pending activities of the type were paused (how many were pending and not yet paused).
    Paused { activities: usize },
    /// Left alone, and why ("no failure in its history").
    Skipped(String),
    /// Temporal refused the reset or the history could not be read.
    Failed(String),
}

impl FailureResetPage {
    /// (reset or paused, skipped, failed) counts.
    pub fn tally(&self) -> (usize, usize, usize) {
        self.outcomes.iter().fold((0, 0, 0), |(reset, skipped, failed), outcome| match outcome.result {
            FailureResetResult::Reset { .. } | FailureResetResult::Paused { .. } => (reset + 1, skipped, failed),
            FailureResetResult::Skipped(_) => (reset, skipped + 1, failed),
            FailureResetResult::Failed(_) => (reset, skipped, failed + 1),
        })
    }
}
