//! The history cache: pages cut from a whole history, the byte bound, the open run's second.
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::temporal::cache::Scope;

fn run(id: &str) -> RunKey {
    RunKey::new(Scope(0), ("default", "wf", id))
}

fn event(id: i64, padding: usize) -> HistoryEvent {
    HistoryEvent { event_id: id, task_id: 7, ..Default::default() }.tap_padding(padding)
}

trait Padding {
    fn tap_padding(self, bytes: usize) -> Self;
}

impl Padding for HistoryEvent {
    /// Makes the encoded event about `bytes` long (an unknown-free field: the links' request ID).
    fn tap_padding(mut self, bytes: usize) -> Self {
        use temporalio_protos::protos::temporal::api::history::v1::WorkflowExecutionSignaledEventAttributes;
        use temporalio_protos::protos::temporal::api::history::v1::history_event::Attributes;
        self.attributes =
            Some(Attributes::WorkflowExecutionSignaledEventAttributes(WorkflowExecutionSignaledEventAttributes {
                signal_name: "x".repeat(bytes),
                ..Default::default()
            }));
        self
    }
}

/// A Temporal that holds `total` events and answers forward pages of `page_size`, counting calls.
struct FakeHistory {
    total: i64,
    calls: AtomicUsize,
}

impl FakeHistory {
    async fn fetch(&self, request: PageRequest) -> Result<HistoryPage, AppError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        assert!(!request.reverse, "whole reads go forward");
        let from: i64 =
            if request.token.is_empty() { 1 } else { String::from_utf8(request.token).unwrap().parse().unwrap() };
        let to = (from + i64::from(request.page_size) - 1).min(self.total);
        let events = (from..=to).map(|id| event(id, 10)).collect();
        let next_page_token = if to < self.total { (to + 1).to_string().into_bytes() } else { Vec::new() };
        Ok(HistoryPage { events, next_page_token })
    }
}

fn ids(page: &HistoryPage) -> Vec<i64> {
    page.events.iter().map(|event| event.event_id).collect()
}

#[tokio::test]
async fn a_short_closed_history_is_read_once_and_cut_into_any_page() {
    let cache = HistoryCache::new(1 << 20);
    let temporal = FakeHistory { total: 5, calls: AtomicUsize::new(0) };
    let closed = Verdict::Closed { length: 5, size: 500 };
    let ask = |reverse, token: Vec<u8>, page_size| PageRequest { reverse, token, page_size };
    let fetch = |request| temporal.fetch(request);

    let (opening, hit) = cache.page(run("r"), closed, ask(false, Vec::new(), 2), fetch).await;
    let opening = opening.expect("page");
    assert_eq!((ids(&opening), hit), (vec![1, 2], false));
    let (rest, hit) = cache.page(run("r"), closed, ask(false, opening.next_page_token.clone(), 1000), fetch).await;
    let rest = rest.expect("page");
    assert_eq!((ids(&rest), rest.next_page_token.is_empty(), hit), (vec![3, 4, 5], true, true));
    let (last, _) = cache.page(run("r"), closed, ask(true, Vec::new(), 1), fetch).await;
    let last = last.expect("page");
    assert_eq!(ids(&last), vec![5]);
    let (older, _) = cache.page(run("r"), closed, ask(true, last.next_page_token, 3), fetch).await;
    assert_eq!(ids(&older.expect("page")), vec![4, 3, 2]);
    assert_eq!(temporal.calls.load(Ordering::SeqCst), 1, "one call for every page");

    let mixed = cache.page(run("r"), closed, ask(true, opening.next_page_token, 1), fetch).await;
    assert!(mixed.0.is_err(), "a forward token does not read backwards");
}

#[tokio::test]
async fn an_open_or_unknown_run_is_not_kept_past_a_second() {
    let cache = HistoryCache::new(1 << 20);
    let temporal = FakeHistory { total: 3, calls: AtomicUsize::new(0) };
    let fetch = |request| temporal.fetch(request);
    let first = || PageRequest { reverse: false, token: Vec::new(), page_size: 1000 };
    let (_, hit) = cache.page(run("r"), Verdict::Unknown, first(), fetch).await;
    let (_, hit_again) = cache.page(run("r"), Verdict::Unknown, first(), fetch).await;
    assert!(!hit && !hit_again, "an unknown run is read every time");
    let (_, hit) = cache.page(run("r"), Verdict::Open, first(), fetch).await;
    let (_, hit_again) = cache.page(run("r"), Verdict::Open, first(), fetch).await;
    assert!(!hit && hit_again, "an open run's page is shared within a second");
    tokio::time::sleep(OPEN_RUN_FRESH + Duration::from_millis(50)).await;
    let (_, hit) = cache.page(run("r"), Verdict::Open, first(), fetch).await;
    assert!(!hit, "and read again after it");
    assert_eq!(temporal.calls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn kept_bytes_stay_under_the_bound() {
    const BOUND: u64 = 64 * 1024;
    let cache = HistoryCache::new(BOUND);
    let temporal = &FakeHistory { total: 40, calls: AtomicUsize::new(0) };
    let closed = Verdict::Closed { length: 40, size: 20_000 };
    let whole = || PageRequest { reverse: false, token: Vec::new(), page_size: 1000 };
    // Each whole history is 40 events of some 530 bytes, about 21 KB: three fit under 64 KB.
    let padded = |request: PageRequest| async move {
        let mut page = temporal.fetch(request).await?;
        page.events = page.events.into_iter().map(|event| event.tap_padding(500)).collect();
        Ok(page)
    };
    for id in 0..10 {
        let (page, _) = cache.page(run(&format!("r{id}")), closed, whole(), padded).await;
        assert_eq!(page.expect("page").events.len(), 40);
        cache.entries.run_pending_tasks().await;
        assert!(cache.entries.weighted_size() <= BOUND, "{} bytes kept", cache.entries.weighted_size());
    }
    assert!((1..=3).contains(&cache.entries.entry_count()), "{} histories kept", cache.entries.entry_count());
    let before = temporal.calls.load(Ordering::SeqCst);
    for id in 0..10 {
        let _ = cache.page(run(&format!("r{id}")), closed, whole(), padded).await;
    }
    let again = temporal.calls.load(Ordering::SeqCst) - before;
    assert!(again >= 7, "the histories that did not fit are read again ({again} of 10)");
}

#[tokio::test]
async fn no_bytes_keep_nothing() {
    let cache = HistoryCache::new(0);
    let temporal = FakeHistory { total: 3, calls: AtomicUsize::new(0) };
    let fetch = |request| temporal.fetch(request);
    let closed = Verdict::Closed { length: 3, size: 300 };
    let first = || PageRequest { reverse: false, token: Vec::new(), page_size: 1000 };
    let _ = cache.page(run("r"), closed, first(), fetch).await;
    cache.entries.run_pending_tasks().await;
    let (_, hit) = cache.page(run("r"), closed, first(), fetch).await;
    assert!(!hit, "a zero bound keeps nothing");
}

#[test]
fn our_tokens_are_told_from_temporals() {
    let cursor = Cursor { reverse: true, served: 42 };
    assert_eq!(Cursor::parse(&cursor.token()), Some(cursor));
    assert_eq!(Cursor::parse(b"\x0a\x02{}"), None);
    assert_eq!(Cursor::parse(b""), None);
}
