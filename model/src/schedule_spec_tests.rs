//! Schedule specs in words: intervals, calendars, cron strings.
use super::{
    schedule_cron::{CronSpec, calendar_fields, parse_cron},
    schedule_spec::{
        ScheduleSpecView, SpecCalendar, SpecInterval, SpecRange, calendar_raw, calendar_words, cron_words,
        interval_words,
    },
};

fn interval(every_seconds: i64, phase_seconds: i64) -> SpecInterval {
    SpecInterval { every_seconds, phase_seconds }
}

fn calendar(fields: [&str; 7]) -> SpecCalendar {
    calendar_fields(fields).expect("a readable calendar")
}

#[test]
fn intervals_name_their_unit() {
    assert_eq!(interval_words(&interval(300, 0)), "every 5 minutes");
    assert_eq!(interval_words(&interval(60, 0)), "every minute");
    assert_eq!(interval_words(&interval(30, 0)), "every 30 seconds");
    assert_eq!(interval_words(&interval(1, 0)), "every second");
    assert_eq!(interval_words(&interval(3600, 0)), "every hour");
    assert_eq!(interval_words(&interval(7200, 0)), "every 2 hours");
    assert_eq!(interval_words(&interval(5400, 0)), "every 1 hour 30 minutes");
    assert_eq!(interval_words(&interval(86_400, 0)), "every day");
    assert_eq!(interval_words(&interval(3 * 86_400, 0)), "every 3 days");
    assert_eq!(interval_words(&interval(90, 0)), "every 1 minute 30 seconds");
}

#[test]
fn an_interval_with_a_phase_says_its_offset() {
    assert_eq!(interval_words(&interval(3600, 900)), "every hour, offset by 15 minutes");
    assert_eq!(interval_words(&interval(86_400, 9 * 3600)), "every day, offset by 9 hours");
    assert_eq!(interval_words(&interval(60, 15)), "every minute, offset by 15 seconds");
}

#[test]
fn calendars_at_set_times_list_them() {
    let weekdays = calendar(["", "0", "9", "", "", "", "1-5"]);
    assert_eq!(calendar_words(&weekdays), "at 09:00 on Monday–Friday");
    let twice = calendar(["", "30", "9,17", "", "", "", ""]);
    assert_eq!(calendar_words(&twice), "at 09:30 and 17:30 every day");
    let with_seconds = calendar(["15", "0", "12", "", "", "", ""]);
    assert_eq!(calendar_words(&with_seconds), "at 12:00:15 every day");
    let midnight = calendar(["", "", "", "", "", "", ""]);
    assert_eq!(calendar_words(&midnight), "at 00:00 every day");
}

#[test]
fn calendars_with_steps_lists_and_ranges() {
    let quarter = calendar(["", "*/15", "*", "", "", "", ""]);
    assert_eq!(calendar_words(&quarter), "every 15 minutes");
    let office = calendar(["", "*/5", "9-17", "", "", "", "MON-FRI"]);
    assert_eq!(calendar_words(&office), "every 5 minutes during hours 09–17 on Monday–Friday");
    let hourly = calendar(["", "30", "*", "", "", "", ""]);
    assert_eq!(calendar_words(&hourly), "every hour at minute 30");
    let two_hours = calendar(["", "0", "*/2", "", "", "", ""]);
    assert_eq!(calendar_words(&two_hours), "every 2 hours at minute 0");
    let days = calendar(["", "0", "6", "1,15", "jan-mar", "", ""]);
    assert_eq!(calendar_words(&days), "at 06:00 on days 1 and 15 of the month in January–March");
    let some_days = calendar(["", "0", "6", "", "", "2027", "mon,wed,fri"]);
    assert_eq!(calendar_words(&some_days), "at 06:00 on Monday, Wednesday and Friday in 2027");
    let stepped = calendar(["", "0", "8-20/2", "", "", "", ""]);
    assert_eq!(calendar_words(&stepped), "at minute 0 during hours 08–20 every 2");
    let six = calendar(["", "0", "8-18/2", "", "", "", ""]);
    assert_eq!(calendar_words(&six), "at 08:00, 10:00, 12:00, 14:00, 16:00 and 18:00 every day");
}

#[test]
fn structured_ranges_read_like_temporal_writes_them() {
    // Temporal returns `end: 0` for a single value and `step: 0` for 1.
    let structured = SpecCalendar {
        second: vec![SpecRange { start: 0, end: 0, step: 0 }],
        minute: vec![SpecRange { start: 0, end: 0, step: 0 }],
        hour: vec![SpecRange { start: 9, end: 0, step: 0 }],
        day_of_month: vec![SpecRange { start: 1, end: 31, step: 0 }],
        month: vec![SpecRange { start: 1, end: 12, step: 0 }],
        year: Vec::new(),
        day_of_week: vec![SpecRange { start: 1, end: 5, step: 0 }],
        comment: "office hours".into(),
    };
    assert_eq!(calendar_words(&structured), "at 09:00 on Monday–Friday");
    assert_eq!(
        calendar_raw(&structured),
        "second=0 minute=0 hour=9 day_of_month=1-31 month=1-12 day_of_week=1-5 # office hours"
    );
}

