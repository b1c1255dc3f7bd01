//! The schedules pages' models: the list (ListSchedules) and one schedule (DescribeSchedule).
use serde::{Deserialize, Serialize};

use super::{AttributeView, ExecutionStatus, PayloadView, ScheduleSpecView, ScheduleTimes, TimePoint};

/// A run a schedule started (one of its recent actions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRun {
    pub workflow_id: String,
    pub run_id: String,
    /// As the schedule last saw it; `Unspecified` when Temporal did not say.
    pub status: ExecutionStatus,
    /// The time the spec named, and when the run actually started (later with jitter or a
    /// buffered start).
    pub scheduled_time: Option<TimePoint>,
    pub actual_time: Option<TimePoint>,
}

/// One row of `/namespaces/{ns}/schedules`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub schedule_id: String,
    pub paused: bool,
    pub notes: String,
    pub spec_words: Vec<String>,
    pub workflow_type: String,
    pub next_run: Option<TimePoint>,
    pub last_run: Option<ScheduleRun>,
}

/// `/namespaces/{ns}/schedules?next=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulesPage {
    pub rows: Vec<ScheduleRow>,
    /// The token of the next page (URL-safe base64), when there is one.
    pub next_page: Option<String>,
}

/// What the schedule starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleAction {
    pub workflow_type: String,
    pub task_queue: String,
    /// The base of each run's workflow ID (Temporal appends the scheduled time).
    pub workflow_id: String,
    pub input: Vec<PayloadView>,
    pub execution_timeout: Option<String>,
    pub run_timeout: Option<String>,
}

/// The overlap policy and the rest of `SchedulePolicies`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePolicies {
    /// Temporal's name (`Skip`, `BufferOne`, …).
    pub overlap: String,
    pub overlap_words: String,
    pub catchup_window: Option<String>,
    pub pause_on_failure: bool,
    pub keep_original_workflow_id: bool,
}

/// The counters of `ScheduleInfo`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleCounts {
    pub actions: i64,
    pub missed_catchup_window: i64,
    pub overlap_skipped: i64,
    pub buffer_dropped: i64,
    pub buffered: i64,
}

/// `/namespaces/{ns}/schedules/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePage {
    pub schedule_id: String,
    pub paused: bool,
    pub notes: String,
    /// How many actions remain, when the schedule is limited to a number of them.
    pub remaining_actions: Option<i64>,
    pub spec: ScheduleSpecView,
    /// The spec as Temporal returned it, in the proto3 JSON mapping.
    pub spec_json: String,
    pub policies: SchedulePolicies,
    pub action: ScheduleAction,
    /// Newest first.
    pub recent: Vec<ScheduleRun>,
    pub upcoming: Vec<TimePoint>,
    pub running: Vec<(String, String)>,
    pub counts: ScheduleCounts,
    pub created: Option<TimePoint>,
    pub updated: Option<TimePoint>,
    pub memo: Vec<(String, PayloadView)>,
    pub search_attributes: Vec<AttributeView>,
    #[serde(default)]
    pub writes: ScheduleWrites,
    /// The spec's matching times (the next ones, or for the range the reader picked).
    #[serde(default)]
    pub times: ScheduleTimes,
}

/// The writes the page may offer: pause or unpause with a note (the `Pause` permission) and
/// trigger a run now (`StartWorkflow`). The server checks again when the form is posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleWrites {
    pub csrf_token: String,
    pub can_pause: bool,
    pub can_trigger: bool,
}
