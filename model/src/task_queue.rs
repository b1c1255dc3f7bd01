//! A task queue as the debugger shows it: who polls it for each kind of task, what waits in its
//! backlog, and the verdict in words ("nobody polls", "falling behind", "keeping up") that the
//! task-queue page, the run's workers tab and the run's diagnosis all use.
use serde::{Deserialize, Serialize};

use super::{PollerView, QueueWorkers, TimePoint, human_duration};

/// A backlog whose oldest task has waited this long, while workers poll, is falling behind: a
/// worker with a free slot takes a task within milliseconds of it arriving.
pub const FALLING_BEHIND_AFTER_SECONDS: f64 = 10.0;

/// The three kinds of tasks a task queue holds, each polled on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskKind {
    Workflow,
    Activity,
    Nexus,
}

impl TaskKind {
    pub const ALL: [TaskKind; 3] = [TaskKind::Workflow, TaskKind::Activity, TaskKind::Nexus];

    /// `workflow`, `activity`, `Nexus` (as in "activity tasks").
    pub fn noun(self) -> &'static str {
        match self {
            TaskKind::Workflow => "workflow",
            TaskKind::Activity => "activity",
            TaskKind::Nexus => "Nexus",
        }
    }
}

/// DescribeTaskQueue's statistics for one kind of task (all partitions together).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacklogView {
    /// Approximate number of tasks waiting (may briefly count expired ones).
    pub count: i64,
    /// Age of the oldest waiting task, in seconds (0 when nothing waits).
    pub oldest_age_seconds: f64,
    /// Tasks added and dispatched per second, averaged over the last 30 seconds.
    pub add_rate: f32,
    pub dispatch_rate: f32,
}

impl BacklogView {
    /// "14 tasks wait, the oldest for 2m 5s" / "nothing waits".
    pub fn words(&self) -> String {
        match self.count {
            0 => "nothing waits".to_string(),
            1 => format!("1 task waits, for {}", age(self.oldest_age_seconds)),
            count => format!("{count} tasks wait, the oldest for {}", age(self.oldest_age_seconds)),
        }
    }

    /// Growing when more arrives than leaves (the difference is the rate it grows at).
    pub fn growing(&self) -> bool {
        self.add_rate > self.dispatch_rate + 0.01
    }
}

fn age(seconds: f64) -> String {
    human_duration((seconds * 1000.0).round() as i64)
}

/// The verdict for one kind of task, or for the whole queue (the worst of its kinds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum QueueVerdict {
    /// No worker polls: `waiting` tasks (when the server reports a backlog) wait for one.
    NobodyPolls { kind: TaskKind, waiting: Option<i64> },
    /// Workers poll, but tasks wait longer than a free worker would let them.
    FallingBehind { kind: TaskKind, backlog: BacklogView, pollers: usize },
    /// Workers poll and nothing waits long.
    KeepingUp { kind: TaskKind, pollers: usize },
    /// Nobody polls and nothing waits: the queue is not used for this kind of task.
    Unused { kind: TaskKind },
}

impl QueueVerdict {
    /// How bad it is, for picking the worst: 3 nobody polls while work waits, 2 falling behind,
    /// 1 nobody polls (nothing known to wait), 0 fine.
    pub fn severity(&self) -> u8 {
        match self {
            QueueVerdict::NobodyPolls { waiting: Some(waiting), .. } if *waiting > 0 => 3,
            QueueVerdict::NobodyPolls { kind: TaskKind::Workflow, .. } => 3,
            QueueVerdict::FallingBehind { .. } => 2,
            QueueVerdict::NobodyPolls { .. } => 1,
            QueueVerdict::KeepingUp { .. } | QueueVerdict::Unused { .. } => 0,
        }
    }

