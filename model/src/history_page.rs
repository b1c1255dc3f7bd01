//! One page of the history table, chosen on the server: the events that match the URL's filters,
//! in its order, at most [`MAX_HISTORY_PAGE_SIZE`] of them, so the page and its hydration data stay
//! bounded however long the history is.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{EventRow, HistoryOptions, TimeColumn, ZoneRules, human_duration};

/// Events per page of the history table, unless `?size=` asks for another number (100–5,000).
/// Measured with `end2end/bench/history-bench.mjs` on a 50,000-event history: pages of 1,000
/// paint first in 0.25 s and leave the tab answering within 0.14 s of load (7 MB of JS heap);
/// pages of 5,000 take 0.47 s and 0.39 s (16 MB).
pub const DEFAULT_HISTORY_PAGE_SIZE: usize = 1000;
pub const MAX_HISTORY_PAGE_SIZE: usize = 5000;
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

/// The page size the options ask for, within the limits.
pub fn page_size(options: &HistoryOptions) -> usize {
    options.page_size.unwrap_or(DEFAULT_HISTORY_PAGE_SIZE).clamp(MIN_PAGE_SIZE, MAX_HISTORY_PAGE_SIZE)
}

/// Filters and orders every event, then keeps the page the options name, or the one holding the
/// linked event, or the first. `events` are oldest first.
pub fn paginate(events: Vec<EventRow>, options: &HistoryOptions, linked_id: Option<i64>) -> HistoryPage {
    let start = events.first().and_then(|event| event.time.as_ref()).map(|time| time.millis);
    let mut collector = PageCollector::<EventRow>::new(options, linked_id, start, None);
    if options.newest_first {
        events.into_iter().rev().for_each(|event| collector.push(event));
    } else {
        events.into_iter().for_each(|event| collector.push(event));
    }
    collector.finish().0
}

/// An event the collector can page before its row is built: without filters or a search, only
/// the rows of the page shown (and of a linked event) are ever made.
pub trait PageEvent {
    fn event_id(&self) -> i64;
    fn millis(&self) -> Option<i64>;
    fn to_row(&self) -> EventRow;
}

impl PageEvent for EventRow {
    fn event_id(&self) -> i64 {
        self.event_id
    }

    fn millis(&self) -> Option<i64> {
        self.time.as_ref().map(|time| time.millis)
    }

    fn to_row(&self) -> EventRow {
        self.clone()
    }
}

/// Builds a [`HistoryPage`] one event at a time, in the order the page shows them (oldest first,
/// or newest first for `?order=desc`, as the reverse history call reads them), so a long history
/// is never held whole: it keeps at most two pages of events, the one being filled and the one
/// chosen so far, and builds rows only where filters need them and for the page it returns.
pub struct PageCollector<T: PageEvent> {
    options: HistoryOptions,
    linked_id: Option<i64>,
    page_size: usize,
    /// A closed, unfiltered history's length, known before the scan: the scan may then stop as
    /// soon as the page is filled (see [`PageCollector::wants_more`]).
    known_total: Option<usize>,
    total: usize,
    matched: usize,
    last_event_id: i64,
    linked: Option<EventRow>,
    /// The page (0-based) holding the linked event, once it has been seen among the matches.
    linked_chunk: Option<usize>,
    current: Chunk<T>,
    kept: Option<Chunk<T>>,
    /// Time column texts of the events in `current` and `kept`.
    durations: HashMap<i64, String>,
    start_millis: Option<i64>,
    /// The last event pushed that had a time: its ID, time, and whether it matched.
    previous: Option<(i64, i64, bool)>,
    /// The zone the search reads event times in (UTC unless [`Self::in_zone`]).
    zone: ZoneRules,
}

/// One page's worth of matching events (with their rows when already built), `index` counting
/// pages from 0.
struct Chunk<T> {
    index: usize,
    events: Vec<(T, Option<EventRow>)>,
}

impl<T: PageEvent> PageCollector<T> {
    /// `start_millis` is the run's first event time (the base of `?time=elapsed`; when `None`, the
    /// first event pushed). `known_total` is ignored when filters or a search are on.
    pub fn new(
        options: &HistoryOptions,
        linked_id: Option<i64>,
        start_millis: Option<i64>,
        known_total: Option<usize>,
    ) -> PageCollector<T> {
        let unfiltered = options.filters.is_empty() && options.search.is_empty();
        PageCollector {
            options: options.clone(),
            linked_id,
            page_size: page_size(options),
            known_total: known_total.filter(|_| unfiltered),
            total: 0,
            matched: 0,
            last_event_id: 0,
            linked: None,
            linked_chunk: None,
            current: Chunk { index: 0, events: Vec::new() },
            kept: None,
            durations: HashMap::new(),
            start_millis,
            previous: None,
            zone: ZoneRules::utc(),
        }
    }

