//! One cluster's read cache, so that many people opening the same run cost Temporal one read:
//! the namespace list (stale-while-revalidate), runs' describes (a closed run's for
//! [`CLOSED_RUN_FRESH`], an open run's for [`OPEN_RUN_FRESH`]), closed runs' history (bounded by
//! bytes, least used first) and task queues' pollers (for [`OPEN_RUN_FRESH`]). Concurrent
//! identical reads share one call.
//!
//! Everything is keyed by the caller's [`Scope`]: a user's own token (or forwarded headers) is
//! Temporal's to authorize, so one user's answer is never served to another. The cache holds
//! Temporal's answers as they came (payloads still encoded): the codec decodes per request.
mod describe;
mod history;
mod namespaces;
mod stuck_runs;
mod task_queues;
mod workers;

use std::{
    hash::{BuildHasher, Hash, Hasher},
    time::Duration,
};

pub use describe::{DescribeCache, Verdict};
pub use history::{HistoryCache, HistoryPage, PageRequest};
pub use namespaces::NamespaceCache;
pub use stuck_runs::{STUCK_RUNS_FRESH, StuckRunsCache, StuckRunsKey};
pub use task_queues::TaskQueueCache;
pub use workers::WorkerListCache;

/// How long a closed run's describe is trusted. A closed run only changes by being deleted (by
/// retention or by hand), so this is how long a deleted run's pages may still be served.
pub const CLOSED_RUN_FRESH: Duration = Duration::from_secs(60);
/// How stale an open run's describe and history may be: concurrent views share one read.
pub const OPEN_RUN_FRESH: Duration = Duration::from_secs(1);
/// The namespace list is served from memory for this long, then refreshed in the background.
pub const NAMESPACES_FRESH: Duration = Duration::from_secs(30);
/// Past this age the namespace list is no longer served while it refreshes: it is read again.
pub const NAMESPACES_MAX_STALE: Duration = Duration::from_secs(300);
/// `TDBG_READ_CACHE_MB`'s default.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Who a cached answer was made for: a hash of the credentials sent with the call that are not
/// the server's own (the signed-in user's token, forwarded headers). 0: the server's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scope(pub u64);

/// A run, as the caches key it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RunKey {
    pub scope: Scope,
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
}

impl RunKey {
    pub fn new(scope: Scope, (namespace, workflow_id, run_id): (&str, &str, &str)) -> RunKey {
        RunKey { scope, namespace: namespace.into(), workflow_id: workflow_id.into(), run_id: run_id.into() }
    }

    /// What holding the key costs, for the weighers.
    fn bytes(&self) -> usize {
        self.namespace.len() + self.workflow_id.len() + self.run_id.len() + 32
    }
}

/// The caches of one cluster; each [`super::TemporalClient`] clone shares them.
pub struct ReadCache {
    cluster: String,
    /// Keys the scope hash per process, so scopes cannot be predicted from outside.
    hasher: std::collections::hash_map::RandomState,
    pub namespaces: NamespaceCache,
    pub describes: DescribeCache,
    pub histories: HistoryCache,
    pub task_queues: TaskQueueCache,
    pub workers: WorkerListCache,
    /// The stuck-runs page's reports (a minute each).
    pub stuck_runs: StuckRunsCache,
}

impl ReadCache {
    /// Caches holding at most `max_bytes` of Temporal's encoded answers: histories three
    /// quarters, describes an eighth, namespace lists a sixteenth,
    /// task queues and worker lists a thirty-second each. 0 keeps
    /// nothing (identical reads in flight still share one call).
    pub fn new(cluster: &str, max_bytes: u64) -> ReadCache {
        ReadCache {
            cluster: cluster.to_string(),
            hasher: std::collections::hash_map::RandomState::new(),
            namespaces: NamespaceCache::new(max_bytes / 16),
            describes: DescribeCache::new(max_bytes / 8),
            histories: HistoryCache::new(max_bytes / 4 * 3),
            task_queues: TaskQueueCache::new(max_bytes / 32),
            workers: WorkerListCache::new(max_bytes / 32),
            stuck_runs: StuckRunsCache::new(),
        }
    }

    /// The scope of a call sent with these credentials (`None`s: the server's own).
    pub fn scope<'a>(&self, user_token: Option<&str>, forwarded: impl Iterator<Item = (&'a str, &'a [u8])>) -> Scope {
        let mut hasher = self.hasher.build_hasher();
        let mut any = false;
        if let Some(token) = user_token {
            ("token", token).hash(&mut hasher);
            any = true;
        }
        for (name, value) in forwarded {
            (name, value).hash(&mut hasher);
            any = true;
        }
        // A real credential never lands on the server's own scope.
        if any { Scope(hasher.finish().max(1)) } else { Scope(0) }
    }

    /// Forgets what is kept about a workflow's runs (all of them when `workflow_id` is empty),
    /// after a write through this app changed them.
    pub fn forget(&self, namespace: &str, workflow_id: &str) {
        self.describes.forget(namespace, workflow_id);
        self.histories.forget(namespace, workflow_id);
    }

    /// Counts a read served from the cache (or shared with a read in flight) or made anew.
    pub fn record(&self, operation: &'static str, hit: bool) {
        let labels = [("operation", operation.to_string()), ("cluster", self.cluster.clone())];
        if hit {
            metrics::counter!("temporal_cache_hits", &labels).increment(1);
        } else {
            metrics::counter!("temporal_cache_misses", &labels).increment(1);
        }
    }
}

/// A moka weight from a byte count (u32::MAX for the absurdly large).
fn weight(bytes: usize) -> u32 {
    u32::try_from(bytes).unwrap_or(u32::MAX)
}
