//! Lanes from a history read oldest first, one event at a time: one lane per activity, timer,
//! child workflow, update and Nexus operation (each a span from scheduled to closed: waiting,
//! then running), one per signal name and one for local activities (instants), and a thin lane of
//! workflow tasks. An activity whose last attempt is not its first draws its wait as "retried"
//! (the history keeps only the last attempt: the earlier ones and the backoffs between them are in
//! that span, with the last failure). What is still open is drawn up to now as pending.
use std::collections::HashMap;

use temporalio_protos::protos::temporal::api::history::v1::{HistoryEvent, history_event::Attributes};

use super::super::temporal::time;
use model::{BarState, LaneKind};

/// A span of time in milliseconds since the epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub from: i64,
    pub to: i64,
    pub state: BarState,
    pub title: String,
    pub event_id: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub kind: LaneKind,
    pub label: String,
    pub spans: Vec<Span>,
}

/// Something scheduled whose closing event has not come yet.
struct Open {
    lane: usize,
    scheduled: i64,
    scheduled_event: i64,
    started: Option<(i64, i64)>,
    /// `Some(n)` when the started attempt is `n > 1`, with the last failure's message.
    retried: Option<(i32, String)>,
}

#[derive(Default)]
pub struct LaneBuilder {
    lanes: Vec<Lane>,
    open: HashMap<i64, Open>,
    named: HashMap<(LaneKind, String), usize>,
    /// Update ID to its accepted event, for the completed event that names only the ID.
    updates: HashMap<String, i64>,
    /// Activity ID of each scheduled activity, for the pending notes.
    activity_ids: HashMap<i64, String>,
    /// Every event's time, oldest first: where something happened (for collapsing idle stretches).
    pub times: Vec<i64>,
    pub events: i64,
}

