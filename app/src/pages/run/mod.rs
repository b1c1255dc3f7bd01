//! The run page and its tabs, `/namespaces/{ns}/workflows/{wid}/{rid}/{tab}`.
mod action;
mod actions_bar;
mod activity_action;
mod call_stack;
mod diagnosis;
mod event_table;
mod history;
mod history_events;
mod linked_event;
mod live_updates;
mod loader;
mod pending_activities;
mod queries;
mod relationships;
mod summary;
mod tabs;
mod workers;

pub use action::RunActionFormPage;
pub use activity_action::ActivityActionFormPage;
pub use call_stack::CallStackPage;
pub use history::RunHistoryPage;
pub(crate) use history_events::HistoryEvents;
pub(crate) use linked_event::LinkedEvent;
pub use pending_activities::PendingActivitiesPage;
pub use queries::QueriesPage;
pub use relationships::RelationshipsPage;
pub use workers::WorkersPage;