#[test]
fn cron_strings_in_words() {
    assert_eq!(cron_words("0 9 * * 1-5", "UTC"), "at 09:00 on Monday–Friday (UTC)");
    assert_eq!(cron_words("*/10 * * * *", "UTC"), "every 10 minutes (UTC)");
    assert_eq!(cron_words("@daily", "UTC"), "at 00:00 every day (UTC)");
    assert_eq!(cron_words("@hourly", "UTC"), "every hour at minute 0 (UTC)");
    assert_eq!(cron_words("@weekly", "UTC"), "at 00:00 on Sunday (UTC)");
    assert_eq!(cron_words("@every 5m", "UTC"), "every 5 minutes");
    assert_eq!(cron_words("@every 1h/15m", "UTC"), "every hour, offset by 15 minutes");
    assert_eq!(
        cron_words("CRON_TZ=Europe/Berlin 30 6 * * SAT,SUN", "UTC"),
        "at 06:30 on Saturday and Sunday (Europe/Berlin)"
    );
    assert_eq!(cron_words("0 9 * * 5-7", "Asia/Tokyo"), "at 09:00 on Friday–Saturday and Sunday (Asia/Tokyo)");
    // Seven fields: second first, year last.
    assert_eq!(cron_words("30 0 12 * * * 2030", "UTC"), "at 12:00:30 every day in 2030 (UTC)");
    assert_eq!(cron_words("not a cron", "UTC"), "cron \"not a cron\"");
}

#[test]
fn cron_strings_keep_their_zone_and_comment() {
    let Ok(CronSpec::Calendar { calendar, time_zone }) = parse_cron("TZ=America/New_York 0 12 * * * # lunch") else {
        panic!("a calendar");
    };
    assert_eq!(time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(calendar.comment, "lunch");
    assert_eq!(calendar.hour, vec![SpecRange::span(12, 12, 1)]);
    assert_eq!(parse_cron("@every 90s"), Ok(CronSpec::Interval(interval(90, 0))));
    assert!(parse_cron("61 * * * *").is_err(), "minute 61 does not exist");
    assert!(parse_cron("* * *").is_err(), "too few fields");
    assert!(parse_cron("@every 5x").is_err(), "not a unit");
}

#[test]
fn a_spec_names_its_zone_for_calendars_only() {
    let spec = ScheduleSpecView {
        intervals: vec![interval(300, 0)],
        calendars: vec![calendar(["", "0", "9", "", "", "", "1-5"])],
        cron_strings: vec!["@daily".into()],
        excluded: vec![calendar(["", "0", "9", "25", "12", "", ""])],
        time_zone: "Europe/Berlin".into(),
        jitter_seconds: 30,
        ..ScheduleSpecView::default()
    };
    assert_eq!(
        spec.words(),
        vec![
            "every 5 minutes".to_string(),
            "at 09:00 on Monday–Friday (Europe/Berlin)".into(),
            "at 00:00 every day (Europe/Berlin)".into(),
            "except at 09:00 on day 25 of the month in December (Europe/Berlin)".into(),
        ]
    );
    assert_eq!(spec.jitter_words().as_deref(), Some("up to 30 seconds later, at random"));
    let utc =
        ScheduleSpecView { calendars: vec![calendar(["", "", "", "", "", "", ""])], ..ScheduleSpecView::default() };
    assert_eq!(utc.words(), vec!["at 00:00 every day (UTC)".to_string()]);
    assert_eq!(ScheduleSpecView::default().words(), vec!["no times: it runs only when triggered".to_string()]);
    assert_eq!(ScheduleSpecView::default().jitter_words(), None);
}

/// Temporal's ranges are any i32s: stepping past `i32::MAX` overflowed (found by the properties).
#[test]
fn ranges_at_the_end_of_i32_read_in_words() {
    let at_max = SpecRange { start: i32::MAX, end: 0, step: 0 };
    let big_step = SpecRange { start: 1_017_153_028, end: 0, step: 1_130_330_620 };
    let calendar = SpecCalendar { day_of_month: vec![at_max], hour: vec![big_step], ..SpecCalendar::default() };
    let words = calendar_words(&calendar);
    assert!(words.contains("2147483647"), "{words}");
    let months = SpecCalendar { month: vec![SpecRange::span(i32::MIN, i32::MIN, 1)], ..SpecCalendar::default() };
    assert!(calendar_words(&months).ends_with("in January"), "{}", calendar_words(&months));
}
