//! What the debugging tabs of a run show: pending work, the task queue's pollers, the call stack.
use serde::{Deserialize, Serialize};

use super::{CallbackView, EnhancedStack, ExecutionStatus, FailureView, PayloadView, TimePoint};

/// The top of every run tab: which run, its state, and the counts on the tab labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunHeader {
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
    pub workflow_type: String,
    pub status: ExecutionStatus,
    pub task_queue: String,
    pub pending_activities: usize,
    /// What the viewer may do to this run (nothing unless the server allows writes).
    pub permissions: super::Permissions,
    /// The run's workflow task keeps failing or timing out: the banner on every tab.
    pub workflow_task_problem: Option<WorkflowTaskProblem>,
}

/// An open run whose last workflow task failed or timed out and is being tried again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowTaskProblem {
    /// The WorkflowTaskFailed or WorkflowTaskTimedOut event.
    pub event_id: i64,
    pub timed_out: bool,
    /// The cause in words: "non-determinism: the worker's code no longer matches this history".
    pub cause: String,
    /// Temporal's name for it, e.g. `NonDeterministicError` (empty for a timeout).
    pub cause_code: String,
    /// The attempt Temporal schedules now: the task has failed `attempt - 1` times in a row.
    pub attempt: i32,
    pub failure: Option<super::FailureView>,
    /// The worker that failed it (for a timeout: the one that had taken it).
    pub identity: String,
    /// The worker's build ID, when it reported one.
    pub build_id: String,
    pub time: Option<TimePoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingActivityView {
    pub activity_id: String,
    pub activity_type: String,
    /// `Scheduled`, `Started`, `CancelRequested`, `Paused`, …
    pub state: String,
    pub attempt: i32,
    /// 0 means unlimited.
    pub maximum_attempts: i32,
    pub scheduled_time: Option<TimePoint>,
    pub last_started_time: Option<TimePoint>,
    pub expiration_time: Option<TimePoint>,
    pub next_attempt_time: Option<TimePoint>,
    /// How long until the next attempt, e.g. `12s` (negative means overdue).
    pub next_attempt_in: Option<String>,
    pub current_retry_interval: Option<String>,
    pub last_heartbeat_time: Option<TimePoint>,
    pub heartbeat_details: Vec<PayloadView>,
    pub last_worker_identity: String,
    pub last_failure: Option<FailureView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingChildView {
    pub workflow_id: String,
    pub run_id: String,
    pub workflow_type: String,
    pub initiated_event_id: i64,
}

/// A Nexus operation the run started and that has not completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingNexusView {
    pub endpoint: String,
    pub service: String,
    pub operation: String,
    pub operation_token: String,
    /// `Scheduled`, `BackingOff`, `Started`, `Blocked`.
    pub state: String,
    pub attempt: i32,
    pub scheduled_time: Option<TimePoint>,
    pub schedule_to_close_timeout: Option<String>,
    pub last_attempt_complete_time: Option<TimePoint>,
    pub next_attempt_time: Option<TimePoint>,
    pub blocked_reason: String,
    pub scheduled_event_id: i64,
    pub last_attempt_failure: Option<FailureView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPage {
    pub header: RunHeader,
    pub activities: Vec<PendingActivityView>,
    pub children: Vec<PendingChildView>,
    pub nexus_operations: Vec<PendingNexusView>,
    /// Whom the run tells when it closes (a Nexus caller, for a handler's run).
    pub callbacks: Vec<CallbackView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollerView {
    pub identity: String,
    pub last_access_time: Option<TimePoint>,
    pub rate_per_second: String,
    /// The worker's deployment and build ID (`orders / v42`, `build v42`), empty when unversioned.
    pub deployment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkersPage {
    pub header: RunHeader,
    /// Workflow and activity tasks of the run's task queue: pollers, backlog, verdict.
    pub kinds: Vec<super::TaskTypeView>,
    /// The workers heartbeating on the run's task queue, with their verdicts.
    pub workers: super::QueueWorkers,
}

/// The result of asking a run's worker for its stack trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StackTrace {
    Trace {
        /// The stack as text (from `__stack_trace`, or built from the enhanced frames).
        text: String,
        taken_at: TimePoint,
        /// Frames with source locations, when the SDK answers `__enhanced_stack_trace`.
        enhanced: Option<EnhancedStack>,
    },
    /// Closed runs have no live stack.
    Closed,
    /// Nothing polls the workflow task queue, so nobody can answer the query.
    NoWorker,
    /// The worker answered the query with an error, or the query timed out.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallStackPage {
    pub header: RunHeader,
    pub stack: StackTrace,
}
