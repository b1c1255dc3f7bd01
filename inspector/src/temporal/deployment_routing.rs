//! Where a worker deployment sends new work: SetWorkerDeploymentCurrentVersion and
//! SetWorkerDeploymentRampingVersion, each with the conflict token of the describe the form was
//! made from, so a change made from a page that is out of date is refused.
use base64::{Engine, engine::general_purpose::STANDARD};
use temporalio_protos::protos::temporal::api::workflowservice::v1::{
    SetWorkerDeploymentCurrentVersionRequest, SetWorkerDeploymentRampingVersionRequest,
};
use tonic::{Code, Status};

use super::TemporalClient;
use model::AppError;

/// The deployment a routing change is about, who makes it, and the page's conflict token.
#[derive(Debug, Clone)]
pub struct Deployment<'a> {
    pub namespace: &'a str,
    pub name: &'a str,
    pub identity: &'a str,
    /// Base64, as the page has it.
    pub conflict_token: &'a str,
}

impl Deployment<'_> {
    fn token(&self) -> Result<Vec<u8>, AppError> {
        STANDARD.decode(self.conflict_token.trim()).map_err(|_| {
            AppError::BadRequest("The form's conflict token is not the one the page gave: reload the page.".into())
        })
    }

    fn error(&self, client: &TemporalClient, status: Status) -> AppError {
        if is_conflict(&status) {
            return AppError::BadRequest(format!(
                "worker deployment {:?} changed after this page was loaded (Temporal answered: {}); reload the page and decide again.",
                self.name,
                status.message()
            ));
        }
        client.error(status, &format!("worker deployment {:?}", self.name))
    }
}

/// Temporal's answer when the conflict token is stale.
fn is_conflict(status: &Status) -> bool {
    matches!(status.code(), Code::FailedPrecondition | Code::Aborted)
        && status.message().to_ascii_lowercase().contains("conflict")
}

/// Makes `build_id` the current version (empty: unversioned workers).
pub async fn set_current(client: &TemporalClient, deployment: &Deployment<'_>, build_id: &str) -> Result<(), AppError> {
    let message = SetWorkerDeploymentCurrentVersionRequest {
        namespace: deployment.namespace.into(),
        deployment_name: deployment.name.into(),
        build_id: build_id.trim().into(),
        conflict_token: deployment.token()?,
        identity: deployment.identity.into(),
        ..Default::default()
    };
    let result = client.workflow_service().set_worker_deployment_current_version(client.request(message)).await;
    result.map(drop).map_err(|status| deployment.error(client, status))
}

/// Ramps `build_id` to `percentage` of new work; `None` stops ramping.
pub async fn set_ramping(
    client: &TemporalClient,
    deployment: &Deployment<'_>,
    ramp: Option<(&str, f32)>,
) -> Result<(), AppError> {
    let (build_id, percentage) = ramp.unwrap_or(("", 0.0));
    if !(0.0..=100.0).contains(&percentage) {
        return Err(AppError::BadRequest("The ramp percentage is a number from 0 to 100.".into()));
    }
    let message = SetWorkerDeploymentRampingVersionRequest {
        namespace: deployment.namespace.into(),
        deployment_name: deployment.name.into(),
        build_id: build_id.trim().into(),
        percentage,
        conflict_token: deployment.token()?,
        identity: deployment.identity.into(),
        ..Default::default()
    };
    let result = client.workflow_service().set_worker_deployment_ramping_version(client.request(message)).await;
    result.map(drop).map_err(|status| deployment.error(client, status))
}
