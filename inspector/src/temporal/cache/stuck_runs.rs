//! The stuck-runs page's whole report, kept for [`STUCK_RUNS_FRESH`]: it costs up to thousands
//! of calls, so a second view within the minute costs none, and viewers arriving together share
//! one computation. "Check again" forgets the entry first.
use std::{future::Future, sync::Arc, time::Duration};

use moka::future::Cache;

use super::Scope;
use model::{AppError, StuckRunsReport};

/// How long a computed report is served.
pub const STUCK_RUNS_FRESH: Duration = Duration::from_secs(60);
/// Reports kept at once (each holds at most 2,000 runs' groups).
const MAX_REPORTS: u64 = 64;

/// Whose, where and what: (scope, namespace, query, runs per end). The cache is the cluster's.
pub type StuckRunsKey = (Scope, String, String, usize);

pub struct StuckRunsCache {
    entries: Cache<StuckRunsKey, Arc<StuckRunsReport>>,
}

impl StuckRunsCache {
    pub fn new() -> StuckRunsCache {
        StuckRunsCache { entries: Cache::builder().max_capacity(MAX_REPORTS).time_to_live(STUCK_RUNS_FRESH).build() }
    }

    /// The kept report, else `compute`'s (shared by concurrent callers; errors are not kept),
    /// and whether it was kept or shared. `fresh` forgets the kept one first.
    pub async fn get(
        &self,
        key: StuckRunsKey,
        fresh: bool,
        compute: impl Future<Output = Result<StuckRunsReport, AppError>>,
    ) -> (Result<Arc<StuckRunsReport>, AppError>, bool) {
        if fresh {
            self.entries.invalidate(&key).await;
        }
        let mut computed = false;
        let report = self
            .entries
            .try_get_with(key, async {
                computed = true;
                compute.await.map(Arc::new)
            })
            .await;
        (report.map_err(|error| (*error).clone()), !computed)
    }
}

impl Default for StuckRunsCache {
    fn default() -> StuckRunsCache {
        StuckRunsCache::new()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn report() -> StuckRunsReport {
        StuckRunsReport {
            running: 0,
            checked: 0,
            oldest_method: String::new(),
            groups: Vec::new(),
            calls: 1,
            max_calls: 1,
            budget: String::new(),
            computed_at: model::TimePoint { iso: String::new(), millis: 0 },
            notes: Vec::new(),
        }
    }

    #[tokio::test]
    async fn viewers_share_one_computation_and_check_again_computes_anew() {
        let cache = StuckRunsCache::new();
        let computations = AtomicUsize::new(0);
        let compute = || async {
            computations.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok(report())
        };
        let key = || (Scope(0), "default".to_string(), String::new(), 250);
        let (a, b) = tokio::join!(cache.get(key(), false, compute()), cache.get(key(), false, compute()));
        assert!(a.0.is_ok() && b.0.is_ok() && a.1 != b.1);
        assert_eq!(computations.load(Ordering::SeqCst), 1);
        let (_, kept) = cache.get(key(), false, compute()).await;
        assert!(kept);
        let (_, kept) = cache.get(key(), true, compute()).await;
        assert!(!kept && computations.load(Ordering::SeqCst) == 2, "check again computes anew");
        let (_, kept) = cache.get((Scope(3), "default".into(), String::new(), 250), false, compute()).await;
        assert!(!kept, "another viewer's credentials get their own");
    }
}
