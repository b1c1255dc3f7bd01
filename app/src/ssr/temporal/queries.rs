//! Workflow queries. `__stack_trace` is answered by the worker that holds the run.
use temporalio_protos::protos::temporal::api::{
    common::v1::WorkflowExecution, query::v1::WorkflowQuery, workflowservice::v1::QueryWorkflowRequest,
};

use super::{TemporalClient, payloads, time};
use crate::model::{PayloadBody, StackTrace};

pub const STACK_TRACE_QUERY: &str = "__stack_trace";

/// Asks the run's worker for its stack. `has_workflow_pollers` comes from DescribeTaskQueue:
/// without a poller the query could only time out, so it is not sent.
pub async fn stack_trace(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
    has_workflow_pollers: bool,
) -> StackTrace {
    if !has_workflow_pollers {
        return StackTrace::NoWorker;
    }
    let request = QueryWorkflowRequest {
        namespace: namespace.to_string(),
        execution: Some(WorkflowExecution { workflow_id: workflow_id.to_string(), run_id: run_id.to_string() }),
        query: Some(WorkflowQuery { query_type: STACK_TRACE_QUERY.to_string(), ..Default::default() }),
        ..Default::default()
    };
    let response = match client.workflow_service().query_workflow(client.request(request)).await {
        Ok(response) => response.into_inner(),
        Err(status) => return StackTrace::Failed(client.error(status, "the stack trace query").to_string()),
    };
    if let Some(rejected) = response.query_rejected {
        return StackTrace::Failed(format!("the query was rejected (workflow status {})", rejected.status));
    }
    let Some(payload) = response.query_result.as_ref().and_then(|result| result.payloads.first()) else {
        return StackTrace::Failed("the worker answered with no stack trace".into());
    };
    let text =
        serde_json::from_slice::<String>(&payload.data).unwrap_or_else(|_| match payloads::decode(payload).body {
            PayloadBody::Json(json) => json,
            PayloadBody::Null => String::new(),
            PayloadBody::Base64 { data, note } => format!("({note}) {data}"),
        });
    let now = prost_wkt_types::Timestamp { seconds: time::now_millis() / 1000, nanos: 0 };
    match time::time_point(Some(&now)) {
        Some(taken_at) => StackTrace::Trace { text, taken_at },
        None => StackTrace::Failed("the server clock is unreadable".into()),
    }
}
