//! A schedule's matching times (ListScheduleMatchingTimes): the times its spec names in a range,
//! whether or not the schedule is paused, in a range the reader picks (UTC, as
//! `<input type="datetime-local">` writes it). Only a picked range costs the call: the next times
//! from now are already in DescribeSchedule's answer (the page's "Upcoming"), so a plain view of a
//! schedule makes one Temporal call, not two. What cannot be listed is said on the page, never an
//! error page: the schedule itself still shows.
use chrono::{DateTime, Duration, NaiveDateTime, SecondsFormat, Utc};
use prost_wkt_types::Timestamp;
use temporalio_protos::protos::temporal::api::workflowservice::v1::ListScheduleMatchingTimesRequest;

use super::{Namespaced, TemporalClient, capabilities, time};
use model::{RANGE_TIMES, ScheduleTimes};

impl Namespaced for ListScheduleMatchingTimesRequest {
    fn namespace(&self) -> &str {
        &self.namespace
    }
}

/// The range the form offers before one is picked: the next week.
const DEFAULT_RANGE_DAYS: i64 = 7;

/// A form's time: `2026-12-06T17:00` (seconds optional) in UTC, or RFC 3339 with its offset.
pub fn parse_utc(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|time| time.and_utc())
        .ok_or_else(|| format!("{text:?} is not a time like 2026-12-06T17:00 (UTC)"))
}

/// A time as a form's `datetime-local` value shows it (UTC, to the minute).
pub fn form_value(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M").to_string()
}

pub fn timestamp(time: DateTime<Utc>) -> Timestamp {
    Timestamp { seconds: time.timestamp(), nanos: time.timestamp_subsec_nanos() as i32 }
}

/// The range a backfill or a listing is for: both ends read, the start before the end.
pub fn range(from: &str, to: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), String> {
    let (start, end) = (parse_utc(from)?, parse_utc(to)?);
    if start >= end {
        return Err(format!(
            "The range must end after it starts ({} is not before {}).",
            form_value(start),
            form_value(end)
        ));
    }
    Ok((start, end))
}

/// The times in the range the reader picked; without one, only the form's starting range.
pub async fn matching(
    client: &TemporalClient,
    (namespace, schedule_id): (&str, &str),
    picked: Option<(&str, &str)>,
) -> ScheduleTimes {
    let now = Utc::now();
    let mut times = ScheduleTimes {
        from: form_value(now),
        to: form_value(now + Duration::days(DEFAULT_RANGE_DAYS)),
        picked: picked.is_some(),
        backfill_from: form_value(now - Duration::days(1)),
        backfill_to: form_value(now),
        ..ScheduleTimes::default()
    };
    let Some((from, to)) = picked else { return times };
    (times.from, times.to) = (from.trim().to_string(), to.trim().to_string());
    let (start, end) = match range(from, to) {
        Ok(range) => range,
        Err(problem) => {
            times.problem = Some(problem);
            return times;
        }
    };
    let request = ListScheduleMatchingTimesRequest {
        namespace: namespace.to_string(),
        schedule_id: schedule_id.to_string(),
        start_time: Some(timestamp(start)),
        end_time: Some(timestamp(end)),
    };
    match client.workflow_service().list_schedule_matching_times(client.request(request)).await {
        Ok(answer) => {
            let found = answer.into_inner().start_time;
            times.more = found.len() > RANGE_TIMES;
            times.times = found.iter().take(RANGE_TIMES).filter_map(|time| time::time_point(Some(time))).collect();
        }
        Err(status) if capabilities::means_unavailable(&status) => {
            times.problem = Some(format!("This server does not list matching times ({}).", status.message()));
        }
        Err(status) => {
            let error = client.error(status, &format!("the matching times of schedule \"{schedule_id}\""));
            times.problem = Some(format!("The matching times could not be listed: {error}"));
        }
    }
    times
}

/// A time for a message: RFC 3339 in UTC, to the second.
pub fn iso(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_times_are_utc_and_rfc3339_keeps_its_offset() {
        assert_eq!(iso(parse_utc("2026-12-06T17:00").expect("minutes")), "2026-12-06T17:00:00Z");
        assert_eq!(iso(parse_utc(" 2026-12-06 17:00:30 ").expect("seconds")), "2026-12-06T17:00:30Z");
        assert_eq!(iso(parse_utc("2026-12-06T18:00:00+01:00").expect("offset")), "2026-12-06T17:00:00Z");
        let problem = parse_utc("yesterday").expect_err("not a time");
        assert!(problem.contains("\"yesterday\" is not a time like"), "{problem}");
        assert_eq!(form_value(parse_utc("2026-12-06T17:05:59Z").expect("time")), "2026-12-06T17:05");
    }

    #[test]
    fn a_range_must_end_after_it_starts() {
        assert!(range("2026-12-06T17:00", "2026-12-06T18:00").is_ok());
        let problem = range("2026-12-06T18:00", "2026-12-06T17:00").expect_err("backwards");
        assert!(problem.contains("must end after it starts"), "{problem}");
        assert!(range("2026-12-06T17:00", "2026-12-06T17:00").is_err(), "empty");
        assert!(range("", "2026-12-06T17:00").is_err());
    }
}
