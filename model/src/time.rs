use serde::{Deserialize, Serialize};

use crate::ZoneRules;

/// A moment. Pages write it in the reader's zone ([`ZoneRules`]), server and browser alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimePoint {
    /// RFC 3339, for `<time datetime=…>` and sorting.
    pub iso: String,
    /// Milliseconds since the Unix epoch, for durations between events.
    pub millis: i64,
}

impl TimePoint {
    /// `2026-11-25 18:46:11.123 CET`, in `zone`.
    pub fn text_in(&self, zone: &ZoneRules) -> String {
        zone.format(self.millis)
    }
}

/// `350ms`, `4.2s`, `3m 5s`, `2h 0m 7s`, `3d 4h 5m`.
pub fn human_duration(millis: i64) -> String {
    if millis < 0 {
        // `saturating_neg`: `-i64::MIN` overflows.
        return format!("-{}", human_duration(millis.saturating_neg()));
    }
    if millis < 1000 {
        return format!("{millis}ms");
    }
    if millis < 60_000 {
        let tenths = millis / 100;
        return if tenths % 10 == 0 {
            format!("{}s", tenths / 10)
        } else {
            format!("{}.{}s", tenths / 10, tenths % 10)
        };
    }
    let seconds = millis / 1000;
    let (days, hours, minutes, secs) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    if days > 0 {
        format!("{days}d {hours}h {minutes}m")
    } else if hours > 0 {
        format!("{hours}h {minutes}m {secs}s")
    } else {
        format!("{minutes}m {secs}s")
    }
}
