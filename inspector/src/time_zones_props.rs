//! Properties of reading the `tdbg_tz` cookie (`chosen_name`, `from_headers`, `rules_for`): any
//! `Cookie` header gives usable rules, the zone it names when the tz database knows it, else UTC.
use model::prop_text::{text, text_of, text_without};
use proptest::prelude::*;

use super::{COOKIE, chosen_name, from_headers, rules_for};
use model::url_segment as urls;

/// A few zones (rules are built once per zone, so a handful keeps the run short) and names that
/// are no zone.
const NAMES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "UTC",
    "europe/berlin",
    "Mars/Olympus_Mons",
    "",
    " UTC",
    "Europe/Berlin\u{0}",
    "İstanbul",
    "../../etc/passwd",
];

fn name() -> impl Strategy<Value = String> {
    prop_oneof![prop::sample::select(NAMES).prop_map(str::to_string), text(70)]
}

/// A `Cookie` header with ours among other cookies: the name, the header, and whether the value
/// is percent-encoded (as the settings page writes it).
fn header() -> impl Strategy<Value = (String, String, bool)> {
    (
        name(),
        prop::collection::vec(
            (text_of("abcdefghijklmnopqrstuvwxyz_", 1..=6), text_without(';', ',', 0..=6))
                .prop_map(|(key, value)| format!("{key}={value}")),
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(name, others, encode)| {
            let value = if encode { urls::encode(&name) } else { name.clone() };
            let mut pairs = others;
            pairs.insert(pairs.len() / 2, format!("{COOKIE}={value}"));
            (name, pairs.join("; "), encode)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// The zone the cookie names is the zone used; anything else gives UTC.
    #[test]
    fn the_cookie_names_the_zone_or_gives_utc((name, header, encoded) in header()) {
        let mut headers = http::HeaderMap::new();
        let Ok(value) = http::HeaderValue::from_str(&header) else { return Ok(()) };
        headers.insert(http::header::COOKIE, value);
        let rules = from_headers(&headers);
        prop_assert!(!rules.spans.is_empty());
        let chosen = chosen_name(&headers);
        if encoded {
            prop_assert_eq!(chosen.as_deref(), Some(name.as_str()));
        }
        match chosen.as_deref().and_then(rules_for) {
            Some(known) => prop_assert_eq!(&rules.name, &known.name),
            None => prop_assert!(rules.is_utc(), "{} from {:?}", rules.name, chosen),
        }
    }

    /// Any bytes a client can send as the header.
    #[test]
    fn any_cookie_header_gives_usable_rules(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        let mut headers = http::HeaderMap::new();
        if let Ok(value) = http::HeaderValue::from_bytes(&bytes) {
            headers.append(http::header::COOKIE, value);
        }
        let rules = from_headers(&headers);
        prop_assert!(!rules.spans.is_empty() && !rules.name.is_empty());
        prop_assert!(rules.is_utc() || rules.name.contains('/') || rules.name.chars().all(|c| c.is_ascii_alphanumeric() || "+-_".contains(c)));
    }
}
