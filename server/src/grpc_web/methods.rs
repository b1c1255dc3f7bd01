//! Which `WorkflowService` methods the gRPC-web endpoint forwards: reads on an explicit
//! allow-list, writes mapped to the [`ActionKind`] the write policy decides, everything else
//! refused. A method Temporal adds later is refused until it is named here.
use model::ActionKind;

/// The gRPC service every forwarded method belongs to.
pub const SERVICE: &str = "temporal.api.workflowservice.v1.WorkflowService";

/// How a method's request message names the run it acts on (for the audit line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Field 2 is a `WorkflowExecution` (workflow ID 1, run ID 2).
    Execution,
    /// Field 2 is the workflow ID and field 3 the run ID, both strings.
    IdAndRun,
    /// Field 2 is the workflow ID (a new run has no run ID yet).
    WorkflowId,
    /// The request names no single run (batch operations).
    None,
}

/// What the endpoint does with a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Forwarded for anyone who may read the app. `namespaced` is false for the few requests
    /// without a `namespace` field 1 (`ListNamespaces`, `GetSystemInfo`, `GetClusterInfo`).
    Read { namespaced: bool },
    /// Forwarded when the request's [`inspector::access::Access`] allows `kind` in its namespace.
    Write { kind: ActionKind, target: Target },
    /// Never forwarded.
    Refused,
}

/// Reads whose request has `string namespace = 1`. Queries run worker code but change nothing,
/// so they are reads here as on the pages (allowed on a read-only server).
const NAMESPACED_READS: &[&str] = &[
    "DescribeNamespace",
    "DescribeWorkflowExecution",
    "GetWorkflowExecutionHistory",
    "GetWorkflowExecutionHistoryReverse",
    "ListWorkflowExecutions",
    "CountWorkflowExecutions",
    "ListOpenWorkflowExecutions",
    "ListClosedWorkflowExecutions",
    "GetSearchAttributes",
    "DescribeTaskQueue",
    "QueryWorkflow",
    "ListSchedules",
    "DescribeSchedule",
    "DescribeBatchOperation",
    "ListBatchOperations",
    "PollWorkflowExecutionUpdate",
    "ListTaskQueuePartitions",
    "DescribeWorkerDeployment",
    "ListWorkerDeployments",
    "GetWorkerTaskReachability",
];

/// Reads whose request has no namespace.
const CLUSTER_READS: &[&str] = &["ListNamespaces", "GetSystemInfo", "GetClusterInfo"];

/// What the endpoint does with `name` (the last segment of the gRPC path).
pub fn classify(name: &str) -> Method {
    if NAMESPACED_READS.contains(&name) {
        return Method::Read { namespaced: true };
    }
    if CLUSTER_READS.contains(&name) {
        return Method::Read { namespaced: false };
    }
    let (kind, target) = match name {
        "SignalWorkflowExecution" => (ActionKind::Signal, Target::Execution),
        "UpdateWorkflowExecution" => (ActionKind::Update, Target::Execution),
        "RequestCancelWorkflowExecution" => (ActionKind::Cancel, Target::Execution),
        "TerminateWorkflowExecution" => (ActionKind::Terminate, Target::Execution),
        "ResetWorkflowExecution" => (ActionKind::Reset, Target::Execution),
        "PauseWorkflowExecution" | "UnpauseWorkflowExecution" => (ActionKind::Pause, Target::IdAndRun),
        "StartWorkflowExecution" => (ActionKind::StartWorkflow, Target::WorkflowId),
        "PauseActivity" | "UnpauseActivity" | "ResetActivity" | "UpdateActivityOptions" => {
            (ActionKind::ActivityCommands, Target::Execution)
        }
        "StartBatchOperation" | "StopBatchOperation" => (ActionKind::Batch, Target::None),
        "SetWorkerDeploymentCurrentVersion" | "SetWorkerDeploymentRampingVersion" => {
            (ActionKind::DeploymentRouting, Target::None)
        }
        "DeleteWorkflowExecution" => (ActionKind::Delete, Target::Execution),
        _ => return Method::Refused,
    };
    Method::Write { kind, target }
}

/// What a StartBatchOperation needs beside `Batch`, by the field of its `operation` that is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchNeeds {
    BatchOnly,
    /// The permission of what it does to each run (deleting runs needs `Delete`).
    Also(ActionKind),
    /// Changing runs' options (priority, versioning, time skipping) is no action of this server.
    Refused(&'static str),
}

