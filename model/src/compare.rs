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

/// Rows of the compare page shown at once, and how many agreeing rows lead up to the first difference.
pub const COMPARE_ROWS_SHOWN: usize = 2000;
pub const ROWS_BEFORE_DIFFERENCE: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparePage {
    pub namespace: String,
    pub workflow_id: String,
    pub a: CompareSide,
    pub b: CompareSide,
    /// The rows shown: at most [`COMPARE_ROWS_SHOWN`], starting a little before the first
    /// difference, so two long runs do not make a page of every step.
    pub rows: Vec<CompareRow>,
    /// The position of `rows[0]` among all rows, and how many rows the alignment has.
    pub rows_from: usize,
    pub total_rows: usize,
    /// The position among all rows of the first step where the runs differ.
    pub first_difference: Option<usize>,
}

impl ComparePage {
    /// The first difference's row, if it is among the rows shown.
    pub fn first_difference_row(&self) -> Option<&CompareRow> {
        self.first_difference.and_then(|index| self.rows.get(index.checked_sub(self.rows_from)?))
    }
}

/// Where the shown rows start: a few agreeing rows before the first difference, or the top.
pub fn rows_window(first_difference: Option<usize>) -> usize {
    first_difference.map_or(0, |index| index.saturating_sub(ROWS_BEFORE_DIFFERENCE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExecutionStatus;

    #[test]
    fn the_rows_shown_start_a_little_before_the_first_difference() {
        assert_eq!(rows_window(None), 0);
        assert_eq!(rows_window(Some(5)), 0);
        assert_eq!(rows_window(Some(5000)), 5000 - ROWS_BEFORE_DIFFERENCE);
        let side = CompareSide { run_id: "r".into(), status: ExecutionStatus::Completed, start_time: None, steps: 0 };
        let row = |differing: &[&str]| CompareRow {
            a: None,
            b: None,
            differing: differing.iter().map(|text| text.to_string()).collect(),
        };
        let page = ComparePage {
            namespace: "default".into(),
            workflow_id: "w".into(),
            a: side.clone(),
            b: side,
            rows: vec![row(&[]), row(&["input"])],
            rows_from: 4980,
            total_rows: 9000,
            first_difference: Some(4981),
        };
        assert_eq!(page.first_difference_row().map(|row| row.differing.clone()), Some(vec!["input".to_string()]));
    }
}
