//! Properties of a schedule's spec in words (`calendar_words`, `calendar_raw`, `cron_words`,
//! `interval_words`, `duration_words`, `ScheduleSpecView::words`). The structured calendars come
//! from Temporal as any `i32` ranges, so every range must read in words without panicking.
use crate::prop_text::{text, text_of};
use proptest::prelude::*;

use super::{
    ScheduleSpecView, SpecCalendar, SpecInterval, SpecRange, calendar_raw, calendar_words, cron_words, duration_words,
    interval_words,
};

/// Any number, with the ends of `i32` and the fields' own bounds likelier.
fn number() -> impl Strategy<Value = i32> {
    prop_oneof![
        any::<i32>(),
        prop::sample::select(vec![i32::MIN, i32::MIN + 1, -1, 0, 1, 6, 7, 12, 23, 31, 59, 60, i32::MAX - 1, i32::MAX]),
        -2..70i32,
    ]
}

fn ranges() -> impl Strategy<Value = Vec<SpecRange>> {
    prop::collection::vec(
        (number(), number(), number()).prop_map(|(start, end, step)| SpecRange { start, end, step }),
        0..3,
    )
}

fn calendar() -> impl Strategy<Value = SpecCalendar> {
    (ranges(), ranges(), ranges(), ranges(), ranges(), ranges(), ranges(), text(6)).prop_map(
        |(second, minute, hour, day_of_month, month, year, day_of_week, comment)| SpecCalendar {
            second,
            minute,
            hour,
            day_of_month,
            month,
            year,
            day_of_week,
            comment,
        },
    )
}

fn seconds() -> impl Strategy<Value = i64> {
    prop_oneof![any::<i64>(), prop::sample::select(vec![i64::MIN, -1, 0, 1, 59, 60, 3600, 86_400, i64::MAX])]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_calendar_reads_in_words(calendar in calendar()) {
        let words = calendar_words(&calendar);
        prop_assert!(!words.trim().is_empty());
        let raw = calendar_raw(&calendar);
        let fields = [&calendar.second, &calendar.minute, &calendar.hour, &calendar.day_of_month, &calendar.month,
            &calendar.year, &calendar.day_of_week];
        prop_assert_eq!(raw.is_empty(), fields.iter().all(|ranges| ranges.is_empty()) && calendar.comment.is_empty());
    }

    #[test]
    fn any_spec_reads_in_words(
        intervals in prop::collection::vec((seconds(), seconds()), 0..3),
        calendars in prop::collection::vec(calendar(), 0..2),
        cron_strings in prop::collection::vec(prop_oneof![
            text(20),
            prop::collection::vec(text_of("0123456789*/,-", 1..=4), 5..=7).prop_map(|fields| fields.join(" ")),
        ], 0..2),
        jitter in seconds(),
        time_zone in text(10),
    ) {
        let view = ScheduleSpecView {
            intervals: intervals.iter().map(|&(every_seconds, phase_seconds)| SpecInterval { every_seconds, phase_seconds }).collect(),
            calendars: calendars.clone(),
            cron_strings: cron_strings.clone(),
            excluded: calendars,
            jitter_seconds: jitter,
            time_zone,
            ..Default::default()
        };
        let words = view.words();
        let expected = (view.intervals.len() + view.calendars.len() * 2 + view.cron_strings.len()).max(1);
        prop_assert_eq!(words.len(), expected);
        prop_assert!(words.iter().all(|phrase| !phrase.trim().is_empty()));
        prop_assert_eq!(view.jitter_words().is_some(), jitter > 0);
        for cron in &cron_strings {
            prop_assert!(!cron_words(cron, "UTC").is_empty());
        }
    }

    /// The words add up to the seconds they say.
    #[test]
    fn any_duration_reads_in_words(seconds in seconds(), phase in seconds()) {
        let words = duration_words(seconds);
        let parts: Vec<&str> = words.split(' ').collect();
        let mut total: i64 = 0;
        for pair in parts.chunks(2) {
            let count: i64 = pair[0].parse().map_err(|_| TestCaseError::fail(words.clone()))?;
            let size = match pair.get(1).map(|unit| unit.trim_end_matches('s')) {
                Some("day") => 86_400,
                Some("hour") => 3600,
                Some("minute") => 60,
                Some("second") => 1,
                _ => return Err(TestCaseError::fail(words.clone())),
            };
            total += count * size;
        }
        prop_assert_eq!(total, seconds.max(0), "{}", words);
        let interval = interval_words(&SpecInterval { every_seconds: seconds, phase_seconds: phase });
        prop_assert!(interval.starts_with("every "), "{}", interval);
    }
}
