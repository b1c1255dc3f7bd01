//! Aligning two runs' histories: the steps that matter (not workflow tasks), anchored on their
//! longest common sequence of (event type, name), so a step one run inserts shows as missing in
//! the other instead of shifting every later step; the steps between two anchors are paired in
//! order and compared by key attributes. The first row that differs is where the runs diverge.
use model::{CompareRow, CompareStep, EventCategory, EventRow, FieldValue};

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
    events.iter().filter_map(step).collect()
}

/// The step an event is, unless it is a workflow task's.
pub fn step(event: &EventRow) -> Option<CompareStep> {
    (event.category != EventCategory::WorkflowTask).then(|| CompareStep {
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
}

fn comparable(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(text) => text.clone(),
        FieldValue::Time(time) => time.iso.clone(),
        FieldValue::EventRef(id) => id.to_string(),
        FieldValue::Link(link) => link.text(),
        FieldValue::Payloads(payloads) => {
            payloads.iter().map(|payload| payload.body.text().to_string()).collect::<Vec<_>>().join("\n")
        }
        FieldValue::Failure(failure) => format!("{}: {}", failure.kind, failure.message),
    }
}

/// Above this many cells (steps of A times steps of B, between their common prefix and
/// suffix), the middle is paired by position instead of by longest common sequence.
const MAX_ALIGNMENT_CELLS: usize = 4_000_000;

/// Rows of steps side by side, and the index of the first row that differs.
pub fn align(a: Vec<CompareStep>, b: Vec<CompareStep>) -> (Vec<CompareRow>, Option<usize>) {
    let key = |step: &CompareStep| (step.event_type.clone(), step.name.clone());
    let pairs = pair_indices(&a.iter().map(key).collect::<Vec<_>>(), &b.iter().map(key).collect::<Vec<_>>());
    let mut a: Vec<Option<CompareStep>> = a.into_iter().map(Some).collect();
    let mut b: Vec<Option<CompareStep>> = b.into_iter().map(Some).collect();
    let rows: Vec<CompareRow> = pairs
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (i.and_then(|i| a[i].take()), j.and_then(|j| b[j].take()));
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

/// A row as indices into the two runs' steps; `None` where one run has no step.
type Row = (Option<usize>, Option<usize>);

/// The rows as indices into `a` and `b`: the longest common sequence of keys as anchors, the
/// steps between two anchors paired in order, the surplus of one side alone.
fn pair_indices<K: PartialEq>(a: &[K], b: &[K]) -> Vec<Row> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
    let anchors = if (a_end - prefix).saturating_mul(b_end - prefix) <= MAX_ALIGNMENT_CELLS {
        common_sequence(&a[prefix..a_end], &b[prefix..b_end])
    } else {
        Vec::new()
    };
    let mut pairs: Vec<Row> = (0..prefix).map(|i| (Some(i), Some(i))).collect();
    let (mut i, mut j) = (prefix, prefix);
    let ends = anchors.into_iter().map(|(x, y)| (x + prefix, y + prefix)).chain([(a_end, b_end)]);
    for (anchor_a, anchor_b) in ends {
        // The gap before the anchor: paired in order, the longer side's surplus alone.
        while i < anchor_a || j < anchor_b {
            pairs.push(((i < anchor_a).then_some(i), (j < anchor_b).then_some(j)));
            i = (i + 1).min(anchor_a);
            j = (j + 1).min(anchor_b);
        }
        if anchor_a < a_end {
            pairs.push((Some(anchor_a), Some(anchor_b)));
            (i, j) = (anchor_a + 1, anchor_b + 1);
        }
    }
    pairs.extend((0..suffix).map(|k| (Some(a_end + k), Some(b_end + k))));
    pairs
}

/// The index pairs of a longest common subsequence (dynamic programming over the two slices).
fn common_sequence<K: PartialEq>(a: &[K], b: &[K]) -> Vec<(usize, usize)> {
    let width = b.len() + 1;
    // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
    let mut lengths = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i * width + j] = if a[i] == b[j] {
                lengths[(i + 1) * width + j + 1] + 1
            } else {
                lengths[(i + 1) * width + j].max(lengths[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            pairs.push((i, j));
            (i, j) = (i + 1, j + 1);
        } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
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
    use model::test_events::{event_at, json_payload, text};

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

    #[test]
    fn a_step_one_run_inserts_does_not_shift_the_steps_after_it() {
        let scheduled =
            |id: i64, activity: &str| event(id, "ActivityTaskScheduled", vec![("activityType.name", name(activity))]);
        let completed = |id: i64| event(id, "ActivityTaskCompleted", vec![]);
        let a = vec![
            event(1, "WorkflowExecutionStarted", vec![]),
            scheduled(5, "charge"),
            completed(7),
            scheduled(11, "ship"),
            completed(13),
        ];
        let b = vec![
            event(1, "WorkflowExecutionStarted", vec![]),
            scheduled(5, "check_fraud"),
            completed(7),
            scheduled(11, "charge"),
            completed(13),
            scheduled(17, "ship"),
            completed(19),
        ];
        let (rows, first) = align(steps(&a), steps(&b));
        let ids = |row: &CompareRow| (row.a.as_ref().map(|s| s.event_id), row.b.as_ref().map(|s| s.event_id));
        assert_eq!(
            rows.iter().map(ids).collect::<Vec<_>>(),
            [
                (Some(1), Some(1)),
                (None, Some(5)),
                (None, Some(7)),
                (Some(5), Some(11)),
                (Some(7), Some(13)),
                (Some(11), Some(17)),
                (Some(13), Some(19))
            ]
        );
        assert_eq!(first, Some(1), "the runs diverge where B checks for fraud");
        assert!(rows[3..].iter().all(|row| row.differing.is_empty()), "charge and ship agree");
    }

    #[test]
    fn pairing_keeps_every_step_once_in_order() {
        let cases: [(&str, &str); 5] =
            [("abcab", "bcabc"), ("", "xyz"), ("xyz", ""), ("aaaa", "aa"), ("abxcd", "abycd")];
        for (a, b) in cases {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let pairs = pair_indices(&a, &b);
            let side = |pick: fn(&Row) -> Option<usize>| pairs.iter().filter_map(pick).collect::<Vec<_>>();
            assert_eq!(side(|p| p.0), (0..a.len()).collect::<Vec<_>>(), "{a:?} {b:?}");
            assert_eq!(side(|p| p.1), (0..b.len()).collect::<Vec<_>>(), "{a:?} {b:?}");
        }
        let xs: Vec<char> = "abxcd".chars().collect();
        let ys: Vec<char> = "abycd".chars().collect();
        assert_eq!(pair_indices(&xs, &ys)[2], (Some(2), Some(2)), "a changed step is paired with its counterpart");
    }
}
