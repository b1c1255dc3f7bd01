//! Server functions: the only door from the browser to Temporal. Each body is a thin call into
//! [`inspector::temporal`]; the WASM build keeps only the client stubs.
mod action_forms;
mod batch;
mod cluster;
mod cluster_health;
mod compare;
mod descendants;
mod import;
mod namespaces;
mod nexus;
mod run;
mod run_tabs;
mod schedules;
mod settings;
mod standalone_activities;
mod stuck_runs;
mod worker_deployments;
mod workers;
mod workflow_counts;
mod workflows;

pub use action_forms::{LoadActivityAction, LoadRunAction, load_activity_action, load_run_action};
pub use batch::{LoadBatchJob, LoadBatchPlan, LoadFailureReset, load_batch_job, load_batch_plan, load_failure_reset};
pub use cluster::{
    LoadCluster, LoadNamespace, LoadTaskQueue, LoadTaskQueues, load_cluster, load_namespace, load_task_queue,
    load_task_queues,
};
pub use cluster_health::{LoadClusterHealth, load_cluster_health};
pub use compare::{CompareRuns, compare_runs};
pub use descendants::{LoadDescendants, load_descendants};
pub use import::{LoadImport, load_import};
pub use namespaces::{DefaultNamespace, ListNamespaces, default_namespace, list_namespaces};
pub use nexus::{LoadNexusEndpoint, LoadNexusEndpoints, load_nexus_endpoint, load_nexus_endpoints};
pub use run::{LoadRun, load_run};
pub use run_tabs::{
    LoadCallStack, LoadMemo, LoadPending, LoadQueries, LoadRelationships, LoadSearchAttributes, LoadTimeline,
    LoadWorkers, load_call_stack, load_memo, load_pending, load_queries, load_relationships, load_search_attributes,
    load_timeline, load_workers,
};
pub use schedules::{ListSchedules, LoadSchedule, list_schedules, load_schedule};
pub use settings::{LoadTimeZones, load_time_zones};
pub use standalone_activities::{
    ListStandaloneActivities, LoadStandaloneActivity, LoadStandaloneActivityAction, list_standalone_activities,
    load_standalone_activity, load_standalone_activity_action,
};
pub use stuck_runs::{LoadStuckRuns, load_stuck_runs};
pub use worker_deployments::{LoadWorkerDeployment, load_worker_deployment};
pub use workers::{ListNamespaceWorkers, LoadWorker, list_namespace_workers, load_worker};
pub use workflow_counts::{LoadWorkflowCounts, load_workflow_counts};
pub use workflows::{LatestRun, ListRuns, ListWorkflows, latest_run, list_runs, list_workflows};
