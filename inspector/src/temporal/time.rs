//! Timestamps and durations from Temporal's protobuf types (pages write times in the reader's
//! zone: `crate::time_zone`).
use chrono::{DateTime, SecondsFormat, Utc};
use prost_wkt_types::{Duration, Timestamp};

use model::TimePoint;

pub fn time_point(timestamp: Option<&Timestamp>) -> Option<TimePoint> {
    let timestamp = timestamp?;
    if timestamp.seconds == 0 && timestamp.nanos == 0 {
        return None;
    }
    let time = DateTime::<Utc>::from_timestamp(timestamp.seconds, timestamp.nanos.max(0) as u32)?;
    Some(TimePoint { iso: time.to_rfc3339_opts(SecondsFormat::Millis, true), millis: time.timestamp_millis() })
}

/// An RFC 3339 text (a `Datetime` search attribute) as a time point.
pub fn parse_rfc3339(text: &str) -> Option<TimePoint> {
    let time = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    time_point(Some(&Timestamp { seconds: time.timestamp(), nanos: time.timestamp_subsec_nanos() as i32 }))
}

/// Milliseconds since the epoch, for arithmetic between timestamps.
pub fn millis(timestamp: Option<&Timestamp>) -> Option<i64> {
    let timestamp = timestamp?;
    // Only times a date can hold (±262,000 years), as `time_point`: their milliseconds and the
    // differences between them fit in an i64 whatever seconds a message carries.
    DateTime::<Utc>::from_timestamp(timestamp.seconds, 0)?;
    (timestamp.seconds != 0 || timestamp.nanos != 0)
        .then(|| timestamp.seconds * 1000 + i64::from(timestamp.nanos) / 1_000_000)
}

pub fn now_millis() -> i64 {
    Utc::now().timestamp_millis()
}

/// This moment, e.g. when a query was answered.
pub fn now() -> Option<TimePoint> {
    let now = Utc::now();
    time_point(Some(&Timestamp { seconds: now.timestamp(), nanos: now.timestamp_subsec_nanos() as i32 }))
}

/// The time between two timestamps, or from `start` to now when `end` is missing.
pub fn elapsed(start: Option<&Timestamp>, end: Option<&Timestamp>) -> Option<String> {
    let start = millis(start)?;
    let end = millis(end).unwrap_or_else(now_millis);
    Some(human_millis(end - start))
}

pub fn duration(value: Option<&Duration>) -> Option<String> {
    let value = value?;
    // Saturating: a message's seconds can be any i64.
    let millis = value.seconds.saturating_mul(1000).saturating_add(i64::from(value.nanos) / 1_000_000);
    (millis != 0 || value.nanos != 0).then(|| human_millis(millis))
}

/// `350ms`, `4.2s`, `3m 5s`, `2h 0m 7s`, `3d 4h 5m`.
pub fn human_millis(millis: i64) -> String {
    model::human_duration(millis)
}

/// `512 B`, `12.3 KiB`, `4.0 MiB`.
pub fn human_bytes(bytes: i64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_person_wrote_them() {
        assert_eq!(human_millis(350), "350ms");
        assert_eq!(human_millis(4_200), "4.2s");
        assert_eq!(human_millis(2_000), "2s");
        assert_eq!(human_millis(185_000), "3m 5s");
        assert_eq!(human_millis(7_207_000), "2h 0m 7s");
        assert_eq!(human_millis(3 * 86_400_000 + 4 * 3_600_000 + 5 * 60_000), "3d 4h 5m");
        assert_eq!(duration(Some(&Duration { seconds: 21_600, nanos: 0 })).as_deref(), Some("6h 0m 0s"));
        assert_eq!(duration(Some(&Duration { seconds: 0, nanos: 0 })), None);
    }

    #[test]
    fn timestamps_are_utc_with_milliseconds() {
        let point = time_point(Some(&Timestamp { seconds: 1_764_092_771, nanos: 123_000_000 })).expect("a time");
        assert_eq!(point.text_in(&model::ZoneRules::utc()), "2025-11-25 17:46:11.123 UTC");
        assert_eq!(point.iso, "2025-11-25T17:46:11.123Z");
        assert_eq!(time_point(Some(&Timestamp { seconds: 0, nanos: 0 })), None);
    }

    /// Seconds no date holds overflowed as milliseconds (found by the properties).
    #[test]
    fn times_and_durations_past_i64_milliseconds_do_not_overflow() {
        let far = Timestamp { seconds: -9_223_372_036_854_776, nanos: 0 };
        assert_eq!(millis(Some(&far)), None);
        assert_eq!(elapsed(Some(&far), None), None);
        let long = Duration { seconds: 9_223_372_036_854_775, nanos: 808_000_000 };
        assert_eq!(duration(Some(&long)).as_deref(), Some("106751991167d 7h 12m"));
        assert_eq!(human_millis(i64::MIN), "-106751991167d 7h 12m");
    }

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(12_595), "12.3 KiB");
        assert_eq!(human_bytes(4 * 1024 * 1024), "4.0 MiB");
    }
}

#[cfg(test)]
#[path = "time_props.rs"]
mod props;
