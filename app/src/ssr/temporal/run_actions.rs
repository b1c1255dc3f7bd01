//! The data of a run's action forms: the run, whether the viewer may act, and what the form offers
//! (signal names for a signal, reset points for a reset).
use std::ops::ControlFlow;

use super::{
    TemporalClient,
    describe::describe,
    history::{self, Direction},
    pending, queries,
    reset_points::ResetPoints,
};
use crate::{
    error::AppError,
    model::{ActionKind, ExecutionStatus, RunActionPage},
    ssr::access::{Access, CsrfToken},
};

/// The action a URL segment names, if it is one of a run's.
pub fn action_of(slug: &str) -> Option<ActionKind> {
    Some(match slug {
        "signal" => ActionKind::Signal,
        "cancel" => ActionKind::Cancel,
        "terminate" => ActionKind::Terminate,
        "reset" => ActionKind::Reset,
        "pause" | "unpause" => ActionKind::Pause,
        _ => return None,
    })
}

pub async fn action_page(
    client: &TemporalClient,
    (namespace, workflow_id, run_id): (&str, &str, &str),
    slug: &str,
) -> Result<RunActionPage, AppError> {
    let action = action_of(slug).ok_or_else(|| AppError::NotFound(format!("there is no run action {slug:?}")))?;
    let described = describe(client, namespace, workflow_id, run_id).await?;
    let header = pending::run_header(namespace, &described);
    let refused = Access::current().check(action, namespace).err();
    let mut page = RunActionPage {
        header,
        action: slug.to_string(),
        csrf_token: CsrfToken::current(),
        refused,
        signal_names: Vec::new(),
        reset_points: Vec::new(),
        reset_points_dropped: 0,
        unavailable: None,
    };
    if page.refused.is_some() {
        return Ok(page);
    }
    let running = page.header.status.is_running();
    match action {
        ActionKind::Reset => {
            let mut points = ResetPoints::default();
            history::scan(client, (namespace, workflow_id, run_id), Direction::OldestFirst, |event| {
                points.visit(&event);
                ControlFlow::Continue(())
            })
            .await?;
            (page.reset_points, page.reset_points_dropped) = points.finish();
            if page.reset_points.is_empty() {
                page.unavailable = Some("this run has no completed workflow task to reset to".into());
            }
        }
        ActionKind::Signal if running => {
            // The names the worker reports; without a worker (or metadata) a free name still works.
            if let Ok(handlers) = queries::handlers(client, namespace, workflow_id, run_id).await {
                page.signal_names = handlers.signals.into_iter().map(|handler| handler.name).collect();
            }
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
