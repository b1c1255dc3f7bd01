//! The tz database (chrono-tz) turned into the plain offset rules pages use, and the reader's
//! choice of zone (the `tdbg_tz` cookie).
use std::{
    collections::HashMap,
    str::FromStr,
    sync::{Arc, Mutex, OnceLock},
};

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};

use model::{ZoneRules, ZoneSpan};

/// The cookie that names the reader's zone.
pub const COOKIE: &str = "tdbg_tz";

/// The years whose offset changes the rules carry (1990 to 2069); earlier times use 1990's
/// first offset, later ones the last.
pub const YEARS: (i32, i32) = (1990, 2070);

/// The rules for an IANA zone name (`Europe/Berlin`, `UTC`), or `None` for a name the tz
/// database does not know. Built once per zone and kept.
pub fn rules_for(name: &str) -> Option<Arc<ZoneRules>> {
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    let tz = Tz::from_str(name).ok()?;
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<ZoneRules>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(rules) = cache.lock().ok()?.get(tz.name()) {
        return Some(rules.clone());
    }
    let rules = Arc::new(build(tz));
    cache.lock().ok()?.insert(tz.name().to_string(), rules.clone());
    Some(rules)
}

/// UTC, shared.
pub fn utc() -> Arc<ZoneRules> {
    static UTC: OnceLock<Arc<ZoneRules>> = OnceLock::new();
    UTC.get_or_init(|| Arc::new(ZoneRules::utc())).clone()
}

/// The zone a request's `tdbg_tz` cookie names; UTC without one or for a name that is not a zone.
pub fn from_headers(headers: &http::HeaderMap) -> Arc<ZoneRules> {
    chosen_name(headers).and_then(|name| rules_for(&name)).unwrap_or_else(utc)
}

/// The value of the `tdbg_tz` cookie, percent-decoded (`America%2FNew_York`).
pub fn chosen_name(headers: &http::HeaderMap) -> Option<String> {
    // Read lossily: another cookie's non-ASCII bytes must not hide this one.
    headers.get_all(http::header::COOKIE).iter().find_map(|value| {
        String::from_utf8_lossy(value.as_bytes())
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == COOKIE)
            .map(|(_, value)| percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned())
    })
}

/// Every zone the settings page offers: UTC first, then the tz database's `Area/City` names.
pub fn zone_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> =
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).filter(|name| is_offered(name)).collect();
    names.sort_unstable();
    names.insert(0, "UTC");
    names
}

fn is_offered(name: &str) -> bool {
    let area = name.split('/').next().unwrap_or_default();
    name.contains('/')
        && matches!(
            area,
            "Africa" | "America" | "Antarctica" | "Asia" | "Atlantic" | "Australia" | "Europe" | "Indian" | "Pacific"
        )
}

/// The zone's offset and abbreviation at `seconds` since the epoch.
fn reading(tz: Tz, seconds: i64) -> (i32, String) {
    let Some(utc) = DateTime::<Utc>::from_timestamp(seconds, 0) else { return (0, "UTC".to_string()) };
    let offset = tz.offset_from_utc_datetime(&utc.naive_utc());
    let seconds_east = offset.fix().local_minus_utc();
    let abbreviation = match offset.abbreviation() {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => numeric(seconds_east),
    };
    (seconds_east, abbreviation)
}

/// `+0530`, `-03`.
fn numeric(seconds_east: i32) -> String {
    let sign = if seconds_east < 0 { '-' } else { '+' };
    let minutes = seconds_east.unsigned_abs() / 60;
    if minutes.is_multiple_of(60) {
        format!("{sign}{:02}", minutes / 60)
    } else {
        format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
    }
}

