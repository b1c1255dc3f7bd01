//! Workflow queries, answered by the worker that holds the run: user queries with JSON
//! arguments, and the handler list from `__temporal_workflow_metadata` (or, for SDKs without
//! it, from the error an unknown query gets).
use crate::RequestContext;

use temporalio_protos::protos::temporal::api::{
    common::v1::{Payload, Payloads, WorkflowExecution},
    query::v1::WorkflowQuery,
    sdk::v1::{WorkflowInteractionDefinition, WorkflowMetadata},
    workflowservice::v1::QueryWorkflowRequest,
};
use tonic::Code;

pub use super::payloads::json_arguments;
use super::{TemporalClient, descriptors, failures::enum_label, payloads, time};
use model::{AskedQuery, HandlerView, Handlers, HandlersSource, QueryOutcome, RunRef};

pub const METADATA_QUERY: &str = "__temporal_workflow_metadata";

/// Why a query has no answer.
#[derive(Debug)]
pub enum QueryError {
    /// The worker ran the query and it failed (unknown query type, handler error, bad arguments).
    Worker(String),
    /// Anything else: Temporal unreachable, no answer in time, rejected by status.
    Other(String),
}

impl QueryError {
    pub fn message(self) -> String {
        match self {
            QueryError::Worker(message) => format!("The worker answered with an error: {message}"),
            QueryError::Other(message) => message,
        }
    }
}

/// Sends one query to the run and returns the payloads of its answer.
pub async fn ask(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
    query_type: &str,
    arguments: Vec<Payload>,
) -> Result<Vec<Payload>, QueryError> {
    let request = QueryWorkflowRequest {
        namespace: namespace.to_string(),
        execution: Some(WorkflowExecution { workflow_id: workflow_id.to_string(), run_id: run_id.to_string() }),
        query: Some(WorkflowQuery {
            query_type: query_type.to_string(),
            query_args: (!arguments.is_empty()).then_some(Payloads { payloads: arguments }),
            header: None,
        }),
        ..Default::default()
    };
    let response = match client.workflow_service().query_workflow(client.request(request)).await {
        Ok(response) => response.into_inner(),
        // Temporal reports a query that failed on the worker as InvalidArgument (QueryFailed).
        Err(status) if status.code() == Code::InvalidArgument => {
            return Err(QueryError::Worker(status.message().to_string()));
        }
        Err(status) => return Err(QueryError::Other(client.error(status, &format!("query {query_type}")).to_string())),
    };
    if let Some(rejected) = response.query_rejected {
        let status = enum_label(
            temporalio_protos::protos::temporal::api::enums::v1::WorkflowExecutionStatus::try_from(rejected.status)
                .map(|status| status.as_str_name())
                .unwrap_or("unknown"),
            "WORKFLOW_EXECUTION_STATUS_",
        );
        return Err(QueryError::Other(format!("Temporal rejected the query: the run is {status}")));
    }
    let answer = response.query_result.map(|result| result.payloads).unwrap_or_default();
    // A worker with a codec encodes its answers too (the stack trace, the handler list).
    Ok(super::codec::decode_payloads(client, namespace, answer).await)
}

/// Runs the query `name` with `arguments` typed as JSON: an array is one argument per element,
/// any other JSON value is the only argument, and empty text means no arguments.
pub async fn ask_with_json(ctx: &RequestContext, run: &RunRef, name: &str, arguments: &str) -> AskedQuery {
    let (client, (namespace, workflow_id, run_id)) = (&ctx.client, run.ids());
    let asked = |outcome| AskedQuery { name: name.to_string(), arguments: arguments.to_string(), outcome };
    let payloads = match super::codec::encode_arguments(client, namespace, arguments).await {
        Ok(payloads) => payloads,
        Err(error) => return asked(QueryOutcome::BadArguments(error.to_string())),
    };
    match ask(client, namespace, workflow_id, run_id, name, payloads).await {
        Ok(answer) => asked(match time::now() {
            Some(taken_at) => {
                QueryOutcome::Answer { payloads: answer.iter().map(payloads::decode).collect(), taken_at }
            }
            None => QueryOutcome::Failed("the server clock is unreadable".into()),
        }),
        Err(error) if ctx.settings.hide_query_errors => {
            tracing::debug!("query {name:?} failed: {}", error.message());
            asked(QueryOutcome::Failed(
                "the query failed; its error is hidden by this server's settings (TEMPORAL_HIDE_WORKFLOW_QUERY_ERRORS)"
                    .into(),
            ))
        }
        Err(error) => asked(QueryOutcome::Failed(error.message())),
    }
}

