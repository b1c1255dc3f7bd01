//! `/namespaces/{ns}/worker-deployments/{deployment}`: one worker deployment from
//! DescribeWorkerDeployment, its routing (current and ramping version) and its versions.
use serde::{Deserialize, Serialize};

use super::TimePoint;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerDeploymentPage {
    pub namespace: String,
    pub name: String,
    /// The cluster does not offer worker deployments: this note, and nothing else to show.
    pub unavailable: Option<String>,
    pub created: Option<TimePoint>,
    /// Build ID of the current version; `None`: unversioned workers take new work.
    pub current: Option<String>,
    pub current_changed: Option<TimePoint>,
    /// Build ID of the ramping version and the share of new work it gets.
    pub ramping: Option<String>,
    pub ramp_percentage: f32,
    pub ramping_changed: Option<TimePoint>,
    /// Whether the last routing change reached every task queue ("Completed", "In progress").
    pub routing_update_state: Option<String>,
    pub last_modifier: Option<String>,
    pub manager: Option<String>,
    /// Newest first.
    pub versions: Vec<DeploymentVersionRow>,
    /// DescribeWorkerDeployment's conflict token, base64: the forms send it back, so Temporal
    /// refuses a change made from a page that is out of date.
    pub conflict_token: String,
    pub csrf_token: String,
    /// Why this viewer may not change the routing, when that is so (no forms then).
    pub refused: Option<String>,
}

/// One version of the deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentVersionRow {
    pub build_id: String,
    /// "Current", "Ramping", "Draining", "Drained", "Inactive".
    pub status: String,
    /// "Draining" or "Drained" once the version stopped taking new work.
    pub drainage: Option<String>,
    pub drainage_changed: Option<TimePoint>,
    pub drainage_checked: Option<TimePoint>,
    pub created: Option<TimePoint>,
    pub current_since: Option<TimePoint>,
    pub ramping_since: Option<TimePoint>,
}
