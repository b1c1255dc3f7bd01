//! Reads and operates a Temporal cluster for the debugger, and explains what comes back. Plain
//! functions over an explicit [`RequestContext`] (or a [`TemporalClient`] acting for the caller)
//! that return the view models of the `model` crate. Nothing here knows Leptos or axum.
pub mod access;
pub mod compare;
pub mod diagnosis;
mod diagnosis_config;
mod diagnosis_config_facts;
mod diagnosis_heartbeats;
mod diagnosis_history;
mod diagnosis_local_activities;
mod diagnosis_metrics;
mod diagnosis_workers;
pub mod html;
pub mod import_page;
pub mod imports;
pub mod markdown;
pub mod request;
pub mod reset_reports;
pub mod server_metrics;
pub mod settings;
pub mod temporal;
pub mod time_zones;
pub mod timeline;
pub mod triage_classify;
pub mod triage_groups;

pub use request::{Csrf, RequestContext};
pub use settings::Settings;
pub use temporal::TemporalClient;
