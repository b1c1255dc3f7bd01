//! Properties of the times and durations read from Temporal's messages (live or imported
//! histories, schedules): any timestamp, duration or RFC 3339 text gives a sane reading or none.
use model::prop_text::text;
use proptest::prelude::*;
use prost_wkt_types::{Duration, Timestamp};

use super::{duration, elapsed, human_bytes, human_millis, millis, parse_rfc3339, time_point};

/// Seconds and nanoseconds anywhere in their types, and near where dates end.
fn timestamp() -> impl Strategy<Value = Timestamp> {
    let seconds = prop_oneof![
        any::<i64>(),
        prop::sample::select(vec![i64::MIN, -62_135_596_800, -1, 0, 1, 253_402_300_799, 8_210_266_876_799, i64::MAX]),
        -100_000_000_000..100_000_000_000i64,
    ];
    let nanos = prop_oneof![any::<i32>(), 0..1_000_000_000i32, Just(-1)];
    (seconds, nanos).prop_map(|(seconds, nanos)| Timestamp { seconds, nanos })
}

fn rfc3339() -> impl Strategy<Value = String> {
    prop_oneof![
        text(30),
        (
            -10_000..100_000i32,
            0..14u32,
            0..33u32,
            prop::sample::select(vec!['T', 't', ' ']),
            0..25u32,
            0..62u32,
            0..62u32
        )
            .prop_flat_map(|date| (
                Just(date),
                prop::option::of(0..u64::MAX),
                prop::option::of((any::<bool>(), 0..25u32, 0..61u32))
            ))
            .prop_map(|((year, month, day, t, hour, minute, second), fraction, offset)| {
                let fraction = fraction.map(|digits| format!(".{digits}")).unwrap_or_default();
                let offset = offset
                    .map_or("Z".to_string(), |(east, h, m)| format!("{}{h:02}:{m:02}", if east { '+' } else { '-' }));
                format!("{year:04}-{month:02}-{day:02}{t}{hour:02}:{minute:02}:{second:02}{fraction}{offset}")
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_timestamp_reads_or_is_none(start in timestamp(), end in timestamp()) {
        if let Some(point) = time_point(Some(&start)) {
            prop_assert!(point.iso.ends_with('Z') && point.iso.len() >= 24, "{}", point.iso);
            if (0..1_000_000_000).contains(&start.nanos) {
                prop_assert_eq!(millis(Some(&start)), Some(point.millis));
            }
        }
        if let Some(text) = elapsed(Some(&start), Some(&end)) {
            prop_assert!(text.ends_with('s') || text.ends_with('m'), "{}", text);
        }
    }

    #[test]
    fn any_duration_reads_in_words(
        seconds in prop_oneof![any::<i64>(), prop::sample::select(vec![i64::MIN, -1, 0, i64::MAX])],
        nanos in any::<i32>(),
    ) {
        if let Some(text) = duration(Some(&Duration { seconds, nanos })) {
            prop_assert!(!text.is_empty());
        }
    }

    /// `human_millis` writes every count of milliseconds, however long or negative.
    #[test]
    fn any_millis_read_like_a_duration(
        value in prop_oneof![any::<i64>(), prop::sample::select(vec![i64::MIN, i64::MIN + 1, -1, 0, i64::MAX])],
        bytes in any::<i64>(),
    ) {
        let text = human_millis(value);
        prop_assert!(text.ends_with('s') || text.ends_with('m'), "{}", text);
        prop_assert_eq!(text.starts_with('-'), value < 0);
        prop_assert!(human_bytes(bytes).ends_with('B'));
    }

    /// A `Datetime` search attribute's text, as anyone set it.
    #[test]
    fn any_rfc3339_text_reads_or_is_none(text in rfc3339()) {
        if let Some(point) = parse_rfc3339(&text) {
            prop_assert!(point.iso.ends_with('Z'));
            prop_assert_eq!(parse_rfc3339(&point.iso).map(|again| again.millis), Some(point.millis));
        }
    }
}
