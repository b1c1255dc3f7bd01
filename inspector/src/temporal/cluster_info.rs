//! The cluster behind the current page: GetClusterInfo (name, ID, version, stores, shards,
//! supported SDKs) and GetSystemInfo (capabilities), asked together.
use model::ZoneRules;
use temporalio_protos::protos::temporal::api::{
    version::v1::ReleaseInfo,
    workflowservice::v1::{GetClusterInfoRequest, GetSystemInfoRequest},
};

use super::{TemporalClient, descriptors, time};
use model::AppError;
use model::{ClusterPage, Fact};

pub async fn page(client: &TemporalClient, zone: &ZoneRules) -> Result<ClusterPage, AppError> {
    let (mut cluster_service, mut system_service) = (client.workflow_service(), client.workflow_service());
    let (cluster, system) = tokio::join!(
        cluster_service.get_cluster_info(client.request(GetClusterInfoRequest::default())),
        system_service.get_system_info(client.request(GetSystemInfoRequest::default())),
    );
    let cluster = cluster.map_err(|status| client.error(status, "the cluster information"))?.into_inner();
    let system = system.map_err(|status| client.error(status, "the system information"))?.into_inner();
    let mut facts: Vec<Fact> = vec![
        ("Cluster name".into(), cluster.cluster_name.clone()),
        ("Cluster ID".into(), cluster.cluster_id.clone()),
        ("Server version".into(), cluster.server_version.clone()),
        ("Persistence store".into(), cluster.persistence_store.clone()),
        ("Visibility store".into(), cluster.visibility_store.clone()),
        ("History shards".into(), cluster.history_shard_count.to_string()),
        ("Initial failover version".into(), cluster.initial_failover_version.to_string()),
        ("Failover version increment".into(), cluster.failover_version_increment.to_string()),
    ];
    facts.retain(|(_, value)| !value.is_empty());
    let mut supported_clients: Vec<Fact> =
        cluster.supported_clients.iter().map(|(name, range)| (name.clone(), range.clone())).collect();
    supported_clients.sort();
    let capabilities = system
        .capabilities
        .as_ref()
        .map(|capabilities| {
            descriptors::bool_fields(capabilities, "temporal.api.workflowservice.v1.GetSystemInfoResponse.Capabilities")
        })
        .unwrap_or_default();
    let mut version_notes = Vec::new();
    if let Some(info) = &cluster.version_info {
        version_notes.extend(release("Current release", info.current.as_ref(), zone));
        version_notes.extend(release("Recommended release", info.recommended.as_ref(), zone));
        if !info.instructions.is_empty() {
            version_notes.push(("Upgrade instructions".into(), info.instructions.clone()));
        }
        version_notes.extend(info.alerts.iter().map(|alert| ("Alert".to_string(), alert.message.clone())));
    }
    Ok(ClusterPage {
        configured_name: client.cluster().to_string(),
        address: client.address().to_string(),
        facts,
        supported_clients,
        capabilities,
        version_notes,
    })
}

fn release(label: &str, release: Option<&ReleaseInfo>, zone: &ZoneRules) -> Option<Fact> {
    let release = release.filter(|release| !release.version.is_empty())?;
    let mut text = release.version.clone();
    if let Some(at) = time::time_point(release.release_time.as_ref()) {
        text.push_str(&format!(", released {}", at.text_in(zone)));
    }
    if !release.notes.is_empty() {
        text.push_str(&format!(": {}", release.notes));
    }
    Some((label.to_string(), text))
}
