//! What the configuration rules (`diagnosis_config`) need from a run's history, gathered in the
//! same one pass as [`super::diagnosis_history`], in either order. Memory stays bounded: per
//! activity type only its first scheduled event's settings, the activities in flight at the point
//! reached, and a capped set of child workflow IDs.
use std::collections::HashMap;

use temporalio_protos::protos::temporal::api::{
    enums::v1::WorkflowIdReusePolicy, failure::v1::failure::FailureInfo, history::v1::HistoryEvent,
    history::v1::history_event::Attributes,
};

use super::diagnosis_local_activities::LocalActivityChains;
pub use super::diagnosis_local_activities::LocalRetry;
use crate::temporal::time;

/// Only what the rules read, without protobuf types.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigFacts {
    /// The history's length and size, set from describe by whoever has it (not the collector).
    pub history_length: i64,
    pub history_size_bytes: i64,
    /// From WorkflowExecutionStarted.
    pub workflow_task_timeout_millis: Option<i64>,
    /// Per activity type, the settings of its first ActivityTaskScheduled, in order of event ID.
    pub activity_types: Vec<ScheduledSettings>,
    /// The scheduled event of each pending activity named to the collector.
    pub pending: Vec<ScheduledSettings>,
    /// Per activity type, its longest completion (at least [`LONG_RUNNING_MILLIS`]) whose scheduled
    /// event declared no heartbeat timeout.
    pub long_without_heartbeat: Vec<LongActivity>,
    /// Application failure types an activity failed with as non-retryable, with the first such event.
    pub non_retryable_raised: Vec<(String, i64)>,
    /// Child workflow IDs started more than once in this run under a policy allowing duplicates.
    pub repeated_children: Vec<RepeatedChild>,
    /// Local activities that needed more than one attempt, with the time their workflow tasks took.
    pub local_retries: Vec<LocalRetry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledSettings {
    pub event_id: i64,
    pub activity_id: String,
    pub activity_type: String,
    pub start_to_close_millis: i64,
    pub schedule_to_close_millis: i64,
    pub heartbeat_millis: i64,
    /// 0 means unlimited; 1 means no retry.
    pub maximum_attempts: i32,
    pub non_retryable_error_types: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LongActivity {
    pub scheduled_event_id: i64,
    pub completed_event_id: i64,
    pub activity_type: String,
    pub millis: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RepeatedChild {
    pub workflow_id: String,
    pub first_event_id: i64,
    pub last_event_id: i64,
    pub starts: usize,
}

/// An activity that ran this long counts as running for minutes.
pub const LONG_RUNNING_MILLIS: i64 = 2 * 60 * 1000;
/// Child workflow IDs tracked for repeats; a run starting more distinct children stops counting new ones.
const CHILD_IDS_KEPT: usize = 1000;

/// Per scheduled event ID, what is known of an activity in flight at the point reached.
#[derive(Default)]
struct InFlight {
    /// Oldest first: the scheduled event declared no heartbeat timeout (else it is not tracked).
    activity_type: Option<String>,
    started_millis: Option<i64>,
    /// Newest first: the completion seen before its start and schedule.
    completed: Option<(i64, i64)>,
    /// Newest first: its duration once the started event was seen.
    millis: Option<i64>,
}

pub struct ConfigFactsCollector {
    newest_first: bool,
    pending_ids: Vec<String>,
    facts: ConfigFacts,
    in_flight: HashMap<i64, InFlight>,
    children: HashMap<String, RepeatedChild>,
    chains: LocalActivityChains,
}

fn millis_of(duration: Option<&prost_wkt_types::Duration>) -> i64 {
    duration.map_or(0, |d| d.seconds * 1000 + i64::from(d.nanos) / 1_000_000)
}

impl ConfigFactsCollector {
    pub fn new(newest_first: bool, pending_ids: Vec<String>) -> ConfigFactsCollector {
        ConfigFactsCollector {
            newest_first,
            pending_ids,
            facts: ConfigFacts::default(),
            in_flight: HashMap::new(),
            children: HashMap::new(),
            chains: LocalActivityChains::default(),
        }
    }

    pub fn push(&mut self, event: &HistoryEvent) {
        let at = time::millis(event.event_time.as_ref());
        self.chains.push(event, at);
        let Some(attributes) = event.attributes.as_ref() else { return };
        match attributes {
            Attributes::WorkflowExecutionStartedEventAttributes(started) => {
                self.facts.workflow_task_timeout_millis = Some(millis_of(started.workflow_task_timeout.as_ref()));
            }
            Attributes::ActivityTaskScheduledEventAttributes(scheduled) => {
                let retry = scheduled.retry_policy.as_ref();
                let settings = ScheduledSettings {
                    event_id: event.event_id,
                    activity_id: scheduled.activity_id.clone(),
                    activity_type: scheduled.activity_type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
                    start_to_close_millis: millis_of(scheduled.start_to_close_timeout.as_ref()),
                    schedule_to_close_millis: millis_of(scheduled.schedule_to_close_timeout.as_ref()),
                    heartbeat_millis: millis_of(scheduled.heartbeat_timeout.as_ref()),
                    maximum_attempts: retry.map_or(0, |r| r.maximum_attempts),
                    non_retryable_error_types: retry.map(|r| r.non_retryable_error_types.clone()).unwrap_or_default(),
                };
                self.scheduled(settings);
            }
            Attributes::ActivityTaskStartedEventAttributes(started) => {
                if let (Some(flight), Some(at)) = (self.in_flight.get_mut(&started.scheduled_event_id), at) {
                    flight.started_millis = Some(at);
                    if let Some((_, completed_at)) = flight.completed {
                        flight.millis = Some(completed_at - at);
                        if completed_at - at < LONG_RUNNING_MILLIS {
                            self.in_flight.remove(&started.scheduled_event_id);
                        }
                    }
                }
            }
            Attributes::ActivityTaskCompletedEventAttributes(completed) => {
                self.closed(completed.scheduled_event_id, Some((event.event_id, at.unwrap_or_default())));
            }
            Attributes::ActivityTaskFailedEventAttributes(failed) => {
                if let Some(FailureInfo::ApplicationFailureInfo(app)) =
                    failed.failure.as_ref().and_then(|f| f.failure_info.as_ref())
                    && app.non_retryable
                    && !app.r#type.is_empty()
                {
                    let raised = &mut self.facts.non_retryable_raised;
                    match raised.iter_mut().find(|(kind, _)| *kind == app.r#type) {
                        Some(known) => known.1 = known.1.min(event.event_id),
                        None => raised.push((app.r#type.clone(), event.event_id)),
                    }
                }
                self.closed(failed.scheduled_event_id, None);
            }
            Attributes::ActivityTaskTimedOutEventAttributes(timed_out) => {
                self.closed(timed_out.scheduled_event_id, None)
            }
            Attributes::ActivityTaskCanceledEventAttributes(canceled) => self.closed(canceled.scheduled_event_id, None),
            Attributes::StartChildWorkflowExecutionInitiatedEventAttributes(child) => {
                let policy = child.workflow_id_reuse_policy();
                if !matches!(policy, WorkflowIdReusePolicy::Unspecified | WorkflowIdReusePolicy::AllowDuplicate) {
                    return;
                }
                if !self.children.contains_key(&child.workflow_id) && self.children.len() >= CHILD_IDS_KEPT {
                    return;
                }
                let entry = self.children.entry(child.workflow_id.clone()).or_insert_with(|| RepeatedChild {
                    workflow_id: child.workflow_id.clone(),
                    first_event_id: event.event_id,
                    last_event_id: event.event_id,
                    starts: 0,
                });
                entry.starts += 1;
                entry.first_event_id = entry.first_event_id.min(event.event_id);
                entry.last_event_id = entry.last_event_id.max(event.event_id);
            }
            _ => {}
        }
    }

    fn scheduled(&mut self, settings: ScheduledSettings) {
        let types = &mut self.facts.activity_types;
        match types.iter_mut().find(|known| known.activity_type == settings.activity_type) {
            // Newest first, an older event of the type replaces the one kept.
            Some(known) if self.newest_first => *known = settings.clone(),
            Some(_) => {}
            None => types.push(settings.clone()),
        }
        if self.pending_ids.contains(&settings.activity_id) {
            let pending = &mut self.facts.pending;
            match pending.iter_mut().find(|known| known.activity_id == settings.activity_id) {
                Some(known) if !self.newest_first => *known = settings.clone(),
                Some(_) => {}
                None => pending.push(settings.clone()),
            }
        }
        if self.newest_first {
            if let Some(flight) = self.in_flight.remove(&settings.event_id)
                && let (Some((completed_event_id, _)), Some(millis)) = (flight.completed, flight.millis)
                && settings.heartbeat_millis == 0
            {
                self.long(LongActivity {
                    scheduled_event_id: settings.event_id,
                    completed_event_id,
                    activity_type: settings.activity_type,
                    millis,
                });
            }
        } else if settings.heartbeat_millis == 0 {
            let flight = InFlight { activity_type: Some(settings.activity_type), ..InFlight::default() };
            self.in_flight.insert(settings.event_id, flight);
        }
    }

    /// An activity closed: oldest first, a long completion is noted; newest first, tracking begins.
    fn closed(&mut self, scheduled_event_id: i64, completed: Option<(i64, i64)>) {
        if self.newest_first {
            if completed.is_some() {
                self.in_flight.insert(scheduled_event_id, InFlight { completed, ..InFlight::default() });
            }
            return;
        }
        let Some(flight) = self.in_flight.remove(&scheduled_event_id) else { return };
        if let (Some((completed_event_id, completed_at)), Some(started), Some(activity_type)) =
            (completed, flight.started_millis, flight.activity_type)
            && completed_at - started >= LONG_RUNNING_MILLIS
        {
            self.long(LongActivity {
                scheduled_event_id,
                completed_event_id,
                activity_type,
                millis: completed_at - started,
            });
        }
    }

    fn long(&mut self, activity: LongActivity) {
        let kept = &mut self.facts.long_without_heartbeat;
        match kept.iter_mut().find(|known| known.activity_type == activity.activity_type) {
            Some(known) if known.millis < activity.millis => *known = activity,
            Some(_) => {}
            None => kept.push(activity),
        }
    }

    pub fn finish(mut self) -> ConfigFacts {
        let mut facts = self.facts;
        facts.activity_types.sort_by_key(|settings| settings.event_id);
        facts.long_without_heartbeat.sort_by_key(|activity| activity.scheduled_event_id);
        facts.non_retryable_raised.sort_by_key(|(_, event_id)| *event_id);
        let mut repeated: Vec<_> = self.children.into_values().filter(|child| child.starts > 1).collect();
        repeated.sort_by_key(|child| child.first_event_id);
        facts.repeated_children = repeated;
        facts.local_retries = std::mem::take(&mut self.chains).finish();
        facts
    }
}

#[cfg(test)]
#[path = "diagnosis_config_facts_tests.rs"]
mod tests;
