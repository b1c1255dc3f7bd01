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

/// A name and a value in words, for the fact lists of the namespace and cluster pages.
pub type Fact = (String, String);

/// A search attribute the namespace can filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchAttributeType {
    pub name: String,
    /// `Keyword`, `Text`, `Int`, `Double`, `Bool`, `Datetime`, `KeywordList`.
    pub value_type: String,
    /// Registered by the namespace's users, not built in.
    pub custom: bool,
}

/// One worker deployment and where it routes new work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentRow {
    pub name: String,
    /// Build ID of the current version, or "unversioned workers".
    pub current: String,
    /// `v2 (25%)` while a version ramps.
    pub ramping: Option<String>,
    /// The newest version and its status (`v3, Inactive`).
    pub latest: String,
    pub created: Option<super::TimePoint>,
    /// Its versions in words, newest first (`v1: Current since …`), from DescribeWorkerDeployment.
    pub versions: Vec<String>,
}

/// `/namespaces/{ns}`: what DescribeNamespace says, with its search attributes and deployments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespacePage {
    pub name: String,
    /// Identity and settings: ID, state, owner, retention, archival, global or local, failover.
    pub facts: Vec<Fact>,
    /// The namespace's own key-value data (set by its owners; untrusted text).
    pub data: Vec<Fact>,
    /// What the namespace supports (eager start, updates, pause, …) and its size limits.
    pub capabilities: Vec<(String, bool)>,
    pub limits: Vec<Fact>,
    /// Clusters the namespace replicates to, the active one first.
    pub clusters: Vec<String>,
    pub failovers: Vec<Fact>,
    /// Binaries the namespace refuses workflow tasks from (checksum, reason).
    pub bad_binaries: Vec<Fact>,
    /// The search attributes, or why they could not be read.
    pub search_attributes: Result<Vec<SearchAttributeType>, String>,
    /// Worker deployments, or why there are none to show (an older server says it lacks them).
    pub deployments: Result<Vec<DeploymentRow>, String>,
}

/// `/cluster`: the cluster this debugger talks to (GetClusterInfo, GetSystemInfo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterPage {
    /// The debugger's name for the cluster and the address it uses.
    pub configured_name: String,
    pub address: String,
    /// Name, ID, version, stores, shards, failover settings, in words.
    pub facts: Vec<Fact>,
    /// SDK and CLI versions the server accepts (`temporal-go`, `>=1.0.0 <2.0.0`).
    pub supported_clients: Vec<Fact>,
    pub capabilities: Vec<(String, bool)>,
    /// Release notes the server reports about its own version (current, recommended, alerts).
    pub version_notes: Vec<Fact>,
}
