//! DescribeWorkflowExecution answers by run: a closed run's kept for [`super::CLOSED_RUN_FRESH`],
//! an open run's (and a workflow's current run, asked with an empty run ID) for
//! [`super::OPEN_RUN_FRESH`]. The describe is also what history reads trust: a run's history is
//! served from memory only while a describe this fresh says the run exists and is closed.
use std::{
    future::Future,
    sync::Arc,
    time::{Duration, Instant},
};

use moka::{Expiry, future::Cache};
use prost::Message;
use temporalio_protos::protos::temporal::api::{
    enums::v1::WorkflowExecutionStatus, workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use super::{CLOSED_RUN_FRESH, OPEN_RUN_FRESH, RunKey, weight};
use model::AppError;

/// What a describe says about a run's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Final: `length` events of `size` bytes, never to change.
    Closed { length: i64, size: i64 },
    /// Still growing: its reads may be shared for [`super::OPEN_RUN_FRESH`].
    Open,
    /// Not known (the describe failed): read from Temporal as it is.
    Unknown,
}

impl Verdict {
    pub fn of(run_id: &str, described: &DescribeWorkflowExecutionResponse) -> Verdict {
        let Some(info) = described.workflow_execution_info.as_ref() else { return Verdict::Unknown };
        let open = matches!(
            WorkflowExecutionStatus::try_from(info.status),
            Ok(WorkflowExecutionStatus::Running | WorkflowExecutionStatus::Unspecified) | Err(_)
        );
        // The current run of a workflow ID (no run ID) can be another run on the next call.
        if open || run_id.is_empty() {
            Verdict::Open
        } else {
            Verdict::Closed { length: info.history_length, size: info.history_size_bytes }
        }
    }
}

#[derive(Clone)]
struct Described {
    response: Arc<DescribeWorkflowExecutionResponse>,
    fresh_for: Duration,
}

struct FreshFor;

impl Expiry<RunKey, Described> for FreshFor {
    fn expire_after_create(&self, _: &RunKey, value: &Described, _: Instant) -> Option<Duration> {
        Some(value.fresh_for)
    }
}

pub struct DescribeCache {
    entries: Cache<RunKey, Described>,
}

impl DescribeCache {
    pub fn new(max_bytes: u64) -> DescribeCache {
        let entries = Cache::builder()
            .max_capacity(max_bytes)
            .weigher(|key: &RunKey, value: &Described| weight(key.bytes() + value.response.encoded_len()))
            .expire_after(FreshFor)
            .support_invalidation_closures()
            .build();
        DescribeCache { entries }
    }

    /// The run's describe from memory while fresh, else from `load`; concurrent callers share one
    /// `load`. Answers whether it was shared (a hit) too.
    pub async fn get(
        &self,
        key: RunKey,
        load: impl Future<Output = Result<DescribeWorkflowExecutionResponse, AppError>>,
    ) -> (Result<Arc<DescribeWorkflowExecutionResponse>, AppError>, bool) {
        let mut loaded = false;
        let run_id = key.run_id.clone();
        let described = self
            .entries
            .try_get_with(key, async {
                loaded = true;
                let response = load.await?;
                let fresh_for = match Verdict::of(&run_id, &response) {
                    Verdict::Closed { .. } => CLOSED_RUN_FRESH,
                    Verdict::Open | Verdict::Unknown => OPEN_RUN_FRESH,
                };
                Ok::<_, AppError>(Described { response: Arc::new(response), fresh_for })
            })
            .await;
        (described.map(|described| described.response).map_err(|error| (*error).clone()), !loaded)
    }

    pub fn forget(&self, namespace: &str, workflow_id: &str) {
        let (namespace, workflow_id) = (namespace.to_string(), workflow_id.to_string());
        let _ = self.entries.invalidate_entries_if(move |key, _| {
            key.namespace == namespace && (workflow_id.is_empty() || key.workflow_id == workflow_id)
        });
    }
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::workflow::v1::WorkflowExecutionInfo;

    use super::*;
    use crate::temporal::cache::Scope;

    fn described(status: WorkflowExecutionStatus) -> DescribeWorkflowExecutionResponse {
        DescribeWorkflowExecutionResponse {
            workflow_execution_info: Some(WorkflowExecutionInfo {
                status: status as i32,
                history_length: 5,
                history_size_bytes: 900,
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn key(run_id: &str) -> RunKey {
        RunKey::new(Scope(0), ("default", "wf", run_id))
    }

    #[test]
    fn only_a_named_closed_run_is_final() {
        let closed = described(WorkflowExecutionStatus::Completed);
        assert_eq!(Verdict::of("run", &closed), Verdict::Closed { length: 5, size: 900 });
        assert_eq!(Verdict::of("", &closed), Verdict::Open, "a workflow's current run may change");
        assert_eq!(Verdict::of("run", &described(WorkflowExecutionStatus::Running)), Verdict::Open);
        assert_eq!(Verdict::of("run", &DescribeWorkflowExecutionResponse::default()), Verdict::Unknown);
    }

    #[tokio::test]
    async fn an_open_run_is_read_again_after_a_second_a_closed_one_is_kept() {
        let cache = DescribeCache::new(1 << 20);
        let load = |status| async move { Ok(described(status)) };
        let (_, hit) = cache.get(key("open"), load(WorkflowExecutionStatus::Running)).await;
        assert!(!hit);
        let (_, hit) = cache.get(key("open"), load(WorkflowExecutionStatus::Running)).await;
        assert!(hit, "within a second");
        let (_, hit) = cache.get(key("closed"), load(WorkflowExecutionStatus::Completed)).await;
        assert!(!hit);
        tokio::time::sleep(OPEN_RUN_FRESH + Duration::from_millis(50)).await;
        let (_, hit) = cache.get(key("open"), load(WorkflowExecutionStatus::Running)).await;
        assert!(!hit, "an open run's describe is at most a second old");
        let (_, hit) = cache.get(key("closed"), load(WorkflowExecutionStatus::Completed)).await;
        assert!(hit, "a closed run's is kept");
        cache.forget("default", "wf");
        let (_, hit) = cache.get(key("closed"), load(WorkflowExecutionStatus::Completed)).await;
        assert!(!hit, "a write through the app forgets the workflow's runs");
    }

    #[tokio::test]
    async fn concurrent_reads_share_one_call_and_errors_are_not_kept() {
        let cache = DescribeCache::new(1 << 20);
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let load = || async {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err::<DescribeWorkflowExecutionResponse, _>(AppError::NotFound("gone".into()))
        };
        let (a, b) = tokio::join!(cache.get(key("r"), load()), cache.get(key("r"), load()));
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1, "one call for both");
        assert_eq!(a.0.unwrap_err(), AppError::NotFound("gone".into()));
        assert!(b.0.is_err() && (a.1 != b.1));
        let _ = cache.get(key("r"), load()).await;
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 2, "a failure is asked again");
    }
}
