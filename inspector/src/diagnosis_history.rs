//! What the diagnosis needs from a run's history, gathered one event at a time in either order
//! (oldest first, or newest first from the reverse history call), so a long history is never
//! held whole: only the timers and children still open at the point reached are kept.
use model::{EventRow, FieldValue};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryFacts {
    /// The history's last event, set by whoever knows it (the collector may see only some events).
    pub last_event_id: i64,
    /// The newest WorkflowTaskCompleted, WorkflowTaskFailed or WorkflowTaskTimedOut.
    pub last_workflow_task_outcome: Option<EventRow>,
    /// TimerStarted events whose timer has not fired or been canceled, oldest first.
    pub open_timers: Vec<EventRow>,
    /// StartChildWorkflowExecutionInitiated events whose child has not closed, oldest first.
    pub open_children: Vec<EventRow>,
}

impl HistoryFacts {
    /// The facts of a whole history, oldest event first.
    pub fn from_events(events: &[EventRow]) -> HistoryFacts {
        let mut collector = HistoryFactsCollector::new(false);
        events.iter().for_each(|event| collector.push(event));
        HistoryFacts { last_event_id: events.last().map_or(0, |event| event.event_id), ..collector.finish() }
    }
}

pub struct HistoryFactsCollector {
    newest_first: bool,
    facts: HistoryFacts,
    /// Newest first: timers and children whose closing event was seen before their start.
    closed_timers: Vec<String>,
    closed_children: Vec<i64>,
}

const WORKFLOW_TASK_OUTCOMES: [&str; 3] = ["WorkflowTaskCompleted", "WorkflowTaskFailed", "WorkflowTaskTimedOut"];
const CHILD_CLOSINGS: [&str; 6] = [
    "StartChildWorkflowExecutionFailed",
    "ChildWorkflowExecutionCompleted",
    "ChildWorkflowExecutionFailed",
    "ChildWorkflowExecutionCanceled",
    "ChildWorkflowExecutionTerminated",
    "ChildWorkflowExecutionTimedOut",
];

impl HistoryFactsCollector {
    pub fn new(newest_first: bool) -> HistoryFactsCollector {
        HistoryFactsCollector {
            newest_first,
            facts: HistoryFacts::default(),
            closed_timers: Vec::new(),
            closed_children: Vec::new(),
        }
    }

    /// Whether events of this type (e.g. `TimerFired`) matter to the facts; others need not be pushed.
    pub fn needs(event_type: &str) -> bool {
        WORKFLOW_TASK_OUTCOMES.contains(&event_type)
            || CHILD_CLOSINGS.contains(&event_type)
            || matches!(
                event_type,
                "TimerStarted" | "TimerFired" | "TimerCanceled" | "StartChildWorkflowExecutionInitiated"
            )
    }

    pub fn push(&mut self, event: &EventRow) {
        let facts = &mut self.facts;
        let kind = event.event_type.as_str();
        if WORKFLOW_TASK_OUTCOMES.contains(&kind) && (!self.newest_first || facts.last_workflow_task_outcome.is_none())
        {
            facts.last_workflow_task_outcome = Some(event.clone());
        }
        match kind {
            "TimerStarted" => {
                let id = text_field(event, "timerId");
                match self.closed_timers.iter().position(|closed| Some(closed) == id.as_ref()) {
                    Some(index) => drop(self.closed_timers.swap_remove(index)),
                    None => self.facts.open_timers.push(event.clone()),
                }
            }
            "TimerFired" | "TimerCanceled" => {
                let id = text_field(event, "timerId");
                if self.newest_first {
                    self.closed_timers.extend(id);
                } else {
                    self.facts.open_timers.retain(|started| text_field(started, "timerId") != id);
                }
            }
            "StartChildWorkflowExecutionInitiated" => {
                match self.closed_children.iter().position(|initiated| *initiated == event.event_id) {
                    Some(index) => drop(self.closed_children.swap_remove(index)),
                    None => self.facts.open_children.push(event.clone()),
                }
            }
            kind if CHILD_CLOSINGS.contains(&kind) => {
                if let Some(FieldValue::EventRef(initiated)) = event.field("initiatedEventId") {
                    if self.newest_first {
                        self.closed_children.push(*initiated);
                    } else {
                        self.facts.open_children.retain(|child| child.event_id != *initiated);
                    }
                }
            }
            _ => {}
        }
    }

    pub fn finish(mut self) -> HistoryFacts {
        if self.newest_first {
            self.facts.open_timers.reverse();
            self.facts.open_children.reverse();
        }
        self.facts
    }
}

pub(super) fn text_field(event: &EventRow, path: &str) -> Option<String> {
    match event.field(path) {
        Some(FieldValue::Text(text)) => Some(text.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::test_events::event_at;

    fn timer(id: i64, event_type: &str, timer_id: &str) -> EventRow {
        event_at(id, event_type, Some(id), vec![("timerId", FieldValue::Text(timer_id.into()))])
    }

    fn child(id: i64, event_type: &str, initiated: Option<i64>) -> EventRow {
        let fields = initiated.map(|initiated| ("initiatedEventId", FieldValue::EventRef(initiated)));
        event_at(id, event_type, Some(id), fields.into_iter().collect())
    }

    #[test]
    fn newest_first_gathers_the_same_facts_as_oldest_first() {
        let events = vec![
            event_at(1, "WorkflowExecutionStarted", Some(1), vec![]),
            event_at(4, "WorkflowTaskCompleted", Some(4), vec![]),
            timer(5, "TimerStarted", "a"),
            timer(6, "TimerStarted", "b"),
            child(7, "StartChildWorkflowExecutionInitiated", None),
            child(8, "StartChildWorkflowExecutionInitiated", None),
            timer(9, "TimerFired", "a"),
            child(10, "ChildWorkflowExecutionCompleted", Some(7)),
            event_at(11, "WorkflowTaskFailed", Some(11), vec![]),
            timer(12, "TimerStarted", "a"),
            timer(13, "TimerStarted", "c"),
            timer(14, "TimerCanceled", "c"),
        ];
        let oldest_first = HistoryFacts::from_events(&events);
        let ids = |rows: &[EventRow]| rows.iter().map(|row| row.event_id).collect::<Vec<_>>();
        assert_eq!(ids(&oldest_first.open_timers), vec![6, 12], "timer a was started again after it fired");
        assert_eq!(ids(&oldest_first.open_children), vec![8]);
        assert_eq!(oldest_first.last_workflow_task_outcome.as_ref().map(|e| e.event_id), Some(11));
        assert_eq!(oldest_first.last_event_id, 14);
        let mut newest_first = HistoryFactsCollector::new(true);
        events.iter().rev().for_each(|event| newest_first.push(event));
        assert_eq!(HistoryFacts { last_event_id: 14, ..newest_first.finish() }, oldest_first);
    }
}
