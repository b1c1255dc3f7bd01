//! Properties of the timeline's URL parameters (`TimelineOptions::from_query`: `kind`, `search`,
//! `scale`, `from`, `to`): any query gives sane options that write a URL reading back to them.
use std::collections::HashMap;

use crate::prop_text::text;
use proptest::prelude::*;

use super::TimelineOptions;
use crate::url_segment as urls;

/// A value: a number (any, or near the ends of i64), a list of kinds, or any text.
fn value() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        prop::sample::select(vec![i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX])
            .prop_map(|n| format!(" {n} ")),
        prop::sample::select(vec!["activity", "timer, activity", ",,", "real", "9223372036854775808", "1e3"])
            .prop_map(str::to_string),
        text(16),
    ])
}

fn query() -> impl Strategy<Value = HashMap<&'static str, String>> {
    (value(), value(), value(), value(), value()).prop_map(|(kind, search, scale, from, to)| {
        [("kind", kind), ("search", search), ("scale", scale), ("from", from), ("to", to)]
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect()
    })
}

/// The decoded values of a query string without `?`.
fn values_of(query: &str) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        values.entry(urls::decode(key)).or_insert_with(|| urls::decode(value));
    }
    values
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_query_reads_to_options_that_write_themselves_back(values in query()) {
        let options = TimelineOptions::from_query(|key| values.get(key).cloned());
        if let Some((from, to)) = options.window {
            prop_assert!(to > from);
        }
        prop_assert!(options.kinds.iter().all(|kind| !kind.is_empty() && kind.trim() == kind && !kind.contains(',')));
        prop_assert_eq!(options.search.trim(), options.search.as_str());
        let written = options.query_string(urls::encode);
        let again = values_of(&written);
        prop_assert_eq!(TimelineOptions::from_query(|key| again.get(key).cloned()), options, "{}", written);
    }
}
