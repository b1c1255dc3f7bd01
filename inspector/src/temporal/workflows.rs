//! Workflow lists, status counts and "which run is the latest".
use crate::RequestContext;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use temporalio_protos::protos::temporal::api::{
    workflow::v1::WorkflowExecutionInfo,
    workflowservice::v1::{CountWorkflowExecutionsRequest, ListWorkflowExecutionsRequest},
};

use super::{TemporalClient, describe::execution_status, payloads, time};
use model::AppError;
use model::{ExecutionStatus, PayloadBody, REPORTED_PROBLEMS, StatusCount, WorkflowPage, WorkflowRow};

/// Rows per page unless the URL asks for another size (`?size=`, 10 to 100).
pub const PAGE_SIZE: i32 = 50;
const PAGE_SIZES: std::ops::RangeInclusive<i32> = 10..=100;

/// What the workflow list asks for, from its URL.
#[derive(Debug, Clone, Copy)]
pub struct ListRequest<'a> {
    pub namespace: &'a str,
    pub query: &'a str,
    /// The token from the previous page's link.
    pub next_page: Option<&'a str>,
    pub page_size: Option<i32>,
    /// Search attributes whose values each row carries (the list's `sa.` columns).
    pub attributes: &'a [String],
}

/// One page of `ListWorkflowExecutions`.
pub async fn list(
    client: &TemporalClient,
    ListRequest { namespace, query, next_page, page_size, attributes }: ListRequest<'_>,
) -> Result<(Vec<WorkflowRow>, Option<String>), AppError> {
    let next_page_token = match next_page {
        Some(token) => URL_SAFE_NO_PAD
            .decode(token)
            .map_err(|_| AppError::BadRequest("the page token in the link is damaged".into()))?,
        None => Vec::new(),
    };
    let request = ListWorkflowExecutionsRequest {
        namespace: namespace.to_string(),
        page_size: page_size.unwrap_or(PAGE_SIZE).clamp(*PAGE_SIZES.start(), *PAGE_SIZES.end()),
        next_page_token,
        query: query.to_string(),
    };
    let response = client
        .workflow_service()
        .list_workflow_executions(client.request(request))
        .await
        .map_err(|status| client.error(status, &format!("namespace \"{namespace}\"")))?
        .into_inner();
    let rows = response
        .executions
        .iter()
        .map(|info| WorkflowRow { attributes: attribute_values(info, attributes), ..workflow_row(info) })
        .collect();
    let next = (!response.next_page_token.is_empty()).then(|| URL_SAFE_NO_PAD.encode(&response.next_page_token));
    Ok((rows, next))
}

/// Counts by status for the same query. Counting is a `GROUP BY` that some visibility stores
/// cannot do with every query; the list is still useful without it, so failures give `None`.
pub async fn status_counts(client: &TemporalClient, namespace: &str, query: &str) -> Option<(Vec<StatusCount>, i64)> {
    let grouped = if query.trim().is_empty() {
        "GROUP BY ExecutionStatus".to_string()
    } else {
        format!("{} GROUP BY ExecutionStatus", query.trim())
    };
    let request = CountWorkflowExecutionsRequest { namespace: namespace.to_string(), query: grouped };
    let response = match client.workflow_service().count_workflow_executions(client.request(request)).await {
        Ok(response) => response.into_inner(),
        Err(status) => {
            tracing::info!(namespace, query, message = status.message(), "status counts unavailable");
            return None;
        }
    };
    let mut counts: Vec<StatusCount> = response
        .groups
        .iter()
        .map(|group| {
            let name = group.group_values.first().map(payloads::decode).map(|payload| match payload.body {
                PayloadBody::Json(json) => json.trim_matches('"').to_string(),
                _ => String::new(),
            });
            StatusCount { status: ExecutionStatus::from_name(&name.unwrap_or_default()), count: group.count }
        })
        .collect();
    counts.sort_by_key(|count| ExecutionStatus::ALL.iter().position(|status| *status == count.status));
    Some((counts, response.count))
}

/// The run ID of the workflow's current (latest) run: Describe without a run ID.
pub async fn latest_run_id(client: &TemporalClient, namespace: &str, workflow_id: &str) -> Result<String, AppError> {
    let described =
        super::describe::describe(client, namespace, workflow_id, "").await.map_err(|error| match error {
            AppError::NotFound(_) => {
                AppError::NotFound(format!("workflow \"{workflow_id}\" was not found in namespace \"{namespace}\""))
            }
            other => other,
        })?;
    described
        .workflow_execution_info
        .and_then(|info| info.execution)
        .map(|execution| execution.run_id)
        .filter(|run_id| !run_id.is_empty())
        .ok_or_else(|| AppError::NotFound(format!("workflow \"{workflow_id}\" has no run")))
}

/// Runs listed on the runs page at most (pages of 100).
const MAX_RUNS: usize = 1000;

/// Every run of a workflow ID, newest first, and whether the list was cut at [`MAX_RUNS`].
pub async fn runs_of(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
) -> Result<(Vec<WorkflowRow>, bool), AppError> {
    let query = workflow_id_query(workflow_id)?;
    let mut rows = Vec::new();
    let mut next_page: Option<String> = None;
    loop {
        let request = ListRequest {
            namespace,
            query: &query,
            next_page: next_page.as_deref(),
            page_size: Some(*PAGE_SIZES.end()),
            attributes: &[],
        };
        let (page, next) = list(client, request).await?;
        rows.extend(page);
        match next {
            Some(token) if rows.len() < MAX_RUNS => next_page = Some(token),
            next => return Ok((rows, next.is_some())),
        }
    }
}

