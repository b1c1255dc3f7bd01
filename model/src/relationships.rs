//! The relationships tab: parent, children, the continue-as-new / retry chain, and where the run
//! sits among the runs of its workflow ID.
use serde::{Deserialize, Serialize};

use super::{ParentLink, RunHeader, TimePoint};

/// A child workflow the run started, as its history tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildView {
    pub namespace: String,
    pub workflow_id: String,
    /// Known once the child started.
    pub run_id: Option<String>,
    pub workflow_type: String,
    /// `Starting`, `Running`, `Completed`, `Failed`, `Canceled`, `TimedOut`, `Terminated`, `Failed to start`.
    pub state: String,
    pub initiated_event_id: i64,
    /// The event that last changed the child's state.
    pub last_event_id: i64,
    pub last_event_time: Option<TimePoint>,
}

/// The run before or after this one with the same workflow ID, and why it exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainLink {
    pub run_id: String,
    /// e.g. `continued as new`, `retry`, `cron schedule`.
    pub reason: String,
}

/// Where the run sits among every run of its workflow ID, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunPosition {
    /// 1 is the newest run.
    pub index: usize,
    pub count: usize,
    /// More runs exist than were listed.
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipsPage {
    pub header: RunHeader,
    pub parent: Option<ParentLink>,
    /// The top of the parent chain, when it is not the parent itself.
    pub root: Option<ParentLink>,
    pub children: Vec<ChildView>,
    pub previous: Option<ChainLink>,
    pub next: Option<ChainLink>,
    /// The first run of the chain this run belongs to, when it is not this run.
    pub first_run_id: Option<String>,
    /// `Err` holds why the runs could not be listed.
    pub position: Result<Option<RunPosition>, String>,
}
