use leptos::prelude::*;

use crate::error::AppError;
use model::{SchedulePage, SchedulesPage};

/// A page of the namespace's schedules (`next_page` from the previous page's link).
#[server]
pub async fn list_schedules(namespace: String, next_page: Option<String>) -> Result<SchedulesPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::schedules;
    with_status(
        async { schedules::list_page(&request::context()?.client, &namespace, next_page.as_deref()).await }.await,
    )
}

/// One schedule: its spec, policies, action, recent and upcoming runs, and its matching times
/// (in the range `from`–`to`, UTC, when the reader picked one).
#[server]
pub async fn load_schedule(
    namespace: String,
    schedule_id: String,
    from: Option<String>,
    to: Option<String>,
) -> Result<SchedulePage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::schedules;
    let range = from.as_deref().zip(to.as_deref());
    with_status(async { schedules::schedule_page(&request::context()?, &namespace, &schedule_id, range).await }.await)
}
