//! The time zone a page shows its times in, as plain offset rules: the server builds them from
//! the tz database (`inspector::time_zones`) and hands the same rules to the browser in the page, so
//! both write every time with one function and the WASM bundle carries no tz database.
use serde::{Deserialize, Serialize};

/// From `from_millis` on (until the next span), the zone is `offset_seconds` east of UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneSpan {
    pub from_millis: i64,
    pub offset_seconds: i32,
    /// `CET`, `PDT`, or the offset (`+0530`) where the zone has no abbreviation.
    pub abbreviation: String,
}

/// A zone's offsets over the years pages show (see `inspector::time_zones::YEARS`); before its first
/// span a time uses the first offset, after its last the last one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneRules {
    /// The IANA name (`Europe/Berlin`), or `UTC`.
    pub name: String,
    /// Sorted by `from_millis`; never empty.
    pub spans: Vec<ZoneSpan>,
}

/// The settings page's time-zone choice: the zone pages use and every zone on offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZoneChoice {
    /// The zone pages use now (`UTC` without a choice).
    pub current: String,
    /// What the reader once chose, when the tz database does not know it (the pages use UTC).
    pub unknown: Option<String>,
    /// `UTC`, then the tz database's `Area/City` names.
    pub names: Vec<String>,
}

impl Default for ZoneRules {
    fn default() -> Self {
        ZoneRules::utc()
    }
}

impl ZoneRules {
    pub fn utc() -> ZoneRules {
        ZoneRules {
            name: "UTC".to_string(),
            spans: vec![ZoneSpan { from_millis: i64::MIN, offset_seconds: 0, abbreviation: "UTC".to_string() }],
        }
    }

    pub fn is_utc(&self) -> bool {
        self.name == "UTC"
    }

    fn span_at(&self, millis: i64) -> &ZoneSpan {
        let after = self.spans.partition_point(|span| span.from_millis <= millis);
        &self.spans[after.saturating_sub(1).min(self.spans.len() - 1)]
    }

    /// `2025-11-25 18:46:11.123 CET`.
    pub fn format(&self, millis: i64) -> String {
        let span = self.span_at(millis);
        let local = Civil::of(millis.saturating_add(i64::from(span.offset_seconds) * 1000));
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03} {}",
            local.year, local.month, local.day, local.hour, local.minute, local.second, local.millis, span.abbreviation
        )
    }

    /// An axis label: `14:05:00`, or `11-25 14:05:00` with the date.
    pub fn clock(&self, millis: i64, with_date: bool) -> String {
        let local = Civil::of(millis.saturating_add(i64::from(self.span_at(millis).offset_seconds) * 1000));
        let time = format!("{:02}:{:02}:{:02}", local.hour, local.minute, local.second);
        if with_date { format!("{:02}-{:02} {time}", local.month, local.day) } else { time }
    }

    /// Milliseconds east of UTC at `millis`, to align axis ticks on local hours.
    pub fn offset_millis(&self, millis: i64) -> i64 {
        i64::from(self.span_at(millis).offset_seconds) * 1000
    }

    /// What a column heading says: `UTC`, or `Europe/Berlin`.
    pub fn label(&self) -> &str {
        &self.name
    }
}

/// A moment as a calendar date and clock reading (proleptic Gregorian).
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    millis: u32,
}

impl Civil {
    fn of(millis: i64) -> Civil {
        let days = millis.div_euclid(86_400_000);
        let in_day = millis.rem_euclid(86_400_000) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            millis: in_day % 1000,
        }
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin_2025() -> ZoneRules {
        ZoneRules {
            name: "Europe/Berlin".to_string(),
            spans: vec![
                ZoneSpan { from_millis: i64::MIN, offset_seconds: 3600, abbreviation: "CET".to_string() },
                // 2025-03-30 01:00 UTC and 2025-10-26 01:00 UTC.
                ZoneSpan { from_millis: 1_743_296_400_000, offset_seconds: 7200, abbreviation: "CEST".to_string() },
                ZoneSpan { from_millis: 1_761_440_400_000, offset_seconds: 3600, abbreviation: "CET".to_string() },
            ],
        }
    }

    #[test]
    fn utc_reads_as_before() {
        assert_eq!(ZoneRules::utc().format(1_764_092_771_123), "2025-11-25 17:46:11.123 UTC");
        assert_eq!(ZoneRules::utc().format(0), "1970-01-01 00:00:00.000 UTC");
        assert_eq!(ZoneRules::utc().format(-1), "1969-12-31 23:59:59.999 UTC");
        assert_eq!(ZoneRules::utc().format(951_782_400_000), "2000-02-29 00:00:00.000 UTC");
    }

    #[test]
    fn offsets_follow_the_spans() {
        let berlin = berlin_2025();
        assert_eq!(berlin.format(1_764_092_771_123), "2025-11-25 18:46:11.123 CET");
        assert_eq!(berlin.format(1_743_296_399_999), "2025-03-30 01:59:59.999 CET");
        assert_eq!(berlin.format(1_743_296_400_000), "2025-03-30 03:00:00.000 CEST");
        assert_eq!(berlin.clock(1_750_000_000_000, false), "17:06:40");
        assert_eq!(berlin.clock(1_750_000_000_000, true), "06-15 17:06:40");
        assert_eq!(berlin.offset_millis(1_750_000_000_000), 7_200_000);
    }
}

#[cfg(test)]
#[path = "time_zone_props.rs"]
mod props;