    /// Searches read event times as written in `zone` (the page's).
    pub fn in_zone(mut self, zone: &ZoneRules) -> PageCollector<T> {
        self.zone = zone.clone();
        self
    }

    /// The next event, in the page's order.
    pub fn push(&mut self, event: T) {
        let event_id = event.event_id();
        self.total += 1;
        self.last_event_id = self.last_event_id.max(event_id);
        let filtered = !self.options.filters.is_empty() || !self.options.search.is_empty();
        let row = (filtered || self.linked_id == Some(event_id)).then(|| event.to_row());
        let matches = row.as_ref().is_none_or(|row| self.options.matches(row, &self.zone));
        if self.linked_id == Some(event_id) {
            self.linked = row.clone();
            self.linked_chunk = matches.then_some(self.matched / self.page_size);
        }
        if let Some(millis) = event.millis() {
            self.record_time(event_id, millis, matches);
        }
        if matches {
            self.append(event, row);
        }
    }

    /// False once the page and the linked event are in hand and the total is known without
    /// reading the rest of the history.
    pub fn wants_more(&self) -> bool {
        if self.known_total.is_none() || (self.linked_id.is_some() && self.linked.is_none()) {
            return true;
        }
        self.current.index <= self.target()
    }

    /// The page the options name (one past the end is the last page), or the one holding the
    /// linked event, or the first; and the page's events as they were pushed.
    pub fn finish(mut self) -> (HistoryPage, Vec<T>) {
        let oldest_pushed = self.options.newest_first && self.options.time == TimeColumn::SincePrevious;
        if let (true, Some((1, _, true))) = (oldest_pushed, self.previous) {
            self.durations.insert(1, format!("+{}", human_duration(0)));
        }
        let target = self.target();
        let chunk = match self.kept.take() {
            Some(kept) if kept.index == target && self.current.index != target => kept,
            _ => self.current,
        };
        let total = self.known_total.map_or(self.total, |known| known.max(self.total));
        let matched = if self.known_total.is_some() { total } else { self.matched };
        let (extras, events): (Vec<T>, Vec<EventRow>) = chunk
            .events
            .into_iter()
            .map(|(event, row)| {
                let row = row.unwrap_or_else(|| event.to_row());
                (event, row)
            })
            .unzip();
        let mut durations = self.durations;
        let shown: std::collections::HashSet<i64> = events.iter().map(|event| event.event_id).collect();
        durations.retain(|id, _| shown.contains(id));
        let page = HistoryPage {
            events,
            total,
            matched,
            page: chunk.index + 1,
            pages: matched.div_ceil(self.page_size).max(1),
            page_size: self.page_size,
            durations,
            linked: self.linked,
            last_event_id: self.last_event_id,
        };
        (page, extras)
    }

    /// The page (0-based) to show, as far as the events seen so far tell.
    fn target(&self) -> usize {
        match (self.options.page, self.linked_chunk) {
            (Some(page), _) => page.max(1) - 1,
            (None, Some(chunk)) => chunk,
            (None, None) => 0,
        }
    }

    fn append(&mut self, event: T, row: Option<EventRow>) {
        let index = self.matched / self.page_size;
        if index != self.current.index {
            let filled = std::mem::replace(&mut self.current, Chunk { index, events: Vec::new() });
            self.retire(filled);
        }
        self.current.events.push((event, row));
        self.matched += 1;
    }

    /// Keeps a filled page if it may be the one shown, else forgets it.
    fn retire(&mut self, filled: Chunk<T>) {
        let dropped = if filled.index == self.target() { self.kept.replace(filled) } else { Some(filled) };
        for (event, _) in dropped.iter().flat_map(|chunk| chunk.events.iter()) {
            self.durations.remove(&event.event_id());
        }
    }

    /// The time column's text for this event (or, newest first, for the one pushed before it,
    /// whose previous event this is), computed over every event so filters do not change it.
    fn record_time(&mut self, event_id: i64, millis: i64, matches: bool) {
        let since = |base: i64, now: i64| format!("+{}", human_duration(now - base));
        match self.options.time {
            TimeColumn::Clock => {}
            TimeColumn::Elapsed => {
                let start = *self.start_millis.get_or_insert(millis);
                if matches {
                    self.durations.insert(event_id, since(start, millis));
                }
            }
            TimeColumn::SincePrevious if !self.options.newest_first => {
                let base = self.previous.map_or(millis, |(_, time, _)| time);
                if matches {
                    self.durations.insert(event_id, since(base, millis));
                }
            }
            TimeColumn::SincePrevious => {
                if let Some((later_id, later_millis, true)) = self.previous {
                    self.durations.insert(later_id, since(millis, later_millis));
                }
            }
        }
        self.previous = Some((event_id, millis, matches));
    }
}

#[cfg(test)]
#[path = "history_page_tests.rs"]
mod tests;
