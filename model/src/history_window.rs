//! A closed history's page by arithmetic. Event IDs run from 1 to N without gaps, so without
//! filters or a search, the page the URL names (or the one holding a linked event) is a known
//! range of IDs: the server reads it from whichever end of the history is nearer instead of
//! scanning up to it, which is what makes the last event's permalink of a long history fast.
use std::collections::HashMap;

use super::{EventRow, HistoryOptions, HistoryPage, TimeColumn, history_page::page_size, human_duration};

/// The IDs of one page's events, oldest first: `first_id..=last_id`, on page `page`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryWindow {
    pub first_id: i64,
    pub last_id: i64,
    pub page: usize,
}

impl HistoryWindow {
    /// The page of a history of `total` events (IDs `1..=total`) the options and linked event
    /// name, or `None` when only a pass over the events can tell (filters, a search, or an
    /// explicit page that does not hold the linked event).
    pub fn of(options: &HistoryOptions, linked_id: Option<i64>, total: i64) -> Option<HistoryWindow> {
        if !options.filters.is_empty() || !options.search.is_empty() || total < 1 {
            return None;
        }
        let size = page_size(options) as i64;
        let pages = ((total + size - 1) / size).max(1);
        let linked = linked_id.filter(|id| (1..=total).contains(id));
        let page_of = |id: i64| if options.newest_first { (total - id) / size + 1 } else { (id - 1) / size + 1 };
        // A page past i64 (from the URL) is past the end, as a pass over the events finds it.
        let page = options.page.map(|page| i64::try_from(page).unwrap_or(i64::MAX));
        let page = page.or(linked.map(page_of)).unwrap_or(1).clamp(1, pages);
        if linked.is_some_and(|id| page_of(id) != page) {
            return None;
        }
        let (first_id, last_id) = if options.newest_first {
            ((total - page * size + 1).max(1), total - (page - 1) * size)
        } else {
            ((page - 1) * size + 1, (page * size).min(total))
        };
        Some(HistoryWindow { first_id, last_id, page: page as usize })
    }

    /// The lowest ID the page needs read: its first event, or the one before it when the time
    /// column shows the time since the previous event.
    pub fn read_from(&self, options: &HistoryOptions) -> i64 {
        if options.time == TimeColumn::SincePrevious { (self.first_id - 1).max(1) } else { self.first_id }
    }

    /// The page from the events read (`read_from..=last_id`, oldest first); `None` if they are
    /// not exactly those IDs, for a history with gaps would not be where the arithmetic says.
    pub fn page(
        &self,
        events: Vec<EventRow>,
        options: &HistoryOptions,
        linked_id: Option<i64>,
        total: i64,
        start_millis: Option<i64>,
    ) -> Option<HistoryPage> {
        let from = self.read_from(options);
        let contiguous = events.len() as i64 == self.last_id - from + 1
            && events.iter().zip(from..).all(|(event, id)| event.event_id == id);
        if !contiguous {
            return None;
        }
        let millis = |event: &EventRow| event.time.as_ref().map(|time| time.millis);
        let since = |base: i64, now: i64| format!("+{}", human_duration(now - base));
        let mut durations = HashMap::new();
        let mut previous: Option<i64> = None;
        for event in &events {
            let Some(now) = millis(event) else { continue };
            let base = match options.time {
                TimeColumn::Clock => None,
                TimeColumn::Elapsed => start_millis,
                TimeColumn::SincePrevious => previous.or(Some(now)),
            };
            previous = Some(now);
            if let (Some(base), true) = (base, event.event_id >= self.first_id) {
                durations.insert(event.event_id, since(base, now));
            }
        }
        let mut shown: Vec<EventRow> = events.into_iter().filter(|event| event.event_id >= self.first_id).collect();
        if options.newest_first {
            shown.reverse();
        }
        let linked = linked_id.and_then(|id| shown.iter().find(|event| event.event_id == id).cloned());
        let size = page_size(options);
        let total = total as usize;
        Some(HistoryPage {
            events: shown,
            total,
            matched: total,
            page: self.page,
            pages: total.div_ceil(size).max(1),
            page_size: size,
            durations,
            linked,
            last_event_id: total as i64,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{paginate, test_events::event_at};

    fn history(count: i64) -> Vec<EventRow> {
        (1..=count).map(|id| event_at(id, "WorkflowExecutionSignaled", Some(5_000 + id * id * 3), vec![])).collect()
    }

    #[test]
    fn the_window_gives_the_page_a_whole_pass_gives() {
        let count = 350;
        for newest_first in [false, true] {
            for time in TimeColumn::ALL {
                for page in [None, Some(0), Some(1), Some(2), Some(4), Some(99)] {
                    for linked in [None, Some(1), Some(101), Some(250), Some(350), Some(351), Some(0)] {
                        let options =
                            HistoryOptions { newest_first, time, page, page_size: Some(100), ..Default::default() };
                        let expected = paginate(history(count), &options, linked);
                        let Some(window) = HistoryWindow::of(&options, linked, count) else {
                            assert!(page.is_some() && expected.linked.is_some(), "{options:?} {linked:?}");
                            continue;
                        };
                        let read: Vec<EventRow> = history(count)
                            .into_iter()
                            .filter(|event| (window.read_from(&options)..=window.last_id).contains(&event.event_id))
                            .collect();
                        let actual = window.page(read, &options, linked, count, Some(5_003));
                        assert_eq!(actual, Some(expected), "{options:?} linked {linked:?}");
                    }
                }
            }
        }
    }

    /// `?page=` past i64 wrapped to a negative page, so page 1 where a pass shows the last.
    #[test]
    fn a_page_past_i64_is_the_last_page() {
        let options = HistoryOptions { page: Some(1 << 63), page_size: Some(0), ..Default::default() };
        let window = HistoryWindow::of(&options, None, 101).expect("window");
        assert_eq!(window.page, 2);
        let read = history(101).into_iter().filter(|event| event.event_id >= window.first_id).collect();
        assert_eq!(window.page(read, &options, None, 101, Some(5_003)), Some(paginate(history(101), &options, None)));
    }

    #[test]
    fn filters_a_search_or_a_gap_need_a_whole_pass() {
        let filtered = HistoryOptions { search: "x".into(), ..Default::default() };
        assert_eq!(HistoryWindow::of(&filtered, None, 10), None);
        let options = HistoryOptions::default();
        let window = HistoryWindow::of(&options, None, 10).expect("window");
        let mut gap = history(11);
        gap.remove(4);
        assert_eq!(window.page(gap, &options, None, 10, None), None, "IDs 1..=10 are not all there");
    }
}
