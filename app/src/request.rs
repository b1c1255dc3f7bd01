//! What a server function passes to the Temporal layer: the request's context, read once from
//! what the server put into Leptos context. Call [`context`] before the first `.await`.
use std::sync::Arc;

use inspector::{
    Csrf, RequestContext, Settings, TemporalClient, access::Access, imports::ImportStore,
    server_metrics::ServerMetrics, timeline::closed_runs::KeptLanes,
};
use leptos::prelude::use_context;
use model::AppError;

/// The context of the request being rendered or answered.
pub fn context() -> Result<RequestContext, AppError> {
    let client = use_context::<TemporalClient>()
        .ok_or_else(|| AppError::Internal("the server did not provide a Temporal client".into()))?;
    let settings = settings()?;
    let metrics = use_context::<ServerMetrics>().unwrap_or_default();
    let kept_lanes = use_context::<Arc<KeptLanes>>().unwrap_or_default();
    let (zone, links) = (crate::time_zone::zone(), crate::urls::links());
    Ok(match use_context::<http::request::Parts>() {
        Some(parts) => RequestContext {
            client: client.for_request(&parts),
            access: Access::of(&parts),
            csrf: Csrf::of(&parts),
            settings,
            zone,
            links,
            metrics,
            kept_lanes,
        },
        None => RequestContext {
            client,
            access: Access::read_only(),
            csrf: Csrf::default(),
            settings,
            zone,
            links,
            metrics,
            kept_lanes,
        },
    })
}

pub fn settings() -> Result<Settings, AppError> {
    use_context::<Settings>().ok_or_else(|| AppError::Internal("the server did not provide its settings".into()))
}

/// The reports of resets to before each run's first failure.
pub fn reset_reports() -> Result<Arc<inspector::reset_reports::ResetReports>, AppError> {
    use_context::<Arc<inspector::reset_reports::ResetReports>>()
        .ok_or_else(|| AppError::Internal("the server did not provide its reset reports".into()))
}

/// The server's store of imported histories.
pub fn import_store() -> Result<Arc<ImportStore>, AppError> {
    use_context::<Arc<ImportStore>>()
        .ok_or_else(|| AppError::Internal("the server did not provide its import store".into()))
}