impl LaneBuilder {
    pub fn visit(&mut self, event: &HistoryEvent) {
        let Some(at) = time::millis(event.event_time.as_ref()) else { return };
        self.events += 1;
        self.times.push(at);
        let id = event.event_id;
        let Some(attributes) = &event.attributes else { return };
        match attributes {
            Attributes::WorkflowTaskScheduledEventAttributes(_) => {
                let lane = self.named_lane(LaneKind::WorkflowTask, "Workflow tasks");
                self.schedule(id, lane, at);
            }
            Attributes::WorkflowTaskStartedEventAttributes(started) => self.start(started.scheduled_event_id, id, at),
            Attributes::WorkflowTaskCompletedEventAttributes(done) => {
                self.close(done.scheduled_event_id, at, BarState::Completed, "workflow task completed")
            }
            Attributes::WorkflowTaskFailedEventAttributes(failed) => {
                let message = failed.failure.as_ref().map_or("", |failure| failure.message.as_str());
                self.close(failed.scheduled_event_id, at, BarState::Failed, &format!("workflow task failed: {message}"))
            }
            Attributes::WorkflowTaskTimedOutEventAttributes(timed_out) => {
                self.close(timed_out.scheduled_event_id, at, BarState::TimedOut, "workflow task timed out")
            }
            Attributes::ActivityTaskScheduledEventAttributes(scheduled) => {
                let name = scheduled.activity_type.as_ref().map_or("", |kind| kind.name.as_str());
                let lane = self.new_lane(LaneKind::Activity, format!("{name} · {}", scheduled.activity_id));
                self.activity_ids.insert(id, scheduled.activity_id.clone());
                self.schedule(id, lane, at);
            }
            Attributes::ActivityTaskStartedEventAttributes(started) => {
                self.start(started.scheduled_event_id, id, at);
                if started.attempt > 1
                    && let Some(open) = self.open.get_mut(&started.scheduled_event_id)
                {
                    let message = started.last_failure.as_ref().map(|failure| failure.message.clone());
                    open.retried = Some((started.attempt, message.unwrap_or_default()));
                }
            }
            Attributes::ActivityTaskCompletedEventAttributes(done) => {
                self.close(done.scheduled_event_id, at, BarState::Completed, "completed")
            }
            Attributes::ActivityTaskFailedEventAttributes(failed) => {
                let message = failed.failure.as_ref().map_or("", |failure| failure.message.as_str());
                self.close(failed.scheduled_event_id, at, BarState::Failed, &format!("failed: {message}"))
            }
            Attributes::ActivityTaskTimedOutEventAttributes(timed_out) => {
                self.close(timed_out.scheduled_event_id, at, BarState::TimedOut, "timed out")
            }
            Attributes::ActivityTaskCanceledEventAttributes(canceled) => {
                self.close(canceled.scheduled_event_id, at, BarState::Canceled, "canceled")
            }
            Attributes::TimerStartedEventAttributes(timer) => {
                let lane = self.new_lane(LaneKind::Timer, format!("timer {}", timer.timer_id));
                self.schedule(id, lane, at);
            }
            Attributes::TimerFiredEventAttributes(fired) => {
                self.close(fired.started_event_id, at, BarState::Completed, "fired")
            }
            Attributes::TimerCanceledEventAttributes(canceled) => {
                self.close(canceled.started_event_id, at, BarState::Canceled, "canceled")
            }
            Attributes::StartChildWorkflowExecutionInitiatedEventAttributes(child) => {
                let name = child.workflow_type.as_ref().map_or("", |kind| kind.name.as_str());
                let lane = self.new_lane(LaneKind::ChildWorkflow, format!("{name} · {}", child.workflow_id));
                self.schedule(id, lane, at);
            }
            Attributes::ChildWorkflowExecutionStartedEventAttributes(started) => {
                self.start(started.initiated_event_id, id, at)
            }
            Attributes::StartChildWorkflowExecutionFailedEventAttributes(failed) => {
                self.close(failed.initiated_event_id, at, BarState::Failed, "could not start")
            }
            Attributes::ChildWorkflowExecutionCompletedEventAttributes(done) => {
                self.close(done.initiated_event_id, at, BarState::Completed, "completed")
            }
            Attributes::ChildWorkflowExecutionFailedEventAttributes(failed) => {
                let message = failed.failure.as_ref().map_or("", |failure| failure.message.as_str());
                self.close(failed.initiated_event_id, at, BarState::Failed, &format!("failed: {message}"))
            }
            Attributes::ChildWorkflowExecutionCanceledEventAttributes(done) => {
                self.close(done.initiated_event_id, at, BarState::Canceled, "canceled")
            }
            Attributes::ChildWorkflowExecutionTerminatedEventAttributes(done) => {
                self.close(done.initiated_event_id, at, BarState::Canceled, "terminated")
            }
            Attributes::ChildWorkflowExecutionTimedOutEventAttributes(done) => {
                self.close(done.initiated_event_id, at, BarState::TimedOut, "timed out")
            }
            Attributes::WorkflowExecutionSignaledEventAttributes(signal) => {
                let lane = self.named_lane(LaneKind::Signal, &format!("signal {}", signal.signal_name));
                self.instant(lane, at, id, format!("signal {} arrived", signal.signal_name));
            }
            Attributes::MarkerRecordedEventAttributes(marker) if is_local_activity(&marker.marker_name) => {
                let lane = self.named_lane(LaneKind::LocalActivity, "local activities");
                let outcome = if marker.failure.is_some() { "failed" } else { "recorded" };
                self.instant(lane, at, id, format!("local activity {outcome}"));
            }
            Attributes::WorkflowExecutionUpdateAcceptedEventAttributes(accepted) => {
                let name =
                    accepted.accepted_request.as_ref().and_then(|r| r.input.as_ref()).map_or("", |i| i.name.as_str());
                let lane =
                    self.new_lane(LaneKind::Update, format!("update {name} · {}", accepted.protocol_instance_id));
                self.updates.insert(accepted.protocol_instance_id.clone(), id);
                self.schedule(id, lane, at);
                self.start(id, id, at);
            }
            Attributes::WorkflowExecutionUpdateCompletedEventAttributes(done) => {
                let failed = matches!(
                    done.outcome.as_ref().and_then(|outcome| outcome.value.as_ref()),
                    Some(temporalio_protos::protos::temporal::api::update::v1::outcome::Value::Failure(_))
                );
                let (state, what) =
                    if failed { (BarState::Failed, "failed") } else { (BarState::Completed, "completed") };
                self.close(done.accepted_event_id, at, state, what)
            }
            Attributes::NexusOperationScheduledEventAttributes(operation) => {
                let label = format!("{} {} · {}", operation.service, operation.operation, operation.endpoint);
                let lane = self.new_lane(LaneKind::Nexus, label);
                self.schedule(id, lane, at);
            }
            Attributes::NexusOperationStartedEventAttributes(started) => self.start(started.scheduled_event_id, id, at),
            Attributes::NexusOperationCompletedEventAttributes(done) => {
                self.close(done.scheduled_event_id, at, BarState::Completed, "completed")
            }
            Attributes::NexusOperationFailedEventAttributes(failed) => {
                self.close(failed.scheduled_event_id, at, BarState::Failed, "failed")
            }
            Attributes::NexusOperationCanceledEventAttributes(done) => {
                self.close(done.scheduled_event_id, at, BarState::Canceled, "canceled")
            }
            Attributes::NexusOperationTimedOutEventAttributes(done) => {
                self.close(done.scheduled_event_id, at, BarState::TimedOut, "timed out")
            }
            _ => {}
        }
    }

