use serde::{Deserialize, Serialize};

use super::{FailureView, PayloadView, TimePoint, WorkflowEventLink};

/// One history event, with its attributes flattened into labelled fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub event_id: i64,
    pub time: Option<TimePoint>,
    /// The event type without prefix, e.g. `ActivityTaskScheduled`.
    pub event_type: String,
    pub category: EventCategory,
    /// Every attribute that is set, in declaration order; the important ones are marked primary.
    pub fields: Vec<EventField>,
}

impl EventRow {
    pub fn primary_fields(&self) -> impl Iterator<Item = &EventField> {
        self.fields.iter().filter(|field| field.primary)
    }

    pub fn field(&self, path: &str) -> Option<&FieldValue> {
        self.fields.iter().find(|field| field.path == path).map(|field| &field.value)
    }

    pub fn is_failure(&self) -> bool {
        let kind = &self.event_type;
        kind.ends_with("Failed") || kind.ends_with("TimedOut") || kind.ends_with("Terminated")
    }
}

/// One attribute of an event: `activityType.name`, `input`, `failure`, `startToFireTimeout`, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventField {
    /// Dotted path of the attribute in the proto3 JSON names, e.g. `taskQueue.name`.
    pub path: String,
    pub value: FieldValue,
    /// Shown in the event's one-line summary, not only in its details.
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    Text(String),
    /// A timestamp, written in the reader's zone.
    Time(TimePoint),
    /// A link to another event of the same history (`scheduledEventId` and friends).
    EventRef(i64),
    /// An event of another run (a Nexus operation's handler run, the caller's event it completes).
    Link(Box<WorkflowEventLink>),
    Payloads(Vec<PayloadView>),
    Failure(Box<FailureView>),
}

/// The group an event type belongs to, for filtering and colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventCategory {
    Workflow,
    WorkflowTask,
    Activity,
    Timer,
    Signal,
    ChildWorkflow,
    Update,
    Marker,
    Nexus,
    Other,
}

impl EventCategory {
    pub fn of(event_type: &str) -> EventCategory {
        let starts = |prefix: &str| event_type.starts_with(prefix);
        if starts("WorkflowTask") {
            EventCategory::WorkflowTask
        } else if starts("ActivityTask") {
            EventCategory::Activity
        } else if starts("Timer") {
            EventCategory::Timer
        } else if event_type.contains("Signal") {
            EventCategory::Signal
        } else if event_type.contains("ChildWorkflow") {
            EventCategory::ChildWorkflow
        } else if event_type.contains("Update") {
            EventCategory::Update
        } else if starts("Marker") {
            EventCategory::Marker
        } else if starts("NexusOperation") {
            EventCategory::Nexus
        } else if starts("WorkflowExecution") || starts("RequestCancelExternal") {
            EventCategory::Workflow
        } else {
            EventCategory::Other
        }
    }

    pub fn css_class(self) -> &'static str {
        match self {
            EventCategory::Workflow => "cat-workflow",
            EventCategory::WorkflowTask => "cat-workflow-task",
            EventCategory::Activity => "cat-activity",
            EventCategory::Timer => "cat-timer",
            EventCategory::Signal => "cat-signal",
            EventCategory::ChildWorkflow => "cat-child",
            EventCategory::Update => "cat-update",
            EventCategory::Marker => "cat-marker",
            EventCategory::Nexus => "cat-nexus",
            EventCategory::Other => "cat-other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EventCategory;

    #[test]
    fn event_types_fall_in_their_category() {
        let cases = [
            ("WorkflowExecutionStarted", EventCategory::Workflow),
            ("WorkflowExecutionSignaled", EventCategory::Signal),
            ("WorkflowExecutionUpdateAccepted", EventCategory::Update),
            ("WorkflowTaskFailed", EventCategory::WorkflowTask),
            ("ActivityTaskScheduled", EventCategory::Activity),
            ("TimerFired", EventCategory::Timer),
            ("StartChildWorkflowExecutionInitiated", EventCategory::ChildWorkflow),
            ("SignalExternalWorkflowExecutionInitiated", EventCategory::Signal),
            ("MarkerRecorded", EventCategory::Marker),
            ("NexusOperationScheduled", EventCategory::Nexus),
            ("UpsertWorkflowSearchAttributes", EventCategory::Other),
        ];
        for (event_type, category) in cases {
            assert_eq!(EventCategory::of(event_type), category, "{event_type}");
        }
    }
}
