//! Aligning two runs' histories: the steps that matter (not workflow tasks), compared by event
//! type, name and key attributes, position by position; the first row that differs is where
//! the runs diverge.
use crate::model::{CompareRow, CompareStep, EventCategory, EventRow, FieldValue};

/// Attributes that make two steps "the same": what ran, with what, and how it ended.
const KEY_FIELDS: &[&str] = &[
    "input",
    "result",
    "failure",
    "details",
    "reason",
    "startToFireTimeout",
    "cause",
    "timeoutType",
    "acceptedRequest.input.args",
    "operation",
    "endpoint",
];

const NAME_FIELDS: &[&str] = &[
    "activityType.name",
    "timerId",
    "workflowType.name",
    "signalName",
    "markerName",
    "acceptedRequest.input.name",
    "operation",
];

pub fn steps(events: &[EventRow]) -> Vec<CompareStep> {
    events
        .iter()
        .filter(|event| event.category != EventCategory::WorkflowTask)
        .map(|event| CompareStep {
            event_id: event.event_id,
            event_type: event.event_type.clone(),
            name: NAME_FIELDS
                .iter()
                .find_map(|path| match event.field(path) {
                    Some(FieldValue::Text(text)) if !text.is_empty() => Some(text.clone()),
                    _ => None,
                })
                .unwrap_or_default(),
            key_fields: KEY_FIELDS
                .iter()
                .filter_map(|path| event.field(path).map(|value| (path.to_string(), comparable(value))))
                .collect(),
        })
        .collect()
}

fn comparable(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(text) => text.clone(),
        FieldValue::EventRef(id) => id.to_string(),
        FieldValue::Payloads(payloads) => {
            payloads.iter().map(|payload| payload.body.text().to_string()).collect::<Vec<_>>().join("\n")
        }
        FieldValue::Failure(failure) => format!("{}: {}", failure.kind, failure.message),
    }
}

/// Rows of steps side by side, and the index of the first row that differs.
pub fn align(a: Vec<CompareStep>, b: Vec<CompareStep>) -> (Vec<CompareRow>, Option<usize>) {
    let length = a.len().max(b.len());
    let mut a = a.into_iter();
    let mut b = b.into_iter();
    let rows: Vec<CompareRow> = (0..length)
        .map(|_| {
            let (a, b) = (a.next(), b.next());
            let differing = match (&a, &b) {
                (Some(a), Some(b)) => differences(a, b),
                _ => vec!["missing in one run".to_string()],
            };
            CompareRow { a, b, differing }
        })
        .collect();
    let first = rows.iter().position(|row| !row.differing.is_empty());
    (rows, first)
}

fn differences(a: &CompareStep, b: &CompareStep) -> Vec<String> {
    if a.event_type != b.event_type {
        return vec!["event type".to_string()];
    }
    let mut differing = Vec::new();
    if a.name != b.name {
        differing.push("name".to_string());
    }
    let value = |step: &CompareStep, path: &str| {
        step.key_fields.iter().find(|(key, _)| key == path).map(|(_, value)| value.clone())
    };
    for path in KEY_FIELDS {
        if value(a, path) != value(b, path) {
            differing.push(path.to_string());
        }
    }
    differing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_events::{event_at, json_payload, text};

    fn event(event_id: i64, event_type: &str, fields: Vec<(&str, FieldValue)>) -> EventRow {
        event_at(event_id, event_type, None, fields)
    }

    fn input(json: &str) -> FieldValue {
        json_payload(json)
    }

    fn name(value: &str) -> FieldValue {
        text(value)
    }

    #[test]
    fn workflow_tasks_are_left_out_and_equal_steps_agree() {
        let run = |sku: &str| {
            vec![
                event(1, "WorkflowExecutionStarted", vec![("input", input(sku))]),
                event(2, "WorkflowTaskScheduled", vec![]),
                event(5, "ActivityTaskScheduled", vec![("activityType.name", name("reserve")), ("input", input(sku))]),
            ]
        };
        let (rows, first) = align(steps(&run("\"A\"")), steps(&run("\"A\"")));
        assert_eq!(rows.len(), 2);
        assert_eq!(first, None);
        let (rows, first) = align(steps(&run("\"A\"")), steps(&run("\"B\"")));
        assert_eq!(first, Some(0));
        assert_eq!(rows[0].differing, ["input"]);
    }

    #[test]
    fn a_different_branch_and_a_shorter_run_are_differences() {
        let a = vec![
            event(1, "WorkflowExecutionStarted", vec![]),
            event(5, "ActivityTaskScheduled", vec![("activityType.name", name("charge"))]),
            event(7, "ActivityTaskCompleted", vec![]),
        ];
        let b = vec![
            event(1, "WorkflowExecutionStarted", vec![]),
            event(5, "ActivityTaskScheduled", vec![("activityType.name", name("refund"))]),
        ];
        let (rows, first) = align(steps(&a), steps(&b));
        assert_eq!(first, Some(1));
        assert_eq!(rows[1].differing, ["name"]);
        assert_eq!(rows[2].differing, ["missing in one run"]);
        assert!(rows[2].b.is_none());
    }
}
