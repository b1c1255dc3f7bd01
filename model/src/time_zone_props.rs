//! Properties of the zone rules: every time writes with any well-formed rules.
use crate::prop_text::text_without;
use proptest::prelude::*;

use super::{ZoneRules, ZoneSpan};

/// Well-formed rules: strictly increasing starts after the first (which is open-ended).
fn rules() -> impl Strategy<Value = ZoneRules> {
    (
        text_without(';', ',', 1..=12),
        prop::collection::vec((1..i64::MAX / 8, any::<i32>(), text_without(';', ',', 0..=6)), 0..6),
        any::<i32>(),
        text_without(';', ',', 0..=6),
    )
        .prop_map(|(name, later, first_offset, first_abbreviation)| {
            let mut from = i64::MIN / 2;
            let mut spans = vec![ZoneSpan {
                from_millis: i64::MIN,
                offset_seconds: first_offset,
                abbreviation: first_abbreviation,
            }];
            for (step, offset_seconds, abbreviation) in later {
                from = from.saturating_add(step);
                if spans.last().is_some_and(|last| last.from_millis >= from) {
                    break;
                }
                spans.push(ZoneSpan { from_millis: from, offset_seconds, abbreviation });
            }
            ZoneRules { name, spans }
        })
}

/// Every reading of a time with these rules, checked to be well formed.
fn check_readings(rules: &ZoneRules, millis: i64) -> Result<(), TestCaseError> {
    let text = rules.format(millis);
    prop_assert!(text.len() >= "0-01-01 00:00:00.000 ".len(), "{}", text);
    let clock = rules.clock(millis, false);
    prop_assert_eq!(clock.len(), 8, "{}", clock);
    prop_assert!(rules.clock(millis, true).ends_with(&clock));
    let offset = rules.offset_millis(millis);
    prop_assert!(rules.spans.iter().any(|span| i64::from(span.offset_seconds) * 1000 == offset));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn every_time_writes_with_any_rules(rules in rules(), millis in any::<i64>()) {
        check_readings(&rules, millis)?;
    }
}
