//! Is a worker well, from its last heartbeat alone: stopped, heartbeat stale, slots exhausted,
//! failing tasks, or healthy, each with a sentence. Pure: `now` is given, so the rules are tested
//! without a server.
use serde::{Deserialize, Serialize};

use super::{SlotKind, WorkerStatus, WorkerView, human_duration};

/// The SDKs' default heartbeat interval (Python `Runtime(worker_heartbeat_interval=…)`, 60 s),
/// assumed when the heartbeat does not report its own.
pub const DEFAULT_HEARTBEAT_INTERVAL_MILLIS: i64 = 60_000;
/// A heartbeat older than this many intervals is stale: the worker missed two in a row.
pub const STALE_AFTER_INTERVALS: i64 = 3;
/// Never stale younger than this, whatever the interval: clocks of worker and debugger differ.
pub const STALE_AT_LEAST_MILLIS: i64 = 30_000;
/// Activity and Nexus tasks fail by design now and then: a worker is failing them when at least
/// this many, and half or more, of those since its previous heartbeat failed.
pub const FAILING_AT_LEAST: i32 = 3;

/// The verdict on one worker, the worst that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerVerdict {
    /// The worker said it is shutting down or shut down; `age_millis` of that heartbeat.
    Stopped {
        status: WorkerStatus,
        age_millis: Option<i64>,
    },
    /// No heartbeat for longer than `threshold_millis`.
    HeartbeatStale {
        age_millis: i64,
        threshold_millis: i64,
        interval_reported: bool,
    },
    /// Every slot of these kinds is in use: `(kind, used)`.
    SlotsExhausted {
        kinds: Vec<(SlotKind, i32)>,
    },
    /// Tasks of `kind` failed since the previous heartbeat: `failed` of `processed`.
    FailingTasks {
        kind: SlotKind,
        failed: i32,
        processed: i32,
        failed_total: i32,
        processed_total: i32,
    },
    Healthy,
    /// The server gave no heartbeat details (ListWorkers' limited rows): nothing to judge by.
    NotReported,
}

impl WorkerVerdict {
    /// A worker that is running but cannot take work as it should.
    pub fn unhealthy(&self) -> bool {
        matches!(
            self,
            WorkerVerdict::HeartbeatStale { .. }
                | WorkerVerdict::SlotsExhausted { .. }
                | WorkerVerdict::FailingTasks { .. }
        )
    }

    pub fn label(&self) -> &'static str {
        match self {
            WorkerVerdict::Stopped { .. } => "stopped",
            WorkerVerdict::HeartbeatStale { .. } => "heartbeat stale",
            WorkerVerdict::SlotsExhausted { .. } => "slots exhausted",
            WorkerVerdict::FailingTasks { .. } => "failing tasks",
            WorkerVerdict::Healthy => "healthy",
            WorkerVerdict::NotReported => "not reported",
        }
    }

    /// Whether the worker cannot take the queue's work as it should: heartbeat stale, slots
    /// exhausted, or failing workflow tasks. Failing activities are the application's own (the
    /// diagnosis names each retrying activity), so they do not count here.
    pub fn blocks_work(&self) -> bool {
        match self {
            WorkerVerdict::HeartbeatStale { .. } | WorkerVerdict::SlotsExhausted { .. } => true,
            WorkerVerdict::FailingTasks { kind, .. } => *kind == SlotKind::Workflow,
            _ => false,
        }
    }

    /// The CSS class of the verdict's badge (the task-queue verdicts' classes).
    pub fn class(&self) -> &'static str {
        match self {
            WorkerVerdict::HeartbeatStale { .. } => "verdict verdict-blocked",
            WorkerVerdict::SlotsExhausted { .. } | WorkerVerdict::FailingTasks { .. } => "verdict verdict-behind",
            WorkerVerdict::Healthy => "verdict verdict-ok",
            WorkerVerdict::Stopped { .. } | WorkerVerdict::NotReported => "verdict",
        }
    }

    /// What is wrong, as the end of a sentence about the worker ("has all its activity slots
    /// busy (1 in use, none free)").
    pub fn phrase(&self) -> String {
        match self {
            WorkerVerdict::Stopped { status, age_millis } => {
                let said = format!("said it was {}", status.label());
                match age_millis {
                    Some(age) => format!("{said} in its last heartbeat, {} ago", human_duration(*age)),
                    None => said,
                }
            }
            WorkerVerdict::HeartbeatStale { age_millis, threshold_millis, interval_reported } => format!(
                "has sent no heartbeat for {} (more than {}: {STALE_AFTER_INTERVALS} × its {} heartbeat interval{})",
                human_duration(*age_millis),
                human_duration(*threshold_millis),
                human_duration(threshold_millis / STALE_AFTER_INTERVALS),
                if *interval_reported { "" } else { ", the SDKs' default, as it does not report its own" },
            ),
            WorkerVerdict::SlotsExhausted { kinds } => {
                let kinds: Vec<String> = kinds
                    .iter()
                    .map(|(kind, used)| format!("{} slots busy ({used} in use, none free)", kind.noun()))
                    .collect();
                format!("has all its {}", kinds.join(" and all its "))
            }
            WorkerVerdict::FailingTasks { kind, failed, processed, failed_total, processed_total } => format!(
                "failed {failed} of the {processed} {} task{} it processed since its previous heartbeat \
                 ({failed_total} of {processed_total} since it started)",
                kind.noun(),
                if *processed == 1 { "" } else { "s" },
            ),
            WorkerVerdict::Healthy => {
                "heartbeats on time, has free slots and no recent run of failed tasks".to_string()
            }
            WorkerVerdict::NotReported => {
                "reports no heartbeat details here (the server listed only its identity)".to_string()
            }
        }
    }

    /// The verdict as a sentence about "this worker".
    pub fn sentence(&self) -> String {
        format!("This worker {}.", self.phrase())
    }
}

