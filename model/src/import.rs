//! A history opened from a file (`/import/{id}`): what its events say about the run, and the
//! page of its events the URL asks for. No Temporal call is involved.
use serde::{Deserialize, Serialize};

use super::{ExecutionStatus, FailureView, HistoryPage, PayloadView, TimePoint};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPage {
    pub id: String,
    /// The name of the uploaded file.
    pub file_name: String,
    pub workflow_type: String,
    pub task_queue: String,
    /// How the run stood when the history was saved: its closing event, or `Running`.
    pub status: ExecutionStatus,
    pub start_time: Option<TimePoint>,
    pub close_time: Option<TimePoint>,
    pub input: Vec<PayloadView>,
    pub result: Option<Vec<PayloadView>>,
    pub failure: Option<FailureView>,
    pub history: HistoryPage,
    /// The page's events as proto3 JSON, for the JSON view.
    pub events_json: Option<String>,
}
