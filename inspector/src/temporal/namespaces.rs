//! Namespaces, for the namespace list and the switcher on every page.
use temporalio_protos::protos::temporal::api::{enums::v1::NamespaceState, workflowservice::v1::ListNamespacesRequest};

use super::{TemporalClient, failures::enum_label, time};
use model::AppError;
use model::NamespaceView;

/// Stops paging after this many namespaces (a cluster with more is not browsed from a menu).
const MAX_NAMESPACES: usize = 1000;

/// The cluster's namespaces through its read cache: read once, then served from memory and
/// refreshed in the background every 30 s (see `cache::namespaces`).
pub async fn list(client: &TemporalClient) -> Result<Vec<NamespaceView>, AppError> {
    let cache = client.read_cache();
    let detached = client.clone();
    let load = move || async move { read(&detached).await };
    // Boxed: moka's single-flight future is large (see `describe`).
    let (namespaces, hit) = Box::pin(cache.namespaces.get(client.scope(), load)).await;
    cache.record("ListNamespaces", hit);
    namespaces
}

async fn read(client: &TemporalClient) -> Result<Vec<NamespaceView>, AppError> {
    let mut namespaces = Vec::new();
    let mut next_page_token = Vec::new();
    loop {
        let request = ListNamespacesRequest { page_size: 100, next_page_token, ..Default::default() };
        let response = client
            .workflow_service()
            .list_namespaces(client.request(request))
            .await
            .map_err(|status| client.error(status, "namespaces"))?
            .into_inner();
        for described in response.namespaces {
            let info = described.namespace_info.unwrap_or_default();
            let retention =
                described.config.and_then(|config| time::duration(config.workflow_execution_retention_ttl.as_ref()));
            namespaces.push(NamespaceView {
                name: info.name,
                description: info.description,
                state: NamespaceState::try_from(info.state)
                    .map(|state| enum_label(state.as_str_name(), "NAMESPACE_STATE_"))
                    .unwrap_or_default(),
                retention: retention.unwrap_or_default(),
            });
        }
        next_page_token = response.next_page_token;
        if next_page_token.is_empty() || namespaces.len() >= MAX_NAMESPACES {
            break;
        }
    }
    namespaces.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(namespaces)
}
