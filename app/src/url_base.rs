//! Where the app's URLs start. The public path (`TEMPORAL_UI_PUBLIC_PATH`, such as `/temporal`)
//! holds for the whole process; after it, pages of a cluster other than the first (default) one
//! live under `/clusters/{name}`, so the default cluster keeps the Temporal UI's URLs.
//!
//! The server sets these at start, and tells each request's rendering its cluster through Leptos
//! context ([`CurrentCluster`]); the browser reads them from the page's `<meta>` tags before
//! hydrating (see `hydrate` in lib.rs).
use std::sync::OnceLock;

static PUBLIC_PATH: OnceLock<String> = OnceLock::new();
static CLUSTERS: OnceLock<Vec<String>> = OnceLock::new();
/// In the browser: the cluster of the page that was loaded.
static PAGE_CLUSTER: OnceLock<String> = OnceLock::new();

/// The cluster a request is about (server side, as Leptos context).
#[derive(Clone, Debug)]
pub struct CurrentCluster(pub String);

/// `/temporal` for `temporal/`, `/temporal`, `/temporal/`; empty for `` and `/`.
pub fn normalize(path: &str) -> String {
    let trimmed = path.trim().trim_matches('/');
    if trimmed.is_empty() { String::new() } else { format!("/{trimmed}") }
}

/// Sets the public path (first call wins).
pub fn set_public_path(path: &str) {
    let _ = PUBLIC_PATH.set(normalize(path));
}

pub fn public_path() -> &'static str {
    PUBLIC_PATH.get().map(String::as_str).unwrap_or("")
}

/// Sets the cluster names, the default first (first call wins).
pub fn set_clusters(names: Vec<String>) {
    let _ = CLUSTERS.set(names);
}

/// Every cluster's name, the default first (empty when the server named none).
pub fn clusters() -> &'static [String] {
    CLUSTERS.get().map(Vec::as_slice).unwrap_or(&[])
}

/// In the browser: the cluster of the loaded page.
pub fn set_page_cluster(name: &str) {
    let _ = PAGE_CLUSTER.set(name.to_string());
}

/// The cluster of the page being rendered: the request's on the server, the page's in the
/// browser; the default cluster when neither says.
pub fn current_cluster() -> String {
    #[cfg(feature = "ssr")]
    if let Some(CurrentCluster(name)) = leptos::prelude::use_context::<CurrentCluster>() {
        return name;
    }
    PAGE_CLUSTER.get().cloned().or_else(|| clusters().first().cloned()).unwrap_or_else(|| "default".into())
}

/// `/clusters/{name}` for any cluster but the default, empty for the default.
pub fn cluster_prefix(name: &str) -> String {
    match clusters().first() {
        Some(default) if default != name => format!("/clusters/{name}"),
        _ => String::new(),
    }
}

/// Where the current cluster's pages start: `/temporal/clusters/prod`, `/temporal`, or empty.
pub fn page_base() -> String {
    format!("{}{}", public_path(), cluster_prefix(&current_cluster()))
}

/// A cluster's home page (its default namespace's workflows, by redirect).
pub fn cluster_home(name: &str) -> String {
    let base = format!("{}{}", public_path(), cluster_prefix(name));
    if base.is_empty() { "/".into() } else { base }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_paths_are_normalised() {
        assert_eq!(normalize("temporal/"), "/temporal");
        assert_eq!(normalize("/"), "");
        assert_eq!(normalize(""), "");
    }
}
