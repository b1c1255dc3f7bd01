//! Quantiles from histogram buckets, as PromQL's `histogram_quantile` computes them: find the
//! bucket the rank falls in and interpolate linearly inside it. Past the largest finite bound
//! the answer is that bound (nothing more precise is known).
use std::collections::BTreeMap;

use super::window::Sample;

/// `q` (0–1) of the cumulative buckets `(upper bound, count)`; `None` without observations.
pub fn quantile(q: f64, buckets: &[(f64, f64)]) -> Option<f64> {
    let mut buckets: Vec<(f64, f64)> = buckets.iter().copied().filter(|(le, _)| !le.is_nan()).collect();
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total = buckets.last().map(|(_, count)| *count)?;
    if total <= 0.0 || !total.is_finite() {
        return None;
    }
    let rank = q.clamp(0.0, 1.0) * total;
    let mut previous = (0.0_f64, 0.0_f64);
    for &(le, count) in &buckets {
        if count >= rank {
            if le.is_infinite() {
                return Some(previous.0);
            }
            let lower = if previous.0 > le { 0.0 } else { previous.0 };
            let in_bucket = count - previous.1;
            if in_bucket <= 0.0 {
                return Some(le);
            }
            return Some(lower + (le - lower) * (rank - previous.1) / in_bucket);
        }
        previous = (le, count);
    }
    Some(previous.0)
}

/// Each group's quantile from `…_bucket` samples that carry `le` and the `by` labels.
pub fn quantiles_by(samples: &[Sample], series: &str, by: &[&str], q: f64) -> BTreeMap<Vec<String>, f64> {
    let mut groups: BTreeMap<Vec<String>, Vec<(f64, f64)>> = BTreeMap::new();
    for sample in samples.iter().filter(|sample| sample.name == series) {
        let Some(le) = parse_le(sample.label("le")) else { continue };
        let key = by.iter().map(|label| sample.label(label).to_string()).collect();
        let buckets = groups.entry(key).or_default();
        match buckets.iter_mut().find(|(bound, _)| *bound == le) {
            Some(bucket) => bucket.1 += sample.value,
            None => buckets.push((le, sample.value)),
        }
    }
    groups.into_iter().filter_map(|(key, buckets)| quantile(q, &buckets).map(|value| (key, value))).collect()
}

/// `0.05`, `+Inf`, `Inf`.
pub fn parse_le(text: &str) -> Option<f64> {
    match text {
        "+Inf" | "Inf" | "inf" | "+inf" => Some(f64::INFINITY),
        _ => text.parse::<f64>().ok(),
    }
}

/// An `le` bound written back after a change of unit (`+Inf` stays).
pub fn format_le(le: f64) -> String {
    if le.is_infinite() { "+Inf".to_string() } else { format!("{le}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_inside_their_bucket() {
        // 100 observations: 50 under 0.1 s, 40 more under 0.5 s, 10 more under 1 s.
        let buckets = [(0.1, 50.0), (0.5, 90.0), (1.0, 100.0), (f64::INFINITY, 100.0)];
        let p50 = quantile(0.5, &buckets).expect("p50");
        assert!((p50 - 0.1).abs() < 1e-9, "{p50}");
        let p95 = quantile(0.95, &buckets).expect("p95");
        assert!((p95 - 0.75).abs() < 1e-9, "{p95}");
        let p99 = quantile(0.99, &buckets).expect("p99");
        assert!((p99 - 0.95).abs() < 1e-9, "{p99}");
    }

    #[test]
    fn beyond_the_last_bound_and_without_observations() {
        let buckets = [(0.1, 1.0), (1.0, 2.0), (f64::INFINITY, 10.0)];
        assert_eq!(quantile(0.99, &buckets), Some(1.0), "the largest finite bound");
        assert_eq!(quantile(0.95, &[(0.1, 0.0), (f64::INFINITY, 0.0)]), None);
        assert_eq!(quantile(0.95, &[]), None);
    }

    #[test]
    fn grouped_quantiles_sum_buckets_of_the_same_bound() {
        let samples = vec![
            Sample::new("service_latency_bucket", &[("operation", "A"), ("le", "0.1")], 40.0),
            Sample::new("service_latency_bucket", &[("operation", "A"), ("le", "0.1")], 10.0),
            Sample::new("service_latency_bucket", &[("operation", "A"), ("le", "1")], 100.0),
            Sample::new("service_latency_bucket", &[("operation", "A"), ("le", "+Inf")], 100.0),
            Sample::new("service_latency_bucket", &[("operation", "B"), ("le", "+Inf")], 0.0),
        ];
        let p50 = quantiles_by(&samples, "service_latency_bucket", &["operation"], 0.5);
        assert!((p50[&vec!["A".to_string()]] - 0.1).abs() < 1e-9);
        assert!(!p50.contains_key(&vec!["B".to_string()]), "no observation, no quantile");
        assert_eq!(format_le(0.005), "0.005");
        assert_eq!(format_le(f64::INFINITY), "+Inf");
    }
}
