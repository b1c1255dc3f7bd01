//! ListWorkers answers, shared for [`super::OPEN_RUN_FRESH`]: the task-queue page, the run's
//! workers tab and the run's diagnosis each ask for their queue's workers, so views arriving
//! together share one call. Heartbeats are already seconds old in Temporal's own answer.
use std::{future::Future, sync::Arc};

use moka::future::Cache;
use prost::Message;
use temporalio_protos::protos::temporal::api::workflowservice::v1::{ListWorkersRequest, ListWorkersResponse};

use super::{OPEN_RUN_FRESH, Scope, weight};

pub struct WorkerListCache {
    /// Keyed by the encoded request (prost messages are not `Hash`).
    entries: Cache<(Scope, Vec<u8>), Arc<ListWorkersResponse>>,
}

impl WorkerListCache {
    pub fn new(max_bytes: u64) -> WorkerListCache {
        let entries = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|(_, request): &(Scope, Vec<u8>), response: &Arc<ListWorkersResponse>| {
                weight(request.len() + response.encoded_len() + 64)
            })
            .time_to_live(OPEN_RUN_FRESH)
            .build();
        WorkerListCache { entries }
    }

    /// The answer to `request` from the last second, else from `load`; concurrent callers share
    /// one `load`. Answers whether it was shared (a hit) too.
    pub async fn get(
        &self,
        scope: Scope,
        request: &ListWorkersRequest,
        load: impl Future<Output = Result<ListWorkersResponse, tonic::Status>>,
    ) -> (Result<Arc<ListWorkersResponse>, tonic::Status>, bool) {
        let mut loaded = false;
        let answer = self
            .entries
            .try_get_with((scope, request.encode_to_vec()), async {
                loaded = true;
                load.await.map(Arc::new)
            })
            .await;
        (answer.map_err(|status| (*status).clone()), !loaded)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test]
    async fn views_together_share_one_list_per_query_and_scope() {
        let cache = WorkerListCache::new(1 << 20);
        let calls = AtomicUsize::new(0);
        let load = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Ok(ListWorkersResponse::default())
        };
        let request =
            |query: &str| ListWorkersRequest { namespace: "default".into(), query: query.into(), ..Default::default() };
        let orders = request("TaskQueue = 'orders'");
        let (a, b) = tokio::join!(cache.get(Scope(0), &orders, load()), cache.get(Scope(0), &orders, load()));
        assert!(a.0.is_ok() && b.0.is_ok() && (a.1 || b.1));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let _ = cache.get(Scope(0), &request("TaskQueue = 'billing'"), load()).await;
        let _ = cache.get(Scope(3), &orders, load()).await;
        assert_eq!(calls.load(Ordering::SeqCst), 3, "another queue, another scope: their own calls");
    }
}
