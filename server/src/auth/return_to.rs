//! Where a browser goes after signing in: only a path on this server, so the sign-in link cannot
//! send anyone elsewhere (an open redirect).

/// `return_to` if it is a local path under the public path (`/…`, not `//…` nor `/\…`, no
/// control characters), else the app's home.
pub fn checked(return_to: Option<&str>, public_path: &str) -> String {
    let home = format!("{public_path}/");
    let Some(path) = return_to else { return home };
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control() || c == '\\')
        && (public_path.is_empty() || path == public_path || path.starts_with(&format!("{public_path}/")));
    if local { path.to_string() } else { home }
}

#[cfg(test)]
mod tests {
    use super::checked;

    #[test]
    fn local_paths_are_kept_with_their_query() {
        let link = "/namespaces/default/workflows/order-1/run-2/history?order=desc&size=50";
        assert_eq!(checked(Some(link), ""), link);
        assert_eq!(checked(Some("/temporal/namespaces"), "/temporal"), "/temporal/namespaces");
    }

    #[test]
    fn anything_that_could_leave_the_server_goes_home() {
        for bad in ["https://evil.example", "//evil.example/x", "/\\evil.example", "evil", "/a\nb", "", "/a\\b"] {
            assert_eq!(checked(Some(bad), ""), "/", "{bad:?}");
        }
        assert_eq!(checked(None, "/temporal"), "/temporal/");
        assert_eq!(checked(Some("/other/app"), "/temporal"), "/temporal/");
    }
}
