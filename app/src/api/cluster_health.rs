use leptos::prelude::*;

use crate::error::AppError;
use model::ClusterHealthPage;

/// The cluster's health from the Temporal server's own metrics over `range` (`15m`, `1h`, `6h`,
/// `24h`), for one namespace or all. A metrics source that fails answers 502 or 504 with its page.
#[server]
pub async fn load_cluster_health(range: String, namespace: Option<String>) -> Result<ClusterHealthPage, AppError> {
    use inspector::server_metrics::report;
    use model::{HealthRange, HealthState};
    let namespace = namespace.map(|namespace| namespace.trim().to_string()).filter(|namespace| !namespace.is_empty());
    let metrics = crate::request::context()?.metrics;
    let page = report::page(&metrics, crate::url_base::current_cluster(), HealthRange::parse(&range), namespace).await;
    if let HealthState::Failed { status, .. } = &page.state {
        crate::error::set_http_status(*status);
    }
    Ok(page)
}
