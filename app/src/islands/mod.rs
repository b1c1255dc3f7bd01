//! The islands: the only components the browser runs (every other one renders on the server
//! only). Their props cross to the browser as JSON, so they are small; large server-rendered
//! content goes in as children.
mod browser_zone_button;
mod current_details;
mod history_keys;
mod live_updates;
mod refresh;
mod scroll_to_event;
mod timeline_drawing;

pub use browser_zone_button::BrowserZoneButton;
pub use current_details::CurrentDetailsFacts;
pub use history_keys::HistoryKeys;
pub use live_updates::LiveUpdates;
pub use refresh::{RUN_VIEW_ID, RefreshLink};
pub use scroll_to_event::ScrollToEvent;
pub use timeline_drawing::TimelineDrawing;
