//! One page per file. Each page reads its state from the URL (path and query).
mod batch_job;
mod batch_plan;
mod batch_resets;
mod cluster;
mod cluster_health;
mod compare;
mod home;
mod import;
mod imported;
mod namespace;
mod namespaces;
mod not_found;
mod params;
pub mod run;
mod runs;
mod schedule;
mod schedules;
mod settings;
mod task_queue;
mod task_queues;
mod worker_deployment;
mod workflow_latest;
mod workflow_list_controls;
pub(crate) mod workflows;

pub use batch_job::BatchJobPage;
pub use batch_plan::BatchPlanPage;
pub use batch_resets::FailureResetPage;
pub use cluster::ClusterPage;
pub use cluster_health::ClusterHealthPage;
pub use compare::ComparePage;
pub use home::HomeRedirect;
pub use import::ImportPage;
pub use imported::ImportedHistoryPage;
pub use namespace::NamespacePage;
pub use namespaces::NamespacesPage;
pub use not_found::NotFoundPage;
pub use run::{
    ActivityActionFormPage, CallStackPage, MemoTabPage, PendingActivitiesPage, QueriesPage, RelationshipsPage,
    RunActionFormPage, RunHistoryPage, SearchAttributesTabPage, TimelineTabPage, WorkersPage,
};
pub use runs::RunsPage;
pub use schedule::SchedulePage;
pub use schedules::SchedulesPage;
pub use settings::SettingsPage;
pub use task_queue::TaskQueuePage;
pub use task_queues::TaskQueuesPage;
pub use worker_deployment::WorkerDeploymentPage;
pub use workflow_latest::{LatestRunRedirect, RunRedirect};
pub use workflows::WorkflowsPage;
