//! The data of the compare page: both runs described and their whole histories, read together.
use super::{TemporalClient, describe::describe, event_fields, history, pending};
use crate::{
    error::AppError,
    model::{ComparePage, CompareSide},
    ssr::compare::{align, steps},
};

pub async fn compare_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    (run_a, run_b): (&str, &str),
) -> Result<ComparePage, AppError> {
    let (described_a, described_b, events_a, events_b) = tokio::join!(
        describe(client, namespace, workflow_id, run_a),
        describe(client, namespace, workflow_id, run_b),
        history::fetch_all(client, namespace, workflow_id, run_a),
        history::fetch_all(client, namespace, workflow_id, run_b),
    );
    let (described_a, described_b) = (described_a?, described_b?);
    let steps_a = steps(&events_a?.iter().map(event_fields::event_row).collect::<Vec<_>>());
    let steps_b = steps(&events_b?.iter().map(event_fields::event_row).collect::<Vec<_>>());
    let side = |described, steps: usize| {
        let header = pending::run_header(namespace, described);
        let start_time = described
            .workflow_execution_info
            .as_ref()
            .and_then(|info| super::time::time_point(info.start_time.as_ref()));
        CompareSide { run_id: header.run_id, status: header.status, start_time, steps }
    };
    let (a, b) = (side(&described_a, steps_a.len()), side(&described_b, steps_b.len()));
    let (rows, first_difference) = align(steps_a, steps_b);
    Ok(ComparePage {
        namespace: namespace.to_string(),
        workflow_id: workflow_id.to_string(),
        a,
        b,
        rows,
        first_difference,
    })
}
