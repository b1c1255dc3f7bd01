//! Where the app's URLs start. The public path (`TEMPORAL_UI_PUBLIC_PATH`, such as `/temporal`)
//! holds for the whole process; after it, pages of a cluster other than the first (default) one
//! live under `/clusters/{name}`, so the default cluster keeps the Temporal UI's URLs.
//!
//! The server sets the public path at start and tells each request's rendering its cluster
//! through Leptos context ([`PageCluster`]); the browser reads both from the page's `<meta>` tags
//! before hydrating (see `hydrate` in lib.rs).
use std::sync::OnceLock;

static PUBLIC_PATH: OnceLock<String> = OnceLock::new();
/// In the browser: the clusters and the page's cluster, read from the page.
static BROWSER_CLUSTERS: OnceLock<PageCluster> = OnceLock::new();

/// The cluster a page is about: its name, its path prefix (empty for the default cluster) and
/// every cluster's name, the default first. The server provides it as Leptos context for each
/// request; the browser reads it from the page once.
#[derive(Clone, Debug, Default)]
pub struct PageCluster {
    pub name: String,
    pub prefix: String,
    pub all: std::sync::Arc<Vec<String>>,
}

impl PageCluster {
    /// The cluster at `index` of `all` (0 is the default, with the Temporal UI's URLs).
    pub fn new(all: std::sync::Arc<Vec<String>>, index: usize) -> PageCluster {
        let name = all.get(index).cloned().unwrap_or_else(|| "default".into());
        let prefix = if index == 0 { String::new() } else { format!("/clusters/{name}") };
        PageCluster { name, prefix, all }
    }
}

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

/// In the browser: the clusters named by the page (the default first) and the page's own.
pub fn set_browser_clusters(all: Vec<String>, current: &str) {
    let all = std::sync::Arc::new(all);
    let index = all.iter().position(|name| name == current).unwrap_or(0);
    let _ = BROWSER_CLUSTERS.set(PageCluster::new(all, index));
}

/// The cluster of the page being rendered: the request's on the server, the page's in the browser.
pub fn page_cluster() -> PageCluster {
    #[cfg(feature = "ssr")]
    if let Some(cluster) = leptos::prelude::use_context::<PageCluster>() {
        return cluster;
    }
    BROWSER_CLUSTERS.get().cloned().unwrap_or_else(|| PageCluster { name: "default".into(), ..Default::default() })
}

/// Every cluster's name, the default first.
pub fn clusters() -> Vec<String> {
    page_cluster().all.to_vec()
}

pub fn current_cluster() -> String {
    page_cluster().name
}

/// Where the current cluster's pages start: `/temporal/clusters/prod`, `/temporal`, or empty.
pub fn page_base() -> String {
    format!("{}{}", public_path(), page_cluster().prefix)
}

/// A cluster's home page (its default namespace's workflows, by redirect): `/`, `/temporal/`
/// (with the slash a proxy's `location /temporal/` expects), `/temporal/clusters/prod`.
pub fn cluster_home(name: &str) -> String {
    let cluster = page_cluster();
    match cluster.all.iter().position(|other| other == name) {
        Some(0) | None => format!("{}/", public_path()),
        Some(_) => format!("{}/clusters/{name}", public_path()),
    }
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
