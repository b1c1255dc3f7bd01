use serde::{Deserialize, Serialize};

use super::TimePoint;

/// A workflow execution's status, as Temporal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExecutionStatus {
    Running,
    Completed,
    Failed,
    Canceled,
    Terminated,
    ContinuedAsNew,
    TimedOut,
    Paused,
    Unspecified,
}

impl ExecutionStatus {
    pub const ALL: [ExecutionStatus; 8] = [
        ExecutionStatus::Running,
        ExecutionStatus::Completed,
        ExecutionStatus::Failed,
        ExecutionStatus::Canceled,
        ExecutionStatus::Terminated,
        ExecutionStatus::ContinuedAsNew,
        ExecutionStatus::TimedOut,
        ExecutionStatus::Paused,
    ];

    /// The name used in visibility queries (`ExecutionStatus = 'Running'`) and on badges.
    pub fn name(self) -> &'static str {
        match self {
            ExecutionStatus::Running => "Running",
            ExecutionStatus::Completed => "Completed",
            ExecutionStatus::Failed => "Failed",
            ExecutionStatus::Canceled => "Canceled",
            ExecutionStatus::Terminated => "Terminated",
            ExecutionStatus::ContinuedAsNew => "ContinuedAsNew",
            ExecutionStatus::TimedOut => "TimedOut",
            ExecutionStatus::Paused => "Paused",
            ExecutionStatus::Unspecified => "Unspecified",
        }
    }

    pub fn from_name(name: &str) -> ExecutionStatus {
        ExecutionStatus::ALL
            .into_iter()
            .find(|status| status.name().eq_ignore_ascii_case(name))
            .unwrap_or(ExecutionStatus::Unspecified)
    }

    pub fn is_running(self) -> bool {
        matches!(self, ExecutionStatus::Running | ExecutionStatus::Paused)
    }
}

/// One row of the workflow list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowRow {
    pub workflow_id: String,
    pub run_id: String,
    pub workflow_type: String,
    pub status: ExecutionStatus,
    pub task_queue: String,
    pub start_time: Option<TimePoint>,
    pub close_time: Option<TimePoint>,
    /// Human duration from start to close (or to now for running workflows).
    pub duration: Option<String>,
    pub history_length: i64,
    /// The values of the search attributes the list asked for (its `sa.` columns), in their
    /// order, as text; `None` where the run has no such attribute.
    #[serde(default)]
    pub attributes: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: ExecutionStatus,
    pub count: i64,
}

/// One page of `ListWorkflowExecutions`, with the status counts of the same query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowPage {
    pub rows: Vec<WorkflowRow>,
    /// Opaque token of the next page (base64url), absent on the last page.
    pub next_page: Option<String>,
    /// `None` when counting is turned off or failed; the list still shows.
    pub counts: Option<Vec<StatusCount>>,
    pub total: Option<i64>,
    /// The viewer may start a batch over the list's query.
    #[serde(default)]
    pub can_batch: bool,
    /// Temporal refused the query because it names a search attribute this cluster lacks (such
    /// as `TemporalReportedProblems` before server 1.30): its words, shown instead of rows.
    #[serde(default)]
    pub unavailable: Option<String>,
}

/// Every run of one workflow ID, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunsPage {
    pub workflow_id: String,
    pub runs: Vec<WorkflowRow>,
    /// More runs exist than are listed.
    pub truncated: bool,
    /// Whether this viewer may terminate a run here (the "terminate latest" link).
    pub can_terminate: bool,
}
