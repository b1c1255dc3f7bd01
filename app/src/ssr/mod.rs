//! Server-only code: the Temporal client layer and the settings the server passes in.
pub mod access;
pub mod compare;
pub mod diagnosis;
mod diagnosis_heartbeats;
mod diagnosis_history;
mod diagnosis_metrics;
pub mod html;
pub mod import_page;
pub mod imports;
pub mod markdown;
pub mod server_metrics;
pub mod settings;
pub mod temporal;
pub mod time_zones;
pub mod timeline;

pub use settings::Settings;
pub use temporal::TemporalClient;
