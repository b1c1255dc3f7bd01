//! Two runs of one workflow ID side by side, aligned step by step (workflow tasks left out).
use serde::{Deserialize, Serialize};

use super::{ExecutionStatus, TimePoint};

/// One event that matters for the comparison, with the attributes it is compared by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareStep {
    pub event_id: i64,
    pub event_type: String,
    /// The activity or workflow type, timer ID, signal or marker name.
    pub name: String,
    /// `(attribute, value)` pairs compared between the runs: input, result, failure, …
    pub key_fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareRow {
    pub a: Option<CompareStep>,
    pub b: Option<CompareStep>,
    /// What differs: `event type`, `name`, or attribute names; empty when the steps agree.
    pub differing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareSide {
    pub run_id: String,
    pub status: ExecutionStatus,
    pub start_time: Option<TimePoint>,
    pub steps: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparePage {
    pub namespace: String,
    pub workflow_id: String,
    pub a: CompareSide,
    pub b: CompareSide,
    pub rows: Vec<CompareRow>,
    /// The index in `rows` of the first step where the runs differ.
    pub first_difference: Option<usize>,
}
