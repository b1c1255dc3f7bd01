//! `POST /namespaces/{ns}/worker-deployments/{deployment}/{current|ramping|stop-ramping}`: where
//! a worker deployment sends new work. The same checks as the run actions (the confirmation is
//! the deployment's name, typed out); the form sends back the conflict token of the page it came
//! from, so Temporal refuses a change made from a page that is out of date. Audited, and leads
//! back to the deployment's page.
use axum::{extract::Path, http::StatusCode, response::Response};
use inspector::temporal::deployment_routing::{self, Deployment};
use model::{ActionKind, AppError};

use super::{
    guard::{Expected, Refusal},
    response,
    write_request::{WriteForm, WriteRequest},
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DeploymentForm {
    csrf: String,
    reason: String,
    confirm: String,
    conflict_token: String,
    build_id: String,
    /// Ramping: the share of new work, 0 to 100.
    percentage: String,
}

impl WriteForm for DeploymentForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
    fn reason(&self) -> &str {
        &self.reason
    }
    fn confirm(&self) -> &str {
        &self.confirm
    }
}

pub async fn deployment_action(
    Path((namespace, name, slug)): Path<(String, String, String)>,
    mut write: WriteRequest<DeploymentForm>,
) -> Response {
    write.audit_as(&format!("deployment-{slug}"), (&namespace, "", ""));
    write.audit.detail = format!("worker deployment {name:?}");
    if !matches!(slug.as_str(), "current" | "ramping" | "stop-ramping") {
        let message = format!("There is no worker deployment action {slug:?}.");
        return write.refuse(&Refusal { status: StatusCode::NOT_FOUND, message });
    }
    let confirmation = Some((name.as_str(), "the deployment's name"));
    let expected = Expected { action: ActionKind::DeploymentRouting, namespace: &namespace, run_id: "", confirmation };
    if let Some(refused) = write.refusal(&expected) {
        return refused;
    }
    let form = &write.form;
    let deployment = Deployment {
        namespace: &namespace,
        name: &name,
        identity: &write.identity,
        conflict_token: &form.conflict_token,
    };
    let build_id = form.build_id.trim().to_string();
    let (detail, done) = match slug.as_str() {
        "current" => (
            format!("current version {build_id:?}"),
            deployment_routing::set_current(&write.client, &deployment, &build_id).await,
        ),
        "ramping" => match percentage(&form.percentage) {
            Ok(percentage) => (
                format!("ramping version {build_id:?} at {percentage}%"),
                deployment_routing::set_ramping(&write.client, &deployment, Some((&build_id, percentage))).await,
            ),
            Err(error) => (format!("ramping version {build_id:?}"), Err(error)),
        },
        _ => ("ramping stopped".into(), deployment_routing::set_ramping(&write.client, &deployment, None).await),
    };
    write.audit.detail = format!("worker deployment {name:?}: {detail}");
    write.record(&done);
    let page = write.links.worker_deployment(&namespace, &name);
    match done {
        Ok(()) => response::see(&format!("{page}?done={slug}")),
        Err(error) => response::failed(&error, &page),
    }
}

fn percentage(text: &str) -> Result<f32, AppError> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|value| (0.0..=100.0).contains(value))
        .ok_or_else(|| AppError::BadRequest("The ramp percentage is a number from 0 to 100.".into()))
}
