//! The namespace list, asked by the switcher on every page: served from memory, and once older
//! than `fresh` refreshed in the background while the old list is still served (up to
//! `max_stale`, past which a page waits for a new one). One list per [`Scope`].
use std::{
    collections::HashSet,
    future::Future,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use moka::future::Cache;

use super::{Scope, weight};
use model::AppError;
use model::NamespaceView;

#[derive(Clone)]
struct Listed {
    namespaces: Arc<Vec<NamespaceView>>,
    at: Instant,
}

pub struct NamespaceCache {
    entries: Cache<Scope, Listed>,
    fresh: Duration,
    /// Scopes whose list is being read again in the background (one refresh at a time).
    refreshing: Arc<Mutex<HashSet<Scope>>>,
}

impl NamespaceCache {
    pub fn new(max_bytes: u64) -> NamespaceCache {
        NamespaceCache::with_ages(max_bytes, super::NAMESPACES_FRESH, super::NAMESPACES_MAX_STALE)
    }

    pub fn with_ages(max_bytes: u64, fresh: Duration, max_stale: Duration) -> NamespaceCache {
        let entries = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|_: &Scope, listed: &Listed| {
                let bytes = listed
                    .namespaces
                    .iter()
                    .map(|namespace| namespace.name.len() + namespace.description.len() + namespace.state.len() + 96);
                weight(bytes.sum::<usize>() + 64)
            })
            .time_to_live(max_stale)
            .build();
        NamespaceCache { entries, fresh, refreshing: Arc::default() }
    }

    /// The list for `scope`, and whether it came from memory. `load` reads it from Temporal; a
    /// stale list is served at once while a task runs `load` (so it must not need the request).
    pub async fn get<F, Fut>(&self, scope: Scope, load: F) -> (Result<Vec<NamespaceView>, AppError>, bool)
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<NamespaceView>, AppError>> + Send + 'static,
    {
        if let Some(listed) = self.entries.get(&scope).await {
            if listed.at.elapsed() >= self.fresh {
                self.refresh(scope, load());
            }
            return (Ok(listed.namespaces.to_vec()), true);
        }
        let mut loaded = false;
        let listed = self
            .entries
            .try_get_with(scope, async {
                loaded = true;
                let namespaces = load().await?;
                Ok::<_, AppError>(Listed { namespaces: Arc::new(namespaces), at: Instant::now() })
            })
            .await;
        (listed.map(|listed| listed.namespaces.to_vec()).map_err(|error| (*error).clone()), !loaded)
    }

    fn refresh(&self, scope: Scope, load: impl Future<Output = Result<Vec<NamespaceView>, AppError>> + Send + 'static) {
        if !self.refreshing.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(scope) {
            return;
        }
        let (entries, refreshing) = (self.entries.clone(), self.refreshing.clone());
        tokio::spawn(async move {
            match load.await {
                Ok(namespaces) => {
                    entries.insert(scope, Listed { namespaces: Arc::new(namespaces), at: Instant::now() }).await;
                }
                // The old list stays until it is too old; then a page reads (and reports) anew.
                Err(error) => tracing::warn!("refreshing the namespace list failed: {error}"),
            }
            refreshing.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&scope);
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn named(name: &str) -> Vec<NamespaceView> {
        vec![NamespaceView {
            name: name.into(),
            description: String::new(),
            state: String::new(),
            retention: String::new(),
        }]
    }

    #[tokio::test]
    async fn a_stale_list_is_served_while_it_is_refreshed() {
        let cache = NamespaceCache::with_ages(1 << 20, Duration::from_millis(100), Duration::from_secs(60));
        let calls = Arc::new(AtomicUsize::new(0));
        let load = |name: &'static str| {
            let calls = calls.clone();
            move || async move {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok(named(name))
            }
        };
        let (first, hit) = cache.get(Scope(0), load("first")).await;
        assert_eq!((first.expect("list"), hit), (named("first"), false));
        let (again, hit) = cache.get(Scope(0), load("unused")).await;
        assert_eq!((again.expect("list"), hit), (named("first"), true));
        assert_eq!(calls.load(Ordering::SeqCst), 1);

        tokio::time::sleep(Duration::from_millis(150)).await;
        let (stale, hit) = cache.get(Scope(0), load("second")).await;
        assert_eq!((stale.expect("list"), hit), (named("first"), true), "served at once, not waited for");
        tokio::time::sleep(Duration::from_millis(50)).await;
        let (fresh, _) = cache.get(Scope(0), load("third")).await;
        assert_eq!(fresh.expect("list"), named("second"), "the background refresh landed");
        assert_eq!(calls.load(Ordering::SeqCst), 2);

        let (other, hit) = cache.get(Scope(9), load("other")).await;
        assert_eq!((other.expect("list"), hit), (named("other"), false), "another caller's list is its own");
    }
}
