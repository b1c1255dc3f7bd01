//! Properties of the cluster health page's `?range=` (`HealthRange::parse`): any text is a range.
use crate::prop_text::text;
use proptest::prelude::*;

use super::HealthRange;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_range_text_is_a_range_that_writes_back(text in prop_oneof![text(8), "(15m|1h|6h|24h)"]) {
        let range = HealthRange::parse(&text);
        prop_assert!(HealthRange::ALL.contains(&range));
        prop_assert_eq!(range == HealthRange::default() || range.slug() == text, true);
        prop_assert_eq!(HealthRange::parse(range.slug()), range);
        let query = range.query(Some(&text));
        prop_assert!(query.starts_with(&format!("range={}", range.slug())), "{}", query);
    }
}
