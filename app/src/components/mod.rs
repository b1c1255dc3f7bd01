//! Widgets shared by several pages.
mod cluster_switcher;
mod error_page;
mod failure;
mod go_to;
mod input_outcome;
mod namespace_switcher;
mod page_shell;
mod page_title;
mod payloads;
mod sign_out;
mod status_badge;
mod time_text;

pub use crate::error::set_http_status;
pub use cluster_switcher::ClusterSwitcher;
pub use error_page::ErrorPage;
pub use failure::FailureBlock;
pub use go_to::GoTo;
pub use input_outcome::InputAndOutcome;
pub use namespace_switcher::NamespaceSwitcher;
pub use page_shell::PageShell;
pub use page_title::PageTitle;
pub use payloads::{PayloadBlock, PayloadList};
pub use sign_out::SignOut;
pub use status_badge::StatusBadge;
pub use time_text::TimeText;
