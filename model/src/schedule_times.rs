//! A schedule's matching times (ListScheduleMatchingTimes) for a range the reader picks, and the
//! backfill form's starting range. Times in forms are UTC, as `<input type="datetime-local">`
//! writes them (`2026-12-06T17:00`).
use serde::{Deserialize, Serialize};

use super::TimePoint;

/// How many matching times the page lists for a range the reader picked.
pub const RANGE_TIMES: usize = 100;

/// The overlap policies a backfill may ask for instead of the schedule's own: (form value, label).
pub const BACKFILL_OVERLAP: [(&str, &str); 7] = [
    ("", "the schedule's own"),
    ("skip", "Skip"),
    ("buffer_one", "BufferOne"),
    ("buffer_all", "BufferAll"),
    ("cancel_other", "CancelOther"),
    ("terminate_other", "TerminateOther"),
    ("allow_all", "AllowAll"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleTimes {
    /// The range as the form shows it (UTC, `YYYY-MM-DDTHH:MM`).
    pub from: String,
    pub to: String,
    /// Whether the reader picked the range (otherwise nothing was listed: the page's "Upcoming"
    /// has the next times, from DescribeSchedule).
    pub picked: bool,
    /// The times the spec matches in the range, oldest first, at most [`RANGE_TIMES`].
    pub times: Vec<TimePoint>,
    /// More times matched than are listed.
    pub more: bool,
    /// Why none could be listed: a range that cannot be read, or Temporal's answer.
    pub problem: Option<String>,
    /// The backfill form's starting range: the last day, up to now.
    pub backfill_from: String,
    pub backfill_to: String,
}
