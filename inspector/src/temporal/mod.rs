//! The Temporal side of the debugger: one module per concern, each returning view-model structs.
pub mod activity_action_form;
pub mod activity_writes;
pub mod batch;
pub mod cache;
pub mod capabilities;
pub mod cluster_info;
pub mod codec;
mod connection;
pub mod deployment_routing;
pub mod describe;
pub mod descriptors;
mod errors;
pub mod event_fields;
pub mod failure_resets;
pub mod failures;
pub mod history;
pub mod history_import;
// The import parser's property tests, beside `history_import.rs`.
#[cfg(test)]
#[path = "history_import_props.rs"]
mod history_import_props;
pub mod history_json;
pub mod history_reads;
pub mod namespace_details;
pub mod namespaces;
pub mod payloads;
pub mod pending;
pub mod queries;
pub mod relationships;
pub mod reset_points;
pub mod run;
pub mod run_action_form;
pub mod run_compare;
pub mod run_context;
pub mod run_metadata;
pub mod run_summary;
pub mod run_tabs;
pub mod schedule_spec;
pub mod schedule_writes;
pub mod schedules;
pub mod stack_traces;
pub mod system;
pub mod task_queue_list;
pub mod task_queues;
pub mod time;
pub mod updates;
pub mod versioning_override;
pub mod versioning_rules;
pub mod worker_deployment;
pub mod worker_deployments;
pub mod workflow_task_problem;
pub mod workflows;
pub mod writes;

pub use connection::{CallChannel, ConnectError, Namespaced, PageCalls, TemporalClient, settings, tls};
