//! Prometheus text exposition (a server's `/metrics`) into flat samples in the default naming and
//! in seconds, with the `prometheus-parse` crate. A timer's buckets become `…_bucket` samples with
//! their `le` label, as in the text. An answer that is not exposition text (an HTML page, JSON) is
//! an error, not an empty scrape.
use std::collections::BTreeMap;

use prometheus_parse::{LineInfo, Scrape, Value};

use super::{
    naming::{Naming, canonical},
    quantile::format_le,
    window::Sample,
};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub samples: Vec<Sample>,
    pub naming: Naming,
}

/// The samples of an exposition text, or why it is not one.
#[cfg(test)]
pub fn parse(text: &str) -> Result<Parsed, String> {
    parse_only(text, |_| true)
}

/// The metric name a line is about: a sample's, or a `# TYPE` / `# HELP` line's.
fn metric_of(line: &str) -> &str {
    let line = line.trim_start();
    let rest = line.strip_prefix("# TYPE ").or_else(|| line.strip_prefix("# HELP ")).unwrap_or(line);
    rest.split(|c: char| c == '{' || c.is_whitespace()).next().unwrap_or("")
}

/// [`parse`] for the metrics `wanted` accepts by name: a Temporal server's `/metrics` is about a
/// megabyte, of which the health page reads a small part; the rest is skipped before parsing.
pub fn parse_only(text: &str, wanted: impl Fn(&str) -> bool) -> Result<Parsed, String> {
    let (mut valid, mut invalid) = (0usize, 0usize);
    // The first lines tell exposition text from an HTML page or JSON.
    let lines = text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'));
    for line in lines.take(200) {
        match LineInfo::parse(line) {
            LineInfo::Sample { value, .. } if value.parse::<f64>().is_ok() || is_special(value) => valid += 1,
            _ => invalid += 1,
        }
    }
    if valid == 0 || invalid > valid {
        let start: String = text.trim_start().chars().take(40).collect();
        return Err(format!("the answer is not Prometheus text (it starts with {start:?})"));
    }
    let kept = text.lines().filter(|line| wanted(metric_of(line))).map(|line| Ok(line.to_string()));
    let scrape = Scrape::parse(kept).map_err(|error| format!("the answer cannot be read: {error}"))?;
    let mut parsed = Parsed::default();
    for sample in scrape.samples {
        let labels: BTreeMap<String, String> =
            sample.labels.iter().map(|(key, value)| (key.clone(), value.clone())).collect();
        let mut push = |name: &str, labels: BTreeMap<String, String>, value: f64| {
            let canonical = canonical(name);
            if canonical.naming == Naming::OpenTelemetry {
                parsed.naming = Naming::OpenTelemetry;
            }
            let mut labels = labels;
            let mut value = value;
            if canonical.to_seconds != 1.0 {
                if let Some(le) = labels.get_mut("le") {
                    if let Some(bound) = super::quantile::parse_le(le) {
                        *le = format_le(bound * canonical.to_seconds);
                    }
                } else if canonical.name.ends_with("_sum") {
                    value *= canonical.to_seconds;
                }
            }
            parsed.samples.push(Sample { name: canonical.name, labels, value });
        };
        match sample.value {
            Value::Counter(value) | Value::Gauge(value) | Value::Untyped(value) => push(&sample.metric, labels, value),
            Value::Histogram(buckets) => {
                let name = format!("{}_bucket", sample.metric);
                for bucket in buckets {
                    let mut labels = labels.clone();
                    labels.insert("le".into(), format_le(bucket.less_than));
                    push(&name, labels, bucket.count);
                }
            }
            // Temporal reports no summaries.
            Value::Summary(_) => {}
        }
    }
    Ok(parsed)
}

