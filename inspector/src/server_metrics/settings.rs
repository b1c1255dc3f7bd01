//! Where one cluster's Temporal server metrics are read: a Prometheus-compatible query API
//! (`TDBG_METRICS_PROMETHEUS_URL`) or a server's own `/metrics` (`TDBG_METRICS_SCRAPE_URL`).
//! Plain data built from the configuration. A URL may carry credentials (`https://user:pw@…`):
//! [`redact`] is what pages, logs and `--print-config` get.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetricsSettings {
    /// Base URL of a Prometheus query API: `{url}/api/v1/query` and `/api/v1/query_range`.
    pub prometheus_url: Option<String>,
    /// A Temporal server's `/metrics` endpoint, scraped directly.
    pub scrape_url: Option<String>,
}

impl MetricsSettings {
    pub fn is_configured(&self) -> bool {
        self.prometheus_url.is_some() || self.scrape_url.is_some()
    }
}

/// `Ok` for an absolute http or https URL; `Err` says what is wrong without repeating credentials.
pub fn check_url(text: &str) -> Result<(), String> {
    let url = reqwest::Url::parse(text.trim()).map_err(|error| format!("{:?} is not a URL ({error})", redact(text)))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{:?} is not an http or https URL", redact(text)));
    }
    Ok(())
}

/// The URL without its user name and password (`https://***@host/…`), for anything shown.
pub fn redact(text: &str) -> String {
    match reqwest::Url::parse(text.trim()) {
        Ok(mut url) if matches!(url.scheme(), "http" | "https") => {
            if url.username().is_empty() && url.password().is_none() {
                return url.to_string();
            }
            let _ = url.set_password(None);
            let _ = url.set_username("***");
            url.to_string()
        }
        // Not an http URL (`user:pw@host:9090` parses as the scheme `user`): whatever precedes
        // an `@` could be a password.
        _ => match text.rsplit_once('@') {
            Some((_, host)) => format!("***@{host}"),
            None => text.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http_and_keep_their_credentials_out_of_messages() {
        assert!(check_url("http://127.0.0.1:9090").is_ok());
        assert!(check_url("https://user:secret@prometheus.example.com/prom").is_ok());
        let error = check_url("ftp://user:secret@host/metrics").expect_err("not http");
        assert!(error.contains("not an http or https URL") && !error.contains("secret"), "{error}");
        let error = check_url("user:secret@host:9090").expect_err("no scheme");
        assert!(!error.contains("secret"), "{error}");
        assert!(check_url("not a url").is_err());
    }

    #[test]
    fn redaction_hides_user_and_password() {
        assert_eq!(redact("https://user:secret@prom.example.com/x"), "https://***@prom.example.com/x");
        assert_eq!(redact("http://127.0.0.1:9090"), "http://127.0.0.1:9090/");
        assert!(!redact("garbage:secret@host").contains("secret"));
    }
}
