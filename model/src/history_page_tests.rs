use super::*;
use crate::{EventFilter, ZoneRules, test_events::event_at};

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
    let count = (DEFAULT_HISTORY_PAGE_SIZE * 2 + 10) as i64;
    let first = paginate(history(count), &HistoryOptions::default(), None);
    assert_eq!((first.page, first.pages, first.events.len()), (1, 3, DEFAULT_HISTORY_PAGE_SIZE));
    assert_eq!(first.last_event_id, count);
    let last = paginate(history(count), &HistoryOptions { page: Some(9), ..Default::default() }, None);
    assert_eq!((last.page, last.events.len()), (3, 10), "a page past the end is the last page");
    assert_eq!(last.first_position(), DEFAULT_HISTORY_PAGE_SIZE * 2 + 1);
}

#[test]
fn a_linked_event_chooses_its_page_and_filters_count_matches() {
    let count = (DEFAULT_HISTORY_PAGE_SIZE + 100) as i64;
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

/// The page as the whole-history implementation chose it before pages were collected one event
/// at a time: the collector must agree with it for every combination of options.
fn reference(events: Vec<EventRow>, options: &HistoryOptions, linked_id: Option<i64>) -> HistoryPage {
    let total = events.len();
    let last_event_id = events.last().map(|event| event.event_id).unwrap_or(0);
    let mut durations = options.time.texts(&events);
    let linked = linked_id.and_then(|id| events.iter().find(|event| event.event_id == id).cloned());
    let shown = options.apply(events, &ZoneRules::utc());
    let matched = shown.len();
    let page_size = page_size(options);
    let pages = matched.div_ceil(page_size).max(1);
    let linked_page =
        linked_id.and_then(|id| shown.iter().position(|event| event.event_id == id)).map(|index| index / page_size + 1);
    let page = options.page.or(linked_page).unwrap_or(1).clamp(1, pages);
    let events: Vec<EventRow> = shown.into_iter().skip((page - 1) * page_size).take(page_size).collect();
    durations.retain(|id, _| events.iter().any(|event| event.event_id == *id));
    HistoryPage { events, total, matched, page, pages, page_size, durations, linked, last_event_id }
}

/// Uneven times, so durations differ from event to event.
fn timed_history(count: i64) -> Vec<EventRow> {
    (1..=count)
        .map(|id| {
            let event_type = if id % 3 == 0 { "TimerStarted" } else { "WorkflowExecutionSignaled" };
            event_at(id, event_type, Some(1_000 + id * id * 7), vec![])
        })
        .collect()
}

#[test]
fn collecting_one_event_at_a_time_chooses_the_same_page_as_the_whole_history() {
    let count = 350;
    let timers = vec![EventFilter::Timer];
    for newest_first in [false, true] {
        for time in TimeColumn::ALL {
            for filters in [vec![], timers.clone()] {
                for page in [None, Some(0), Some(1), Some(2), Some(4), Some(99)] {
                    for linked in [None, Some(1), Some(150), Some(299), Some(350), Some(5000)] {
                        let options = HistoryOptions {
                            newest_first,
                            time,
                            filters: filters.clone(),
                            page,
                            page_size: Some(100),
                            ..Default::default()
                        };
                        let expected = reference(timed_history(count), &options, linked);
                        let actual = paginate(timed_history(count), &options, linked);
                        assert_eq!(actual, expected, "{options:?} linked {linked:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_known_total_lets_the_scan_stop_once_the_page_is_filled() {
    let events = timed_history(1000);
    for (newest_first, page, linked) in [(false, None, None), (true, Some(3), None), (false, None, Some(420))] {
        let options = HistoryOptions {
            newest_first,
            page,
            page_size: Some(100),
            time: TimeColumn::SincePrevious,
            ..Default::default()
        };
        let mut collector = PageCollector::<EventRow>::new(&options, linked, Some(1_007), Some(1000));
        let ordered: Vec<EventRow> = if newest_first { events.iter().rev().cloned().collect() } else { events.clone() };
        let mut read = 0;
        for event in ordered {
            if !collector.wants_more() {
                break;
            }
            collector.push(event);
            read += 1;
        }
        let (mut page_seen, _) = collector.finish();
        page_seen.last_event_id = 1000;
        let expected = reference(events.clone(), &options, linked);
        assert_eq!(page_seen, expected, "{options:?} linked {linked:?}");
        assert!(read < 1000, "{options:?} read {read} events");
    }
}

#[test]
fn filters_or_a_search_make_the_scan_read_everything() {
    let options = HistoryOptions { search: "timer".into(), ..Default::default() };
    let mut collector = PageCollector::<EventRow>::new(&options, None, None, Some(10));
    for event in timed_history(10) {
        collector.push(event);
    }
    assert!(collector.wants_more(), "the number of matches is only known at the end");
    assert_eq!(collector.finish().0.matched, 3);
}

/// An event that counts how many rows were built from it.
struct Counted(EventRow, std::rc::Rc<std::cell::Cell<usize>>);

impl PageEvent for Counted {
    fn event_id(&self) -> i64 {
        self.0.event_id
    }

    fn millis(&self) -> Option<i64> {
        self.0.millis()
    }

    fn to_row(&self) -> EventRow {
        self.1.set(self.1.get() + 1);
        self.0.clone()
    }
}

#[test]
fn without_filters_only_the_page_and_the_linked_event_get_rows() {
    let built = std::rc::Rc::new(std::cell::Cell::new(0));
    let options = HistoryOptions { page_size: Some(100), page: Some(2), ..Default::default() };
    let mut collector = PageCollector::new(&options, Some(777), None, None);
    for event in timed_history(1000) {
        collector.push(Counted(event, built.clone()));
    }
    let (page, raw) = collector.finish();
    assert_eq!((page.events.len(), raw.len(), page.linked.map(|e| e.event_id)), (100, 100, Some(777)));
    assert_eq!(built.get(), 101, "100 rows for page 2 and one for the linked event");

    let filtered = HistoryOptions { filters: vec![EventFilter::Timer], ..options };
    let built = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut collector = PageCollector::new(&filtered, None, None, None);
    for event in timed_history(1000) {
        collector.push(Counted(event, built.clone()));
    }
    assert_eq!(collector.finish().0.matched, 333);
    assert_eq!(built.get(), 1000, "a filter needs every row, and the page reuses them");
}
