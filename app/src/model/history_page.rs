//! One page of the history table, chosen on the server: the events that match the URL's filters,
//! in its order, at most [`HISTORY_PAGE_SIZE`] of them, so the page and its hydration data stay
//! bounded however long the history is.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{EventRow, HistoryOptions};

/// Events per page of the history table, unless `?size=` asks for fewer (not under 100).
pub const HISTORY_PAGE_SIZE: usize = 5000;
const MIN_PAGE_SIZE: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPage {
    /// The page's events, filtered and ordered.
    pub events: Vec<EventRow>,
    /// Events in the whole history, and how many of them match the filters.
    pub total: usize,
    pub matched: usize,
    /// 1-based, how many pages the matching events fill, and how many events a page holds.
    pub page: usize,
    pub pages: usize,
    pub page_size: usize,
    /// The time column's durations for the page's events (empty for the clock).
    pub durations: HashMap<i64, String>,
    /// The event a permalink names, wherever it is.
    pub linked: Option<EventRow>,
    /// The newest event of the whole history (live updates continue after it).
    pub last_event_id: i64,
}

impl HistoryPage {
    /// The position of the page's first event among the matching ones (1-based).
    pub fn first_position(&self) -> usize {
        (self.page - 1) * self.page_size + 1
    }
}

/// Filters and orders every event, then keeps the page the options name, or the one holding the
/// linked event, or the first.
pub fn paginate(events: Vec<EventRow>, options: &HistoryOptions, linked_id: Option<i64>) -> HistoryPage {
    let total = events.len();
    let last_event_id = events.last().map(|event| event.event_id).unwrap_or(0);
    let mut durations = options.time.texts(&events);
    let linked = linked_id.and_then(|id| events.iter().find(|event| event.event_id == id).cloned());
    let shown = options.apply(events);
    let matched = shown.len();
    let page_size = options.page_size.unwrap_or(HISTORY_PAGE_SIZE).clamp(MIN_PAGE_SIZE, HISTORY_PAGE_SIZE);
    let pages = matched.div_ceil(page_size).max(1);
    let linked_page =
        linked_id.and_then(|id| shown.iter().position(|event| event.event_id == id)).map(|index| index / page_size + 1);
    let page = options.page.or(linked_page).unwrap_or(1).clamp(1, pages);
    let events: Vec<EventRow> = shown.into_iter().skip((page - 1) * page_size).take(page_size).collect();
    durations.retain(|id, _| events.iter().any(|event| event.event_id == *id));
    HistoryPage { events, total, matched, page, pages, page_size, durations, linked, last_event_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventFilter, test_events::event_at};

    fn history(count: i64) -> Vec<EventRow> {
        (1..=count)
            .map(|id| {
                let event_type = if id % 2 == 0 { "TimerStarted" } else { "WorkflowExecutionSignaled" };
                event_at(id, event_type, Some(id * 10), vec![])
            })
            .collect()
    }

    #[test]
    fn a_long_history_is_cut_into_pages_of_the_page_size() {
        let count = (HISTORY_PAGE_SIZE * 2 + 10) as i64;
        let first = paginate(history(count), &HistoryOptions::default(), None);
        assert_eq!((first.page, first.pages, first.events.len()), (1, 3, HISTORY_PAGE_SIZE));
        assert_eq!(first.last_event_id, count);
        let last = paginate(history(count), &HistoryOptions { page: Some(9), ..Default::default() }, None);
        assert_eq!((last.page, last.events.len()), (3, 10), "a page past the end is the last page");
        assert_eq!(last.first_position(), HISTORY_PAGE_SIZE * 2 + 1);
    }

    #[test]
    fn a_linked_event_chooses_its_page_and_filters_count_matches() {
        let count = (HISTORY_PAGE_SIZE + 100) as i64;
        let linked = paginate(history(count), &HistoryOptions::default(), Some(count));
        assert_eq!(linked.page, 2);
        assert_eq!(linked.linked.as_ref().map(|event| event.event_id), Some(count));
        let timers = HistoryOptions { filters: vec![EventFilter::Timer], ..Default::default() };
        let filtered = paginate(history(count), &timers, None);
        assert_eq!((filtered.total, filtered.matched, filtered.pages), (count as usize, count as usize / 2, 1));
        let small = HistoryOptions { page_size: Some(10), page: Some(2), ..Default::default() };
        let clamped = paginate(history(count), &small, None);
        assert_eq!((clamped.page_size, clamped.first_position()), (100, 101), "pages hold at least 100 events");
    }
}