/// The verdict on `worker` at `now_millis` (the worst that applies: stopped, stale, slots
/// exhausted, failing tasks), and the heartbeat's age. A stopped worker's heartbeat gets old by
/// design, so stopping comes first; a stale heartbeat's slots and counts are old news.
pub fn judge(worker: &WorkerView, now_millis: i64) -> (WorkerVerdict, Option<i64>) {
    let details = worker.heartbeat.as_ref();
    let age = details.and_then(|details| details.time.as_ref()).map(|time| (now_millis - time.millis).max(0));
    if matches!(worker.status, WorkerStatus::ShuttingDown | WorkerStatus::Shutdown) {
        return (WorkerVerdict::Stopped { status: worker.status, age_millis: age }, age);
    }
    let Some(details) = details else { return (WorkerVerdict::NotReported, None) };
    let interval = details.interval_millis.filter(|interval| *interval > 0);
    let threshold =
        (STALE_AFTER_INTERVALS * interval.unwrap_or(DEFAULT_HEARTBEAT_INTERVAL_MILLIS)).max(STALE_AT_LEAST_MILLIS);
    if let Some(age_millis) = age.filter(|age| *age > threshold) {
        let verdict = WorkerVerdict::HeartbeatStale {
            age_millis,
            threshold_millis: threshold,
            interval_reported: interval.is_some(),
        };
        return (verdict, age);
    }
    let exhausted: Vec<(SlotKind, i32)> = details
        .slots
        .iter()
        .filter(|slots| slots.used > 0 && slots.available == Some(0))
        .map(|slots| (slots.kind, slots.used))
        .collect();
    if !exhausted.is_empty() {
        return (WorkerVerdict::SlotsExhausted { kinds: exhausted }, age);
    }
    // A failed workflow task is always a bug (non-determinism, a panic); activities fail by design
    // now and then, so they count from FAILING_AT_LEAST, when half or more of the recent ones failed.
    let failing = details.slots.iter().find(|slots| match slots.kind {
        SlotKind::Workflow => slots.recent_failed > 0,
        _ => slots.recent_failed >= FAILING_AT_LEAST && slots.recent_failed * 2 >= slots.recent_processed,
    });
    if let Some(slots) = failing {
        let verdict = WorkerVerdict::FailingTasks {
            kind: slots.kind,
            failed: slots.recent_failed,
            processed: slots.recent_processed,
            failed_total: slots.failed,
            processed_total: slots.processed,
        };
        return (verdict, age);
    }
    (WorkerVerdict::Healthy, age)
}

/// The diagnosis's sentence when every worker heartbeating on `queue` (stopped ones aside) cannot
/// take its work ([`WorkerVerdict::blocks_work`]); `None` when one can, or none heartbeats (the
/// pollers' rules speak then).
pub fn unhealthy_workers_sentence(workers: &[WorkerView], queue: &str) -> Option<String> {
    let live: Vec<&WorkerView> =
        workers.iter().filter(|worker| !matches!(worker.verdict, WorkerVerdict::Stopped { .. })).collect();
    if live.is_empty() || !live.iter().all(|worker| worker.verdict.blocks_work()) {
        return None;
    }
    if let [worker] = live.as_slice() {
        return Some(format!(
            "The only worker heartbeating on task queue \"{queue}\" ({}) {}.",
            worker.identity,
            worker.verdict.phrase()
        ));
    }
    let each: Vec<String> =
        live.iter().map(|worker| format!("{} {}", worker.identity, worker.verdict.phrase())).collect();
    Some(format!(
        "None of the {} workers heartbeating on task queue \"{queue}\" can take its work as it should: {}.",
        live.len(),
        each.join("; ")
    ))
}

#[cfg(test)]
#[path = "worker_verdict_tests.rs"]
mod tests;
