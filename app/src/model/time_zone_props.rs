//! Properties of the zone rules the page's `tdbg-zone` tag carries (`ZoneRules::decode`, read
//! by the browser from the page): any text decodes to usable rules or to nothing, and every
//! time writes with any rules.
use crate::prop_text::{text, text_of, text_without};
use proptest::prelude::*;

use super::{ZoneRules, ZoneSpan};

/// Text of the encoded form's alphabet, and any text.
fn encoded_ish() -> impl Strategy<Value = String> {
    prop_oneof![
        text(40),
        (
            text_of("AZaz/_", 0..=8),
            prop::collection::vec(
                (text_of("-0123456789", 0..=20), text_of("-0123456789", 0..=12), text_of("AZİ+09,", 0..=5)),
                0..=4
            )
        )
            .prop_map(|(name, spans)| {
                let spans: Vec<String> =
                    spans.iter().map(|(from, offset, abbr)| format!(";{from},{offset},{abbr}")).collect();
                format!("{name}{}", spans.concat())
            }),
        prop::collection::vec((any::<i64>(), any::<i32>(), text_without(';', ',', 0..=5)), 1..4).prop_map(|spans| {
            let spans: Vec<String> =
                spans.iter().map(|(from, offset, abbr)| format!(";{from},{offset},{abbr}")).collect();
            format!("Zone{}", spans.concat())
        }),
    ]
}

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
    fn any_text_decodes_to_usable_rules_or_none(text in encoded_ish(), millis in any::<i64>()) {
        if let Some(rules) = ZoneRules::decode(&text) {
            prop_assert!(!rules.name.is_empty() && !rules.spans.is_empty());
            prop_assert!(rules.spans.windows(2).all(|pair| pair[0].from_millis < pair[1].from_millis));
            check_readings(&rules, millis)?;
        }
    }

    #[test]
    fn encoded_rules_decode_to_themselves(rules in rules(), millis in any::<i64>()) {
        prop_assert_eq!(ZoneRules::decode(&rules.encode()), Some(rules.clone()));
        check_readings(&rules, millis)?;
    }
}
