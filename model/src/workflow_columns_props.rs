//! Properties of the workflow list's `cols` / `col` URL values (`columns_from_query`,
//! `ListColumn::parse`): any values give a short list of distinct, well-named columns that the
//! list's links write back to the same choice.
use crate::prop_text::{text, text_of};
use proptest::prelude::*;

use super::{
    DEFAULT_COLUMNS, FIXED_COLUMNS, ListColumn, MAX_ATTRIBUTE_COLUMNS, columns_for, columns_from_query, columns_param,
};

/// One column name: fixed keys in any case, attributes with or without `sa.`, junk.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(FIXED_COLUMNS.to_vec()).prop_map(|column| column.key().to_uppercase()),
        prop::sample::select(FIXED_COLUMNS.to_vec()).prop_map(|column| column.key()),
        (any::<bool>(), text_of("AZaz09_-", 0..=70)).prop_map(|(sa, name)| if sa {
            format!("sa.{name}")
        } else {
            name
        }),
        prop::sample::select(vec!["sa.", "sa", "sa.sa", " status ", "sa.status", "İ", "a b", "<script>"])
            .prop_map(str::to_string),
        text(12),
    ]
}

/// What a URL's values hold: names joined by commas, several values.
fn values() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop::collection::vec(key(), 0..8).prop_map(|keys| keys.join(",")), 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_values_give_distinct_columns_that_write_back(values in values(), query in text(20), chose in any::<bool>()) {
        let columns = columns_from_query(values.iter().map(String::as_str));
        prop_assert!(!columns.is_empty());
        for (index, column) in columns.iter().enumerate() {
            prop_assert!(!columns[..index].contains(column), "{:?} twice", column);
            if let ListColumn::Attribute(name) = column {
                prop_assert!(!name.is_empty() && name.len() <= 64);
                prop_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "{}", name);
            }
            prop_assert_eq!(ListColumn::parse(&column.key()), Some(column.clone()));
        }
        let attributes = columns.iter().filter(|column| matches!(column, ListColumn::Attribute(_))).count();
        prop_assert!(attributes <= MAX_ATTRIBUTE_COLUMNS);
        let param = columns_param(&columns);
        prop_assert_eq!(param.is_none(), columns == DEFAULT_COLUMNS.to_vec());
        prop_assert_eq!(columns_from_query(param.as_deref()), columns.clone());
        let shown = columns_for(columns.clone(), &query, chose);
        prop_assert!(shown.starts_with(&columns) && shown.len() <= columns.len() + 1);
    }
}
