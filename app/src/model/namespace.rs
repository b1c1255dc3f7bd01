use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceView {
    pub name: String,
    pub description: String,
    /// `Registered`, `Deprecated`, `Deleted`.
    pub state: String,
    /// Workflow execution retention, e.g. `1d` or `72h`.
    pub retention: String,
}
