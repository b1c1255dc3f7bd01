//! Temporal calls per HTTP request: the server's metrics layer puts a [`PageCalls`] into each
//! request's extensions, every call built while rendering that request carries a clone to the
//! call channel, which counts it. When the last clone is gone (the render and its calls are
//! done, however long the page streamed), the count goes to `temporal_calls_per_page` by route.
use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

#[derive(Clone)]
pub struct PageCalls(Arc<Tally>);

struct Tally {
    route: String,
    calls: AtomicU64,
}

impl Drop for Tally {
    fn drop(&mut self) {
        let calls = self.calls.load(Ordering::Relaxed);
        metrics::histogram!("temporal_calls_per_page", "route" => std::mem::take(&mut self.route)).record(calls as f64);
    }
}

impl PageCalls {
    /// A tally for one request to `route` (a route template, the metrics' label).
    pub fn new(route: String) -> PageCalls {
        PageCalls(Arc::new(Tally { route, calls: AtomicU64::new(0) }))
    }

    pub(super) fn count(&self) {
        self.0.calls.fetch_add(1, Ordering::Relaxed);
    }

    /// Calls counted so far.
    pub fn calls(&self) -> u64 {
        self.0.calls.load(Ordering::Relaxed)
    }
}
