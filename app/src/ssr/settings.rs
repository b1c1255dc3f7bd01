//! Settings the server hands to the app through Leptos context.
use leptos::prelude::use_context;

use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Where `/` lands: `TEMPORAL_DEFAULT_NAMESPACE`.
    pub default_namespace: String,
    /// Whether the workflow list asks Temporal for status counts (a `GROUP BY` that is costly on
    /// SQL visibility stores).
    pub status_counts: bool,
    /// `TEMPORAL_HIDE_WORKFLOW_QUERY_ERRORS`: a failed query says so, without the worker's error.
    pub hide_query_errors: bool,
}

impl Settings {
    /// The settings of the current request.
    pub fn current() -> Result<Settings, AppError> {
        use_context::<Settings>().ok_or_else(|| AppError::Internal("the server did not provide its settings".into()))
    }
}
