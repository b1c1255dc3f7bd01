//! A namespace's worker deployments (Worker Versioning): ListWorkerDeployments for where each
//! routes new work, and DescribeWorkerDeployment for its versions, where the server has them.
use model::ZoneRules;
use temporalio_protos::protos::temporal::api::{
    deployment::v1::{WorkerDeploymentVersion, worker_deployment_info::WorkerDeploymentVersionSummary},
    enums::v1::WorkerDeploymentVersionStatus,
    workflowservice::v1::{
        DescribeWorkerDeploymentRequest, ListWorkerDeploymentsRequest,
        list_worker_deployments_response::WorkerDeploymentSummary,
    },
};

use super::{TemporalClient, capabilities::means_unavailable, failures::enum_label, time};
use model::DeploymentRow;

/// Deployments listed (one page); a namespace with more is managed with the CLI.
const DEPLOYMENTS_SHOWN: i32 = 100;
/// Deployments described for their versions (one call each, all at once).
const DEPLOYMENTS_DESCRIBED: usize = 10;

/// The deployments, or why there are none to show (the server's words when it lacks them).
pub async fn list(client: &TemporalClient, namespace: &str, zone: &ZoneRules) -> Result<Vec<DeploymentRow>, String> {
    let request = ListWorkerDeploymentsRequest {
        namespace: namespace.to_string(),
        page_size: DEPLOYMENTS_SHOWN,
        next_page_token: Vec::new(),
    };
    let summaries = match client.workflow_service().list_worker_deployments(client.request(request)).await {
        Ok(response) => response.into_inner().worker_deployments,
        Err(status) if means_unavailable(&status) => {
            return Err(format!(
                "This cluster does not offer worker deployments (Temporal answered: {}).",
                status.message()
            ));
        }
        Err(status) => return Err(format!("Temporal did not list them: {}", status.message())),
    };
    let mut rows: Vec<DeploymentRow> = summaries.iter().map(row).collect();
    let mut set = tokio::task::JoinSet::new();
    for (index, row) in rows.iter().enumerate().take(DEPLOYMENTS_DESCRIBED) {
        let (client, namespace, name, zone) = (client.clone(), namespace.to_string(), row.name.clone(), zone.clone());
        set.spawn(async move { (index, versions(&client, &namespace, &name, &zone).await) });
    }
    while let Some(joined) = set.join_next().await {
        if let Ok((index, versions)) = joined {
            rows[index].versions = versions;
        }
    }
    Ok(rows)
}

/// "v2: Ramping since …", newest first; empty when the describe fails (the row still stands).
async fn versions(client: &TemporalClient, namespace: &str, name: &str, zone: &ZoneRules) -> Vec<String> {
    let request =
        DescribeWorkerDeploymentRequest { namespace: namespace.to_string(), deployment_name: name.to_string() };
    let Ok(response) = client.workflow_service().describe_worker_deployment(client.request(request)).await else {
        return Vec::new();
    };
    let mut summaries = response.into_inner().worker_deployment_info.unwrap_or_default().version_summaries;
    summaries.sort_by_key(|summary| std::cmp::Reverse(time::millis(summary.create_time.as_ref())));
    summaries.iter().map(|summary| version_words(summary, zone)).collect()
}

fn version_words(summary: &WorkerDeploymentVersionSummary, zone: &ZoneRules) -> String {
    let status = status_name(summary.status);
    let since = match WorkerDeploymentVersionStatus::try_from(summary.status) {
        Ok(WorkerDeploymentVersionStatus::Current) => summary.current_since_time.as_ref(),
        Ok(WorkerDeploymentVersionStatus::Ramping) => summary.ramping_since_time.as_ref(),
        _ => summary.create_time.as_ref(),
    };
    let since =
        time::time_point(since).filter(|time| time.millis > 0).map(|time| format!(" since {}", time.text_in(zone)));
    format!("{}: {status}{}", build(summary.deployment_version.as_ref()), since.unwrap_or_default())
}

fn status_name(status: i32) -> String {
    WorkerDeploymentVersionStatus::try_from(status)
        .map(|status| enum_label(status.as_str_name(), "WORKER_DEPLOYMENT_VERSION_STATUS_"))
        .unwrap_or_default()
}

fn build(version: Option<&WorkerDeploymentVersion>) -> String {
    version.map_or("unversioned workers".to_string(), |version| version.build_id.clone())
}

fn row(summary: &WorkerDeploymentSummary) -> DeploymentRow {
    let routing = summary.routing_config.clone().unwrap_or_default();
    let ramping = routing
        .ramping_deployment_version
        .as_ref()
        .map(|version| format!("{} ({}%)", version.build_id, routing.ramping_version_percentage));
    let latest = summary.latest_version_summary.as_ref().map_or(String::new(), |latest| {
        format!("{}, {}", build(latest.deployment_version.as_ref()), status_name(latest.status))
    });
    DeploymentRow {
        name: summary.name.clone(),
        current: build(routing.current_deployment_version.as_ref()),
        ramping,
        latest,
        created: time::time_point(summary.create_time.as_ref()),
        versions: Vec::new(),
    }
}