    /// The lanes, with what is still open drawn up to `now` and marked pending; `pending_notes`
    /// (activity ID, or [`nexus_note_key`] of a Nexus operation's scheduled event, to "attempt 5,
    /// last failure: …") come from DescribeWorkflowExecution. For a
    /// closed run, `now` is its end and what was open then is marked canceled, not pending.
    pub fn finish(mut self, now: i64, running: bool, pending_notes: &HashMap<String, String>) -> Vec<Lane> {
        let mut open: Vec<(i64, Open)> = self.open.drain().collect();
        open.sort_by_key(|(scheduled_event, _)| *scheduled_event);
        for (_, item) in open {
            let note = self
                .activity_ids
                .get(&item.scheduled_event)
                .and_then(|activity_id| pending_notes.get(activity_id))
                .or_else(|| pending_notes.get(&nexus_note_key(item.scheduled_event)))
                .map(|note| format!(" ({note})"))
                .unwrap_or_default();
            let what = if item.started.is_some() { "running" } else { "waiting" };
            if running {
                Self::spans_of(
                    &mut self.lanes,
                    &item,
                    now,
                    BarState::Pending,
                    &format!("pending: {what} until now{note}"),
                );
            } else {
                let title = format!("still {what} when the run closed");
                Self::spans_of(&mut self.lanes, &item, now, BarState::Canceled, &title);
            }
        }
        self.lanes
    }

    fn new_lane(&mut self, kind: LaneKind, label: String) -> usize {
        self.lanes.push(Lane { kind, label, spans: Vec::new() });
        self.lanes.len() - 1
    }

    fn named_lane(&mut self, kind: LaneKind, label: &str) -> usize {
        if let Some(lane) = self.named.get(&(kind, label.to_string())) {
            return *lane;
        }
        let lane = self.new_lane(kind, label.to_string());
        self.named.insert((kind, label.to_string()), lane);
        lane
    }

    fn schedule(&mut self, event_id: i64, lane: usize, at: i64) {
        self.open
            .insert(event_id, Open { lane, scheduled: at, scheduled_event: event_id, started: None, retried: None });
    }

    fn start(&mut self, scheduled_event: i64, event_id: i64, at: i64) {
        if let Some(open) = self.open.get_mut(&scheduled_event) {
            open.started = Some((at, event_id));
        }
    }

    fn close(&mut self, scheduled_event: i64, at: i64, state: BarState, what: &str) {
        if let Some(item) = self.open.remove(&scheduled_event) {
            Self::spans_of(&mut self.lanes, &item, at, state, what);
        }
    }

    fn instant(&mut self, lane: usize, at: i64, event_id: i64, title: String) {
        self.lanes[lane].spans.push(Span { from: at, to: at, state: BarState::Instant, title, event_id });
    }

    /// The wait (scheduled to started, "retried" when earlier attempts failed) and the run
    /// (started to `end`), or one span when it never started.
    fn spans_of(lanes: &mut [Lane], item: &Open, end: i64, state: BarState, what: &str) {
        let lane = &mut lanes[item.lane];
        let label = lane.label.clone();
        match item.started {
            Some((started, started_event)) => {
                if started > item.scheduled || item.retried.is_some() {
                    let (wait_state, wait_title) = match &item.retried {
                        Some((attempt, failure)) => (
                            BarState::Retried,
                            format!(
                                "{label}: attempts 1–{} failed and were retried (backoff included); last failure: {failure}",
                                attempt - 1
                            ),
                        ),
                        None => (BarState::Waiting, format!("{label}: scheduled, waiting for a worker")),
                    };
                    lane.spans.push(Span {
                        from: item.scheduled,
                        to: started,
                        state: wait_state,
                        title: wait_title,
                        event_id: item.scheduled_event,
                    });
                }
                let attempt =
                    item.retried.as_ref().map(|(attempt, _)| format!(" (attempt {attempt})")).unwrap_or_default();
                lane.spans.push(Span {
                    from: started,
                    to: end,
                    state,
                    title: format!("{label}{attempt}: {what}"),
                    event_id: started_event,
                });
            }
            None => lane.spans.push(Span {
                from: item.scheduled,
                to: end,
                state: if state == BarState::Completed && lane.kind == LaneKind::Timer {
                    BarState::Waiting
                } else {
                    state
                },
                title: format!("{label}: {what}"),
                event_id: item.scheduled_event,
            }),
        }
    }
}

/// The pending note's key of the Nexus operation scheduled by event `scheduled_event_id` (Nexus
/// operations have no ID of their own in the history).
pub fn nexus_note_key(scheduled_event_id: i64) -> String {
    format!("nexus operation {scheduled_event_id}")
}

fn is_local_activity(marker_name: &str) -> bool {
    matches!(marker_name, "core_local_activity" | "LocalActivity")
}

#[cfg(test)]
#[path = "lanes_tests.rs"]
mod tests;
