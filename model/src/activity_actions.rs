//! The form of one command on a pending activity (`…/activities/{activity_id}/actions/{action}`).
use serde::{Deserialize, Serialize};

use super::{PendingActivityView, RunHeader};

/// The commands on a pending activity, as their URL segments name them. `complete` and `fail`
/// answer for an activity that completes asynchronously (by its ID, as an outside system would).
pub const ACTIVITY_ACTIONS: [&str; 6] = ["pause", "unpause", "reset", "options", "complete", "fail"];

/// The commands that end the activity for good: their forms ask for the activity ID typed out.
pub fn ends_activity(action: &str) -> bool {
    matches!(action, "complete" | "fail")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityActionPage {
    pub header: RunHeader,
    /// One of [`ACTIVITY_ACTIONS`].
    pub action: String,
    pub activity: PendingActivityView,
    pub csrf_token: String,
    /// Why this viewer may not do it, when that is so.
    pub refused: Option<String>,
    /// Why the activity cannot take it now ("it is not paused").
    pub unavailable: Option<String>,
}
