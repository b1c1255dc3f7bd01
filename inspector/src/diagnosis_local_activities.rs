//! Local activities that were retried: their markers, and how long the workflow tasks they ran
//! in took. A local activity runs inside a workflow task; while it (and its retries) run longer
//! than the workflow task timeout, the SDK keeps the task alive by completing it without commands
//! and starting the next one ("heartbeating" it). The history has no event for the local
//! activity's start, so its time is measured from the first workflow task started after the last
//! event that is neither a workflow task event nor a marker, to the marker: an upper bound when
//! several local activities ran one after another, exact for one. An event in between (a signal,
//! a timer) starts the measure again, so it never overstates.
//!
//! Marker layouts, read from the `data` (and Java's `meta`) detail when it is plain JSON:
//! core-based SDKs (Python, TypeScript, .NET, Ruby) write `core_local_activity` with
//! `{"attempt", "activity_type", ...}`; Go writes `LocalActivity` with `{"Attempt", "ActivityType"}`;
//! Java writes `LocalActivity` with `{"atpt"}`. An encoded (codec) detail cannot be read and is skipped.
use temporalio_protos::protos::temporal::api::{
    common::v1::Payloads, enums::v1::EventType, history::v1::HistoryEvent, history::v1::history_event::Attributes,
};

#[derive(Debug, Clone, PartialEq)]
pub struct LocalRetry {
    pub marker_event_id: i64,
    pub activity_type: String,
    pub attempt: i64,
    /// From the first workflow task of its chain to the marker.
    pub millis: i64,
}

/// Retried local activities kept per type (the longest), so memory stays bounded.
#[derive(Default)]
pub struct LocalActivityChains {
    earliest_task_start: Option<i64>,
    /// Markers of the current chain with attempt > 1: (event ID, type, attempt, time).
    markers: Vec<(i64, String, i64, i64)>,
    found: Vec<LocalRetry>,
}

impl LocalActivityChains {
    pub fn push(&mut self, event: &HistoryEvent, at: Option<i64>) {
        match event.event_type() {
            EventType::WorkflowTaskScheduled | EventType::WorkflowTaskCompleted => {}
            EventType::WorkflowTaskStarted => {
                if let Some(at) = at {
                    self.earliest_task_start = Some(self.earliest_task_start.map_or(at, |earliest| earliest.min(at)));
                }
            }
            EventType::MarkerRecorded => {
                if let Some(Attributes::MarkerRecordedEventAttributes(marker)) = event.attributes.as_ref()
                    && let Some((activity_type, attempt)) = local_activity_attempt(&marker.marker_name, &marker.details)
                    && attempt > 1
                    && let Some(at) = at
                {
                    self.markers.push((event.event_id, activity_type, attempt, at));
                }
            }
            _ => self.close_chain(),
        }
    }

    fn close_chain(&mut self) {
        let start = self.earliest_task_start.take();
        for (marker_event_id, activity_type, attempt, at) in std::mem::take(&mut self.markers) {
            let Some(start) = start else { continue };
            let retry = LocalRetry { marker_event_id, activity_type, attempt, millis: at - start };
            match self.found.iter_mut().find(|known| known.activity_type == retry.activity_type) {
                Some(known) if known.millis < retry.millis => *known = retry,
                Some(_) => {}
                None => self.found.push(retry),
            }
        }
    }

    pub fn finish(mut self) -> Vec<LocalRetry> {
        self.close_chain();
        self.found.sort_by_key(|retry| retry.marker_event_id);
        self.found
    }
}

/// The activity type and attempt a local activity marker records, if it is one and readable.
fn local_activity_attempt(name: &str, details: &std::collections::HashMap<String, Payloads>) -> Option<(String, i64)> {
    if name != "core_local_activity" && name != "LocalActivity" {
        return None;
    }
    let mut attempt = None;
    let mut activity_type = None;
    for key in ["data", "meta"] {
        let Some(payload) = details.get(key).and_then(|payloads| payloads.payloads.first()) else { continue };
        if payload.metadata.get("encoding").map(Vec::as_slice) != Some(b"json/plain".as_slice()) {
            continue;
        }
        let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(&payload.data) else { continue };
        let text = |keys: &[&str]| keys.iter().find_map(|key| object.get(*key)).cloned();
        attempt = attempt.or_else(|| text(&["attempt", "Attempt", "atpt"]).and_then(|value| value.as_i64()));
        activity_type = activity_type
            .or_else(|| text(&["activity_type", "ActivityType"]).and_then(|value| value.as_str().map(str::to_string)));
    }
    Some((activity_type.unwrap_or_else(|| "(local activity)".to_string()), attempt?))
}