/// Day by day over `YEARS`, each change of offset or name found to the second.
fn build(tz: Tz) -> ZoneRules {
    let year_start = |year: i32| Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).single().map_or(0, |t| t.timestamp());
    let (from, to) = (year_start(YEARS.0), year_start(YEARS.1));
    let first = reading(tz, from);
    let mut spans = vec![ZoneSpan { from_millis: i64::MIN, offset_seconds: first.0, abbreviation: first.1.clone() }];
    let mut current = first;
    let mut day = from;
    while day < to {
        let next_day = day + 86_400;
        if reading(tz, next_day) != current {
            // The change lies in (low, high]: halve until high is its first second.
            let (mut low, mut high) = (day, next_day);
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if reading(tz, middle) == current { low = middle } else { high = middle }
            }
            let changed = reading(tz, high);
            spans.push(ZoneSpan {
                from_millis: high * 1000,
                offset_seconds: changed.0,
                abbreviation: changed.1.clone(),
            });
            current = changed;
            // Another change may follow within the day: go on from this one.
            day = high;
            continue;
        }
        day = next_day;
    }
    ZoneRules { name: tz.name().to_string(), spans }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules give the tz database's own reading, to the millisecond, across the years.
    #[test]
    fn rules_agree_with_the_tz_database() {
        for name in ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo"] {
            let tz = Tz::from_str(name).unwrap();
            let rules = rules_for(name).unwrap();
            let mut millis: i64 = 700_000_000_123;
            while millis < 3_000_000_000_000 {
                let time = DateTime::<Utc>::from_timestamp_millis(millis).unwrap().with_timezone(&tz);
                let expected = time.format("%Y-%m-%d %H:%M:%S%.3f ").to_string();
                let text = rules.format(millis);
                assert!(text.starts_with(&expected), "{name} at {millis}: {text} vs {expected}");
                millis += 3_600_000 * 37 + 61_017;
            }
        }
    }

    #[test]
    fn a_dst_zone_has_two_changes_a_year_and_names_them() {
        let berlin = rules_for("Europe/Berlin").unwrap();
        assert_eq!(berlin.name, "Europe/Berlin");
        assert!((155..=165).contains(&berlin.spans.len()), "{}", berlin.spans.len());
        assert_eq!(berlin.format(1_764_092_771_123), "2025-11-25 18:46:11.123 CET");
        assert_eq!(berlin.format(1_750_000_000_000), "2025-06-15 17:06:40.000 CEST");
        assert_eq!(rules_for("Asia/Kolkata").unwrap().format(1_764_092_771_123), "2025-11-25 23:16:11.123 IST");
        assert_eq!(rules_for("UTC").unwrap().format(1_764_092_771_123), "2025-11-25 17:46:11.123 UTC");
    }

    #[test]
    fn unknown_names_and_hostile_cookies_give_utc() {
        assert!(rules_for("Mars/Olympus_Mons").is_none());
        assert!(rules_for("<script>").is_none());
        assert!(rules_for("").is_none());
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::COOKIE, "a=b; tdbg_tz=%3Cscript%3E".parse().unwrap());
        assert!(from_headers(&headers).is_utc());
        headers.insert(http::header::COOKIE, "tdbg_tz=America%2FNew_York; x=1".parse().unwrap());
        assert_eq!(from_headers(&headers).name, "America/New_York");
        assert!(from_headers(&http::HeaderMap::new()).is_utc());
        // Another cookie's non-ASCII value made the whole header unreadable (found by the properties).
        let value = http::HeaderValue::from_bytes("tdbg_tz=Europe%2FBerlin; _=¡".as_bytes()).expect("header");
        headers.insert(http::header::COOKIE, value);
        assert_eq!(from_headers(&headers).name, "Europe/Berlin");
    }

    #[test]
    fn the_list_starts_with_utc_and_holds_cities() {
        let names = zone_names();
        assert_eq!(names[0], "UTC");
        assert!(names.contains(&"Europe/Berlin") && names.contains(&"Asia/Kolkata"));
        assert!(!names.contains(&"EST5EDT") && names.len() > 300, "{}", names.len());
    }
}

#[cfg(test)]
#[path = "time_zones_props.rs"]
mod props;
