//! The write actions and what the current user may do: plain data the pages use to decide which
//! buttons to show. The server decides again on every request (see `inspector::access`).
use serde::{Deserialize, Serialize};

/// One kind of write, as the Temporal UI's per-action flags name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ActionKind {
    Signal,
    Update,
    Cancel,
    Terminate,
    Reset,
    Pause,
    StartWorkflow,
    ActivityCommands,
    Batch,
    /// A worker deployment's current and ramping versions.
    DeploymentRouting,
    /// A run's versioning override (UpdateWorkflowExecutionOptions).
    VersioningOverride,
    /// Deleting a run, one or by a batch.
    Delete,
}

impl ActionKind {
    pub const ALL: [ActionKind; 12] = [
        ActionKind::Signal,
        ActionKind::Update,
        ActionKind::Cancel,
        ActionKind::Terminate,
        ActionKind::Reset,
        ActionKind::Pause,
        ActionKind::StartWorkflow,
        ActionKind::ActivityCommands,
        ActionKind::Batch,
        ActionKind::DeploymentRouting,
        ActionKind::VersioningOverride,
        ActionKind::Delete,
    ];

    /// The URL segment and audit name: `terminate`, `activity-commands`, …
    pub fn slug(self) -> &'static str {
        match self {
            ActionKind::Signal => "signal",
            ActionKind::Update => "update",
            ActionKind::Cancel => "cancel",
            ActionKind::Terminate => "terminate",
            ActionKind::Reset => "reset",
            ActionKind::Pause => "pause",
            ActionKind::StartWorkflow => "start-workflow",
            ActionKind::ActivityCommands => "activity-commands",
            ActionKind::Batch => "batch",
            ActionKind::DeploymentRouting => "deployment-routing",
            ActionKind::VersioningOverride => "versioning-override",
            ActionKind::Delete => "delete",
        }
    }

    /// The environment variable that turns this action off, as the Temporal UI names it (the last
    /// three are this debugger's, named in the same style).
    pub fn disabling_env(self) -> &'static str {
        match self {
            ActionKind::Signal => "TEMPORAL_WORKFLOW_SIGNAL_DISABLED",
            ActionKind::Update => "TEMPORAL_WORKFLOW_UPDATE_DISABLED",
            ActionKind::Cancel => "TEMPORAL_WORKFLOW_CANCEL_DISABLED",
            ActionKind::Terminate => "TEMPORAL_WORKFLOW_TERMINATE_DISABLED",
            ActionKind::Reset => "TEMPORAL_WORKFLOW_RESET_DISABLED",
            ActionKind::Pause => "TEMPORAL_WORKFLOW_PAUSE_DISABLED",
            ActionKind::StartWorkflow => "TEMPORAL_START_WORKFLOW_DISABLED",
            ActionKind::ActivityCommands => "TEMPORAL_ACTIVITY_COMMANDS_DISABLED",
            ActionKind::Batch => "TEMPORAL_BATCH_ACTIONS_DISABLED",
            ActionKind::DeploymentRouting => "TEMPORAL_WORKER_DEPLOYMENT_ROUTING_DISABLED",
            ActionKind::VersioningOverride => "TEMPORAL_WORKFLOW_VERSIONING_OVERRIDE_DISABLED",
            ActionKind::Delete => "TEMPORAL_WORKFLOW_DELETE_DISABLED",
        }
    }
}

/// What the person looking at a page may do there, computed by the server for one namespace.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// The actions allowed in this namespace (empty: read-only).
    pub allowed: Vec<ActionKind>,
    /// Why nothing is allowed, when that is the case: "write actions are off on this server",
    /// "your role is read-only".
    pub read_only_reason: Option<String>,
    /// The signed-in user's display name, when sign-in is on.
    pub user: Option<String>,
    /// Actions this viewer may take but the cluster does not offer, with a note saying so.
    pub unavailable: Vec<(ActionKind, String)>,
}

impl Permissions {
    pub fn allows(&self, action: ActionKind) -> bool {
        self.allowed.contains(&action)
    }

    /// The note for an action the cluster does not offer.
    pub fn unavailable_note(&self, action: ActionKind) -> Option<&str> {
        self.unavailable.iter().find(|(kind, _)| *kind == action).map(|(_, note)| note.as_str())
    }
}

/// A workflow task the run can be reset to, with what came right after it in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPoint {
    /// The WorkflowTaskCompleted event: `workflow_task_finish_event_id` of the reset.
    pub event_id: i64,
    pub time: Option<super::TimePoint>,
    /// "before activity charge_card failed", "before timer 1 started", …
    pub sentence: String,
    /// The first workflow task (a reset here starts the run over) or the last one.
    pub first: bool,
    pub last: bool,
}

/// The form of one action on a run (`…/{run_id}/actions/{action}`), with what it needs to offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunActionPage {
    pub header: super::RunHeader,
    /// `signal`, `cancel`, `terminate`, `reset`, `pause` or `unpause`.
    pub action: String,
    /// Goes back in the form's hidden `csrf` field.
    pub csrf_token: String,
    /// Why this viewer may not do it, when that is so (the form is not shown then).
    pub refused: Option<String>,
    /// Signal names the worker reports (empty: unknown, type one).
    pub signal_names: Vec<String>,
    /// Reset points, oldest first, and how many were left out of a long history.
    pub reset_points: Vec<ResetPoint>,
    pub reset_points_dropped: usize,
    /// A reason the run cannot take this action now ("the run is closed").
    pub unavailable: Option<String>,
    /// Update names the worker reports.
    pub update_names: Vec<String>,
    /// After an update was sent (`?update_id=…`): how it ended.
    pub update_outcome: Option<UpdateOutcome>,
    /// "Start another like this one": the run's type, task queue and input to edit.
    pub start: Option<StartPrefill>,
    /// The versioning override's form: what the run has now.
    pub versioning: Option<VersioningChoice>,
}

/// What the versioning override form starts from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersioningChoice {
    /// The run's override in words ("pinned to deploy:b1"), if it has one.
    pub current_override: Option<String>,
    /// The run's worker deployment and the build ID it runs on (empty when unversioned).
    pub deployment_name: String,
    pub build_id: String,
    /// The deployment's versions, to pick from.
    pub build_ids: Vec<String>,
}

/// What "start another like this one" offers to edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartPrefill {
    pub workflow_type: String,
    pub task_queue: String,
    /// The run's input as a JSON array, one element per argument; empty when it is not JSON.
    pub input_json: String,
    /// Why the input could not be given as JSON, if it could not.
    pub input_note: Option<String>,
}

/// How a sent update ended, as its form shows it afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UpdateOutcome {
    /// The handler returned these.
    Completed { update_id: String, result: Vec<super::PayloadView> },
    /// The handler raised.
    Failed { update_id: String, failure: super::FailureView },
    /// The validator refused it: it never entered the history.
    Rejected { update_id: String, message: String },
    /// Accepted, still running when the page asked.
    Running { update_id: String },
}
