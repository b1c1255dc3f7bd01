use serde::{Deserialize, Serialize};

use super::{ExecutionStatus, FailureView, Finding, HistoryPage, PayloadView, RunHeader, TimePoint};

/// Everything the run page shows, from one DescribeWorkflowExecution and the full history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunPage {
    pub summary: RunSummary,
    pub input: Vec<PayloadView>,
    pub result: Option<Vec<PayloadView>>,
    pub failure: Option<FailureView>,
    /// The page of the history table the URL asks for.
    pub history: HistoryPage,
    /// Why the run is not progressing (or how it ended), with evidence.
    pub findings: Vec<Finding>,
    /// The history as pretty proto3 JSON, when the JSON view asked for it.
    pub events_json: Option<String>,
    /// Whether a codec server is configured (then a decoded download is offered).
    #[serde(default)]
    pub codec: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSummary {
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
    pub workflow_type: String,
    pub status: ExecutionStatus,
    pub task_queue: String,
    pub start_time: Option<TimePoint>,
    pub close_time: Option<TimePoint>,
    pub duration: Option<String>,
    pub history_length: i64,
    /// Human size, e.g. `12.3 KiB`.
    pub history_size: String,
    pub parent: Option<ParentLink>,
    /// The run this one continued from, and the one that continued it.
    pub continued_from: Option<String>,
    pub continued_as: Option<String>,
    pub pending_activities: usize,
    pub pending_children: usize,
    pub pending_workflow_task: Option<PendingWorkflowTaskView>,
    pub workflow_run_timeout: Option<String>,
    pub workflow_execution_timeout: Option<String>,
    pub cancel_requested: bool,
    pub attempt: i32,
    /// What the viewer may do to this run.
    pub permissions: super::Permissions,
    pub workflow_task_problem: Option<super::WorkflowTaskProblem>,
    pub metadata: super::RunMetadata,
}

impl RunSummary {
    /// The part of the summary every tab shows.
    pub fn header(&self) -> RunHeader {
        RunHeader {
            namespace: self.namespace.clone(),
            workflow_id: self.workflow_id.clone(),
            run_id: self.run_id.clone(),
            workflow_type: self.workflow_type.clone(),
            status: self.status,
            task_queue: self.task_queue.clone(),
            pending_activities: self.pending_activities,
            permissions: self.permissions.clone(),
            workflow_task_problem: self.workflow_task_problem.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentLink {
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingWorkflowTaskView {
    /// `Scheduled` or `Started`.
    pub state: String,
    pub scheduled_time: Option<TimePoint>,
    pub attempt: i32,
}
