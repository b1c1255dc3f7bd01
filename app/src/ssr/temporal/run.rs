//! The run page's data: one DescribeWorkflowExecution and the full history, fetched concurrently.
use super::{TemporalClient, describe, event_fields, history};
use crate::{error::AppError, model::RunPage};

pub async fn load(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    run_id: &str,
) -> Result<RunPage, AppError> {
    let (described, events) = tokio::join!(
        describe::describe(client, namespace, workflow_id, run_id),
        history::fetch_all(client, namespace, workflow_id, run_id),
    );
    let (described, events) = (described?, events?);
    let outcome = history::run_outcome(&events);
    Ok(RunPage {
        summary: describe::run_summary(namespace, &described, &outcome),
        events: events.iter().map(event_fields::event_row).collect(),
        input: outcome.input,
        result: outcome.result,
        failure: outcome.failure,
    })
}