fn is_special(value: &str) -> bool {
    matches!(value.to_ascii_lowercase().as_str(), "nan" | "+inf" | "-inf" | "inf")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: &str = r#"# HELP service_requests service_requests counter
# TYPE service_requests counter
service_requests{namespace="default",operation="StartWorkflowExecution",service_name="frontend"} 3
# TYPE service_latency histogram
service_latency_bucket{namespace="default",operation="StartWorkflowExecution",service_name="frontend",le="0.05"} 2
service_latency_bucket{namespace="default",operation="StartWorkflowExecution",service_name="frontend",le="0.5"} 3
service_latency_bucket{namespace="default",operation="StartWorkflowExecution",service_name="frontend",le="+Inf"} 3
service_latency_sum{namespace="default",operation="StartWorkflowExecution",service_name="frontend"} 0.12
service_latency_count{namespace="default",operation="StartWorkflowExecution",service_name="frontend"} 3
# TYPE approximate_backlog_count gauge
approximate_backlog_count{namespace="default",partition="0",service_name="matching",taskqueue="probe_tq",task_type="Activity"} 4
"#;

    const OTEL: &str = r#"# TYPE service_requests_total counter
service_requests_total{namespace="default",operation="StartWorkflowExecution",service_name="frontend"} 3
# TYPE service_latency_milliseconds histogram
service_latency_milliseconds_bucket{operation="StartWorkflowExecution",service_name="frontend",le="50"} 2
service_latency_milliseconds_bucket{operation="StartWorkflowExecution",service_name="frontend",le="500"} 3
service_latency_milliseconds_bucket{operation="StartWorkflowExecution",service_name="frontend",le="+Inf"} 3
service_latency_milliseconds_sum{operation="StartWorkflowExecution",service_name="frontend"} 120
"#;

    fn find<'a>(parsed: &'a Parsed, name: &str, le: Option<&str>) -> &'a Sample {
        parsed
            .samples
            .iter()
            .find(|s| s.name == name && le.is_none_or(|le| s.label("le") == le))
            .unwrap_or_else(|| panic!("no {name} {le:?} in {:?}", parsed.samples))
    }

    #[test]
    fn temporals_default_naming_reads_as_it_is() {
        let parsed = parse(DEFAULT).expect("parsed");
        assert_eq!(parsed.naming, Naming::Temporal);
        assert_eq!(find(&parsed, "service_requests", None).value, 3.0);
        assert_eq!(find(&parsed, "service_latency_bucket", Some("0.05")).value, 2.0);
        assert_eq!(find(&parsed, "service_latency_bucket", Some("+Inf")).value, 3.0);
        assert_eq!(find(&parsed, "service_latency_sum", None).value, 0.12);
        let backlog = find(&parsed, "approximate_backlog_count", None);
        assert_eq!(backlog.label("taskqueue"), "probe_tq", "label values come sanitised");
    }

    #[test]
    fn the_opentelemetry_naming_comes_to_the_same_names_and_seconds() {
        let parsed = parse(OTEL).expect("parsed");
        assert_eq!(parsed.naming, Naming::OpenTelemetry);
        assert_eq!(find(&parsed, "service_requests", None).value, 3.0);
        assert_eq!(find(&parsed, "service_latency_bucket", Some("0.05")).value, 2.0, "50 ms is 0.05 s");
        assert_eq!(find(&parsed, "service_latency_bucket", Some("0.5")).value, 3.0);
        assert!((find(&parsed, "service_latency_sum", None).value - 0.12).abs() < 1e-9);
    }

    #[test]
    fn only_the_wanted_metrics_are_parsed() {
        let parsed = parse_only(DEFAULT, |name| name.starts_with("service_latency")).expect("parsed");
        assert!(parsed.samples.iter().all(|s| s.name.starts_with("service_latency")), "{:?}", parsed.samples);
        assert_eq!(parsed.samples.iter().filter(|s| s.name == "service_latency_bucket").count(), 3);
        assert_eq!(metric_of("# TYPE service_latency histogram"), "service_latency");
        assert_eq!(metric_of(r#"service_requests{a="b"} 1"#), "service_requests");
    }

    #[test]
    fn anything_but_exposition_text_is_refused() {
        let error = parse("<!DOCTYPE html><html><body>login</body></html>").expect_err("html");
        assert!(error.contains("not Prometheus text"), "{error}");
        assert!(parse("{\"status\":\"success\"}").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn a_series_not_seen_yet_is_absent_not_zero() {
        let parsed = parse(DEFAULT).expect("parsed");
        assert!(parsed.samples.iter().all(|s| s.name != "service_errors"), "no error seen: no series");
    }
}

#[cfg(test)]
#[path = "exposition_props.rs"]
mod props;
