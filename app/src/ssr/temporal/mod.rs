//! The Temporal side of the debugger: one module per concern, each returning view-model structs.
pub mod codec;
mod connection;
pub mod describe;
pub mod descriptors;
mod errors;
pub mod event_fields;
pub mod failures;
pub mod history;
pub mod history_import;
pub mod history_json;
pub mod history_reads;
pub mod namespaces;
pub mod payloads;
pub mod pending;
pub mod queries;
pub mod relationships;
pub mod run;
pub mod run_compare;
pub mod run_tabs;
pub mod stack_traces;
pub mod system;
pub mod task_queues;
pub mod time;
pub mod workflows;

pub use connection::{ConnectError, Namespaced, TemporalClient, settings, tls};
