//! Standalone activities (server 1.32+): activities a client started with no workflow around
//! them. The list (`/namespaces/{ns}/activities`), one activity
//! (`/namespaces/{ns}/activities/{activity_id}/{run_id}/details`) and its commands' forms.
use serde::{Deserialize, Serialize};

use super::{FailureView, PayloadView, TimePoint};

/// The commands on a standalone activity, as their URL segments name them.
pub const STANDALONE_ACTIVITY_ACTIONS: [&str; 6] = ["pause", "unpause", "reset", "options", "cancel", "terminate"];

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandaloneActivityRow {
    pub activity_id: String,
    pub run_id: String,
    pub activity_type: String,
    /// `Running`, `Paused`, `Completed`, `Failed`, `Canceled`, `Terminated`, `Timed out`.
    pub status: String,
    pub task_queue: String,
    pub scheduled: Option<TimePoint>,
    pub closed: Option<TimePoint>,
    /// An open activity's state (`Scheduled`, `Started`, …) and attempt, which the list call does
    /// not give: each open row is described.
    pub state: Option<String>,
    pub attempt: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandaloneActivitiesPage {
    /// The visibility query the page was asked with (empty: every activity).
    pub query: String,
    pub rows: Vec<StandaloneActivityRow>,
    /// The link's token of the next page.
    pub next_page: Option<String>,
    /// How many match the query, when Temporal counted them.
    pub count: Option<i64>,
    /// Why the list is not shown: the cluster does not offer standalone activities.
    pub unavailable: Option<String>,
}

/// The timeouts and retry policy an activity runs under, in words (`None`: not set).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandaloneActivityOptions {
    pub schedule_to_close: Option<String>,
    pub schedule_to_start: Option<String>,
    pub start_to_close: Option<String>,
    pub heartbeat: Option<String>,
    pub initial_interval: Option<String>,
    pub maximum_interval: Option<String>,
    pub backoff_coefficient: Option<String>,
    /// 0: unlimited.
    pub maximum_attempts: i32,
    pub non_retryable_error_types: Vec<String>,
}

/// One standalone activity, with its payloads decoded (untrusted: shown as text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandaloneActivityPage {
    pub namespace: String,
    pub activity_id: String,
    pub run_id: String,
    pub activity_type: String,
    pub status: String,
    /// An open activity's state: `Scheduled`, `Started`, `Cancel requested`, `Paused`, …
    pub state: Option<String>,
    pub task_queue: String,
    pub attempt: i32,
    pub scheduled: Option<TimePoint>,
    pub last_started: Option<TimePoint>,
    pub last_attempt_completed: Option<TimePoint>,
    pub next_attempt: Option<TimePoint>,
    pub expires: Option<TimePoint>,
    pub closed: Option<TimePoint>,
    pub running_for: Option<String>,
    pub current_retry_interval: Option<String>,
    pub last_heartbeat: Option<TimePoint>,
    pub heartbeat_count: i64,
    pub heartbeat_details: Vec<PayloadView>,
    pub last_failure: Option<FailureView>,
    pub last_worker_identity: String,
    /// The SDK of the worker that last picked it up (`temporal-python 1.35.0`).
    pub sdk: String,
    pub canceled_reason: String,
    pub options: StandaloneActivityOptions,
    pub input: Vec<PayloadView>,
    pub result: Vec<PayloadView>,
    /// How a closed activity failed (its outcome).
    pub outcome_failure: Option<FailureView>,
    pub commands: StandaloneActivityCommands,
}

impl StandaloneActivityPage {
    pub fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "Running" | "Paused")
    }

    pub fn is_paused(&self) -> bool {
        self.status == "Paused" || self.state.as_deref() == Some("Paused")
    }

    /// The commands that make sense now: pause or unpause as it is paused or not, the rest while
    /// it is open; none once it is closed.
    pub fn offered_actions(&self) -> Vec<&'static str> {
        if !self.is_open() {
            return Vec::new();
        }
        let paused = self.is_paused();
        STANDALONE_ACTIVITY_ACTIONS
            .into_iter()
            .filter(|action| match *action {
                "pause" => !paused,
                "unpause" => paused,
                _ => true,
            })
            .collect()
    }
}

/// Whether the viewer may use the commands (the server checks again on each POST).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandaloneActivityCommands {
    pub allowed: bool,
    /// Why not, when the write policy says no.
    pub refused: Option<String>,
}

/// The form of one command on a standalone activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandaloneActivityActionPage {
    pub action: String,
    pub activity: StandaloneActivityPage,
    pub csrf_token: String,
    pub refused: Option<String>,
    /// Why the activity cannot take it now ("the activity is closed").
    pub unavailable: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(status: &str, state: Option<&str>) -> StandaloneActivityPage {
        StandaloneActivityPage {
            namespace: "default".into(),
            activity_id: "a".into(),
            run_id: "r".into(),
            activity_type: "t".into(),
            status: status.into(),
            state: state.map(str::to_string),
            task_queue: "q".into(),
            attempt: 1,
            scheduled: None,
            last_started: None,
            last_attempt_completed: None,
            next_attempt: None,
            expires: None,
            closed: None,
            running_for: None,
            current_retry_interval: None,
            last_heartbeat: None,
            heartbeat_count: 0,
            heartbeat_details: Vec::new(),
            last_failure: None,
            last_worker_identity: String::new(),
            sdk: String::new(),
            canceled_reason: String::new(),
            options: StandaloneActivityOptions::default(),
            input: Vec::new(),
            result: Vec::new(),
            outcome_failure: None,
            commands: StandaloneActivityCommands::default(),
        }
    }

    #[test]
    fn commands_follow_the_activity_state() {
        assert_eq!(
            page("Running", Some("Started")).offered_actions(),
            ["pause", "reset", "options", "cancel", "terminate"]
        );
        assert_eq!(
            page("Paused", Some("Paused")).offered_actions(),
            ["unpause", "reset", "options", "cancel", "terminate"]
        );
        assert!(page("Completed", None).offered_actions().is_empty());
        assert!(page("Terminated", None).offered_actions().is_empty());
    }
}
