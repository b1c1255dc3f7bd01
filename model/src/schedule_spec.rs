//! A schedule's spec as plain data, and in words ("every 5 minutes", "at 09:00 on Monday–Friday
//! (UTC)"). Pure functions, so the server and the browser write the same words and the tests need
//! no Temporal. Cron strings and calendar expressions are read by [`super::schedule_cron`].
use serde::{Deserialize, Serialize};

pub use super::schedule_calendar::{SpecCalendar, SpecInterval, SpecRange};
use super::{
    TimePoint,
    schedule_cron::{CronSpec, parse_cron},
};

/// Everything a schedule's spec says, as Temporal returned it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleSpecView {
    pub intervals: Vec<SpecInterval>,
    pub calendars: Vec<SpecCalendar>,
    pub cron_strings: Vec<String>,
    pub excluded: Vec<SpecCalendar>,
    /// Calendar expressions this code could not read, as Temporal has them.
    pub unreadable: Vec<String>,
    pub jitter_seconds: i64,
    pub start_time: Option<TimePoint>,
    pub end_time: Option<TimePoint>,
    /// The IANA name the calendars are read in; empty is UTC.
    pub time_zone: String,
}

impl ScheduleSpecView {
    /// One phrase per interval, calendar and cron string, then the exclusions.
    pub fn words(&self) -> Vec<String> {
        let zone = zone_name(&self.time_zone);
        let mut words: Vec<String> = self.intervals.iter().map(interval_words).collect();
        words.extend(self.calendars.iter().map(|calendar| format!("{} ({zone})", calendar_words(calendar))));
        words.extend(self.cron_strings.iter().map(|cron| cron_words(cron, &zone)));
        words.extend(self.unreadable.iter().map(|text| format!("calendar {text}")));
        words.extend(self.excluded.iter().map(|calendar| format!("except {} ({zone})", calendar_words(calendar))));
        if words.is_empty() {
            words.push("no times: it runs only when triggered".into());
        }
        words
    }

    /// "up to 30 seconds later, at random", when the spec has jitter.
    pub fn jitter_words(&self) -> Option<String> {
        (self.jitter_seconds > 0).then(|| format!("up to {} later, at random", duration_words(self.jitter_seconds)))
    }
}

fn zone_name(zone: &str) -> String {
    if zone.is_empty() { "UTC".into() } else { zone.into() }
}

/// A cron string in words, in its own `CRON_TZ=` zone or else `zone`; the string itself when it
/// cannot be read.
pub fn cron_words(cron: &str, zone: &str) -> String {
    match parse_cron(cron) {
        Ok(CronSpec::Interval(interval)) => interval_words(&interval),
        Ok(CronSpec::Calendar { calendar, time_zone }) => {
            format!("{} ({})", calendar_words(&calendar), time_zone.as_deref().unwrap_or(zone))
        }
        Err(_) => format!("cron \"{cron}\""),
    }
}

const UNITS: [(i64, &str); 4] = [(86_400, "day"), (3600, "hour"), (60, "minute"), (1, "second")];

/// `1 hour 30 minutes`, `45 seconds`, `2 days`.
pub fn duration_words(seconds: i64) -> String {
    if seconds <= 0 {
        return "0 seconds".into();
    }
    let mut rest = seconds;
    let mut parts = Vec::new();
    for (size, name) in UNITS {
        let count = rest / size;
        rest %= size;
        if count > 0 {
            parts.push(format!("{count} {name}{}", if count == 1 { "" } else { "s" }));
        }
    }
    parts.join(" ")
}

/// `every 5 minutes`, `every hour`, `every day, offset by 9 hours`.
pub fn interval_words(interval: &SpecInterval) -> String {
    let every = interval.every_seconds;
    let single = UNITS.iter().find(|(size, _)| *size == every).map(|(_, name)| format!("every {name}"));
    let mut words = single.unwrap_or_else(|| format!("every {}", duration_words(every)));
    if interval.phase_seconds > 0 {
        words.push_str(&format!(", offset by {}", duration_words(interval.phase_seconds)));
    }
    words
}

const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Every value of the ranges, sorted, unless there are more than `limit`.
fn expand(ranges: &[SpecRange], limit: usize) -> Option<Vec<i32>> {
    let mut values = Vec::new();
    for range in ranges {
        let mut value = range.start;
        while value <= range.last() {
            values.push(value);
            if values.len() > limit {
                return None;
            }
            // Temporal's ranges are any i32s: the end of the type ends the range too.
            let Some(next) = value.checked_add(range.step()) else { break };
            value = next;
        }
    }
    values.sort_unstable();
    values.dedup();
    Some(values)
}

/// The step of a field that covers its whole span (`*` or `*/15`).
fn whole_step(ranges: &[SpecRange], min: i32, max: i32) -> Option<i32> {
    match ranges {
        [range] if range.start == min && range.last().saturating_add(range.step()) > max => Some(range.step()),
        _ => None,
    }
}

/// `a, b and c`.
fn listed(items: Vec<String>) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Ranges as `Monday–Friday`, `1, 15`, `09–17 every 2`.
fn ranges_text(ranges: &[SpecRange], name: impl Fn(i32) -> String) -> String {
    listed(
        ranges
            .iter()
            .map(|range| match (range.is_single(), range.step()) {
                (true, _) => name(range.start),
                (false, 1) => format!("{}–{}", name(range.start), name(range.last())),
                (false, step) => format!("{}–{} every {step}", name(range.start), name(range.last())),
            })
            .collect(),
    )
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 { one.into() } else { many.into() }
}

