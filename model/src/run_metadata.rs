//! What a run carries besides its history: the user metadata it was started with, its priority,
//! versioning and reset facts (the summary), its search attributes and its memo (their tabs).
use serde::{Deserialize, Serialize};

use super::{PayloadView, RunHeader, TimePoint};

/// The summary's facts from DescribeWorkflowExecution beyond status and times.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunMetadata {
    /// `user_metadata.summary`: one line, shown as text.
    pub summary: Option<String>,
    /// `user_metadata.details`: Markdown, rendered on the server to safe HTML (see `inspector::markdown`).
    pub details_html: Option<String>,
    pub priority_key: Option<i32>,
    pub fairness_key: Option<String>,
    /// ("Behavior", "Pinned"), ("Deployment version", "orders:build-7"), ("Override", …).
    pub versioning: Vec<(String, String)>,
    /// The schedule that started this run (`TemporalScheduledById`).
    pub scheduled_by: Option<String>,
    pub state_transitions: i64,
    /// The run a reset of this one made, and when.
    pub reset_run_id: Option<String>,
    pub last_reset_time: Option<TimePoint>,
    /// The run this one was made from by a reset (its first event's `original_execution_run_id`).
    #[serde(default)]
    pub reset_from: Option<ResetOrigin>,
    /// The first run of this chain of runs (continue-as-new, retries, cron), when not this one.
    pub first_run_id: Option<String>,
    pub cron_schedule: Option<String>,
    /// The SDK that completed the first workflow task ("temporal-python 1.18.0"), when the history's
    /// opening events name it.
    #[serde(default)]
    pub sdk: Option<String>,
}

/// Where a reset run's history came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetOrigin {
    /// The run the history's first event was written in.
    pub run_id: String,
    /// That run's newest reset made another run: this one came from it through later resets.
    pub through_later_resets: bool,
}

/// One search attribute: its name, Temporal type and decoded value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeView {
    pub name: String,
    /// `Keyword`, `Text`, `Int`, `Double`, `Bool`, `Datetime`, `KeywordList`, or empty.
    pub kind: String,
    pub value: PayloadView,
    /// A `Datetime` value (or list of them), for the chosen time zone.
    pub times: Vec<TimePoint>,
}

/// `…/{run_id}/search-attributes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchAttributesPage {
    pub header: RunHeader,
    pub custom: Vec<AttributeView>,
    /// Set by Temporal or the SDK (`TemporalChangeVersion`, `BuildIds`, `TemporalScheduledById`, …).
    pub system: Vec<AttributeView>,
}

/// `…/{run_id}/memo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoPage {
    pub header: RunHeader,
    pub fields: Vec<(String, PayloadView)>,
}
