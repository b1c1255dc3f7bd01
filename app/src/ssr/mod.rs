//! Server-only code: the Temporal client layer and the settings the server passes in.
pub mod access;
pub mod markdown;
pub mod compare;
pub mod diagnosis;
mod diagnosis_heartbeats;
mod diagnosis_history;
pub mod import_page;
pub mod imports;
pub mod settings;
pub mod timeline;
pub mod temporal;

pub use settings::Settings;
pub use temporal::TemporalClient;
