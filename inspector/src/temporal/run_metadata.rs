//! The run's metadata from DescribeWorkflowExecution: user metadata (summary text, details as
//! safe Markdown), priority, versioning, reset and chain facts for the summary; its search
//! attributes (custom and system apart, with their types) and memo for their tabs.
use temporalio_protos::protos::temporal::api::{
    common::v1::Payload, enums::v1::VersioningBehavior, workflowservice::v1::DescribeWorkflowExecutionResponse,
};

use super::{failures::enum_label, payloads, time};
use crate::markdown;
use model::{AttributeView, PayloadBody, RunMetadata};

/// Attributes Temporal or the SDKs set, whatever their name says.
const SYSTEM_ATTRIBUTES: &[&str] = &["BinaryChecksums", "BuildIds", "BatcherUser", "BatcherNamespace"];

pub fn metadata(described: &DescribeWorkflowExecutionResponse) -> RunMetadata {
    let info = described.workflow_execution_info.clone().unwrap_or_default();
    let user = described.execution_config.as_ref().and_then(|config| config.user_metadata.clone()).unwrap_or_default();
    let extended = described.workflow_extended_info.clone().unwrap_or_default();
    let execution = info.execution.clone().unwrap_or_default();
    let priority = info.priority.clone().unwrap_or_default();
    let scheduled_by = search_attribute(described, "TemporalScheduledById").and_then(|payload| text_of(&payload));
    RunMetadata {
        summary: user.summary.as_ref().and_then(text_of).filter(|text| !text.is_empty()),
        details_html: user
            .details
            .as_ref()
            .and_then(text_of)
            .filter(|text| !text.is_empty())
            .map(|text| markdown::safe_html(&text)),
        priority_key: (priority.priority_key != 0).then_some(priority.priority_key),
        fairness_key: Some(priority.fairness_key).filter(|key| !key.is_empty()),
        versioning: versioning(&info),
        scheduled_by,
        state_transitions: info.state_transition_count,
        reset_run_id: Some(extended.reset_run_id).filter(|id| !id.is_empty()),
        last_reset_time: time::time_point(extended.last_reset_time.as_ref()),
        first_run_id: Some(info.first_run_id).filter(|id| !id.is_empty() && *id != execution.run_id),
        cron_schedule: None,
        sdk: None,
        reset_from: None,
    }
}

fn versioning(
    info: &temporalio_protos::protos::temporal::api::workflow::v1::WorkflowExecutionInfo,
) -> Vec<(String, String)> {
    let mut facts = Vec::new();
    let Some(versioning) = &info.versioning_info else { return facts };
    let behavior = VersioningBehavior::try_from(versioning.behavior).unwrap_or(VersioningBehavior::Unspecified);
    if behavior != VersioningBehavior::Unspecified {
        facts.push(("Versioning behavior".into(), enum_label(behavior.as_str_name(), "VERSIONING_BEHAVIOR_")));
    }
    if let Some(version) = &versioning.deployment_version {
        facts.push(("Deployment version".into(), format!("{}:{}", version.deployment_name, version.build_id)));
    }
    if let Some(versioning_override) = &versioning.versioning_override {
        facts.push(("Versioning override".into(), override_words(versioning_override)));
    }
    if !info.worker_deployment_name.is_empty() {
        facts.push(("Worker deployment".into(), info.worker_deployment_name.clone()));
    }
    facts
}

/// A run's versioning override in words: "pinned to deploy:b1", "auto-upgrade", …
pub fn override_words(
    versioning_override: &temporalio_protos::protos::temporal::api::workflow::v1::VersioningOverride,
) -> String {
    use temporalio_protos::protos::temporal::api::workflow::v1::versioning_override::Override;
    match &versioning_override.r#override {
        Some(Override::Pinned(pinned)) => match &pinned.version {
            Some(version) => format!("pinned to {}:{}", version.deployment_name, version.build_id),
            None => "pinned".into(),
        },
        Some(Override::AutoUpgrade(_)) => "auto-upgrade".into(),
        Some(Override::OneTime(one_time)) => match &one_time.target_deployment_version {
            Some(version) => format!("one workflow task on {}:{}", version.deployment_name, version.build_id),
            None => "one workflow task elsewhere".into(),
        },
        None => "set".into(),
    }
}

/// Every search attribute, custom ones first, each group by name.
pub fn search_attributes(described: &DescribeWorkflowExecutionResponse) -> (Vec<AttributeView>, Vec<AttributeView>) {
    let fields = described
        .workflow_execution_info
        .as_ref()
        .and_then(|info| info.search_attributes.as_ref())
        .map(|attributes| attributes.indexed_fields.clone())
        .unwrap_or_default();
    let mut attributes: Vec<AttributeView> =
        fields.into_iter().map(|(name, payload)| attribute(name, &payload)).collect();
    attributes.sort_by(|a, b| a.name.cmp(&b.name));
    attributes.into_iter().partition(|attribute| !is_system(&attribute.name))
}

pub fn is_system(name: &str) -> bool {
    name.starts_with("Temporal") || SYSTEM_ATTRIBUTES.contains(&name)
}

pub fn attribute(name: String, payload: &Payload) -> AttributeView {
    let kind = payload.metadata.get("type").map(|kind| String::from_utf8_lossy(kind).into_owned()).unwrap_or_default();
    let value = payloads::decode(payload);
    let times = if kind.starts_with("Datetime") { datetimes(&value.body) } else { Vec::new() };
    AttributeView { name, kind, value, times }
}

fn datetimes(body: &PayloadBody) -> Vec<model::TimePoint> {
    let PayloadBody::Json(text) = body else { return Vec::new() };
    let values: Vec<String> = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::String(one)) => vec![one],
        Ok(serde_json::Value::Array(many)) => many.into_iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    values.iter().filter_map(|value| time::parse_rfc3339(value)).collect()
}

/// The memo's fields by name.
pub fn memo(described: &DescribeWorkflowExecutionResponse) -> Vec<(String, model::PayloadView)> {
    let fields = described
        .workflow_execution_info
        .as_ref()
        .and_then(|info| info.memo.as_ref())
        .map(|memo| memo.fields.clone())
        .unwrap_or_default();
    let mut fields: Vec<_> = fields.into_iter().map(|(name, payload)| (name, payloads::decode(&payload))).collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    fields
}

fn search_attribute(described: &DescribeWorkflowExecutionResponse, name: &str) -> Option<Payload> {
    described.workflow_execution_info.as_ref()?.search_attributes.as_ref()?.indexed_fields.get(name).cloned()
}

/// A payload's JSON string value (user metadata and keyword attributes are JSON strings).
fn text_of(payload: &Payload) -> Option<String> {
    match serde_json::from_slice::<serde_json::Value>(&payload.data).ok()? {
        serde_json::Value::String(text) => Some(text),
        other => Some(other.to_string()),
    }
}

/// The search-attributes tab.
pub async fn search_attributes_page(
    ctx: &crate::RequestContext,
    run: &model::RunRef,
) -> Result<model::SearchAttributesPage, model::AppError> {
    let super::run_context::RunContext { described, header } = super::run_context::load(ctx, run).await?;
    let (custom, system) = search_attributes(&described);
    Ok(model::SearchAttributesPage { header, custom, system })
}

/// The memo tab (its payloads go through the codec server like any page's).
pub async fn memo_page(ctx: &crate::RequestContext, run: &model::RunRef) -> Result<model::MemoPage, model::AppError> {
    let super::run_context::RunContext { described, header } = super::run_context::load(ctx, run).await?;
    Ok(model::MemoPage { header, fields: memo(&described) })
}
