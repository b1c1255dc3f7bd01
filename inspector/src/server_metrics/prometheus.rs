//! A Prometheus-compatible query API (Prometheus, Thanos, Mimir, VictoriaMetrics): one instant
//! query (`{url}/api/v1/query`) for every family's increase over the range and the gauges now,
//! and one range query (`/api/v1/query_range`) for the trends, each sent as a form (POST, which
//! every one of them takes like GET: the query is several kilobytes). Each family is asked in both
//! namings (`service_requests` and `service_requests_total`, `…_bucket` and
//! `…_milliseconds_bucket`); the answer says which one the server uses.
use std::time::Duration;

use serde_json::Value;

use super::{
    MetricsError,
    families::{FAMILIES, Family, Kind},
    naming::{Naming, sanitize},
    quantile::{format_le, parse_le},
    window::{Sample, Trend, Trends, Window},
};

#[derive(Clone, Debug)]
pub struct PrometheusClient {
    base: reqwest::Url,
    /// The URL without credentials, for messages.
    shown: String,
    http: reqwest::Client,
    deadline: Duration,
}

/// One selector's matchers: the frontend's series, one namespace's.
fn selector(family: &Family, namespace: Option<&str>) -> String {
    let mut matchers = Vec::new();
    if family.frontend {
        matchers.push(r#"service_name="frontend""#.to_string());
    }
    if let Some(namespace) = namespace.filter(|_| family.namespaced) {
        matchers.push(format!(r#"namespace="{}""#, sanitize(namespace)));
    }
    format!("{{{}}}", matchers.join(","))
}

fn tagged(expression: String, family: &str, naming: Naming) -> String {
    let naming = if naming == Naming::OpenTelemetry { "otel" } else { "temporal" };
    format!(
        r#"label_replace(label_replace({expression}, "tdbg_family", "{family}", "", ""), "tdbg_naming", "{naming}", "", "")"#
    )
}

/// The instant query: every family, in both namings, joined with `or`.
pub fn window_query(range_seconds: u64, namespace: Option<&str>) -> String {
    let mut parts = Vec::new();
    for family in FAMILIES {
        let by = family.group_labels(false).join(",");
        let matchers = selector(family, namespace);
        let variants: Vec<(String, Naming)> = match family.kind {
            Kind::Counter => vec![
                (family.name.to_string(), Naming::Temporal),
                (format!("{}_total", family.name), Naming::OpenTelemetry),
            ],
            Kind::Histogram => vec![
                (format!("{}_bucket", family.name), Naming::Temporal),
                (format!("{}_milliseconds_bucket", family.name), Naming::OpenTelemetry),
            ],
            Kind::GaugeSum | Kind::GaugeMax => vec![(family.name.to_string(), Naming::Temporal)],
        };
        for (name, naming) in variants {
            let expression = match family.kind {
                Kind::Counter | Kind::Histogram => {
                    format!("sum by ({by}) (increase({name}{matchers}[{range_seconds}s]))")
                }
                Kind::GaugeSum => format!("sum by ({by}) ({name}{matchers})"),
                Kind::GaugeMax => format!("max by ({by}) ({name}{matchers})"),
            };
            parts.push(tagged(expression, &family.series(), naming));
        }
    }
    parts.join(" or ")
}

/// The range query: the frontend's and persistence's requests and errors per second, and each
/// task queue's backlog.
pub fn trends_query(step_seconds: u64, namespace: Option<&str>) -> String {
    let window = (2 * step_seconds).max(60);
    let mut parts = Vec::new();
    for (trend, family_name) in [
        ("frontend requests/s", "service_requests"),
        ("frontend errors/s", "service_errors"),
        ("persistence requests/s", "persistence_requests"),
        ("persistence errors/s", "persistence_errors"),
    ] {
        let Some(family) = FAMILIES.iter().find(|family| family.name == family_name) else { continue };
        let matchers = selector(family, namespace);
        for (name, naming) in
            [(family_name.to_string(), Naming::Temporal), (format!("{family_name}_total"), Naming::OpenTelemetry)]
        {
            parts.push(tagged(format!("sum(rate({name}{matchers}[{window}s]))"), trend, naming));
        }
    }
    if let Some(family) = FAMILIES.iter().find(|family| family.name == "approximate_backlog_count") {
        let matchers = selector(family, namespace);
        parts.push(tagged(
            format!("sum by (namespace,taskqueue) (approximate_backlog_count{matchers})"),
            "backlog",
            Naming::Temporal,
        ));
    }
    parts.join(" or ")
}

impl PrometheusClient {
    pub fn new(url: &str, deadline: Duration) -> Result<PrometheusClient, String> {
        let mut base = reqwest::Url::parse(url.trim()).map_err(|error| format!("not a URL ({error})"))?;
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        crate::temporal::tls::crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(deadline)
            .connect_timeout(Duration::from_secs(3))
            .build()
            .map_err(|error| format!("cannot prepare the HTTP client: {error}"))?;
        Ok(PrometheusClient { shown: super::settings::redact(url), base, http, deadline })
    }

    pub fn describe(&self) -> String {
        format!("Prometheus at {}", self.shown)
    }

    /// The window ending now: increases and gauges from one instant query, trends from one range query.
    pub async fn window(&self, range_seconds: u64, namespace: Option<&str>) -> Result<Window, MetricsError> {
        let now = chrono::Utc::now().timestamp();
        let step = (range_seconds / 60).max(15);
        let instant_query = [("query", window_query(range_seconds, namespace)), ("time", now.to_string())];
        let range_query = [
            ("query", trends_query(step, namespace)),
            ("start", (now - range_seconds as i64).to_string()),
            ("end", now.to_string()),
            ("step", step.to_string()),
        ];
        let (instant, range) =
            tokio::join!(self.get("api/v1/query", &instant_query), self.get("api/v1/query_range", &range_query));
        let mut window = Window::default();
        for item in results(&instant?, "vector")? {
            let Some((name, naming, labels)) = series_of(item) else { continue };
            if naming == Naming::OpenTelemetry {
                window.naming = Naming::OpenTelemetry;
            }
            let value = number(&item["value"][1]).unwrap_or(0.0);
            let sample = Sample { name, labels, value };
            let is_gauge = FAMILIES.iter().any(|family| family.is_gauge() && family.series() == sample.name);
            if is_gauge { window.gauges.push(sample) } else { window.increases.push(sample) }
        }
        window.trends = trends(results(&range?, "matrix")?);
        window.coverage = format!(
            "Increases over the range, from Prometheus's stored samples (a restart's counter reset is accounted for); trends in steps of {step} s."
        );
        Ok(window)
    }

    /// One call, its parameters as a form (the API takes them so; a query this long may not fit
    /// in the URL a proxy in front of Prometheus accepts).
    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value, MetricsError> {
        use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
        let url = self.base.join(path).map_err(|error| MetricsError::bad(format!("bad URL: {error}")))?;
        let form: Vec<String> = query
            .iter()
            .map(|(key, value)| format!("{key}={}", utf8_percent_encode(value, NON_ALPHANUMERIC)))
            .collect();
        let words = |error: reqwest::Error| {
            if error.is_timeout() {
                MetricsError::timeout(format!(
                    "{} did not answer within {} s",
                    self.describe(),
                    self.deadline.as_secs()
                ))
            } else if error.is_connect() {
                MetricsError::bad(format!("{} is unreachable (connection refused or no route)", self.describe()))
            } else {
                MetricsError::bad(format!("the call to {} failed", self.describe()))
            }
        };
        let request = self.http.post(url).header("content-type", "application/x-www-form-urlencoded");
        let response = request.body(form.join("&")).send().await.map_err(words)?;
        let status = response.status();
        let text = response.text().await.map_err(words)?;
        let json: Value = serde_json::from_str(&text).map_err(|_| {
            MetricsError::bad(format!("{} answered {status} with something that is not its JSON", self.describe()))
        })?;
        if json["status"] != "success" {
            let error = json["error"].as_str().unwrap_or("no reason given");
            let error: String = error.chars().take(200).collect();
            return Err(MetricsError::bad(format!("{} refused the query ({status}): {error}", self.describe())));
        }
        Ok(json)
    }
}

fn results<'a>(json: &'a Value, kind: &str) -> Result<&'a Vec<Value>, MetricsError> {
    if json["data"]["resultType"] != kind {
        return Err(MetricsError::bad(format!(
            "Prometheus answered a {} where a {kind} was expected",
            json["data"]["resultType"]
        )));
    }
    json["data"]["result"].as_array().ok_or_else(|| MetricsError::bad("Prometheus's answer has no result list".into()))
}

/// A result's series name (its family tag), naming, and other labels, `le` brought to seconds.
fn series_of(item: &Value) -> Option<(String, Naming, std::collections::BTreeMap<String, String>)> {
    let metric = item["metric"].as_object()?;
    let name = metric.get("tdbg_family")?.as_str()?.to_string();
    let naming = if metric.get("tdbg_naming").and_then(Value::as_str) == Some("otel") {
        Naming::OpenTelemetry
    } else {
        Naming::Temporal
    };
    let mut labels = std::collections::BTreeMap::new();
    for (key, value) in metric.iter().filter(|(key, _)| !key.starts_with("tdbg_")) {
        let mut value = value.as_str().unwrap_or_default().to_string();
        if key == "le"
            && naming == Naming::OpenTelemetry
            && let Some(bound) = parse_le(&value)
        {
            value = format_le(bound / 1000.0);
        }
        labels.insert(key.clone(), value);
    }
    Some((name, naming, labels))
}

fn number(value: &Value) -> Option<f64> {
    value.as_str().and_then(|text| parse_le(text).or_else(|| text.parse().ok())).filter(|v: &f64| v.is_finite())
}

fn trends(items: &[Value]) -> Trends {
    let mut trends = Trends::default();
    for item in items {
        let Some((name, _, labels)) = series_of(item) else { continue };
        let points: Vec<(i64, f64)> = item["values"]
            .as_array()
            .map(|values| {
                values.iter().filter_map(|point| Some((point[0].as_f64()? as i64, number(&point[1])?))).collect()
            })
            .unwrap_or_default();
        let label = if name == "backlog" {
            format!(
                "{}/{}",
                labels.get("namespace").map_or("", String::as_str),
                labels.get("taskqueue").map_or("", String::as_str)
            )
        } else {
            name.clone()
        };
        let trend = Trend { label, points };
        match name.as_str() {
            "backlog" => trends.backlog.push(trend),
            name if name.starts_with("frontend") => trends.frontend.push(trend),
            _ => trends.persistence.push(trend),
        }
    }
    trends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_asks_both_namings_for_the_frontend_of_one_namespace() {
        let query = window_query(3600, Some("probe-ns"));
        assert!(
            query.contains(r#"increase(service_requests{service_name="frontend",namespace="probe_ns"}[3600s])"#),
            "{query}"
        );
        assert!(query.contains("increase(service_requests_total{"), "{query}");
        assert!(query.contains("sum by (operation,le) (increase(service_latency_milliseconds_bucket{"), "{query}");
        assert!(
            query.contains("max by (namespace,taskqueue) (approximate_backlog_age_seconds{namespace=\"probe_ns\"})"),
            "{query}"
        );
        assert!(query.contains("persistence_requests{}[3600s]"), "persistence has no namespace filter: {query}");
    }

    #[test]
    fn results_carry_their_family_and_milliseconds_become_seconds() {
        let item = serde_json::json!({
            "metric": {"tdbg_family": "service_latency_bucket", "tdbg_naming": "otel", "operation": "A", "le": "250"},
            "value": [1700000000.0, "4"]
        });
        let (name, naming, labels) = series_of(&item).expect("series");
        assert_eq!((name.as_str(), naming), ("service_latency_bucket", Naming::OpenTelemetry));
        assert_eq!(labels["le"], "0.25");
        assert!(!labels.contains_key("tdbg_naming"));
        assert_eq!(number(&item["value"][1]), Some(4.0));
        assert_eq!(number(&serde_json::json!("NaN")), None);
    }
}
