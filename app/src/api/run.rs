use leptos::prelude::*;

use crate::{error::AppError, model::RunPage};

/// A run's summary, input, outcome and full event history.
#[server]
pub async fn load_run(namespace: String, workflow_id: String, run_id: String) -> Result<RunPage, AppError> {
    use crate::ssr::{
        TemporalClient,
        temporal::{describe, event_fields, history},
    };
    let client = TemporalClient::current()?;
    let (described, events) = tokio::join!(
        describe::describe(&client, &namespace, &workflow_id, &run_id),
        history::fetch_all(&client, &namespace, &workflow_id, &run_id),
    );
    let (described, events) = (described?, events?);
    let outcome = history::run_outcome(&events);
    Ok(RunPage {
        summary: describe::run_summary(&namespace, &described, &outcome),
        events: events.iter().map(event_fields::event_row).collect(),
        input: outcome.input,
        result: outcome.result,
        failure: outcome.failure,
    })
}
