//! The stuck-runs page's groups: runs with the same cause, workflow type, activity type and
//! failure message, once the message's varying parts (numbers, UUIDs, hex IDs, quoted values)
//! are masked, so that "order 1234 failed" and "order 98 failed" count together.
use std::collections::HashMap;

use model::{RECOVERY_RUNS, StuckCause, StuckGroup, StuckRun, StuckSample};

/// Samples a group links to.
pub const SAMPLES: usize = 5;
/// Normalized messages are cut here (a stack trace in a message would make every group unique).
const MAX_MESSAGE_CHARS: usize = 200;

/// The message with its varying parts masked: digit runs become `#`, a token of hex digits and
/// dashes at least 8 long that holds a digit (a UUID, a hash) becomes `#`, and the text between
/// quotes becomes `…`.
pub fn normalize(message: &str) -> String {
    let mut out = String::new();
    let mut chars = message.chars().peekable();
    let mut token = String::new();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            token.push(c);
            continue;
        }
        flush(&mut token, &mut out);
        if c == '\'' || c == '"' {
            // A quoted value, if it closes: its content is masked.
            let rest: String = chars.clone().collect();
            if let Some(end) = rest.find(c) {
                out.push(c);
                out.push('…');
                out.push(c);
                for _ in 0..rest[..end].chars().count() + 1 {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
    }
    flush(&mut token, &mut out);
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &collapsed[..cut]),
        None => collapsed,
    }
}

fn flush(token: &mut String, out: &mut String) {
    let hex_id = token.len() >= 8
        && token.chars().any(|c| c.is_ascii_digit())
        && token.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if hex_id {
        out.push('#');
    } else {
        let mut in_digits = false;
        for c in token.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    out.push('#');
                }
                in_digits = true;
            } else {
                out.push(c);
                in_digits = false;
            }
        }
    }
    token.clear();
}

type GroupKey = (StuckCause, String, Option<String>, Option<String>, Option<String>);

