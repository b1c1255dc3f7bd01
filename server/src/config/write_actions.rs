//! The write policy's settings: one explicit switch that turns writes on (they are off by
//! default), the Temporal UI's switch that turns them all off, and its per-action flags. The
//! server enforces every one of them (the Temporal UI only hides buttons for the per-action ones).
use clap::{Args, builder::BoolishValueParser};
use inspector::access::WritePolicy;
use model::ActionKind;

#[derive(Debug, Clone, Default, Args)]
pub struct WriteFlags {
    /// Allow write actions (signal, cancel, terminate, reset, …) [default: false: read-only].
    #[arg(long, env = "TDBG_ENABLE_WRITE_ACTIONS", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub enable_write_actions: Option<bool>,

    /// Turn every write action off, whatever else is set (Temporal UI name).
    #[arg(long, env = "TEMPORAL_DISABLE_WRITE_ACTIONS", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub disable_write_actions: Option<bool>,

    /// Turn off signalling workflows.
    #[arg(long, env = "TEMPORAL_WORKFLOW_SIGNAL_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_signal_disabled: Option<bool>,

    /// Turn off workflow updates.
    #[arg(long, env = "TEMPORAL_WORKFLOW_UPDATE_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_update_disabled: Option<bool>,

    /// Turn off requesting cancellation.
    #[arg(long, env = "TEMPORAL_WORKFLOW_CANCEL_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_cancel_disabled: Option<bool>,

    /// Turn off terminating workflows.
    #[arg(long, env = "TEMPORAL_WORKFLOW_TERMINATE_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_terminate_disabled: Option<bool>,

    /// Turn off resetting workflows.
    #[arg(long, env = "TEMPORAL_WORKFLOW_RESET_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_reset_disabled: Option<bool>,

    /// Turn off pausing and unpausing workflows.
    #[arg(long, env = "TEMPORAL_WORKFLOW_PAUSE_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_pause_disabled: Option<bool>,

    /// Turn off starting workflows ("start another like this one").
    #[arg(long, env = "TEMPORAL_START_WORKFLOW_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub start_workflow_disabled: Option<bool>,

    /// Turn off activity commands (pause, unpause, reset, update options).
    #[arg(long, env = "TEMPORAL_ACTIVITY_COMMANDS_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub activity_commands_disabled: Option<bool>,

    /// Turn off batch actions on the workflow list.
    #[arg(long, env = "TEMPORAL_BATCH_ACTIONS_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub batch_actions_disabled: Option<bool>,

    /// Turn off setting a worker deployment's current and ramping versions.
    #[arg(long, env = "TEMPORAL_WORKER_DEPLOYMENT_ROUTING_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub worker_deployment_routing_disabled: Option<bool>,

    /// Turn off setting and removing a run's versioning override.
    #[arg(long, env = "TEMPORAL_WORKFLOW_VERSIONING_OVERRIDE_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_versioning_override_disabled: Option<bool>,

    /// Turn off deleting workflow executions (one run, or a batch).
    #[arg(long, env = "TEMPORAL_WORKFLOW_DELETE_DISABLED", value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub workflow_delete_disabled: Option<bool>,
}

impl WriteFlags {
    pub fn policy(&self) -> WritePolicy {
        let per_action = [
            (ActionKind::Signal, self.workflow_signal_disabled),
            (ActionKind::Update, self.workflow_update_disabled),
            (ActionKind::Cancel, self.workflow_cancel_disabled),
            (ActionKind::Terminate, self.workflow_terminate_disabled),
            (ActionKind::Reset, self.workflow_reset_disabled),
            (ActionKind::Pause, self.workflow_pause_disabled),
            (ActionKind::StartWorkflow, self.start_workflow_disabled),
            (ActionKind::ActivityCommands, self.activity_commands_disabled),
            (ActionKind::Batch, self.batch_actions_disabled),
            (ActionKind::DeploymentRouting, self.worker_deployment_routing_disabled),
            (ActionKind::VersioningOverride, self.workflow_versioning_override_disabled),
            (ActionKind::Delete, self.workflow_delete_disabled),
        ];
        WritePolicy {
            enabled: self.enable_write_actions.unwrap_or(false),
            disable_write_actions: self.disable_write_actions.unwrap_or(false),
            disabled: per_action.into_iter().filter(|(_, off)| *off == Some(true)).map(|(action, _)| action).collect(),
        }
    }

    /// The `--print-config` line: "off", or the allowed actions.
    pub fn describe(policy: &WritePolicy) -> String {
        if !policy.enabled || policy.disable_write_actions {
            return "off (read-only)".into();
        }
        let allowed: Vec<&str> = ActionKind::ALL
            .into_iter()
            .filter(|action| policy.refusal(*action).is_none())
            .map(ActionKind::slug)
            .collect();
        format!("on: {}", allowed.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn writes_are_off_until_switched_on_and_flags_turn_single_actions_off() {
        let config = Config::from_flags(["server"]);
        assert!(!config.write_policy.enabled);
        assert!(config.describe().contains("write_actions = off (read-only)"), "{}", config.describe());
        let config = Config::from_flags([
            "server",
            "--enable-write-actions",
            "true",
            "--workflow-terminate-disabled",
            "true",
            "--batch-actions-disabled",
            "1",
        ]);
        assert!(config.write_policy.enabled);
        assert!(config.write_policy.refusal(ActionKind::Terminate).is_some());
        assert!(config.write_policy.refusal(ActionKind::Batch).is_some());
        assert!(config.write_policy.refusal(ActionKind::Signal).is_none());
        let line = WriteFlags::describe(&config.write_policy);
        assert!(line.starts_with("on: signal, update, cancel, reset"), "{line}");
        assert!(!line.contains("terminate") && !line.contains("batch"), "{line}");
        let off = Config::from_flags(["server", "--enable-write-actions", "true", "--disable-write-actions", "true"]);
        assert_eq!(WriteFlags::describe(&off.write_policy), "off (read-only)");
    }
}
