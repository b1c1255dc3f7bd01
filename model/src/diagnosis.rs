use serde::{Deserialize, Serialize};

/// One statement of the "why is it stuck?" panel, with the evidence it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub text: String,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    /// The run cannot progress until someone acts (no worker, failing workflow task).
    Blocking,
    /// The run progresses slowly or fails repeatedly (retrying activity).
    Warning,
    /// What the run is waiting on (timer, child, signal) or how it ended.
    Info,
}

/// Where the statement comes from: a tab of the run, one of its events, or another page (the
/// run's task queue, the cluster's health).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Evidence {
    Tab { segment: String, label: String },
    Event(i64),
    Page { href: String, label: String },
}

impl Finding {
    pub fn new(severity: Severity, text: String, evidence: Evidence) -> Finding {
        Finding { severity, text, evidence }
    }
}

impl Evidence {
    /// A tab of the run (`segment`, such as `pending-activities`).
    pub fn tab(segment: &str, label: &str) -> Evidence {
        Evidence::Tab { segment: segment.to_string(), label: label.to_string() }
    }
}
