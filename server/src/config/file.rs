//! The `--config` TOML file. Unknown keys are an error (a typo must not silently do nothing).
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub public_path: Option<String>,
    pub server_tls_cert: Option<PathBuf>,
    pub server_tls_key: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub imports_max_megabytes: Option<u64>,
    pub log_format: Option<String>,
    pub rpc_deadline_seconds: Option<u64>,
    pub request_timeout_seconds: Option<u64>,
    pub status_counts: Option<bool>,
    pub hide_workflow_query_errors: Option<bool>,
    pub forward_headers: Option<Vec<String>>,
    pub max_concurrent_imports: Option<u64>,
    pub audit_max_bytes: Option<u64>,
    pub audit_keep: Option<u64>,
    pub read_cache_megabytes: Option<u64>,
    pub triage_runs: Option<u64>,
    #[serde(default)]
    pub clusters: Vec<FileCluster>,
}

/// One `[[clusters]]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileCluster {
    pub name: Option<String>,
    /// Take the unset settings from this temporal CLI profile.
    pub profile: Option<String>,
    pub address: Option<String>,
    pub namespace: Option<String>,
    pub api_key: Option<String>,
    /// A file whose content is the API key (a mounted secret).
    pub api_key_file: Option<PathBuf>,
    pub codec_endpoint: Option<String>,
    /// The cluster health page's metrics: a Prometheus query API, or a server's `/metrics`.
    pub metrics_prometheus_url: Option<String>,
    pub metrics_scrape_url: Option<String>,
    pub tls: Option<FileTls>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileTls {
    pub enabled: Option<bool>,
    pub ca: Option<PathBuf>,
    pub ca_data: Option<String>,
    pub cert: Option<PathBuf>,
    pub cert_data: Option<String>,
    pub key: Option<PathBuf>,
    pub key_data: Option<String>,
    pub server_name: Option<String>,
    pub enable_host_verification: Option<bool>,
}

impl FileConfig {
    /// Reads and parses the file; the error is one line naming the file and the problem.
    pub fn read(path: &Path) -> Result<FileConfig, String> {
        let text = std::fs::read_to_string(path).map_err(|error| format!("--config {}: {error}", path.display()))?;
        toml::from_str(&text).map_err(|error| {
            let message = error.message().replace('\n', " ");
            let at = error.span().map(|span| line_of(&text, span.start)).map(|line| format!(" (line {line})"));
            format!("--config {}{}: {message}", path.display(), at.unwrap_or_default())
        })
    }
}

/// The 1-based line of a byte offset; counted in bytes, so an offset that is not on a char
/// boundary cannot panic.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&byte| byte == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::line_of;

    #[test]
    fn lines_count_from_one_at_any_offset() {
        let text = "a = 1\nb = \"é\"\nc";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 6), 2);
        // Offset 12 is inside the two bytes of "é".
        assert_eq!(line_of(text, 12), 2);
        assert_eq!(line_of(text, 99), 3);
    }
}
