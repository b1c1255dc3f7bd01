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