    /// A short label: "nobody polls", "falling behind", "keeping up", "unused".
    pub fn label(&self) -> &'static str {
        match self {
            QueueVerdict::NobodyPolls { .. } => "nobody polls",
            QueueVerdict::FallingBehind { .. } => "falling behind",
            QueueVerdict::KeepingUp { .. } => "keeping up",
            QueueVerdict::Unused { .. } => "unused",
        }
    }

    /// The CSS class of the verdict's badge.
    pub fn class(&self) -> &'static str {
        match self.severity() {
            3 => "verdict verdict-blocked",
            2 | 1 => "verdict verdict-behind",
            _ => "verdict verdict-ok",
        }
    }

    /// The verdict as a sentence about task queue `queue`.
    pub fn sentence(&self, queue: &str) -> String {
        match self {
            QueueVerdict::NobodyPolls { kind, waiting: Some(waiting) } if *waiting > 0 => format!(
                "Nobody polls task queue \"{queue}\" for {} tasks: {waiting} task{} wait{} for a worker.",
                kind.noun(),
                plural(*waiting),
                if *waiting == 1 { "s" } else { "" },
            ),
            QueueVerdict::NobodyPolls { kind, .. } => {
                format!("Nobody polls task queue \"{queue}\" for {} tasks.", kind.noun())
            }
            QueueVerdict::FallingBehind { kind, backlog, pollers } => {
                let mut text = format!(
                    "Polled but falling behind: {} worker{} poll{} task queue \"{queue}\" for {} tasks, yet {}",
                    pollers,
                    plural(*pollers as i64),
                    if *pollers == 1 { "s" } else { "" },
                    kind.noun(),
                    backlog.words()
                );
                if backlog.growing() {
                    text.push_str(&format!(
                        "; the backlog grows ({:.1} tasks/s arrive, {:.1}/s are dispatched)",
                        backlog.add_rate, backlog.dispatch_rate
                    ));
                }
                text.push('.');
                text
            }
            QueueVerdict::KeepingUp { kind, pollers } => format!(
                "Keeping up: {pollers} worker{} poll{} task queue \"{queue}\" for {} tasks and nothing waits long.",
                plural(*pollers as i64),
                if *pollers == 1 { "s" } else { "" },
                kind.noun()
            ),
            QueueVerdict::Unused { kind } => {
                format!("No {} tasks: nobody polls task queue \"{queue}\" for them and none wait.", kind.noun())
            }
        }
    }
}

fn plural(count: i64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The verdict for one kind of task from its pollers and, where the server reports it, its
/// backlog. Activity and Nexus queues nobody polls and nothing waits on are unused, not stuck;
/// a workflow queue without pollers is always a problem for the runs on it.
pub fn verdict(kind: TaskKind, pollers: usize, backlog: Option<&BacklogView>) -> QueueVerdict {
    let waiting = backlog.map(|backlog| backlog.count);
    if pollers == 0 {
        return match (kind, waiting) {
            (TaskKind::Workflow, _) => QueueVerdict::NobodyPolls { kind, waiting },
            (_, Some(waiting)) if waiting > 0 => QueueVerdict::NobodyPolls { kind, waiting: Some(waiting) },
            _ => QueueVerdict::Unused { kind },
        };
    }
    match backlog {
        Some(backlog) if backlog.count > 0 && backlog.oldest_age_seconds >= FALLING_BEHIND_AFTER_SECONDS => {
            QueueVerdict::FallingBehind { kind, backlog: backlog.clone(), pollers }
        }
        _ => QueueVerdict::KeepingUp { kind, pollers },
    }
}

/// The worst of several verdicts (the first of equals); `None` for none.
pub fn worst(verdicts: impl IntoIterator<Item = QueueVerdict>) -> Option<QueueVerdict> {
    verdicts.into_iter().fold(None, |worst: Option<QueueVerdict>, next| match worst {
        Some(current) if current.severity() >= next.severity() => Some(current),
        _ => Some(next),
    })
}

/// One kind of task on the task-queue page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskTypeView {
    pub kind: TaskKind,
    pub pollers: Vec<PollerView>,
    /// `None` when the server did not report statistics.
    pub backlog: Option<BacklogView>,
    pub verdict: QueueVerdict,
}

/// Where the server routes the queue's tasks among worker deployment versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueVersioning {
    /// `deployment / build ID`, or "unversioned workers".
    pub current: String,
    pub ramping: Option<String>,
    pub ramping_percentage: f32,
    pub updated: Option<TimePoint>,
}

