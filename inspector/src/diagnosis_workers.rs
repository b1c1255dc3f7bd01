//! The diagnosis's rule on the workers heartbeating on the run's task queue: when every one of
//! them (stopped ones aside) is unhealthy — heartbeat stale, slots exhausted, failing tasks — the
//! run waits on them. Only what the heartbeats say is claimed (their own timestamps for ages).
use model::{Evidence, Finding, Severity, WorkerView, unhealthy_workers_sentence};

pub fn worker_findings(workers: &[WorkerView], task_queue: &str) -> Option<Finding> {
    let sentence = unhealthy_workers_sentence(workers, task_queue)?;
    Some(Finding::new(Severity::Warning, sentence, Evidence::tab("workers", "Workers")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{HeartbeatDetails, SlotKind, SlotUse, TimePoint, WorkerStatus, WorkerVerdict, judge};

    fn worker(used: i32, available: i32) -> WorkerView {
        let mut worker = WorkerView {
            instance_key: "k".into(),
            identity: "9@box".into(),
            task_queue: "orders".into(),
            host: "box".into(),
            process_id: "9".into(),
            sdk: String::new(),
            deployment: String::new(),
            status: WorkerStatus::Running,
            start_time: None,
            plugins: vec![],
            heartbeat: Some(HeartbeatDetails {
                time: Some(TimePoint { iso: String::new(), millis: 0 }),
                interval_millis: None,
                slots: vec![SlotUse {
                    kind: SlotKind::Activity,
                    used,
                    available: Some(available),
                    supplier: "Fixed".into(),
                    processed: 0,
                    failed: 0,
                    recent_processed: 0,
                    recent_failed: 0,
                }],
                pollers: vec![],
                sticky_cache_hits: 0,
                sticky_cache_misses: 0,
                sticky_cache_size: 0,
                host_cpu: None,
                host_memory: None,
            }),
            heartbeat_age_millis: None,
            verdict: WorkerVerdict::NotReported,
        };
        worker.verdict = judge(&worker, 2_000).0;
        worker
    }

    #[test]
    fn the_only_worker_with_every_activity_slot_busy_is_a_warning_on_the_workers_tab() {
        let finding = worker_findings(&[worker(1, 0)], "orders").expect("a finding");
        assert_eq!(finding.severity, Severity::Warning);
        assert!(finding.text.contains("has all its activity slots busy"), "{}", finding.text);
        assert!(worker_findings(&[worker(1, 4)], "orders").is_none());
        assert!(worker_findings(&[], "orders").is_none());
    }
}
