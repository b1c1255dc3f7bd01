//! One namespace in full: DescribeNamespace (settings, archival, replication, capabilities) and
//! its search attributes with their types; its worker deployments come from `worker_deployments`.
use model::ZoneRules;
use temporalio_protos::protos::temporal::api::{
    enums::v1::{ArchivalState, IndexedValueType, NamespaceState, ReplicationState},
    namespace::v1::NamespaceInfo,
    operatorservice::v1::ListSearchAttributesRequest,
    workflowservice::v1::{DescribeNamespaceRequest, DescribeNamespaceResponse, GetSearchAttributesRequest},
};

use super::{TemporalClient, descriptors, failures::enum_label, time, worker_deployments};
use model::AppError;
use model::{Fact, NamespacePage, SearchAttributeType};

pub async fn page(client: &TemporalClient, namespace: &str, zone: &ZoneRules) -> Result<NamespacePage, AppError> {
    let request = DescribeNamespaceRequest { namespace: namespace.to_string(), ..Default::default() };
    let mut service = client.workflow_service();
    let (described, search_attributes, deployments) = tokio::join!(
        service.describe_namespace(client.request(request)),
        search_attributes(client, namespace),
        worker_deployments::list(client, namespace, zone),
    );
    let described =
        described.map_err(|status| client.error(status, &format!("namespace \"{namespace}\"")))?.into_inner();
    let info = described.namespace_info.clone().unwrap_or_default();
    let mut data: Vec<Fact> = info.data.iter().map(|(key, value)| (key.clone(), value.clone())).collect();
    data.sort();
    let mut capabilities = info
        .capabilities
        .as_ref()
        .map(|capabilities| {
            descriptors::bool_fields(capabilities, "temporal.api.namespace.v1.NamespaceInfo.Capabilities")
        })
        .unwrap_or_default();
    capabilities.push(("schedules".to_string(), info.supports_schedules));
    Ok(NamespacePage {
        name: info.name.clone(),
        facts: facts(&described, &info),
        data,
        capabilities,
        limits: limits(&info),
        clusters: clusters(&described),
        failovers: described
            .failover_history
            .iter()
            .map(|failover| {
                let at = time::time_point(failover.failover_time.as_ref()).map(|t| t.text_in(zone)).unwrap_or_default();
                (at, format!("failover version {}", failover.failover_version))
            })
            .collect(),
        bad_binaries: described
            .config
            .as_ref()
            .and_then(|config| config.bad_binaries.as_ref())
            .map(|bad| bad.binaries.iter().map(|(checksum, info)| (checksum.clone(), info.reason.clone())).collect())
            .unwrap_or_default(),
        search_attributes,
        deployments,
    })
}

fn facts(described: &DescribeNamespaceResponse, info: &NamespaceInfo) -> Vec<Fact> {
    let config = described.config.clone().unwrap_or_default();
    let state = NamespaceState::try_from(info.state)
        .map(|state| enum_label(state.as_str_name(), "NAMESPACE_STATE_"))
        .unwrap_or_default();
    let archival = |state: i32, uri: &str| {
        let state = ArchivalState::try_from(state)
            .map(|state| enum_label(state.as_str_name(), "ARCHIVAL_STATE_"))
            .unwrap_or_else(|_| "Unspecified".into());
        if uri.is_empty() { state } else { format!("{state} ({uri})") }
    };
    let mut facts = vec![
        ("Namespace ID".to_string(), info.id.clone()),
        ("State".to_string(), state),
        ("Description".to_string(), info.description.clone()),
        ("Owner".to_string(), info.owner_email.clone()),
        (
            "Retention".to_string(),
            time::duration(config.workflow_execution_retention_ttl.as_ref()).unwrap_or_else(|| "not set".into()),
        ),
        ("History archival".to_string(), archival(config.history_archival_state, &config.history_archival_uri)),
        (
            "Visibility archival".to_string(),
            archival(config.visibility_archival_state, &config.visibility_archival_uri),
        ),
        (
            "Global namespace".to_string(),
            if described.is_global_namespace {
                "yes: replicated to the clusters below"
            } else {
                "no: this cluster only"
            }
            .to_string(),
        ),
        ("Failover version".to_string(), described.failover_version.to_string()),
    ];
    if let Some(replication) = &described.replication_config {
        facts.push(("Active cluster".to_string(), replication.active_cluster_name.clone()));
        let state = ReplicationState::try_from(replication.state)
            .map(|state| enum_label(state.as_str_name(), "REPLICATION_STATE_"))
            .unwrap_or_default();
        facts.push(("Replication state".to_string(), state));
    }
    facts.retain(|(_, value)| !value.is_empty() && value != "Unspecified");
    facts
}

fn limits(info: &NamespaceInfo) -> Vec<Fact> {
    let Some(limits) = &info.limits else { return Vec::new() };
    [
        ("Largest payload blob", limits.blob_size_limit_error),
        ("Largest memo", limits.memo_size_limit_error),
        ("Largest workflow task completion", limits.workflow_task_completion_size_limit_error),
    ]
    .into_iter()
    .filter(|(_, bytes)| *bytes > 0)
    .map(|(name, bytes)| (name.to_string(), time::human_bytes(bytes)))
    .collect()
}

fn clusters(described: &DescribeNamespaceResponse) -> Vec<String> {
    let Some(replication) = &described.replication_config else { return Vec::new() };
    let mut names: Vec<String> = replication.clusters.iter().map(|cluster| cluster.cluster_name.clone()).collect();
    names.sort_by_key(|name| *name != replication.active_cluster_name);
    names
}

fn value_type(value: i32) -> String {
    IndexedValueType::try_from(value)
        .map(|kind| enum_label(kind.as_str_name(), "INDEXED_VALUE_TYPE_").replace(' ', ""))
        .unwrap_or_else(|_| format!("type {value}"))
}

/// Custom and system search attributes from the operator API; where a deployment does not expose
/// it (Temporal Cloud, a proxy), every attribute the frontend knows, without telling which are
/// custom.
async fn search_attributes(client: &TemporalClient, namespace: &str) -> Result<Vec<SearchAttributeType>, String> {
    let request = ListSearchAttributesRequest { namespace: namespace.to_string() };
    let mut attributes: Vec<SearchAttributeType> =
        match client.operator_service().list_search_attributes(client.request(request)).await {
            Ok(response) => {
                let response = response.into_inner();
                let custom = response.custom_attributes.iter().map(|(name, kind)| (name, *kind, true));
                let system = response.system_attributes.iter().map(|(name, kind)| (name, *kind, false));
                custom
                    .chain(system)
                    .map(|(name, kind, custom)| SearchAttributeType {
                        name: name.clone(),
                        value_type: value_type(kind),
                        custom,
                    })
                    .collect()
            }
            Err(operator) => {
                let all = client
                    .workflow_service()
                    .get_search_attributes(client.request(GetSearchAttributesRequest::default()))
                    .await
                    .map_err(|status| {
                        format!("Temporal did not list them ({}; {})", operator.message(), status.message())
                    })?;
                all.into_inner()
                    .keys
                    .iter()
                    .map(|(name, kind)| SearchAttributeType {
                        name: name.clone(),
                        value_type: value_type(*kind),
                        custom: false,
                    })
                    .collect()
            }
        };
    attributes.sort_by(|a, b| (!a.custom, &a.name).cmp(&(!b.custom, &b.name)));
    Ok(attributes)
}
