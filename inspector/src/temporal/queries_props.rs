//! Properties of `known_query_types` over any worker error text (it comes from the worker).
use model::prop_text::{text, text_of};
use proptest::prelude::*;

use super::known_query_types;

const MARKERS: [&str; 4] = ["KnownQueryTypes=", "known queries: ", "knownTypes=", "Registered queries: "];

/// A marker as some SDK might case it: each ASCII letter upper or lower.
fn marker() -> impl Strategy<Value = String> {
    (prop::sample::select(&MARKERS[..]), any::<u32>()).prop_map(|(marker, upper)| {
        marker
            .chars()
            .enumerate()
            .map(
                |(index, c)| {
                    if upper >> (index % 32) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }
                },
            )
            .collect()
    })
}

/// Text around the list: letters whose lowercase is longer or shorter than they are ("İ", "Ⱥ"),
/// other non-ASCII and ASCII punctuation, but no marker, bracket or ASCII letter.
fn filler() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec!['İ', 'Ⱥ', 'ẞ', 'Σ', 'ǅ', 'ﬀ', 'ä', '€', '𝔘', ' ', '.', ':', '=', '0']),
            any::<char>()
                .prop_filter("no ASCII letter or bracket", |c| { !c.is_ascii_alphabetic() && !matches!(c, '[' | ']') }),
        ],
        0..16,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// A query name as SDKs list them: no separator, quote or bracket inside.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        text_of("az_", 1..=10).prop_map(|name| format!("__{name}")),
        (text_of("aZ", 1..=1), text_of("aZ09_", 0..=10)).prop_map(|(first, rest)| first + &rest),
        text_of("äöüİßΣ𝔘az", 1..=6),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Any text: no panic, and a list that holds only trimmed, unique names with the SDK's own
    /// (`__`) last.
    #[test]
    fn any_message_gives_none_or_a_clean_list(
        message in prop_oneof![
            text(60),
            (text(20), marker(), text(30)).prop_map(|(before, marker, after)| format!("{before}{marker}{after}")),
        ]
    ) {
        if let Some(names) = known_query_types(&message) {
            for name in &names {
                prop_assert!(!name.is_empty() && !name.contains(',') && !name.contains(char::is_whitespace));
            }
            let mut expected = names.clone();
            expected.sort_by(|a, b| (a.starts_with("__"), a).cmp(&(b.starts_with("__"), b)));
            expected.dedup();
            prop_assert_eq!(names, expected);
        }
    }

    /// A real list behind any filler reads back exactly, whatever the filler does to lengths
    /// when lowercased.
    #[test]
    fn a_list_behind_any_text_reads_back(
        before in filler(),
        marker in marker(),
        names in prop::collection::vec(name(), 0..6),
        quoted in any::<bool>(),
        after in filler(),
    ) {
        let listed: Vec<String> =
            names.iter().map(|name| if quoted { format!("\"{name}\"") } else { name.clone() }).collect();
        let separator = if quoted { ", " } else { " " };
        let message = format!("{before}{marker}[{}]{after}", listed.join(separator));
        let mut expected = names.clone();
        expected.sort_by(|a, b| (a.starts_with("__"), a).cmp(&(b.starts_with("__"), b)));
        expected.dedup();
        prop_assert_eq!(known_query_types(&message), Some(expected), "{}", message);
    }
}
