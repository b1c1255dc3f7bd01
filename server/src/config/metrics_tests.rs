//! The cluster health page's settings: per cluster, from flags, environment or the file; a
//! malformed URL stops the server naming its setting; credentials never printed.
use super::*;

fn load(args: &[&str]) -> Result<Config, String> {
    let mut all = vec!["server"];
    all.extend_from_slice(args);
    Config::load(all).map_err(|error| match error {
        ConfigError::Invalid(line) => line,
        ConfigError::Flags(error) => error.to_string(),
    })
}

#[test]
fn metrics_urls_come_from_flags_and_from_each_clusters_table() {
    let none = load(&[]).expect("defaults");
    assert!(!none.default_cluster().metrics.is_configured());
    let config =
        load(&["--metrics-prometheus-url", "https://reader:s3cret@prometheus.example.com/prom"]).expect("flag");
    let metrics = &config.default_cluster().metrics;
    assert_eq!(metrics.prometheus_url.as_deref(), Some("https://reader:s3cret@prometheus.example.com/prom"));
    let described = config.describe();
    assert!(
        described
            .contains("metrics_prometheus_url = https://***@prometheus.example.com/prom  # --metrics-prometheus-url"),
        "{described}"
    );
    assert!(!described.contains("s3cret"), "{described}");
    assert!(described.contains("metrics_scrape_url = (none)"), "{described}");

    let dir = std::env::temp_dir().join(format!("tdbg-config-metrics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("app.toml");
    std::fs::write(
        &file,
        "[[clusters]]\nname = \"a\"\n\n[[clusters]]\nname = \"b\"\naddress = \"b:7233\"\nmetrics_scrape_url = \"http://b:9090/metrics\"\n",
    )
    .expect("write");
    let config = load(&["--config", &file.display().to_string()]).expect("file");
    assert!(!config.clusters[0].metrics.is_configured());
    assert_eq!(config.clusters[1].metrics.scrape_url.as_deref(), Some("http://b:9090/metrics"));
    assert!(config.describe().contains("metrics_scrape_url = http://b:9090/metrics  # "), "{}", config.describe());
}

#[test]
fn a_malformed_metrics_url_stops_the_server_naming_its_setting() {
    let error = load(&["--metrics-scrape-url", "127.0.0.1:9090/metrics"]).expect_err("no scheme");
    assert!(error.starts_with("--metrics-scrape-url: "), "{error}");
    let error = load(&["--metrics-prometheus-url", "ftp://user:hunter2@prometheus"]).expect_err("ftp");
    assert!(error.contains("--metrics-prometheus-url") && error.contains("not an http or https URL"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
    assert!(!error.contains('\n'), "one line: {error}");
}
