//! The heartbeat rule: an activity that declared a heartbeat timeout and stopped heartbeating.
use model::{Evidence, Finding, Severity};

/// What the rule needs about one pending activity with a heartbeat timeout.
#[derive(Debug, Clone, PartialEq)]
pub struct HeartbeatFacts {
    pub activity_id: String,
    pub activity_type: String,
    /// From the activity's scheduled event.
    pub timeout_millis: i64,
    /// Whether an attempt is running now (state `Started`).
    pub started: bool,
    /// The last heartbeat of the current attempt, or the attempt's start when it has not beaten yet.
    pub last_beat_millis: Option<i64>,
    /// The previous attempt ended by missing its heartbeat.
    pub last_attempt_missed_heartbeat: bool,
}

/// A heartbeat deadline within this share of the timeout counts as near.
const NEAR_SHARE: f64 = 0.25;

pub fn heartbeat_findings(activities: &[HeartbeatFacts], now_millis: i64) -> Vec<Finding> {
    activities.iter().filter_map(|activity| heartbeat_finding(activity, now_millis)).collect()
}

fn heartbeat_finding(activity: &HeartbeatFacts, now_millis: i64) -> Option<Finding> {
    let name = format!("Activity {} (ID {})", activity.activity_type, activity.activity_id);
    let timeout = human(activity.timeout_millis);
    if activity.started
        && let Some(last_beat) = activity.last_beat_millis
    {
        let left = last_beat + activity.timeout_millis - now_millis;
        if left < 0 {
            let text = format!(
                "{name} has not heartbeaten for {}, past its heartbeat timeout of {timeout} by {}: \
                 its worker is stuck or gone, and Temporal will time the attempt out.",
                human(now_millis - last_beat),
                human(-left)
            );
            return Some(Finding::new(
                Severity::Blocking,
                text,
                Evidence::tab("pending-activities", "Pending activities"),
            ));
        }
        if (left as f64) < activity.timeout_millis as f64 * NEAR_SHARE {
            let text =
                format!("{name}'s heartbeat timeout of {timeout} is near: {} left without a heartbeat.", human(left));
            return Some(Finding::new(
                Severity::Warning,
                text,
                Evidence::tab("pending-activities", "Pending activities"),
            ));
        }
    }
    activity.last_attempt_missed_heartbeat.then(|| {
        let text = format!(
            "{name}'s last attempt timed out on its heartbeat: it sent no heartbeat within {timeout}. \
             A worker that hangs, or work that never calls heartbeat, looks like this."
        );
        Finding::new(Severity::Warning, text, Evidence::tab("pending-activities", "Pending activities"))
    })
}

/// `1.5s`, `2m 3s`: durations in the words of the rest of the panel.
fn human(millis: i64) -> String {
    crate::temporal::time::human_millis(millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(started: bool, last_beat_millis: Option<i64>, missed: bool) -> HeartbeatFacts {
        HeartbeatFacts {
            activity_id: "7".into(),
            activity_type: "sync_ledger".into(),
            timeout_millis: 10_000,
            started,
            last_beat_millis,
            last_attempt_missed_heartbeat: missed,
        }
    }

    #[test]
    fn a_passed_heartbeat_deadline_is_blocking() {
        let findings = heartbeat_findings(&[facts(true, Some(0), false)], 25_000);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Blocking);
        assert!(findings[0].text.contains("past its heartbeat timeout of 10s by 15s"), "{}", findings[0].text);
    }

    #[test]
    fn a_near_deadline_is_a_warning_and_a_fresh_heartbeat_is_nothing() {
        let near = heartbeat_findings(&[facts(true, Some(0), false)], 8_000);
        assert_eq!(near[0].severity, Severity::Warning);
        assert!(near[0].text.contains("is near: 2s left"), "{}", near[0].text);
        assert!(heartbeat_findings(&[facts(true, Some(0), false)], 3_000).is_empty());
    }

    #[test]
    fn a_missed_heartbeat_on_the_last_attempt_is_named_while_waiting_to_retry() {
        let findings = heartbeat_findings(&[facts(false, None, true)], 1_000);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].text.contains("last attempt timed out on its heartbeat"), "{}", findings[0].text);
        assert!(heartbeat_findings(&[facts(false, None, false)], 1_000).is_empty());
    }
}