/// `field` is the tag of StartBatchOperationRequest's `operation` (temporal/api/workflowservice/v1).
pub fn batch_operation_needs(field: Option<u32>) -> BatchNeeds {
    match field {
        Some(13 | 21) => BatchNeeds::Also(ActionKind::Delete),
        Some(15) => BatchNeeds::Refused("changing the options of many runs"),
        Some(16..=20) => BatchNeeds::Also(ActionKind::ActivityCommands),
        _ => BatchNeeds::BatchOnly,
    }
}

/// The method's name from a request path `…/temporal.api.workflowservice.v1.WorkflowService/{name}`
/// (the path a nested router sees may have lost its prefix; the tail is the same).
pub fn name_in_path(path: &str) -> Option<&str> {
    let (service, name) = path.rsplit_once('/')?;
    (service.ends_with(SERVICE) && !name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_delete_also_needs_delete_and_a_batch_options_change_is_refused() {
        assert_eq!(batch_operation_needs(Some(10)), BatchNeeds::BatchOnly, "terminate");
        assert_eq!(batch_operation_needs(Some(13)), BatchNeeds::Also(ActionKind::Delete));
        assert_eq!(batch_operation_needs(Some(21)), BatchNeeds::Also(ActionKind::Delete));
        assert_eq!(batch_operation_needs(Some(17)), BatchNeeds::Also(ActionKind::ActivityCommands));
        assert!(matches!(batch_operation_needs(Some(15)), BatchNeeds::Refused(_)));
    }

    #[test]
    fn reads_writes_and_the_rest_are_told_apart() {
        assert_eq!(classify("DescribeNamespace"), Method::Read { namespaced: true });
        assert_eq!(classify("QueryWorkflow"), Method::Read { namespaced: true });
        assert_eq!(classify("ListNamespaces"), Method::Read { namespaced: false });
        assert_eq!(
            classify("SignalWorkflowExecution"),
            Method::Write { kind: ActionKind::Signal, target: Target::Execution }
        );
        assert_eq!(
            classify("UnpauseWorkflowExecution"),
            Method::Write { kind: ActionKind::Pause, target: Target::IdAndRun }
        );
        assert_eq!(
            classify("UpdateActivityOptions"),
            Method::Write { kind: ActionKind::ActivityCommands, target: Target::Execution }
        );
        assert_eq!(classify("StopBatchOperation"), Method::Write { kind: ActionKind::Batch, target: Target::None });
        for refused in [
            "DeleteNamespace",
            "UpdateNamespace",
            "RegisterNamespace",
            "ScanWorkflowExecutions",
            "",
            "signalworkflowexecution",
        ] {
            assert_eq!(classify(refused), Method::Refused, "{refused}");
        }
    }

    #[test]
    fn every_write_kind_has_a_method() {
        let names = [
            "SignalWorkflowExecution",
            "UpdateWorkflowExecution",
            "RequestCancelWorkflowExecution",
            "TerminateWorkflowExecution",
            "ResetWorkflowExecution",
            "PauseWorkflowExecution",
            "StartWorkflowExecution",
            "PauseActivity",
            "StartBatchOperation",
            "SetWorkerDeploymentRampingVersion",
            "DeleteWorkflowExecution",
        ];
        let kinds: Vec<ActionKind> = names
            .iter()
            .filter_map(|name| match classify(name) {
                Method::Write { kind, .. } => Some(kind),
                _ => None,
            })
            .collect();
        // UpdateWorkflowExecutionOptions also changes a run's priority and time skipping, which
        // no action kind covers: the pages set its versioning override, gRPC-web never forwards it.
        let with_methods: Vec<ActionKind> =
            ActionKind::ALL.into_iter().filter(|kind| *kind != ActionKind::VersioningOverride).collect();
        assert_eq!(kinds, with_methods);
        assert_eq!(classify("UpdateWorkflowExecutionOptions"), Method::Refused);
    }

    #[test]
    fn method_names_come_from_the_path_of_this_service_only() {
        assert_eq!(
            name_in_path("/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace"),
            Some("DescribeNamespace")
        );
        assert_eq!(
            name_in_path("/clusters/b/temporal.api.workflowservice.v1.WorkflowService/ListNamespaces"),
            Some("ListNamespaces")
        );
        assert_eq!(name_in_path("/temporal.api.operatorservice.v1.OperatorService/DeleteNamespace"), None);
        assert_eq!(name_in_path("/temporal.api.workflowservice.v1.WorkflowService/"), None);
    }
}