/// `WorkflowId = '…'`, quoted with a quote character the ID does not contain.
fn workflow_id_query(workflow_id: &str) -> Result<String, AppError> {
    if !workflow_id.contains('\'') {
        Ok(format!("WorkflowId = '{workflow_id}'"))
    } else if !workflow_id.contains('"') {
        Ok(format!("WorkflowId = \"{workflow_id}\""))
    } else {
        Err(AppError::BadRequest("a workflow ID with both kinds of quotes cannot be searched for".into()))
    }
}

pub fn workflow_row(info: &WorkflowExecutionInfo) -> WorkflowRow {
    let execution = info.execution.clone().unwrap_or_default();
    let status = execution_status(info.status);
    WorkflowRow {
        workflow_id: execution.workflow_id,
        run_id: execution.run_id,
        workflow_type: info.r#type.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        status,
        task_queue: info.task_queue.clone(),
        start_time: time::time_point(info.start_time.as_ref()),
        close_time: time::time_point(info.close_time.as_ref()),
        duration: time::elapsed(info.start_time.as_ref(), info.close_time.as_ref()),
        history_length: info.history_length,
        attributes: Vec::new(),
    }
}

/// The named search attributes' values as text: a keyword list joined with commas, a string
/// without its quotes, other JSON as it is.
fn attribute_values(info: &WorkflowExecutionInfo, names: &[String]) -> Vec<Option<String>> {
    let fields = info.search_attributes.as_ref().map(|attributes| &attributes.indexed_fields);
    names
        .iter()
        .map(|name| {
            let payload = fields?.get(name)?;
            let text = match serde_json::from_slice::<serde_json::Value>(&payload.data).ok()? {
                serde_json::Value::String(text) => text,
                serde_json::Value::Array(values) => values
                    .iter()
                    .map(|value| value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
                serde_json::Value::Null => return None,
                other => other.to_string(),
            };
            Some(text)
        })
        .collect()
}

/// Lists and counts concurrently.
pub async fn page(ctx: &RequestContext, request: ListRequest<'_>, with_counts: bool) -> Result<WorkflowPage, AppError> {
    let client = &ctx.client;
    let namespace = request.namespace;
    let counting =
        async { if with_counts { status_counts(client, request.namespace, request.query).await } else { None } };
    let (listed, counted) = tokio::join!(list(client, request), counting);
    let can_batch = ctx.access.check(model::ActionKind::Batch, namespace).is_ok();
    let (rows, next_page) = match listed {
        Ok(listed) => listed,
        Err(AppError::BadRequest(message)) if request.query.contains(REPORTED_PROBLEMS) => {
            let unavailable = format!(
                "This Temporal cluster cannot list runs by their reported workflow task problems: it has no \
                 {REPORTED_PROBLEMS} search attribute (Temporal adds it in server 1.30). Temporal said: {message}"
            );
            let unavailable = Some(unavailable);
            return Ok(WorkflowPage {
                rows: Vec::new(),
                next_page: None,
                counts: None,
                total: None,
                can_batch,
                unavailable,
            });
        }
        Err(error) => return Err(error),
    };
    let (counts, total) = counted.map(|(counts, total)| (Some(counts), Some(total))).unwrap_or((None, None));
    Ok(WorkflowPage { rows, next_page, counts, total, can_batch, unavailable: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_id_queries_are_quoted_safely() {
        assert_eq!(workflow_id_query("order-1").expect("query"), "WorkflowId = 'order-1'");
        assert_eq!(workflow_id_query("it's").expect("query"), "WorkflowId = \"it's\"");
        assert!(workflow_id_query("'\"").is_err());
    }

    #[test]
    fn statuses_are_named_like_temporal_names_them() {
        use temporalio_protos::protos::temporal::api::enums::v1::WorkflowExecutionStatus;
        assert_eq!(execution_status(WorkflowExecutionStatus::ContinuedAsNew as i32), ExecutionStatus::ContinuedAsNew);
        assert_eq!(execution_status(WorkflowExecutionStatus::TimedOut as i32), ExecutionStatus::TimedOut);
        assert_eq!(execution_status(WorkflowExecutionStatus::Running as i32), ExecutionStatus::Running);
        assert_eq!(execution_status(99), ExecutionStatus::Unspecified);
    }

    #[test]
    fn search_attribute_columns_read_as_text() {
        use temporalio_protos::protos::temporal::api::common::v1::{Payload, SearchAttributes};
        let json =
            |text: &str| Payload { metadata: Default::default(), data: text.as_bytes().to_vec(), ..Default::default() };
        let info = WorkflowExecutionInfo {
            search_attributes: Some(SearchAttributes {
                indexed_fields: [
                    ("CustomerId".to_string(), json("\"c-42\"")),
                    ("OrderTotal".to_string(), json("99.5")),
                    (REPORTED_PROBLEMS.to_string(), json("[\"category=WorkflowTaskFailed\",\"cause=X\"]")),
                ]
                .into(),
            }),
            ..Default::default()
        };
        let names = ["CustomerId", "OrderTotal", REPORTED_PROBLEMS, "Missing"].map(String::from);
        assert_eq!(
            attribute_values(&info, &names),
            vec![Some("c-42".into()), Some("99.5".into()), Some("category=WorkflowTaskFailed, cause=X".into()), None]
        );
    }
}
