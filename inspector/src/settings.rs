//! The deployment's settings that pages and reads depend on.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where `/` lands: `TEMPORAL_DEFAULT_NAMESPACE`.
    pub default_namespace: String,
    /// Whether the workflow list asks Temporal for status counts (a `GROUP BY` that is costly on
    /// SQL visibility stores).
    pub status_counts: bool,
    /// `TEMPORAL_HIDE_WORKFLOW_QUERY_ERRORS`: a failed query says so, without the worker's error.
    pub hide_query_errors: bool,
    /// `TDBG_TRIAGE_RUNS`: runs the stuck-runs page reads per end (newest, oldest) unless the URL
    /// asks for another number.
    pub triage_runs: usize,
}

/// `TDBG_TRIAGE_RUNS`' default.
pub const DEFAULT_TRIAGE_RUNS: usize = 250;
/// The most runs per end the stuck-runs page reads, whatever is asked.
pub const MAX_TRIAGE_RUNS: usize = 1000;
