//! Properties of the history view's URL parameters (`HistoryOptions::from_query`: `view`,
//! `category`, `search`, `order`, `time`, `page`, `size`, and the permalinked event ID), read
//! from any query string: they write back to the same options, and the page they choose is the
//! same whether found by arithmetic (`HistoryWindow`) or by a pass over the events (`paginate`).
use std::collections::HashMap;

use crate::prop_text::text;
use proptest::prelude::*;

use super::{EventFilter, HistoryOptions};
use crate::url_segment as urls;
use crate::{HistoryWindow, MAX_HISTORY_PAGE_SIZE, history_page::page_size, paginate, test_events::event_at};

/// `?a=1&b=%20` as its decoded values (the first of a repeated key, as the router gives it).
fn query_values(query: &str) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for pair in query.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        values.entry(urls::decode(key)).or_insert_with(|| urls::decode(value));
    }
    values
}

fn options_of(values: &HashMap<String, String>) -> HistoryOptions {
    HistoryOptions::from_query(|key| values.get(key).cloned())
}

/// A parameter's value: one the page writes, a near miss, or any text.
fn value(valid: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        prop::sample::select(valid).prop_map(str::to_string),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        prop::sample::select(vec!["", " ", "0", "-0", "+5", "1e3", "18446744073709551616", "２", "DESC", "timer,"])
            .prop_map(str::to_string),
        text(16),
    ])
}

const CATEGORIES: &[&str] = &["timer", "activity,timer", "failures, marker ,nexus", "workflow-task,,local-activity"];

fn query() -> impl Strategy<Value = HashMap<String, String>> {
    (
        value(&["full", "compact", "json"]),
        value(CATEGORIES),
        prop_oneof![3 => Just(None), 1 => value(&["x", " Order ", "İ"])],
        value(&["desc", "asc"]),
        value(&["clock", "elapsed", "delta"]),
        value(&["1", "2", "3", "99"]),
        value(&["100", "250", "5000", "5001", "1"]),
    )
        .prop_map(|(view, category, search, order, time, page, size)| {
            let pairs = [
                ("view", view),
                ("category", category),
                ("search", search),
                ("order", order),
                ("time", time),
                ("page", page),
                ("size", size),
            ];
            pairs.into_iter().filter_map(|(key, value)| Some((key.to_string(), value?))).collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Whatever the URL says, the options are sane and write a URL that reads back to them.
    #[test]
    fn any_query_reads_to_options_that_write_themselves_back(values in query()) {
        let options = options_of(&values);
        prop_assert!(options.page.is_none_or(|page| page > 0));
        prop_assert_eq!(options.search.trim(), options.search.as_str());
        prop_assert!(options.filters.iter().all(|filter| EventFilter::ALL.contains(filter)));
        prop_assert!((100..=MAX_HISTORY_PAGE_SIZE).contains(&page_size(&options)));
        let written = options.query_string(urls::encode);
        let again = options_of(&query_values(&written));
        // Page 1 is the default, so it is not written.
        prop_assert_eq!(again, HistoryOptions { page: options.page.filter(|page| *page > 1), ..options }, "{}", written);
    }

    /// The page a URL names, by arithmetic or by a pass over the events, is the same page, and
    /// it lies within the history, whatever the page, size and linked event ID.
    #[test]
    fn the_page_a_url_names_is_within_the_history(
        values in query(),
        total in 0..230i64,
        linked in prop_oneof![Just(None), (-2..240i64).prop_map(Some), any::<i64>().prop_map(Some)],
    ) {
        let options = options_of(&values);
        let history = || (1..=total).map(|id| event_at(id, "WorkflowExecutionSignaled", Some(1_000 + id * 7), vec![]));
        let expected = paginate(history().collect(), &options, linked);
        prop_assert!((1..=expected.pages).contains(&expected.page), "{:?}", expected.page);
        prop_assert!(expected.events.len() <= expected.page_size);
        prop_assert!(expected.first_position() >= 1);
        let Some(window) = HistoryWindow::of(&options, linked, total) else { return Ok(()) };
        prop_assert!(1 <= window.first_id && window.first_id <= window.last_id && window.last_id <= total);
        let from = window.read_from(&options);
        let read = history().filter(|event| (from..=window.last_id).contains(&event.event_id)).collect();
        prop_assert_eq!(window.page(read, &options, linked, total, Some(1_007)), Some(expected));
    }
}