/// The workflow's query, signal and update handlers.
pub async fn handlers(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<Handlers, String> {
    match ask(client, namespace, workflow_id, run_id, METADATA_QUERY, Vec::new()).await {
        Ok(answer) => {
            let payload = answer.first().ok_or("the worker answered the metadata query with nothing")?;
            let metadata: WorkflowMetadata =
                descriptors::decode_payload(payload, "temporal.api.sdk.v1.WorkflowMetadata")
                    .map_err(|error| format!("the metadata query's answer could not be read: {error}"))?;
            Ok(handlers_from_metadata(metadata))
        }
        Err(QueryError::Worker(message)) => match known_query_types(&message) {
            Some(names) => Ok(Handlers {
                queries: names.into_iter().map(|name| HandlerView { name, description: String::new() }).collect(),
                signals: Vec::new(),
                updates: Vec::new(),
                current_details: String::new(),
                source: HandlersSource::UnknownQueryError,
            }),
            None => Err(format!("The worker did not list its queries: {message}")),
        },
        Err(error) => Err(error.message()),
    }
}

fn handlers_from_metadata(metadata: WorkflowMetadata) -> Handlers {
    let definition = metadata.definition.unwrap_or_default();
    let views = |definitions: Vec<WorkflowInteractionDefinition>| {
        let mut views: Vec<HandlerView> = definitions
            .into_iter()
            .map(|definition| HandlerView { name: definition.name, description: definition.description })
            .collect();
        // The workflow's own handlers first, the SDK's built-in ones after.
        views.sort_by(|a, b| (a.is_builtin(), &a.name).cmp(&(b.is_builtin(), &b.name)));
        views
    };
    Handlers {
        queries: views(definition.query_definitions),
        signals: views(definition.signal_definitions),
        updates: views(definition.update_definitions),
        current_details: metadata.current_details,
        source: HandlersSource::Metadata,
    }
}

/// Reads the query names an SDK lists when asked an unknown query, e.g.
/// Go `KnownQueryTypes=[a b]`, Python `known queries: [a b]`, Java `knownTypes=[a, b]`,
/// TypeScript `Registered queries: [a b]`.
pub fn known_query_types(message: &str) -> Option<Vec<String>> {
    // ASCII-only lowercasing keeps every byte offset, so `marker` also indexes `message`
    // (`to_lowercase` changes lengths: "İ" becomes three bytes).
    let lower = message.to_ascii_lowercase();
    let marker = ["knownquerytypes", "known queries", "knowntypes", "registered queries"]
        .iter()
        .filter_map(|marker| lower.find(marker))
        .min()?;
    let open = marker + message[marker..].find('[')?;
    let close = open + message[open..].find(']')?;
    let mut names: Vec<String> = message[open + 1..close]
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|name| name.trim_matches(|c| c == '"' || c == '\'').to_string())
        .filter(|name| !name.is_empty())
        .collect();
    names.sort_by(|a, b| (a.starts_with("__"), a).cmp(&(b.starts_with("__"), b)));
    names.dedup();
    Some(names)
}

#[cfg(test)]
#[path = "queries_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "queries_props.rs"]
mod props;
