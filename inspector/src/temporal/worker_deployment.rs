//! One worker deployment's page: DescribeWorkerDeployment (its routing, its versions with their
//! drainage) and the conflict token that the routing forms send back.
use base64::{Engine, engine::general_purpose::STANDARD};
use temporalio_protos::protos::temporal::api::{
    deployment::v1::{WorkerDeploymentInfo, worker_deployment_info::WorkerDeploymentVersionSummary},
    enums::v1::{RoutingConfigUpdateState, VersionDrainageStatus, WorkerDeploymentVersionStatus},
    workflowservice::v1::DescribeWorkerDeploymentRequest,
};

use super::{capabilities::means_unavailable, failures::enum_label, time};
use crate::RequestContext;
use model::{ActionKind, AppError, DeploymentVersionRow, WorkerDeploymentPage};

pub async fn page(ctx: &RequestContext, namespace: &str, name: &str) -> Result<WorkerDeploymentPage, AppError> {
    let client = &ctx.client;
    let request = DescribeWorkerDeploymentRequest { namespace: namespace.into(), deployment_name: name.into() };
    let mut page = WorkerDeploymentPage {
        namespace: namespace.into(),
        name: name.into(),
        unavailable: None,
        created: None,
        current: None,
        current_changed: None,
        ramping: None,
        ramp_percentage: 0.0,
        ramping_changed: None,
        routing_update_state: None,
        last_modifier: None,
        manager: None,
        versions: Vec::new(),
        conflict_token: String::new(),
        csrf_token: ctx.csrf.token(),
        refused: ctx.access.check(ActionKind::DeploymentRouting, namespace).err(),
    };
    let response = match client.workflow_service().describe_worker_deployment(client.request(request)).await {
        Ok(response) => response.into_inner(),
        Err(status) if means_unavailable(&status) => {
            page.unavailable = Some(format!(
                "This cluster does not offer worker deployments (Temporal answered: {}).",
                status.message()
            ));
            return Ok(page);
        }
        Err(status) => return Err(client.error(status, &format!("worker deployment {name:?}"))),
    };
    page.conflict_token = STANDARD.encode(&response.conflict_token);
    fill(&mut page, response.worker_deployment_info.unwrap_or_default());
    Ok(page)
}

fn fill(page: &mut WorkerDeploymentPage, info: WorkerDeploymentInfo) {
    let routing = info.routing_config.clone().unwrap_or_default();
    page.created = time::time_point(info.create_time.as_ref());
    page.current = routing.current_deployment_version.map(|version| version.build_id);
    page.current_changed = time::time_point(routing.current_version_changed_time.as_ref());
    page.ramping = routing.ramping_deployment_version.map(|version| version.build_id);
    page.ramp_percentage = routing.ramping_version_percentage;
    page.ramping_changed = time::time_point(routing.ramping_version_changed_time.as_ref());
    page.routing_update_state = match RoutingConfigUpdateState::try_from(info.routing_config_update_state) {
        Ok(RoutingConfigUpdateState::InProgress) => Some("in progress: not every task queue has it yet".into()),
        Ok(RoutingConfigUpdateState::Completed) => Some("completed: every task queue has it".into()),
        _ => None,
    };
    page.last_modifier = Some(info.last_modifier_identity).filter(|identity| !identity.is_empty());
    page.manager = Some(info.manager_identity).filter(|identity| !identity.is_empty());
    let mut summaries = info.version_summaries;
    summaries.sort_by_key(|summary| std::cmp::Reverse(time::millis(summary.create_time.as_ref())));
    page.versions = summaries.iter().map(version_row).collect();
}

fn version_row(summary: &WorkerDeploymentVersionSummary) -> DeploymentVersionRow {
    let drainage_info = summary.drainage_info.unwrap_or_default();
    let drainage = VersionDrainageStatus::try_from(drainage_info.status)
        .ok()
        .filter(|status| *status != VersionDrainageStatus::Unspecified)
        .map(|status| enum_label(status.as_str_name(), "VERSION_DRAINAGE_STATUS_"));
    // A time Temporal leaves unset comes as the epoch.
    let set = |timestamp| time::time_point(timestamp).filter(|time| time.millis > 0);
    DeploymentVersionRow {
        build_id: summary.deployment_version.as_ref().map(|version| version.build_id.clone()).unwrap_or_default(),
        status: WorkerDeploymentVersionStatus::try_from(summary.status)
            .map(|status| enum_label(status.as_str_name(), "WORKER_DEPLOYMENT_VERSION_STATUS_"))
            .unwrap_or_default(),
        // Its times only mean something once the version drains.
        drainage_changed: drainage.as_ref().and(set(drainage_info.last_changed_time.as_ref())),
        drainage_checked: drainage.as_ref().and(set(drainage_info.last_checked_time.as_ref())),
        drainage,
        created: set(summary.create_time.as_ref()),
        current_since: set(summary.current_since_time.as_ref()),
        ramping_since: set(summary.ramping_since_time.as_ref()),
    }
}