/// The runs grouped, worst cause first and the largest group first within a cause; each group's
/// runs oldest first (by when they got stuck, else when they started).
pub fn group(runs: &[StuckRun]) -> Vec<StuckGroup> {
    let mut groups: HashMap<GroupKey, Vec<&StuckRun>> = HashMap::new();
    for run in runs {
        let about_queue = matches!(run.cause, StuckCause::NobodyPolls | StuckCause::Backlog);
        let key = (
            run.cause,
            run.workflow_type.clone(),
            run.activity_type.clone(),
            run.failure.as_deref().map(normalize),
            about_queue.then(|| run.task_queue.clone()),
        );
        groups.entry(key).or_default().push(run);
    }
    let mut groups: Vec<StuckGroup> = groups
        .into_iter()
        .map(|((cause, workflow_type, activity_type, failure, task_queue), mut members)| {
            // Unknown times last; ties by run ID so the order is stable.
            members.sort_by_key(|run| (run.since.as_ref().map_or(i64::MAX, |since| since.millis), run.run_id.clone()));
            StuckGroup {
                cause,
                workflow_type,
                activity_type,
                failure,
                task_queue,
                count: members.len(),
                oldest_since: members.first().and_then(|run| run.since.clone()),
                samples: members
                    .iter()
                    .take(SAMPLES)
                    .map(|run| StuckSample { workflow_id: run.workflow_id.clone(), run_id: run.run_id.clone() })
                    .collect(),
                recovery_run_ids: members.iter().take(RECOVERY_RUNS).map(|run| run.run_id.clone()).collect(),
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        (a.cause.severity_rank(), std::cmp::Reverse(a.count), &a.workflow_type, &a.activity_type, &a.failure).cmp(&(
            b.cause.severity_rank(),
            std::cmp::Reverse(b.count),
            &b.workflow_type,
            &b.activity_type,
            &b.failure,
        ))
    });
    groups
}

#[cfg(test)]
mod tests {
    use model::TimePoint;
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn numbers_ids_and_quoted_values_are_masked() {
        assert_eq!(normalize("order 1234 failed"), "order # failed");
        assert_eq!(
            normalize("order 1037 failed: card declined for customer 'f47ac10b-58cc-4372-a567-0e02b2c3d479'"),
            "order # failed: card declined for customer '…'"
        );
        assert_eq!(
            normalize("carrier refused parcel 001074 (tracking 9f86d081884c)"),
            "carrier refused parcel # (tracking #)"
        );
        assert_eq!(normalize("run 3fa85f64-5717-4562-b3fc-2c963f66afa6 gone"), "run # gone");
        assert_eq!(normalize("retry v2 of step-12"), "retry v# of step-#");
        assert_eq!(normalize("it's \"unterminated"), "it's \"unterminated");
        assert_eq!(normalize("deadbeef is a word without digits"), "deadbeef is a word without digits");
    }

    fn run(cause: StuckCause, run_id: &str, failure: Option<&str>, since: i64) -> StuckRun {
        StuckRun {
            workflow_id: format!("wf-{run_id}"),
            run_id: run_id.to_string(),
            workflow_type: "Order".into(),
            task_queue: "orders".into(),
            cause,
            activity_type: failure.map(|_| "charge".to_string()),
            failure: failure.map(str::to_string),
            since: Some(TimePoint { iso: String::new(), millis: since }),
        }
    }

    #[test]
    fn runs_group_by_cause_and_normalized_failure_worst_cause_first() {
        let runs = vec![
            run(StuckCause::WaitingOnTimer, "t1", None, 5),
            run(StuckCause::ActivityRetrying, "a1", Some("order 12 failed"), 30),
            run(StuckCause::ActivityRetrying, "a2", Some("order 7 failed"), 10),
            run(StuckCause::ActivityRetrying, "a3", Some("disk full"), 1),
            run(StuckCause::WaitingOnTimer, "t2", None, 4),
            run(StuckCause::WaitingOnTimer, "t3", None, 6),
        ];
        let groups = group(&runs);
        let summary: Vec<_> = groups.iter().map(|g| (g.cause, g.count, g.failure.clone())).collect();
        assert_eq!(
            summary,
            vec![
                (StuckCause::ActivityRetrying, 2, Some("order # failed".to_string())),
                (StuckCause::ActivityRetrying, 1, Some("disk full".to_string())),
                (StuckCause::WaitingOnTimer, 3, None),
            ]
        );
        assert_eq!(groups[0].recovery_run_ids, vec!["a2", "a1"], "oldest first");
        assert_eq!(groups[0].oldest_since.as_ref().map(|since| since.millis), Some(10));
        assert_eq!(groups[2].samples[0].run_id, "t2");
    }

    #[test]
    fn a_group_links_five_samples_and_acts_on_the_hundred_oldest() {
        let runs: Vec<_> =
            (0..150).map(|i| run(StuckCause::WaitingOnTimer, &format!("r{i:03}"), None, 1000 - i)).collect();
        let groups = group(&runs);
        assert_eq!((groups.len(), groups[0].count), (1, 150));
        assert_eq!(groups[0].samples.len(), SAMPLES);
        assert_eq!(groups[0].recovery_run_ids.len(), RECOVERY_RUNS);
        assert_eq!(groups[0].recovery_run_ids[0], "r149");
    }

    proptest! {
        #[test]
        fn normalizing_is_idempotent_and_leaves_no_digit(message in "\\PC{0,80}") {
            let once = normalize(&message);
            prop_assert!(!once.chars().any(|c| c.is_ascii_digit()));
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn messages_differing_only_in_numbers_group_together(a in 0u64..1_000_000, b in 0u64..1_000_000, word in "[a-z ]{0,20}") {
            prop_assert_eq!(normalize(&format!("{word} {a} failed")), normalize(&format!("{word} {b} failed")));
        }
    }
}
