//! The two ways a Temporal server names its metrics, brought to one. Temporal's default (its
//! Prometheus reporter): counters without a suffix, timers as histograms in seconds
//! (`service_latency_bucket`, `_sum`, `_count`). The OpenTelemetry naming an operator may turn on:
//! counters end in `_total`, timers are in milliseconds (`service_latency_milliseconds_bucket`).
//! Everything here works on the default's names, in seconds.

/// Which naming a series came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Naming {
    #[default]
    Temporal,
    OpenTelemetry,
}

impl Naming {
    pub fn describe(self) -> &'static str {
        match self {
            Naming::Temporal => "Temporal's default naming (counters without _total, latencies in seconds)",
            Naming::OpenTelemetry => "the OpenTelemetry naming (counters with _total, latencies in _milliseconds)",
        }
    }
}

/// A series name in the default naming, the factor that brings its `le` bounds and sums to
/// seconds, and the naming it came in.
#[derive(Debug, Clone, PartialEq)]
pub struct Canonical {
    pub name: String,
    pub to_seconds: f64,
    pub naming: Naming,
}

/// `service_requests_total` → `service_requests`; `service_latency_milliseconds_bucket` →
/// `service_latency_bucket` (÷ 1000); default names stay as they are.
pub fn canonical(name: &str) -> Canonical {
    for part in ["_bucket", "_sum", "_count"] {
        let Some(base) = name.strip_suffix(part) else { continue };
        if let Some(base) = base.strip_suffix("_milliseconds") {
            return Canonical { name: format!("{base}{part}"), to_seconds: 0.001, naming: Naming::OpenTelemetry };
        }
    }
    match name.strip_suffix("_total") {
        Some(base) => Canonical { name: base.to_string(), to_seconds: 1.0, naming: Naming::OpenTelemetry },
        None => Canonical { name: name.to_string(), to_seconds: 1.0, naming: Naming::Temporal },
    }
}

/// A label value as Temporal's reporter writes it: anything but letters, digits and `_`
/// becomes `_` (task queue `probe-tq` is reported as `probe_tq`).
pub fn sanitize(value: &str) -> String {
    value.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_namings_come_to_the_default_one() {
        assert_eq!(canonical("service_requests").name, "service_requests");
        assert_eq!(canonical("service_requests").naming, Naming::Temporal);
        let otel = canonical("service_requests_total");
        assert_eq!((otel.name.as_str(), otel.naming), ("service_requests", Naming::OpenTelemetry));
        let bucket = canonical("service_latency_milliseconds_bucket");
        assert_eq!((bucket.name.as_str(), bucket.to_seconds), ("service_latency_bucket", 0.001));
        assert_eq!(canonical("persistence_latency_milliseconds_sum").name, "persistence_latency_sum");
        assert_eq!(canonical("service_latency_bucket").to_seconds, 1.0);
        // A gauge whose own name holds a unit keeps it.
        assert_eq!(canonical("approximate_backlog_age_seconds").name, "approximate_backlog_age_seconds");
    }

    #[test]
    fn label_values_are_sanitised_as_the_server_does() {
        assert_eq!(sanitize("probe-tq"), "probe_tq");
        assert_eq!(sanitize("orders.v2/eu"), "orders_v2_eu");
        assert_eq!(sanitize("default"), "default");
    }
}
