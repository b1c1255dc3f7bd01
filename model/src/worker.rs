//! Workers as their heartbeats describe them (Temporal 1.29+, namespace capability
//! `workerHeartbeats`): one worker instance each, with its host, SDK, slots, pollers and sticky
//! cache, and the verdict in words (`worker_verdict.rs`) that the workers pages, the task-queue
//! page, the run's workers tab and the run's diagnosis share.
use serde::{Deserialize, Serialize};

use super::{TimePoint, WorkerVerdict};

/// What the worker said it is doing (its SDK sets it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerStatus {
    Running,
    ShuttingDown,
    Shutdown,
    NotReported,
}

impl WorkerStatus {
    pub fn label(self) -> &'static str {
        match self {
            WorkerStatus::Running => "running",
            WorkerStatus::ShuttingDown => "shutting down",
            WorkerStatus::Shutdown => "shut down",
            WorkerStatus::NotReported => "not reported",
        }
    }
}

/// The kinds of task a worker holds slots for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SlotKind {
    Workflow,
    Activity,
    LocalActivity,
    Nexus,
}

impl SlotKind {
    /// `workflow`, `activity`, `local activity`, `Nexus` (as in "activity slots").
    pub fn noun(self) -> &'static str {
        match self {
            SlotKind::Workflow => "workflow",
            SlotKind::Activity => "activity",
            SlotKind::LocalActivity => "local activity",
            SlotKind::Nexus => "Nexus",
        }
    }
}

/// One kind of slot as the heartbeat reports it (WorkerSlotsInfo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotUse {
    pub kind: SlotKind,
    pub used: i32,
    /// Free slots; `None` when the worker does not know its upper bound (resource-based slots).
    pub available: Option<i32>,
    /// `Fixed`, `ResourceBased` or a custom supplier's name; empty when not reported.
    pub supplier: String,
    /// Tasks processed (all outcomes) and failed since the worker started.
    pub processed: i32,
    pub failed: i32,
    /// The same since the worker's previous heartbeat.
    pub recent_processed: i32,
    pub recent_failed: i32,
}

/// The kinds of polls a worker makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PollerKind {
    Workflow,
    WorkflowSticky,
    Activity,
    Nexus,
}

impl PollerKind {
    pub fn label(self) -> &'static str {
        match self {
            PollerKind::Workflow => "Workflow tasks",
            PollerKind::WorkflowSticky => "Workflow tasks (sticky queue)",
            PollerKind::Activity => "Activity tasks",
            PollerKind::Nexus => "Nexus tasks",
        }
    }
}

/// One kind of poller as the heartbeat reports it (WorkerPollerInfo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerPollers {
    pub kind: PollerKind,
    /// Poll calls in flight when the heartbeat was taken.
    pub in_flight: i32,
    pub last_success: Option<TimePoint>,
    pub autoscaling: bool,
}

/// What only a full heartbeat carries (ListWorkers' limited rows and old servers lack it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeartbeatDetails {
    /// The time the worker wrote into its heartbeat (its own clock).
    pub time: Option<TimePoint>,
    /// The time between its last two heartbeats, when reported.
    pub interval_millis: Option<i64>,
    pub slots: Vec<SlotUse>,
    pub pollers: Vec<WorkerPollers>,
    pub sticky_cache_hits: i32,
    pub sticky_cache_misses: i32,
    /// Workflow executions in the sticky cache.
    pub sticky_cache_size: i32,
    /// Host CPU and memory in use, 0.0–1.0; `None` when reported as zero (not measured).
    pub host_cpu: Option<f32>,
    pub host_memory: Option<f32>,
}

/// One worker instance (one SDK worker object: one task queue, one process).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerView {
    /// Unique in the namespace; the detail page's key.
    pub instance_key: String,
    /// Set by the client, not necessarily unique (usually `pid@host`).
    pub identity: String,
    pub task_queue: String,
    pub host: String,
    pub process_id: String,
    /// `temporal-python 1.35.0`; empty when not reported.
    pub sdk: String,
    /// `deployment / build ID`, `build ID` alone, or empty when unversioned.
    pub deployment: String,
    pub status: WorkerStatus,
    pub start_time: Option<TimePoint>,
    /// Plugins the SDK reports, `name version`.
    pub plugins: Vec<String>,
    pub heartbeat: Option<HeartbeatDetails>,
    /// How old the heartbeat was when the page was made (`now` − its time), never negative.
    pub heartbeat_age_millis: Option<i64>,
    pub verdict: WorkerVerdict,
}

/// The workers of one task queue, for its page, the run's workers tab and the diagnosis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueWorkers {
    pub workers: Vec<WorkerView>,
    /// Why heartbeats are not shown (the server does not offer them, or the call failed), in
    /// words; the pollers stand in for them.
    pub unavailable: Option<String>,
    /// More workers heartbeat on the queue than were read.
    pub more: bool,
}

/// `/namespaces/{ns}/workers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerListPage {
    pub namespace: String,
    /// The ListWorkers filter from the URL (`TaskQueue = 'orders'`), empty for all.
    pub query: String,
    pub workers: Vec<WorkerView>,
    /// The next page's token (URL-safe base64).
    pub next_page: Option<String>,
    /// Why the server shows no heartbeats, when it does not offer them.
    pub unavailable: Option<String>,
}

/// `/namespaces/{ns}/workers/{key}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerDetailPage {
    pub namespace: String,
    pub worker: WorkerView,
}

/// The ListWorkers filter for one task queue, quoted as the query language wants; `None` for a
/// name holding both kinds of quotes (no filter can name it).
pub fn worker_queue_query(task_queue: &str) -> Option<String> {
    if !task_queue.contains('\'') {
        Some(format!("TaskQueue = '{task_queue}'"))
    } else if !task_queue.contains('"') {
        Some(format!("TaskQueue = \"{task_queue}\""))
    } else {
        None
    }
}

/// "not reported" for what the worker left empty.
pub fn or_not_reported(text: &str) -> String {
    if text.is_empty() { "not reported".to_string() } else { text.to_string() }
}
