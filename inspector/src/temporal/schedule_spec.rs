//! A schedule's spec and policies from Temporal's protobuf types into plain views (the words are
//! written by [`model::ScheduleSpecView::words`]), and the spec as proto3 JSON.
use prost::Message;
use prost_reflect::{DynamicMessage, SerializeOptions};
use prost_wkt_types::Duration;
use temporalio_protos::protos::temporal::api::{
    enums::v1::ScheduleOverlapPolicy,
    schedule::v1::{CalendarSpec, Range, SchedulePolicies as ProtoPolicies, ScheduleSpec, StructuredCalendarSpec},
};

use super::{descriptors, failures::enum_label, time};
use model::{SchedulePolicies, ScheduleSpecView, SpecCalendar, SpecInterval, SpecRange, calendar_fields};

fn seconds(duration: Option<&Duration>) -> i64 {
    duration.map_or(0, |duration| duration.seconds)
}

fn ranges(list: &[Range]) -> Vec<SpecRange> {
    list.iter().map(|range| SpecRange { start: range.start, end: range.end, step: range.step }).collect()
}

fn structured(calendar: &StructuredCalendarSpec) -> SpecCalendar {
    SpecCalendar {
        second: ranges(&calendar.second),
        minute: ranges(&calendar.minute),
        hour: ranges(&calendar.hour),
        day_of_month: ranges(&calendar.day_of_month),
        month: ranges(&calendar.month),
        year: ranges(&calendar.year),
        day_of_week: ranges(&calendar.day_of_week),
        comment: calendar.comment.clone(),
    }
}

