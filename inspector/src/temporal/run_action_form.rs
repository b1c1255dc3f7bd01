//! The data of a run's action forms: the run, whether the viewer may act, and what the form offers
//! (signal names for a signal, reset points for a reset, the run's override for its versioning).
use crate::RequestContext;
use std::ops::ControlFlow;

use super::{
    TemporalClient, codec,
    history::{self, Direction},
    payloads, queries,
    reset_points::ResetPoints,
    updates,
};
use model::AppError;
use model::{ActionKind, ExecutionStatus, PayloadBody, RunActionPage, RunRef, StartPrefill, UpdateOutcome};

/// The action a URL segment names, if it is one of a run's.
pub fn action_of(slug: &str) -> Option<ActionKind> {
    Some(match slug {
        "signal" => ActionKind::Signal,
        "update" => ActionKind::Update,
        "cancel" => ActionKind::Cancel,
        "terminate" => ActionKind::Terminate,
        "reset" => ActionKind::Reset,
        "pause" | "unpause" => ActionKind::Pause,
        "start" => ActionKind::StartWorkflow,
        "versioning" => ActionKind::VersioningOverride,
        "delete" => ActionKind::Delete,
        _ => return None,
    })
}

/// After an update's POST: its ID, and its failure's message when it failed at once (a rejection
/// by the validator, which the history does not keep, or the handler's failure).
#[derive(Debug, Clone, Default)]
pub struct SentUpdate {
    pub update_id: Option<String>,
    pub rejected: Option<String>,
}

pub async fn action_page(
    ctx: &RequestContext,
    run: &RunRef,
    slug: &str,
    sent: SentUpdate,
) -> Result<RunActionPage, AppError> {
    let (client, (namespace, workflow_id, run_id)) = (&ctx.client, run.ids());
    let action = action_of(slug).ok_or_else(|| AppError::NotFound(format!("there is no run action {slug:?}")))?;
    let super::run_context::RunContext { header, described } = super::run_context::load(ctx, run).await?;
    let refused = ctx.access.check(action, namespace).err();
    let mut page = RunActionPage {
        header,
        action: slug.to_string(),
        csrf_token: ctx.csrf.token(),
        refused,
        signal_names: Vec::new(),
        reset_points: Vec::new(),
        reset_points_dropped: 0,
        unavailable: None,
        update_names: Vec::new(),
        update_outcome: None,
        start: None,
        versioning: None,
    };
    if page.refused.is_some() {
        return Ok(page);
    }
    let running = page.header.status.is_running();
    match action {
        ActionKind::Reset => {
            let mut points = ResetPoints::default();
            history::scan(client, run, Direction::OldestFirst, |event| {
                points.visit(&event);
                ControlFlow::Continue(())
            })
            .await?;
            (page.reset_points, page.reset_points_dropped) = points.finish();
            if page.reset_points.is_empty() {
                page.unavailable = Some("this run has no completed workflow task to reset to".into());
            }
        }
        ActionKind::Signal | ActionKind::Update if running || sent.update_id.is_some() => {
            // The names the worker reports; without a worker (or metadata) a free name still works.
            if let Ok(handlers) = queries::handlers(client, namespace, workflow_id, run_id).await {
                page.signal_names = handlers.signals.into_iter().map(|handler| handler.name).collect();
                page.update_names = handlers.updates.into_iter().map(|handler| handler.name).collect();
            }
            if let Some(update_id) = sent.update_id {
                let found = updates::outcome(client, run, &update_id).await;
                page.update_outcome = Some(match (found, sent.rejected) {
                    // A failure the history does not know is the validator's rejection.
                    (Err(AppError::NotFound(_)), Some(message)) => UpdateOutcome::Rejected { update_id, message },
                    (found, _) => found?,
                });
            }
        }
        ActionKind::StartWorkflow => page.start = Some(start_prefill(client, run, &page).await?),
        // Open or closed, a run can be deleted.
        ActionKind::Delete => {}
        ActionKind::VersioningOverride if running => {
            page.versioning = Some(super::versioning_override::choice(client, namespace, &described).await);
        }
        _ if !running => {
            page.unavailable = Some(format!("the run is {}: only an open run can take this", page.header.status.name()))
        }
        ActionKind::Pause if slug == "pause" && page.header.status == ExecutionStatus::Paused => {
            page.unavailable = Some("the run is already paused".into())
        }
        ActionKind::Pause if slug == "unpause" && page.header.status != ExecutionStatus::Paused => {
            page.unavailable = Some("the run is not paused".into())
        }
        _ => {}
    }
    Ok(page)
}

/// The run's type, task queue and input (decoded, as a JSON array) for a new run like it.
async fn start_prefill(client: &TemporalClient, run: &RunRef, page: &RunActionPage) -> Result<StartPrefill, AppError> {
    use temporalio_protos::protos::temporal::api::history::v1::history_event::Attributes;
    let (first, _) = history::ends(client, run).await?;
    let input = match first.and_then(|event| event.attributes) {
        Some(Attributes::WorkflowExecutionStartedEventAttributes(started)) => {
            started.input.map(|input| input.payloads).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let decoded = codec::decode_payloads(client, &run.namespace, input).await;
    let mut values = Vec::new();
    let mut input_note = None;
    for payload in decoded.iter().map(payloads::decode) {
        match payload.body {
            PayloadBody::Json(text) => values.push(serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)),
            PayloadBody::Null => values.push(serde_json::Value::Null),
            PayloadBody::Base64 { .. } => {
                input_note =
                    Some(format!("the run's input is {} data, not JSON: type the new input", payload.encoding));
            }
        }
    }
    let input_json = if input_note.is_some() { String::new() } else { serde_json::Value::Array(values).to_string() };
    Ok(StartPrefill {
        workflow_type: page.header.workflow_type.clone(),
        task_queue: page.header.task_queue.clone(),
        input_json,
        input_note,
    })
}
