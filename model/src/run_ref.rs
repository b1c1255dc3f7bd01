//! Which run: the three IDs every run page, link and Temporal call about a run names.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RunRef {
    pub namespace: String,
    pub workflow_id: String,
    pub run_id: String,
}

impl RunRef {
    pub fn new(namespace: impl Into<String>, workflow_id: impl Into<String>, run_id: impl Into<String>) -> RunRef {
        RunRef { namespace: namespace.into(), workflow_id: workflow_id.into(), run_id: run_id.into() }
    }

    /// `(namespace, workflow ID, run ID)`, for the calls that take them apart.
    pub fn ids(&self) -> (&str, &str, &str) {
        (&self.namespace, &self.workflow_id, &self.run_id)
    }
}
