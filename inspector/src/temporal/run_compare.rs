//! The data of the compare page: both runs described and their histories read together, each
//! reduced to its steps as it is read.
use std::ops::ControlFlow;

use super::history::{self, Direction};
use super::{TemporalClient, describe::describe, event_fields};
use crate::compare::{align, step};
use model::AppError;
use model::{COMPARE_ROWS_SHOWN, ComparePage, CompareSide, CompareStep, RunRef, rows_window};

pub async fn compare_page(
    client: &TemporalClient,
    namespace: &str,
    workflow_id: &str,
    (run_a, run_b): (&str, &str),
) -> Result<ComparePage, AppError> {
    let (ref_a, ref_b) = (RunRef::new(namespace, workflow_id, run_a), RunRef::new(namespace, workflow_id, run_b));
    let (described_a, described_b, steps_a, steps_b) = tokio::join!(
        describe(client, namespace, workflow_id, run_a),
        describe(client, namespace, workflow_id, run_b),
        steps_of(client, &ref_a),
        steps_of(client, &ref_b),
    );
    let (described_a, described_b, steps_a, steps_b) = (described_a?, described_b?, steps_a?, steps_b?);
    let side = |described: &temporalio_protos::protos::temporal::api::workflowservice::v1::DescribeWorkflowExecutionResponse, steps: usize| {
        let info = described.workflow_execution_info.clone().unwrap_or_default();
        let start_time = super::time::time_point(info.start_time.as_ref());
        let run_id = info.execution.unwrap_or_default().run_id;
        CompareSide { run_id, status: super::describe::execution_status(info.status), start_time, steps }
    };
    let (a, b) = (side(&described_a, steps_a.len()), side(&described_b, steps_b.len()));
    let (rows, first_difference) = align(steps_a, steps_b);
    let (total_rows, rows_from) = (rows.len(), rows_window(first_difference));
    let rows: Vec<_> = rows.into_iter().skip(rows_from).take(COMPARE_ROWS_SHOWN).collect();
    Ok(ComparePage {
        namespace: namespace.to_string(),
        workflow_id: workflow_id.to_string(),
        a,
        b,
        rows,
        rows_from,
        total_rows,
        first_difference,
    })
}

/// A run's steps, oldest first, without holding its history.
async fn steps_of(client: &TemporalClient, run: &RunRef) -> Result<Vec<CompareStep>, AppError> {
    let mut steps = Vec::new();
    history::scan(client, run, Direction::OldestFirst, |event| {
        steps.extend(step(&event_fields::event_row(&event)));
        ControlFlow::Continue(())
    })
    .await?;
    Ok(steps)
}
