//! Properties of reading a Temporal server's `/metrics` answer (`exposition::parse`): any text
//! is samples or a sentence, and exposition lines each give their sample.
use proptest::prelude::*;

use super::parse;
use model::prop_text::{text, text_of};

/// A line of an answer: a sample, a comment, a `# TYPE`, HTML, or anything.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        sample(),
        text_of("az_ ", 1..=8).prop_map(|name| format!("# TYPE {name} histogram")),
        text_of("az_{}=\",. 019eE+-#", 0..=20),
        Just("<html><body>502 Bad Gateway</body></html>".to_string()),
        text(20),
    ]
}

/// `name{a="1",b="x"} value`, with numbers as Prometheus writes them.
fn sample() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        any::<f64>().prop_map(|value| value.to_string()),
        any::<i64>().prop_map(|value| value.to_string()),
        prop::sample::select(vec!["NaN", "+Inf", "-Inf", "1e-300", "1.5e308"]).prop_map(str::to_string),
    ];
    let labels = prop::collection::vec((text_of("az", 1..=4), text_of("az09", 0..=4)), 0..3);
    (text_of("az", 1..=8), labels, value).prop_map(|(name, labels, value)| {
        let labels: Vec<String> = labels.iter().map(|(key, value)| format!("{key}=\"{value}\"")).collect();
        let labels = if labels.is_empty() { String::new() } else { format!("{{{}}}", labels.join(",")) };
        format!("{name}{labels} {value}")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_answer_is_samples_or_a_sentence(lines in prop::collection::vec(line(), 0..6)) {
        match parse(&lines.join("\n")) {
            Ok(parsed) => prop_assert!(parsed.samples.iter().all(|sample| !sample.name.is_empty())),
            Err(error) => prop_assert!(error.starts_with("the answer"), "{}", error),
        }
    }

    /// Plain samples (no `# TYPE`, names with no unit) each read as one sample of that name.
    #[test]
    fn every_sample_line_is_a_sample(lines in prop::collection::vec(sample(), 1..5)) {
        let parsed = parse(&lines.join("\n")).map_err(TestCaseError::fail)?;
        prop_assert_eq!(parsed.samples.len(), lines.len());
        for (sample, line) in parsed.samples.iter().zip(&lines) {
            prop_assert!(line.starts_with(&sample.name), "{} from {}", sample.name, line);
        }
    }
}