/// A calendar in expression form (`hour: "9"`, `day_of_week: "MON-FRI"`), or its text when
/// it cannot be read.
fn expressions(calendar: &CalendarSpec) -> Result<SpecCalendar, String> {
    let fields = [
        calendar.second.as_str(),
        calendar.minute.as_str(),
        calendar.hour.as_str(),
        calendar.day_of_month.as_str(),
        calendar.month.as_str(),
        calendar.year.as_str(),
        calendar.day_of_week.as_str(),
    ];
    calendar_fields(fields).map(|parsed| SpecCalendar { comment: calendar.comment.clone(), ..parsed }).map_err(|_| {
        let named = ["second", "minute", "hour", "day_of_month", "month", "year", "day_of_week"];
        named
            .iter()
            .zip(fields)
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The spec as plain data.
pub fn spec_view(spec: Option<&ScheduleSpec>) -> ScheduleSpecView {
    let Some(spec) = spec else { return ScheduleSpecView::default() };
    let mut view = ScheduleSpecView {
        intervals: spec
            .interval
            .iter()
            .map(|interval| SpecInterval {
                every_seconds: seconds(interval.interval.as_ref()),
                phase_seconds: seconds(interval.phase.as_ref()),
            })
            .collect(),
        calendars: spec.structured_calendar.iter().map(structured).collect(),
        cron_strings: spec.cron_string.clone(),
        excluded: spec.exclude_structured_calendar.iter().map(structured).collect(),
        unreadable: Vec::new(),
        jitter_seconds: seconds(spec.jitter.as_ref()),
        start_time: time::time_point(spec.start_time.as_ref()),
        end_time: time::time_point(spec.end_time.as_ref()),
        time_zone: spec.timezone_name.clone(),
    };
    #[allow(deprecated)]
    let excluded = &spec.exclude_calendar;
    for (calendar, exclude) in spec.calendar.iter().map(|c| (c, false)).chain(excluded.iter().map(|c| (c, true))) {
        match (expressions(calendar), exclude) {
            (Ok(parsed), false) => view.calendars.push(parsed),
            (Ok(parsed), true) => view.excluded.push(parsed),
            (Err(text), false) => view.unreadable.push(text),
            (Err(text), true) => view.unreadable.push(format!("(excluded) {text}")),
        }
    }
    view
}

/// The spec in the proto3 JSON mapping, indented; a sentence when it cannot be written.
pub fn spec_json(spec: Option<&ScheduleSpec>) -> String {
    let Some(spec) = spec else { return "{}".into() };
    let written = (|| -> Result<String, String> {
        let descriptor = descriptors::pool()?
            .get_message_by_name("temporal.api.schedule.v1.ScheduleSpec")
            .ok_or("the Temporal descriptors have no ScheduleSpec")?;
        let message =
            DynamicMessage::decode(descriptor, spec.encode_to_vec().as_slice()).map_err(|error| error.to_string())?;
        let mut out = Vec::new();
        let mut serializer =
            serde_json::ser::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::new());
        message.serialize_with_options(&mut serializer, &SerializeOptions::new()).map_err(|error| error.to_string())?;
        String::from_utf8(out).map_err(|error| error.to_string())
    })();
    written.unwrap_or_else(|message| format!("The spec could not be written as JSON: {message}"))
}

/// The overlap policy's name and what it does, in words.
pub fn overlap(policy: i32) -> (String, String) {
    let policy = ScheduleOverlapPolicy::try_from(policy).unwrap_or(ScheduleOverlapPolicy::Unspecified);
    let words = match policy {
        ScheduleOverlapPolicy::Unspecified | ScheduleOverlapPolicy::Skip => {
            "skip: no run starts while the previous one is still running"
        }
        ScheduleOverlapPolicy::BufferOne => {
            "buffer one: a run due while another runs starts after it; at most one waits"
        }
        ScheduleOverlapPolicy::BufferAll => "buffer all: every run due while another runs waits its turn",
        ScheduleOverlapPolicy::CancelOther => "cancel other: the running run is cancelled, then the new one starts",
        ScheduleOverlapPolicy::TerminateOther => {
            "terminate other: the running run is terminated, then the new one starts"
        }
        ScheduleOverlapPolicy::AllowAll => "allow all: runs start on time and may run at the same time",
    };
    let name = match policy {
        ScheduleOverlapPolicy::Unspecified => "Skip (the default)".to_string(),
        other => enum_label(other.as_str_name(), "SCHEDULE_OVERLAP_POLICY_"),
    };
    (name, words.to_string())
}

/// The policies as plain data.
pub fn policies(policies: Option<&ProtoPolicies>) -> SchedulePolicies {
    let Some(policies) = policies else {
        let (overlap, overlap_words) = overlap(0);
        return SchedulePolicies { overlap, overlap_words, ..SchedulePolicies::default() };
    };
    let (overlap, overlap_words) = overlap(policies.overlap_policy);
    SchedulePolicies {
        overlap,
        overlap_words,
        catchup_window: time::duration(policies.catchup_window.as_ref()),
        pause_on_failure: policies.pause_on_failure,
        keep_original_workflow_id: policies.keep_original_workflow_id,
    }
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::schedule::v1::IntervalSpec;

    use super::*;

    #[test]
    fn a_spec_from_temporal_reads_in_words_and_json() {
        let spec = ScheduleSpec {
            interval: vec![IntervalSpec {
                interval: Some(Duration { seconds: 300, nanos: 0 }),
                phase: Some(Duration { seconds: 15, nanos: 0 }),
            }],
            structured_calendar: vec![StructuredCalendarSpec {
                hour: vec![Range { start: 9, end: 0, step: 0 }],
                minute: vec![Range { start: 0, end: 0, step: 0 }],
                second: vec![Range { start: 0, end: 0, step: 0 }],
                day_of_month: vec![Range { start: 1, end: 31, step: 1 }],
                month: vec![Range { start: 1, end: 12, step: 1 }],
                day_of_week: vec![Range { start: 1, end: 5, step: 1 }],
                ..Default::default()
            }],
            calendar: vec![CalendarSpec { hour: "12".into(), day_of_week: "sat".into(), ..Default::default() }],
            timezone_name: "Europe/Berlin".into(),
            ..Default::default()
        };
        let view = spec_view(Some(&spec));
        assert_eq!(
            view.words(),
            vec![
                "every 5 minutes, offset by 15 seconds".to_string(),
                "at 09:00 on Monday–Friday (Europe/Berlin)".into(),
                "at 12:00 on Saturday (Europe/Berlin)".into(),
            ]
        );
        let json = spec_json(Some(&spec));
        assert!(json.contains("\"timezoneName\": \"Europe/Berlin\""), "{json}");
        assert!(json.contains("\"interval\": \"300s\""), "{json}");
    }

    #[test]
    fn overlap_policies_in_words() {
        assert_eq!(overlap(ScheduleOverlapPolicy::Skip as i32).0, "Skip");
        assert_eq!(overlap(ScheduleOverlapPolicy::BufferOne as i32).0, "BufferOne");
        assert_eq!(overlap(0).0, "Skip (the default)");
        assert!(overlap(ScheduleOverlapPolicy::AllowAll as i32).1.contains("at the same time"));
    }
}
