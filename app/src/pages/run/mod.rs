//! The run page and its tabs, `/namespaces/{ns}/workflows/{wid}/{rid}/{tab}`.
mod event_table;
mod history;
mod summary;

pub use history::RunHistoryPage;
