//! What the queries tab and the call-stack tab show: the run's handlers, a query's answer, stacks.
use serde::{Deserialize, Serialize};

use super::{PayloadView, RunHeader, TimePoint};

/// A query, signal or update handler the workflow defines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlerView {
    pub name: String,
    pub description: String,
}

impl HandlerView {
    /// Handlers every SDK adds (`__stack_trace`, `__temporal_workflow_metadata`, …).
    pub fn is_builtin(&self) -> bool {
        self.name.starts_with("__")
    }
}

/// The handlers of a running workflow, as its worker reported them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handlers {
    pub queries: Vec<HandlerView>,
    pub signals: Vec<HandlerView>,
    pub updates: Vec<HandlerView>,
    /// What the workflow says it is doing (`workflow.set_current_details`), if anything.
    pub current_details: String,
    /// How the list was learned: the metadata query, or the error of an unknown query.
    pub source: HandlersSource,
}

/// The summary's "current details": what the worker said when asked just now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CurrentDetails {
    Said(String),
    /// The workflow sets none.
    Nothing,
    /// No answer, and why.
    Unanswered(String),
}

impl CurrentDetails {
    pub fn or_nothing(self) -> CurrentDetails {
        match self {
            CurrentDetails::Said(text) if text.trim().is_empty() => CurrentDetails::Nothing,
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HandlersSource {
    /// `__temporal_workflow_metadata`: names, descriptions, signals and updates.
    Metadata,
    /// The SDK has no metadata query: query names read from its "unknown query" error.
    UnknownQueryError,
}

/// A query someone asked on the queries tab, and what came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedQuery {
    pub name: String,
    /// The arguments as typed: a JSON array, one element per argument (or one JSON value).
    pub arguments: String,
    pub outcome: QueryOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryOutcome {
    Answer {
        payloads: Vec<PayloadView>,
        taken_at: TimePoint,
    },
    /// The arguments are not JSON; the query was not sent.
    BadArguments(String),
    /// The worker, or Temporal, answered with an error.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueriesPage {
    pub header: RunHeader,
    /// Whether any worker polls the workflow task queue; without one, no query can be answered.
    pub has_worker: bool,
    /// The handlers, or why they could not be listed.
    pub handlers: Result<Handlers, String>,
    pub asked: Option<AskedQuery>,
}

/// One frame of an enhanced stack trace, with the source lines around it when the SDK sent them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackFrame {
    pub function: String,
    pub file: String,
    /// 1-based; `None` when the SDK did not know.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The SDK marks its own frames, to hide them by default.
    pub internal: bool,
    pub source: Vec<SourceLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLine {
    pub number: u32,
    pub text: String,
    /// The frame's own line.
    pub current: bool,
}

/// `__enhanced_stack_trace`: the stacks as frames with source locations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnhancedStack {
    /// e.g. `sdk-python 1.35.0`.
    pub sdk: String,
    pub stacks: Vec<Vec<StackFrame>>,
}
