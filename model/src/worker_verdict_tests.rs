use super::*;
use crate::{HeartbeatDetails, SlotUse, TimePoint};

const NOW: i64 = 1_000_000_000;

fn slots(kind: SlotKind, used: i32, available: Option<i32>) -> SlotUse {
    SlotUse {
        kind,
        used,
        available,
        supplier: "Fixed".into(),
        processed: 0,
        failed: 0,
        recent_processed: 0,
        recent_failed: 0,
    }
}

fn worker(status: WorkerStatus, heartbeat_age: i64, slots: Vec<SlotUse>) -> WorkerView {
    WorkerView {
        instance_key: "key-1".into(),
        identity: "7@host".into(),
        task_queue: "orders".into(),
        host: "host".into(),
        process_id: "7".into(),
        sdk: "temporal-python 1.35.0".into(),
        deployment: String::new(),
        status,
        start_time: None,
        plugins: vec![],
        heartbeat: Some(HeartbeatDetails {
            time: Some(TimePoint { iso: String::new(), millis: NOW - heartbeat_age }),
            interval_millis: None,
            slots,
            pollers: vec![],
            sticky_cache_hits: 0,
            sticky_cache_misses: 0,
            sticky_cache_size: 0,
            host_cpu: None,
            host_memory: None,
        }),
        heartbeat_age_millis: None,
        verdict: WorkerVerdict::NotReported,
    }
}

fn judged(mut worker: WorkerView) -> WorkerView {
    let (verdict, age) = judge(&worker, NOW);
    worker.verdict = verdict;
    worker.heartbeat_age_millis = age;
    worker
}

fn free() -> Vec<SlotUse> {
    vec![slots(SlotKind::Workflow, 1, Some(99)), slots(SlotKind::Activity, 0, Some(100))]
}

#[test]
fn a_recent_heartbeat_with_free_slots_is_healthy_and_says_its_age() {
    let (verdict, age) = judge(&worker(WorkerStatus::Running, 12_000, free()), NOW);
    assert_eq!(verdict, WorkerVerdict::Healthy);
    assert_eq!(age, Some(12_000));
    assert!(!verdict.unhealthy());
}

#[test]
fn a_heartbeat_older_than_three_default_intervals_is_stale_with_its_age() {
    let (verdict, _) = judge(&worker(WorkerStatus::Running, 250_000, free()), NOW);
    assert_eq!(
        verdict,
        WorkerVerdict::HeartbeatStale { age_millis: 250_000, threshold_millis: 180_000, interval_reported: false }
    );
    assert_eq!(
        verdict.sentence(),
        "This worker has sent no heartbeat for 4m 10s (more than 3m 0s: 3 × its 1m 0s heartbeat interval, the SDKs' \
         default, as it does not report its own)."
    );
    let (verdict, _) = judge(&worker(WorkerStatus::Running, 170_000, free()), NOW);
    assert_eq!(verdict, WorkerVerdict::Healthy, "under three intervals");
}

#[test]
fn a_reported_interval_sets_the_threshold_but_never_under_thirty_seconds() {
    let mut five_seconds = worker(WorkerStatus::Running, 20_000, free());
    five_seconds.heartbeat.as_mut().unwrap().interval_millis = Some(5_000);
    assert_eq!(judge(&five_seconds, NOW).0, WorkerVerdict::Healthy, "15 s would call it stale: 30 s at least");
    five_seconds.heartbeat.as_mut().unwrap().time = Some(TimePoint { iso: String::new(), millis: NOW - 31_000 });
    assert!(matches!(judge(&five_seconds, NOW).0, WorkerVerdict::HeartbeatStale { interval_reported: true, .. }));
}

#[test]
fn a_kind_with_work_and_no_free_slot_is_exhausted_and_named() {
    let busy = vec![slots(SlotKind::Workflow, 0, Some(100)), slots(SlotKind::Activity, 1, Some(0))];
    let (verdict, _) = judge(&worker(WorkerStatus::Running, 1_000, busy), NOW);
    assert_eq!(verdict, WorkerVerdict::SlotsExhausted { kinds: vec![(SlotKind::Activity, 1)] });
    assert_eq!(verdict.sentence(), "This worker has all its activity slots busy (1 in use, none free).");
    assert!(verdict.unhealthy());
}

#[test]
fn unused_kinds_and_unknown_bounds_are_not_exhausted() {
    let idle = vec![slots(SlotKind::Nexus, 0, Some(0)), slots(SlotKind::Activity, 40, None)];
    assert_eq!(judge(&worker(WorkerStatus::Running, 1_000, idle), NOW).0, WorkerVerdict::Healthy);
}

