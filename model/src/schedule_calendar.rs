//! A schedule's calendar and interval as plain data (Temporal's structured forms), which the
//! spec's words (`schedule_spec`) and the cron reader (`schedule_cron`) share.
use serde::{Deserialize, Serialize};

/// A set of integers `start..=end` every `step`, as Temporal's `Range`: an `end` below `start`
/// means `start` alone, a `step` of 0 means 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecRange {
    pub start: i32,
    pub end: i32,
    pub step: i32,
}

impl SpecRange {
    pub fn one(value: i32) -> SpecRange {
        SpecRange { start: value, end: value, step: 1 }
    }

    pub fn span(start: i32, end: i32, step: i32) -> SpecRange {
        SpecRange { start, end, step }
    }

    pub fn last(&self) -> i32 {
        self.end.max(self.start)
    }

    pub fn step(&self) -> i32 {
        self.step.max(1)
    }

    pub(crate) fn is_single(&self) -> bool {
        self.last() == self.start
    }
}

/// A calendar spec (Temporal's structured form): a time matches when each field matches one of
/// its ranges; no year range means every year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecCalendar {
    pub second: Vec<SpecRange>,
    pub minute: Vec<SpecRange>,
    pub hour: Vec<SpecRange>,
    pub day_of_month: Vec<SpecRange>,
    pub month: Vec<SpecRange>,
    pub year: Vec<SpecRange>,
    /// 0 is Sunday.
    pub day_of_week: Vec<SpecRange>,
    pub comment: String,
}

/// `epoch + n × every + phase`, in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecInterval {
    pub every_seconds: i64,
    pub phase_seconds: i64,
}