/// The task-queue page: `/namespaces/{ns}/task-queues/{queue}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskQueuePage {
    pub namespace: String,
    pub name: String,
    pub kinds: Vec<TaskTypeView>,
    /// The worst verdict of the kinds.
    pub verdict: QueueVerdict,
    /// Why some of the page is missing (the server's words), such as no statistics on old servers.
    pub unavailable: Vec<String>,
    pub versioning: Option<QueueVersioning>,
    /// Rate limits and their sources, in words ("10 tasks/s, set by the worker").
    pub rate_limits: Vec<(String, String)>,
    /// Build-ID assignment and redirect rules in words, or why the cluster does not show them.
    pub versioning_rules: Result<Vec<String>, String>,
    /// The workers heartbeating on the queue, with their verdicts.
    pub workers: QueueWorkers,
}

/// One queue in the namespace's task-queue list, from its recent workflows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskQueueListRow {
    pub name: String,
    /// Running workflows seen on it, and all workflows seen (of the ones read).
    pub running: usize,
    pub seen: usize,
    pub latest_start: Option<TimePoint>,
    /// The queue's verdict, for the queues that were described (the busiest first).
    pub verdict: Option<QueueVerdict>,
}

/// `/namespaces/{ns}/task-queues`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskQueuesPage {
    pub namespace: String,
    pub rows: Vec<TaskQueueListRow>,
    /// How many workflows were read to find the queues, and whether there were more.
    pub workflows_read: usize,
    pub more_workflows: bool,
    /// Queues beyond this many were listed without describing them.
    pub described: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backlog(count: i64, oldest: f64, add: f32, dispatch: f32) -> BacklogView {
        BacklogView { count, oldest_age_seconds: oldest, add_rate: add, dispatch_rate: dispatch }
    }

    #[test]
    fn a_workflow_queue_nobody_polls_is_blocked_even_without_statistics() {
        let verdict = verdict(TaskKind::Workflow, 0, None);
        assert_eq!(verdict.severity(), 3);
        assert_eq!(verdict.sentence("orders"), "Nobody polls task queue \"orders\" for workflow tasks.");
    }

    #[test]
    fn an_activity_queue_nobody_polls_is_unused_until_work_waits() {
        assert_eq!(verdict(TaskKind::Activity, 0, Some(&backlog(0, 0.0, 0.0, 0.0))).label(), "unused");
        assert_eq!(verdict(TaskKind::Activity, 0, None).label(), "unused");
        let waiting = verdict(TaskKind::Activity, 0, Some(&backlog(3, 40.0, 0.0, 0.0)));
        assert_eq!(waiting.severity(), 3);
        assert_eq!(
            waiting.sentence("q"),
            "Nobody polls task queue \"q\" for activity tasks: 3 tasks wait for a worker."
        );
    }

    #[test]
    fn an_old_backlog_with_pollers_is_falling_behind_and_says_how_fast_it_grows() {
        let verdict = verdict(TaskKind::Activity, 1, Some(&backlog(42, 125.0, 0.6, 0.3)));
        assert_eq!(verdict.label(), "falling behind");
        assert_eq!(
            verdict.sentence("slow"),
            "Polled but falling behind: 1 worker polls task queue \"slow\" for activity tasks, yet 42 tasks wait, \
             the oldest for 2m 5s; the backlog grows (0.6 tasks/s arrive, 0.3/s are dispatched)."
        );
    }

    #[test]
    fn a_young_backlog_with_pollers_is_keeping_up() {
        assert_eq!(verdict(TaskKind::Workflow, 2, Some(&backlog(1, 0.2, 5.0, 5.0))).label(), "keeping up");
        assert_eq!(verdict(TaskKind::Workflow, 2, None).label(), "keeping up");
    }

    #[test]
    fn the_queue_verdict_is_its_worst_kind() {
        let kinds = [
            verdict(TaskKind::Workflow, 1, None),
            verdict(TaskKind::Activity, 1, Some(&backlog(5, 30.0, 1.0, 0.5))),
            verdict(TaskKind::Nexus, 0, None),
        ];
        assert_eq!(worst(kinds).map(|verdict| verdict.label()), Some("falling behind"));
        assert_eq!(worst([]), None);
    }
}