fn two_digits(value: i32) -> String {
    format!("{value:02}")
}

/// The times of day: `at 09:00 and 17:30`, `every 15 minutes during hours 09–17`.
fn time_words(calendar: &SpecCalendar) -> (String, bool) {
    let (seconds, minutes, hours) =
        (expand(&calendar.second, 60), expand(&calendar.minute, 60), expand(&calendar.hour, 24));
    if let (Some(seconds), Some(minutes), Some(hours)) = (&seconds, &minutes, &hours) {
        let count = seconds.len() * minutes.len() * hours.len();
        if count > 0 && count <= 6 {
            let with_seconds = seconds.iter().any(|second| *second != 0);
            let mut times = Vec::new();
            for hour in hours {
                for minute in minutes {
                    for second in seconds {
                        times.push(if with_seconds {
                            format!("{hour:02}:{minute:02}:{second:02}")
                        } else {
                            format!("{hour:02}:{minute:02}")
                        });
                    }
                }
            }
            return (format!("at {}", listed(times)), true);
        }
    }
    let mut parts = Vec::new();
    let every_second = whole_step(&calendar.second, 0, 59);
    match every_second {
        Some(1) => parts.push("every second".to_string()),
        Some(step) => parts.push(format!("every {step} seconds")),
        None if seconds.as_deref() == Some(&[0][..]) => {}
        None => parts.push(format!(
            "at {} {}",
            plural(seconds.as_ref().map_or(2, Vec::len), "second", "seconds"),
            ranges_text(&calendar.second, |v| v.to_string())
        )),
    }
    let hour_step = whole_step(&calendar.hour, 0, 23);
    match whole_step(&calendar.minute, 0, 59) {
        Some(1) if every_second != Some(1) => parts.push("every minute".into()),
        Some(1) => {}
        Some(step) => parts.push(format!("every {step} minutes")),
        None => {
            let minute = format!(
                "at {} {}",
                plural(minutes.as_ref().map_or(2, Vec::len), "minute", "minutes"),
                ranges_text(&calendar.minute, |v| v.to_string())
            );
            parts.push(if hour_step == Some(1) { format!("every hour {minute}") } else { minute });
        }
    }
    match hour_step {
        Some(1) => {}
        Some(step) => parts.insert(0, format!("every {step} hours")),
        None => parts.push(format!(
            "during {} {}",
            plural(hours.as_ref().map_or(2, Vec::len), "hour", "hours"),
            ranges_text(&calendar.hour, two_digits)
        )),
    }
    (parts.join(" "), false)
}

/// A calendar in words, without its time zone: `at 09:00 on Monday–Friday`.
pub fn calendar_words(calendar: &SpecCalendar) -> String {
    let (mut words, at_times) = time_words(calendar);
    let mut every_day = true;
    if whole_step(&calendar.day_of_month, 1, 31) != Some(1) {
        every_day = false;
        let count = expand(&calendar.day_of_month, 31).map_or(2, |days| days.len());
        words.push_str(&format!(
            " on {} {} of the month",
            plural(count, "day", "days"),
            ranges_text(&calendar.day_of_month, |v| v.to_string())
        ));
    }
    if whole_step(&calendar.day_of_week, 0, 6) != Some(1) {
        every_day = false;
        let day = |value: i32| DAYS.get(value.rem_euclid(7) as usize).copied().unwrap_or("?").to_string();
        words.push_str(&format!(" on {}", ranges_text(&calendar.day_of_week, day)));
    }
    if at_times && every_day {
        words.push_str(" every day");
    }
    if whole_step(&calendar.month, 1, 12) != Some(1) {
        let month =
            |value: i32| MONTHS.get(value.saturating_sub(1).max(0) as usize).copied().unwrap_or("?").to_string();
        words.push_str(&format!(" in {}", ranges_text(&calendar.month, month)));
    }
    if !calendar.year.is_empty() {
        words.push_str(&format!(" in {}", ranges_text(&calendar.year, |v| v.to_string())));
    }
    words
}

/// A calendar as Temporal's fields: `second=0 minute=0 hour=9 day_of_week=1-5`.
pub fn calendar_raw(calendar: &SpecCalendar) -> String {
    let field = |name: &str, ranges: &[SpecRange]| -> Option<String> {
        if ranges.is_empty() {
            return None;
        }
        let text: Vec<String> = ranges
            .iter()
            .map(|range| match (range.is_single(), range.step()) {
                (true, _) => range.start.to_string(),
                (false, 1) => format!("{}-{}", range.start, range.last()),
                (false, step) => format!("{}-{}/{step}", range.start, range.last()),
            })
            .collect();
        Some(format!("{name}={}", text.join(",")))
    };
    let fields = [
        field("second", &calendar.second),
        field("minute", &calendar.minute),
        field("hour", &calendar.hour),
        field("day_of_month", &calendar.day_of_month),
        field("month", &calendar.month),
        field("year", &calendar.year),
        field("day_of_week", &calendar.day_of_week),
    ];
    let mut raw: Vec<String> = fields.into_iter().flatten().collect();
    if !calendar.comment.is_empty() {
        raw.push(format!("# {}", calendar.comment));
    }
    raw.join(" ")
}

#[cfg(test)]
#[path = "schedule_spec_props.rs"]
mod props;
