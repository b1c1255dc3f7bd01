//! Standalone activities: the list, one activity, and a command's form.
use leptos::prelude::*;

use crate::error::AppError;
use model::{StandaloneActivitiesPage, StandaloneActivityActionPage, StandaloneActivityPage};

/// A page of the namespace's standalone activities matching `query` (`next_page` from the
/// previous page's link).
#[server]
pub async fn list_standalone_activities(
    namespace: String,
    query: String,
    next_page: Option<String>,
) -> Result<StandaloneActivitiesPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::standalone_activities;
    with_status(
        async {
            let client = request::context()?.client;
            standalone_activities::list_page(&client, &namespace, &query, next_page.as_deref()).await
        }
        .await,
    )
}

/// One standalone activity's run (the latest when `run_id` is empty).
#[server]
pub async fn load_standalone_activity(
    namespace: String,
    activity_id: String,
    run_id: String,
) -> Result<StandaloneActivityPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::standalone_activities;
    with_status(
        async { standalone_activities::activity_page(&request::context()?, &namespace, &activity_id, &run_id).await }
            .await,
    )
}

/// The form of one command on a standalone activity's run.
#[server]
pub async fn load_standalone_activity_action(
    namespace: String,
    activity_id: String,
    run_id: String,
    action: String,
) -> Result<StandaloneActivityActionPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::standalone_activity_writes;
    with_status(
        async {
            let ctx = request::context()?;
            standalone_activity_writes::action_page(&ctx, &namespace, (&activity_id, &run_id), &action).await
        }
        .await,
    )
}
