//! DescribeTaskQueue answers, shared for [`super::OPEN_RUN_FRESH`]: every view of an open run asks
//! for its queue's pollers (workflow and activity tasks), so viewers arriving together share one
//! call per kind. Pollers are already seconds old in Temporal's own answer.
use std::{future::Future, sync::Arc};

use moka::future::Cache;
use prost::Message;
use temporalio_protos::protos::temporal::api::workflowservice::v1::{
    DescribeTaskQueueRequest, DescribeTaskQueueResponse,
};

use super::{OPEN_RUN_FRESH, Scope, weight};

pub struct TaskQueueCache {
    /// Keyed by the encoded request (prost messages are not `Hash`).
    entries: Cache<(Scope, Vec<u8>), Arc<DescribeTaskQueueResponse>>,
}

impl TaskQueueCache {
    pub fn new(max_bytes: u64) -> TaskQueueCache {
        let entries = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|(_, request): &(Scope, Vec<u8>), response: &Arc<DescribeTaskQueueResponse>| {
                weight(request.len() + response.encoded_len() + 64)
            })
            .time_to_live(OPEN_RUN_FRESH)
            .build();
        TaskQueueCache { entries }
    }

    /// The answer to `request` from the last second, else from `load`; concurrent callers share
    /// one `load`. Answers whether it was shared (a hit) too.
    pub async fn get(
        &self,
        scope: Scope,
        request: DescribeTaskQueueRequest,
        load: impl Future<Output = Result<DescribeTaskQueueResponse, tonic::Status>>,
    ) -> (Result<Arc<DescribeTaskQueueResponse>, tonic::Status>, bool) {
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
    use std::{
        sync::atomic::{AtomicUsize, Ordering},
        time::Duration,
    };

    use super::*;

    #[tokio::test]
    async fn viewers_together_share_one_call_and_a_second_later_ask_again() {
        let cache = TaskQueueCache::new(1 << 20);
        let calls = AtomicUsize::new(0);
        let load = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok(DescribeTaskQueueResponse::default())
        };
        let request = || DescribeTaskQueueRequest { namespace: "default".into(), ..Default::default() };
        let (a, b) = tokio::join!(cache.get(Scope(0), request(), load()), cache.get(Scope(0), request(), load()));
        assert!(a.0.is_ok() && b.0.is_ok());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let _ = cache.get(Scope(5), request(), load()).await;
        assert_eq!(calls.load(Ordering::SeqCst), 2, "another scope asks for itself");
        tokio::time::sleep(OPEN_RUN_FRESH + Duration::from_millis(50)).await;
        let (_, hit) = cache.get(Scope(0), request(), load()).await;
        assert!(!hit && calls.load(Ordering::SeqCst) == 3);
    }
}
