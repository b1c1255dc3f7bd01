//! A task queue's build-ID versioning rules (GetWorkerVersioningRules: assignment and redirect
//! rules, the versioning API before worker deployments), in words. Servers keep the call behind
//! `frontend.workerVersioningRuleAPIs`: when it is off or absent, Temporal's words say so.
use temporalio_protos::protos::temporal::api::{
    taskqueue::v1::build_id_assignment_rule::Ramp, workflowservice::v1::GetWorkerVersioningRulesRequest,
};

use super::TemporalClient;

/// The rules in words, newest first as Temporal orders them; `Err` with Temporal's words when the
/// cluster does not offer the call.
pub async fn rules(client: &TemporalClient, namespace: &str, task_queue: &str) -> Result<Vec<String>, String> {
    let request =
        GetWorkerVersioningRulesRequest { namespace: namespace.to_string(), task_queue: task_queue.to_string() };
    let response = client
        .workflow_service()
        .get_worker_versioning_rules(client.request(request))
        .await
        .map_err(|status| {
            let words = status.message().trim_end_matches('.');
            format!("Build-ID versioning rules: not available here (Temporal answered: {words}).")
        })?
        .into_inner();
    let assignments = response.assignment_rules.iter().filter_map(|timestamped| {
        let rule = timestamped.rule.as_ref()?;
        let share = match &rule.ramp {
            Some(Ramp::PercentageRamp(ramp)) => format!("{}% of new workflows", ramp.ramp_percentage),
            None => "new workflows".to_string(),
        };
        Some(format!("assign {share} to build {}", rule.target_build_id))
    });
    let redirects = response.compatible_redirect_rules.iter().filter_map(|timestamped| {
        let rule = timestamped.rule.as_ref()?;
        Some(format!("redirect build {} to build {}", rule.source_build_id, rule.target_build_id))
    });
    Ok(assignments.chain(redirects).collect())
}
