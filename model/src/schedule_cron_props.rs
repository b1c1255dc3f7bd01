//! Properties of reading cron strings and calendar expressions (`parse_cron`, `calendar_fields`),
//! which come from Temporal (a schedule's spec) as anyone wrote them: any text is read or refused
//! with a sentence, and what is read stays within each field's range.
use crate::prop_text::{text, text_of};
use proptest::prelude::*;

use super::{CronSpec, calendar_fields, parse_cron};
use crate::{SpecCalendar, SpecRange};

/// One cron field: numbers, names, ranges, steps and lists, in and out of range.
fn field() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("*".to_string()),
        Just("?".to_string()),
        (-3..80i32).prop_map(|n| n.to_string()),
        any::<i32>().prop_map(|n| n.to_string()),
        prop::sample::select(vec!["MON", "fri", "Sunday", "jan", "DECEMBER", "İ", "mo", "2999", "1970", "3000"])
            .prop_map(str::to_string),
    ];
    let item = (atom.clone(), prop::option::of(atom), prop::option::of(-2..70i32)).prop_map(|(start, end, step)| {
        let mut item = start;
        if let Some(end) = end {
            item = format!("{item}-{end}");
        }
        if let Some(step) = step {
            item = format!("{item}/{step}");
        }
        item
    });
    prop::collection::vec(item, 1..3).prop_map(|items| items.join(","))
}

/// A cron string: 4 to 8 fields, or a shorthand, with an optional zone and comment.
fn cron() -> impl Strategy<Value = String> {
    let body = prop_oneof![
        prop::collection::vec(field(), 4..9).prop_map(|fields| fields.join(" ")),
        prop::sample::select(vec!["@daily", "@hourly", "@weekly", "@monthly", "@yearly", "@midnight", "@annually"])
            .prop_map(str::to_string),
        (
            text_of("0123456789", 0..=20),
            text_of("smhdx", 0..=2),
            text_of("0123456789", 0..=3),
            prop::option::of((text_of("0123456789", 0..=20), text_of("smhd", 0..=2)))
        )
            .prop_map(|(count, unit, more, phase)| {
                let phase = phase.map(|(count, unit)| format!("/{count}{unit}")).unwrap_or_default();
                format!("@every {count}{unit}{more}{phase}")
            }),
    ];
    (
        prop::option::of(prop_oneof![
            text_of("ABCXYZabcxyz/_", 0..=12).prop_map(|zone| format!("CRON_TZ={zone}")),
            text(6).prop_map(|zone| format!("TZ={zone}")),
        ]),
        body,
        prop::option::of(text(10)),
    )
        .prop_map(|(zone, body, comment)| {
            let mut cron = zone.map(|zone| format!("{zone} ")).unwrap_or_default() + &body;
            if let Some(comment) = comment {
                cron.push_str(&format!(" #{comment}"));
            }
            cron
        })
}

/// Each range within `min..=max` and not backwards.
fn within(ranges: &[SpecRange], min: i32, max: i32) -> bool {
    ranges.iter().all(|range| min <= range.start && range.start <= range.end && range.end <= max && range.step >= 1)
}

fn check_calendar(calendar: &SpecCalendar) -> Result<(), TestCaseError> {
    prop_assert!(within(&calendar.second, 0, 59) && within(&calendar.minute, 0, 59) && within(&calendar.hour, 0, 23));
    prop_assert!(within(&calendar.day_of_month, 1, 31) && within(&calendar.month, 1, 12));
    prop_assert!(within(&calendar.year, 1970, 2999));
    // Cron's Sunday-as-7 is folded into 0.
    prop_assert!(within(&calendar.day_of_week, 0, 6), "{:?}", calendar.day_of_week);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_cron_string_is_read_within_range_or_refused(cron in prop_oneof![cron(), text(40)]) {
        match parse_cron(&cron) {
            Ok(CronSpec::Calendar { calendar, .. }) => check_calendar(&calendar)?,
            Ok(CronSpec::Interval(interval)) => {
                prop_assert!(interval.every_seconds >= 1 && interval.phase_seconds >= 0, "{:?}", interval);
            }
            Err(error) => prop_assert!(error.trim().len() > 3, "a vague error: {:?}", error),
        }
    }

    #[test]
    fn any_calendar_expressions_are_read_within_range_or_refused(
        fields in prop::array::uniform7(prop_oneof![field(), text(6), Just(String::new())]),
    ) {
        let fields = fields.each_ref().map(String::as_str);
        match calendar_fields(fields) {
            Ok(calendar) => check_calendar(&calendar)?,
            Err(error) => prop_assert!(error.trim().len() > 3, "a vague error: {:?}", error),
        }
    }
}
