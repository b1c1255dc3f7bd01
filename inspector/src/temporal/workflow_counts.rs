//! Counts of the runs a visibility query matches, grouped by one field: CountWorkflowExecutions
//! with `<query> GROUP BY <field>`. Visibility stores differ in what they can group by (SQLite
//! and SQL stores only ExecutionStatus); a field the store refuses is shown as unavailable.
use temporalio_protos::protos::temporal::api::{
    enums::v1::IndexedValueType, operatorservice::v1::ListSearchAttributesRequest,
    workflowservice::v1::CountWorkflowExecutionsRequest,
};

use super::{TemporalClient, payloads};
use crate::RequestContext;
use model::{AppError, COUNT_FIELDS, CountGroup, PayloadBody, WorkflowCountsPage, is_field_name};

pub async fn page(
    ctx: &RequestContext,
    namespace: &str,
    by: &str,
    query: &str,
) -> Result<WorkflowCountsPage, AppError> {
    let client = &ctx.client;
    let by = if by.trim().is_empty() { COUNT_FIELDS[0] } else { by.trim() };
    if !is_field_name(by) {
        return Err(AppError::BadRequest(format!("{by:?} is not a search attribute's name to group by.")));
    }
    let query = query.trim();
    // The plain count checks the query (a malformed one is the reader's to fix) and gives the total.
    let total = count(client, namespace, query).await?;
    let grouped = if query.is_empty() { format!("GROUP BY {by}") } else { format!("{query} GROUP BY {by}") };
    let request = CountWorkflowExecutionsRequest { namespace: namespace.into(), query: grouped };
    let (groups, unavailable) = match client.workflow_service().count_workflow_executions(client.request(request)).await
    {
        Ok(response) => (groups_of(response.into_inner().groups), None),
        Err(status) => {
            let refusal = client.error(status, &format!("namespace {namespace:?}"));
            let note = format!("This server's visibility store cannot group by {by} (it answered: {refusal}).");
            (Vec::new(), Some(note))
        }
    };
    Ok(WorkflowCountsPage {
        namespace: namespace.into(),
        query: query.into(),
        by: by.into(),
        fields: fields(client, namespace).await,
        total,
        groups,
        unavailable,
    })
}

async fn count(client: &TemporalClient, namespace: &str, query: &str) -> Result<i64, AppError> {
    let request = CountWorkflowExecutionsRequest { namespace: namespace.into(), query: query.into() };
    let response = client.workflow_service().count_workflow_executions(client.request(request)).await;
    match response {
        Ok(response) => Ok(response.into_inner().count),
        Err(status) => Err(match client.error(status, &format!("namespace {namespace:?}")) {
            AppError::BadRequest(message) => AppError::BadRequest(format!("Temporal cannot run this query: {message}")),
            other => other,
        }),
    }
}

/// Each group's first value as text, largest group first.
fn groups_of(
    groups: Vec<
        temporalio_protos::protos::temporal::api::workflowservice::v1::count_workflow_executions_response::AggregationGroup,
    >,
) -> Vec<CountGroup> {
    let mut groups: Vec<CountGroup> = groups
        .into_iter()
        .map(|group| {
            let value = group.group_values.first().map(payloads::decode).map(|payload| match payload.body {
                PayloadBody::Json(json) => match serde_json::from_str::<serde_json::Value>(&json) {
                    Ok(serde_json::Value::String(text)) => text,
                    _ => json,
                },
                _ => String::new(),
            });
            CountGroup { value: value.unwrap_or_default(), count: group.count }
        })
        .collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    groups
}

/// The fields the form offers: the standard ones, then the namespace's keyword search attributes
/// (when the operator API lists them; without it, only the standard ones).
async fn fields(client: &TemporalClient, namespace: &str) -> Vec<String> {
    let mut fields: Vec<String> = COUNT_FIELDS.iter().map(|field| field.to_string()).collect();
    let request = ListSearchAttributesRequest { namespace: namespace.into() };
    if let Ok(response) = client.operator_service().list_search_attributes(client.request(request)).await {
        let mut keywords: Vec<String> = response
            .into_inner()
            .custom_attributes
            .into_iter()
            .filter(|(_, kind)| *kind == IndexedValueType::Keyword as i32)
            .map(|(name, _)| name)
            .collect();
        keywords.sort();
        fields.extend(keywords);
    }
    fields
}
