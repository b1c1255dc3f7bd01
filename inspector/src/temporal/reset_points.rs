//! The run's reset points: every completed workflow task, each with a sentence for what followed
//! it, so the person choosing sees "before activity charge_card failed" rather than an event ID.
use std::collections::HashMap;

use temporalio_protos::protos::temporal::api::history::v1::{HistoryEvent, history_event::Attributes};

use super::time;
use model::ResetPoint;

/// Most reset points a page lists: the first workflow task and the latest others.
pub const MAX_RESET_POINTS: usize = 300;

/// Builds the reset points of a history read oldest first; call [`ResetPoints::visit`] per event.
#[derive(Default)]
pub struct ResetPoints {
    points: Vec<ResetPoint>,
    /// The sentence of the open span is settled (a failure, or a first command already named).
    settled: bool,
    /// A failure settles a span even after a command named it.
    failed: bool,
    activity_types: HashMap<i64, String>,
    /// How many points were dropped from the middle to stay within [`MAX_RESET_POINTS`].
    pub dropped: usize,
    /// The last workflow task before the history's first failure, once one is seen.
    pub first_failure: Option<ResetPoint>,
}

impl ResetPoints {
    pub fn visit(&mut self, event: &HistoryEvent) {
        let Some(attributes) = &event.attributes else { return };
        if let Attributes::ActivityTaskScheduledEventAttributes(scheduled) = attributes {
            let name = scheduled.activity_type.as_ref().map(|kind| kind.name.clone()).unwrap_or_default();
            self.activity_types.insert(event.event_id, name);
        }
        if let Attributes::WorkflowTaskCompletedEventAttributes(_) = attributes {
            self.open(event);
            return;
        }
        if self.points.is_empty() || self.failed {
            return;
        }
        if let Some(failure) = self.failure(attributes) {
            self.describe(format!("before {failure}"));
            self.failed = true;
            if self.first_failure.is_none() {
                self.first_failure = self.points.last().cloned();
            }
        } else if !self.settled
            && let Some(step) = self.step(attributes)
        {
            self.describe(format!("before {step}"));
            self.settled = true;
        }
    }

    /// The points, oldest first, the first and last marked.
    pub fn finish(mut self) -> (Vec<ResetPoint>, usize) {
        if let Some(last) = self.points.last_mut() {
            last.last = true;
            if last.sentence.is_empty() {
                last.sentence = "after everything so far (the latest workflow task)".into();
            }
        }
        for point in &mut self.points {
            if point.sentence.is_empty() {
                point.sentence = "before the next workflow task".into();
            }
        }
        (self.points, self.dropped)
    }

    fn open(&mut self, event: &HistoryEvent) {
        if self.points.len() >= MAX_RESET_POINTS {
            self.points.remove(1);
            self.dropped += 1;
        }
        let first = self.points.is_empty() && self.dropped == 0;
        self.points.push(ResetPoint {
            event_id: event.event_id,
            time: time::time_point(event.event_time.as_ref()),
            sentence: String::new(),
            first,
            last: false,
        });
        self.settled = false;
        self.failed = false;
    }

    fn describe(&mut self, sentence: String) {
        if let Some(point) = self.points.last_mut() {
            point.sentence = sentence;
        }
    }

    fn activity(&self, scheduled_event_id: i64) -> String {
        self.activity_types.get(&scheduled_event_id).cloned().unwrap_or_else(|| format!("#{scheduled_event_id}"))
    }

    fn failure(&self, attributes: &Attributes) -> Option<String> {
        Some(match attributes {
            Attributes::ActivityTaskFailedEventAttributes(failed) => {
                format!("activity {} failed", self.activity(failed.scheduled_event_id))
            }
            Attributes::ActivityTaskTimedOutEventAttributes(timed_out) => {
                format!("activity {} timed out", self.activity(timed_out.scheduled_event_id))
            }
            Attributes::ChildWorkflowExecutionFailedEventAttributes(child) => {
                format!("child workflow {} failed", type_name(child.workflow_type.as_ref().map(|t| t.name.as_str())))
            }
            Attributes::WorkflowTaskFailedEventAttributes(_) => "a workflow task failed".into(),
            Attributes::WorkflowTaskTimedOutEventAttributes(_) => "a workflow task timed out".into(),
            Attributes::WorkflowExecutionFailedEventAttributes(_) => "the run failed".into(),
            _ => return None,
        })
    }

    fn step(&self, attributes: &Attributes) -> Option<String> {
        Some(match attributes {
            Attributes::ActivityTaskScheduledEventAttributes(scheduled) => format!(
                "activity {} was scheduled",
                type_name(scheduled.activity_type.as_ref().map(|kind| kind.name.as_str()))
            ),
            Attributes::TimerStartedEventAttributes(timer) => format!("timer {} started", timer.timer_id),
            Attributes::StartChildWorkflowExecutionInitiatedEventAttributes(child) => format!(
                "child workflow {} started",
                type_name(child.workflow_type.as_ref().map(|kind| kind.name.as_str()))
            ),
            Attributes::WorkflowExecutionSignaledEventAttributes(signal) => {
                format!("signal {} arrived", signal.signal_name)
            }
            Attributes::WorkflowExecutionUpdateAcceptedEventAttributes(accepted) => format!(
                "update {} was accepted",
                accepted.accepted_request.as_ref().and_then(|r| r.input.as_ref()).map_or("", |i| i.name.as_str())
            ),
            Attributes::WorkflowExecutionCompletedEventAttributes(_) => "the run completed".into(),
            Attributes::WorkflowExecutionContinuedAsNewEventAttributes(_) => "the run continued as new".into(),
            Attributes::MarkerRecordedEventAttributes(marker) => format!("marker {} was recorded", marker.marker_name),
            _ => return None,
        })
    }
}

fn type_name(name: Option<&str>) -> String {
    name.filter(|name| !name.is_empty()).unwrap_or("(unnamed)").to_string()
}

#[cfg(test)]
#[path = "reset_points_tests.rs"]
mod tests;