#[test]
fn failed_workflow_tasks_always_count_and_activities_from_half_on() {
    let mut workflow = slots(SlotKind::Workflow, 0, Some(100));
    (workflow.recent_failed, workflow.recent_processed, workflow.failed, workflow.processed) = (1, 40, 3, 900);
    let (verdict, _) = judge(&worker(WorkerStatus::Running, 1_000, vec![workflow]), NOW);
    assert_eq!(
        verdict.sentence(),
        "This worker failed 1 of the 40 workflow tasks it processed since its previous heartbeat (3 of 900 since it started)."
    );
    let mut activity = slots(SlotKind::Activity, 0, Some(100));
    (activity.recent_failed, activity.recent_processed) = (8, 232);
    assert_eq!(judge(&worker(WorkerStatus::Running, 1_000, vec![activity.clone()]), NOW).0, WorkerVerdict::Healthy);
    (activity.recent_failed, activity.recent_processed) = (1, 2);
    assert_eq!(
        judge(&worker(WorkerStatus::Running, 1_000, vec![activity.clone()]), NOW).0,
        WorkerVerdict::Healthy,
        "one of two is chance"
    );
    (activity.recent_failed, activity.recent_processed) = (116, 232);
    let (verdict, _) = judge(&worker(WorkerStatus::Running, 1_000, vec![activity]), NOW);
    assert!(matches!(
        verdict,
        WorkerVerdict::FailingTasks { kind: SlotKind::Activity, failed: 116, processed: 232, .. }
    ));
    assert!(verdict.unhealthy() && !verdict.blocks_work(), "the diagnosis names failing activities one by one");
}

#[test]
fn a_worker_shutting_down_is_stopped_however_old_its_heartbeat() {
    let (verdict, age) = judge(&worker(WorkerStatus::ShuttingDown, 400_000, free()), NOW);
    assert_eq!(verdict, WorkerVerdict::Stopped { status: WorkerStatus::ShuttingDown, age_millis: Some(400_000) });
    assert_eq!(age, Some(400_000));
    assert_eq!(verdict.sentence(), "This worker said it was shutting down in its last heartbeat, 6m 40s ago.");
    assert!(!verdict.unhealthy());
}

#[test]
fn a_row_without_heartbeat_details_is_not_judged() {
    let mut row = worker(WorkerStatus::Running, 0, vec![]);
    row.heartbeat = None;
    assert_eq!(judge(&row, NOW), (WorkerVerdict::NotReported, None));
}

#[test]
fn a_heartbeat_from_a_clock_ahead_is_zero_seconds_old() {
    assert_eq!(judge(&worker(WorkerStatus::Running, -5_000, free()), NOW).1, Some(0));
}

#[test]
fn the_diagnosis_speaks_only_when_every_live_worker_is_unhealthy() {
    let busy = || judged(worker(WorkerStatus::Running, 1_000, vec![slots(SlotKind::Activity, 1, Some(0))]));
    let well = judged(worker(WorkerStatus::Running, 1_000, free()));
    let stopped = judged(worker(WorkerStatus::Shutdown, 1_000, free()));
    assert_eq!(
        unhealthy_workers_sentence(&[busy(), stopped.clone()], "orders").as_deref(),
        Some(
            "The only worker heartbeating on task queue \"orders\" (7@host) has all its activity slots busy (1 in use, none free)."
        )
    );
    assert_eq!(unhealthy_workers_sentence(&[busy(), well], "orders"), None);
    assert_eq!(unhealthy_workers_sentence(&[stopped], "orders"), None, "nobody live: the pollers' rules speak");
    assert_eq!(unhealthy_workers_sentence(&[], "orders"), None);
    let stale = judged(worker(WorkerStatus::Running, 600_000, free()));
    let both = unhealthy_workers_sentence(&[busy(), stale], "orders").expect("a finding");
    assert!(
        both.starts_with(
            "None of the 2 workers heartbeating on task queue \"orders\" can take its work as it should: 7@host has all"
        ),
        "{both}"
    );
    assert!(both.contains("; 7@host has sent no heartbeat for 10m 0s"), "{both}");
    let mut failing_activities = slots(SlotKind::Activity, 0, Some(100));
    (failing_activities.recent_failed, failing_activities.recent_processed) = (5, 5);
    let failing = judged(worker(WorkerStatus::Running, 1_000, vec![failing_activities]));
    assert_eq!(unhealthy_workers_sentence(&[failing], "orders"), None, "failing activities are not the queue's fault");
}
