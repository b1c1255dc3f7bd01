//! The form of one command on a pending activity (`…/activities/{activity_id}/actions/{action}`).
use serde::{Deserialize, Serialize};

use super::{PendingActivityView, RunHeader};

/// The commands on a pending activity, as their URL segments name them.
pub const ACTIVITY_ACTIONS: [&str; 4] = ["pause", "unpause", "reset", "options"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityActionPage {
    pub header: RunHeader,
    /// `pause`, `unpause`, `reset` or `options`.
    pub action: String,
    pub activity: PendingActivityView,
    pub csrf_token: String,
    /// Why this viewer may not do it, when that is so.
    pub refused: Option<String>,
    /// Why the activity cannot take it now ("it is not paused").
    pub unavailable: Option<String>,
}
