//! The write actions and what the current user may do: plain data the pages use to decide which
//! buttons to show. The server decides again on every request (see `ssr::access`).
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
}

impl ActionKind {
    pub const ALL: [ActionKind; 9] = [
        ActionKind::Signal,
        ActionKind::Update,
        ActionKind::Cancel,
        ActionKind::Terminate,
        ActionKind::Reset,
        ActionKind::Pause,
        ActionKind::StartWorkflow,
        ActionKind::ActivityCommands,
        ActionKind::Batch,
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
        }
    }

    /// The environment variable that turns this action off, as the Temporal UI names it.
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
}

impl Permissions {
    pub fn allows(&self, action: ActionKind) -> bool {
        self.allowed.contains(&action)
    }
}
