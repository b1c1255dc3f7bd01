//! `TEMPORAL_CORS_ORIGINS` (the Temporal UI's name): the other sites whose pages may call the
//! gRPC-web endpoint from a browser. None by default, so only the app's own pages can.
use clap::Args;

#[derive(Debug, Clone, Default, Args)]
pub struct CorsFlags {
    /// Origins (comma-separated, such as https://tools.example.com) whose browser pages may call
    /// the gRPC-web endpoint [default: none: same-origin only].
    #[arg(long, env = "TEMPORAL_CORS_ORIGINS", value_name = "ORIGINS", value_delimiter = ',')]
    pub cors_origins: Option<Vec<String>>,
}

impl CorsFlags {
    /// The configured origins, each checked to be `scheme://host[:port]` (a trailing `/` is
    /// dropped, since browsers never send one).
    pub fn origins(&self) -> Result<Vec<String>, String> {
        let mut origins = Vec::new();
        for origin in self.cors_origins.iter().flatten().map(|origin| origin.trim()).filter(|origin| !origin.is_empty())
        {
            let origin = origin.strip_suffix('/').unwrap_or(origin);
            let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")).unwrap_or("");
            let valid = !host.is_empty()
                && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
            if !valid {
                return Err(format!(
                    "TEMPORAL_CORS_ORIGINS: {origin:?} is not an origin such as https://tools.example.com \
                     (a scheme and a host, an optional port, no path; \"*\" is not accepted)"
                ));
            }
            origins.push(origin.to_string());
        }
        Ok(origins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins(values: &[&str]) -> Result<Vec<String>, String> {
        CorsFlags { cors_origins: Some(values.iter().map(|value| value.to_string()).collect()) }.origins()
    }

    #[test]
    fn origins_are_checked_and_tidied() {
        assert_eq!(CorsFlags::default().origins(), Ok(vec![]));
        assert_eq!(
            origins(&["https://a.example.com/", " http://localhost:8233", ""]),
            Ok(vec!["https://a.example.com".to_string(), "http://localhost:8233".to_string()])
        );
        for bad in ["*", "a.example.com", "https://a.example.com/path", "https://"] {
            assert!(origins(&[bad]).unwrap_err().contains("is not an origin"), "{bad}");
        }
    }
}
