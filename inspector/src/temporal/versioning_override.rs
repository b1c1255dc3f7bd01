//! A run's versioning override (UpdateWorkflowExecutionOptions with
//! `workflow_execution_options.versioning_override` and its field mask): pinned to one version of
//! a worker deployment, auto-upgrade, or removed, and what the override form offers.
use prost_wkt_types::FieldMask;
use temporalio_protos::protos::temporal::api::{
    deployment::v1::WorkerDeploymentVersion,
    workflow::v1::{
        VersioningOverride, WorkflowExecutionOptions,
        versioning_override::{Override, PinnedOverride, PinnedOverrideBehavior},
    },
    workflowservice::v1::{
        DescribeWorkerDeploymentRequest, DescribeWorkflowExecutionResponse, UpdateWorkflowExecutionOptionsRequest,
    },
};

use super::{TemporalClient, capabilities, writes::Target};
use model::{ActionKind, AppError, VersioningChoice};

/// The override the form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideChoice {
    /// Pinned to this deployment's version (its build ID).
    Pinned {
        deployment_name: String,
        build_id: String,
    },
    AutoUpgrade,
    /// No override: the worker's behavior decides again.
    Remove,
}

impl OverrideChoice {
    /// The form's `override` field (`pinned`, `auto-upgrade`, `remove`) with its version fields.
    pub fn from_form(kind: &str, deployment_name: &str, build_id: &str) -> Result<OverrideChoice, AppError> {
        match kind {
            "pinned" if deployment_name.trim().is_empty() || build_id.trim().is_empty() => Err(AppError::BadRequest(
                "To pin the run, give the worker deployment's name and the version's build ID.".into(),
            )),
            "pinned" => Ok(OverrideChoice::Pinned {
                deployment_name: deployment_name.trim().into(),
                build_id: build_id.trim().into(),
            }),
            "auto-upgrade" => Ok(OverrideChoice::AutoUpgrade),
            "remove" => Ok(OverrideChoice::Remove),
            other => Err(AppError::BadRequest(format!(
                "Choose pinned, auto-upgrade or remove ({other:?} is not one of them)."
            ))),
        }
    }

    /// The audit line's words.
    pub fn words(&self) -> String {
        match self {
            OverrideChoice::Pinned { deployment_name, build_id } => format!("pinned to {deployment_name}:{build_id}"),
            OverrideChoice::AutoUpgrade => "auto-upgrade".into(),
            OverrideChoice::Remove => "removed".into(),
        }
    }

    fn message(&self) -> Option<VersioningOverride> {
        let r#override = match self {
            OverrideChoice::Pinned { deployment_name, build_id } => Override::Pinned(PinnedOverride {
                behavior: PinnedOverrideBehavior::Pinned as i32,
                version: Some(WorkerDeploymentVersion {
                    deployment_name: deployment_name.clone(),
                    build_id: build_id.clone(),
                }),
            }),
            OverrideChoice::AutoUpgrade => Override::AutoUpgrade(true),
            OverrideChoice::Remove => return None,
        };
        Some(VersioningOverride { r#override: Some(r#override), ..Default::default() })
    }
}

/// Sets or removes the run's override; only the override changes (the field mask says so).
pub async fn set(client: &TemporalClient, target: &Target<'_>, choice: &OverrideChoice) -> Result<(), AppError> {
    let message = UpdateWorkflowExecutionOptionsRequest {
        namespace: target.namespace.into(),
        workflow_execution: Some(temporalio_protos::protos::temporal::api::common::v1::WorkflowExecution {
            workflow_id: target.workflow_id.into(),
            run_id: target.run_id.into(),
        }),
        workflow_execution_options: Some(WorkflowExecutionOptions {
            versioning_override: choice.message(),
            ..Default::default()
        }),
        update_mask: Some(FieldMask { paths: vec!["versioning_override".into()] }),
        identity: target.identity.into(),
    };
    let result = client.workflow_service().update_workflow_execution_options(client.request(message)).await;
    result.map(drop).map_err(|status| {
        if capabilities::means_unavailable(&status) {
            client.unavailable().remember(ActionKind::VersioningOverride, &status);
        }
        client.error(status, &format!("run {} of workflow {:?}", target.run_id, target.workflow_id))
    })
}

/// What the override form starts from: the run's override and version, and the build IDs its
/// deployment has (for the version field's suggestions; none when the describe fails).
pub async fn choice(
    client: &TemporalClient,
    namespace: &str,
    described: &DescribeWorkflowExecutionResponse,
) -> VersioningChoice {
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let versioning = info.versioning_info.unwrap_or_default();
    let version = versioning.deployment_version.clone().unwrap_or_default();
    let deployment_name = if version.deployment_name.is_empty() {
        info.worker_deployment_name.clone()
    } else {
        version.deployment_name.clone()
    };
    let mut build_ids = Vec::new();
    if !deployment_name.is_empty() {
        let request =
            DescribeWorkerDeploymentRequest { namespace: namespace.into(), deployment_name: deployment_name.clone() };
        if let Ok(response) = client.workflow_service().describe_worker_deployment(client.request(request)).await {
            let summaries = response.into_inner().worker_deployment_info.unwrap_or_default().version_summaries;
            build_ids = summaries
                .into_iter()
                .filter_map(|summary| summary.deployment_version.map(|version| version.build_id))
                .collect();
        }
    }
    VersioningChoice {
        current_override: versioning.versioning_override.as_ref().map(super::run_metadata::override_words),
        deployment_name,
        build_id: version.build_id,
        build_ids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_names_one_override_and_pinning_needs_a_version() {
        assert_eq!(
            OverrideChoice::from_form("pinned", " deploy ", " b1 ").expect("pinned"),
            OverrideChoice::Pinned { deployment_name: "deploy".into(), build_id: "b1".into() }
        );
        assert!(OverrideChoice::from_form("pinned", "deploy", " ").is_err());
        assert!(OverrideChoice::from_form("sideways", "", "").is_err());
        assert_eq!(OverrideChoice::from_form("remove", "", "").expect("remove").message(), None);
        let auto = OverrideChoice::from_form("auto-upgrade", "", "").expect("auto").message().expect("an override");
        assert_eq!(auto.r#override, Some(Override::AutoUpgrade(true)));
    }
}
