//! Reads cron strings (`CRON_TZ=Europe/Berlin 0 9 * * MON-FRI`, `@daily`, `@every 5m/30s`) and
//! the calendar expressions of Temporal's `CalendarSpec` into [`SpecCalendar`] and
//! [`SpecInterval`], as Temporal's `ScheduleSpec.cron_string` documents them.
use super::schedule_calendar::{SpecCalendar, SpecInterval, SpecRange};

/// What a cron string means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CronSpec {
    Calendar {
        calendar: SpecCalendar,
        time_zone: Option<String>,
    },
    /// `@every <interval>[/<phase>]`.
    Interval(SpecInterval),
}

const MONTH_NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// Reads a cron string; the error says why it cannot be read.
pub fn parse_cron(text: &str) -> Result<CronSpec, String> {
    let (body, comment) = match text.split_once('#') {
        Some((body, comment)) => (body, comment.trim().to_string()),
        None => (text, String::new()),
    };
    let mut tokens: Vec<&str> = body.split_whitespace().collect();
    let mut time_zone = None;
    if let Some(first) = tokens.first()
        && let Some(zone) = first.strip_prefix("CRON_TZ=").or_else(|| first.strip_prefix("TZ="))
    {
        time_zone = Some(zone.to_string());
        tokens.remove(0);
    }
    let fields: Vec<&str> = match tokens.as_slice() {
        ["@every", every] => return every_interval(every).map(CronSpec::Interval),
        ["@yearly" | "@annually"] => vec!["0", "0", "1", "1", "*"],
        ["@monthly"] => vec!["0", "0", "1", "*", "*"],
        ["@weekly"] => vec!["0", "0", "*", "*", "0"],
        ["@daily" | "@midnight"] => vec!["0", "0", "*", "*", "*"],
        ["@hourly"] => vec!["0", "*", "*", "*", "*"],
        other => other.to_vec(),
    };
    let (second, rest) = match fields.len() {
        5 | 6 => ("0", &fields[..]),
        7 => (fields[0], &fields[1..]),
        count => return Err(format!("a cron string has 5, 6 or 7 fields, not {count}")),
    };
    let year = rest.get(5).copied().unwrap_or("*");
    let mut calendar = calendar_fields([second, rest[0], rest[1], rest[2], rest[3], year, rest[4]])?;
    calendar.comment = comment;
    Ok(CronSpec::Calendar { calendar, time_zone })
}

/// A `CalendarSpec`'s expressions (second, minute, hour, day of month, month, year, day of
/// week), each empty for its default: `0` for the time fields, `*` for the others.
pub fn calendar_fields(fields: [&str; 7]) -> Result<SpecCalendar, String> {
    let or = |text: &str, default: &'static str| -> String {
        if text.trim().is_empty() { default.to_string() } else { text.trim().to_string() }
    };
    let [second, minute, hour, day_of_month, month, year, day_of_week] = fields;
    Ok(SpecCalendar {
        second: parse_field(&or(second, "0"), 0, 59, &[])?,
        minute: parse_field(&or(minute, "0"), 0, 59, &[])?,
        hour: parse_field(&or(hour, "0"), 0, 23, &[])?,
        day_of_month: parse_field(&or(day_of_month, "*"), 1, 31, &[])?,
        month: parse_field(&or(month, "*"), 1, 12, &MONTH_NAMES)?,
        year: match or(year, "*").as_str() {
            "*" | "?" => Vec::new(),
            text => parse_field(text, 1970, 2999, &[])?,
        },
        day_of_week: week_days(parse_field(&or(day_of_week, "*"), 0, 7, &DAY_NAMES)?),
        comment: String::new(),
    })
}

/// Cron lets Sunday be 7 as well as 0: Temporal's ranges know only 0.
fn week_days(ranges: Vec<SpecRange>) -> Vec<SpecRange> {
    let mut days = Vec::new();
    for range in ranges {
        if range.start == 0 && range.last() == 7 && range.step() == 1 {
            days.push(SpecRange::span(0, 6, 1));
        } else if range.last() == 7 && (7 - range.start) % range.step() == 0 {
            if range.start < 7 {
                days.push(SpecRange::span(range.start, 6, range.step()));
            }
            days.push(SpecRange::one(0));
        } else {
            days.push(SpecRange::span(range.start, range.last().min(6), range.step()));
        }
    }
    days
}

/// One field: `*`, `?`, `5`, `1-5`, `*/15`, `10/5`, `MON-FRI`, `1,15`.
fn parse_field(text: &str, min: i32, max: i32, names: &[&str]) -> Result<Vec<SpecRange>, String> {
    let value = |item: &str| -> Result<i32, String> {
        let lower = item.to_ascii_lowercase();
        let named = names.iter().position(|name| lower.starts_with(name) && lower.len() >= 3);
        let number = match named {
            // Month names count from 1, day names from 0: the same offset as `min` here.
            Some(index) => index as i32 + min,
            None => item.parse::<i32>().map_err(|_| format!("\"{item}\" is not a number or a name"))?,
        };
        if number < min || number > max {
            return Err(format!("{number} is outside {min}–{max}"));
        }
        Ok(number)
    };
    text.split(',')
        .map(|item| {
            let (base, step) = match item.split_once('/') {
                Some((base, step)) => {
                    let step = step.parse::<i32>().map_err(|_| format!("\"{step}\" is not a step"))?;
                    if step < 1 {
                        return Err("a step is at least 1".to_string());
                    }
                    (base, Some(step))
                }
                None => (item, None),
            };
            let (start, end) = match base {
                "*" | "?" => (min, max),
                _ => match base.split_once('-') {
                    Some((start, end)) => (value(start)?, value(end)?),
                    None => {
                        let start = value(base)?;
                        (start, if step.is_some() { max } else { start })
                    }
                },
            };
            if end < start {
                return Err(format!("the range {start}–{end} runs backwards"));
            }
            Ok(SpecRange::span(start, end, step.unwrap_or(1)))
        })
        .collect()
}

/// `5m`, `1h30m`, `90s`, `1d`, with an optional `/phase`.
fn every_interval(text: &str) -> Result<SpecInterval, String> {
    let (every, phase) = match text.split_once('/') {
        Some((every, phase)) => (every, Some(phase)),
        None => (text, None),
    };
    let every_seconds = seconds_of(every)?;
    if every_seconds < 1 {
        return Err("an interval is at least one second".into());
    }
    let phase_seconds = phase.map(seconds_of).transpose()?.unwrap_or(0);
    Ok(SpecInterval { every_seconds, phase_seconds })
}

fn seconds_of(text: &str) -> Result<i64, String> {
    let mut total = 0i64;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            other => return Err(format!("\"{other}\" is not a unit (s, m, h or d)")),
        };
        let count: i64 = number.parse().map_err(|_| format!("\"{text}\" is not a duration"))?;
        total = total.saturating_add(count.saturating_mul(unit));
        number.clear();
    }
    if !number.is_empty() || text.is_empty() {
        return Err(format!("\"{text}\" is not a duration such as 5m or 1h30m"));
    }
    Ok(total)
}

#[cfg(test)]
#[path = "schedule_cron_props.rs"]
mod props;
