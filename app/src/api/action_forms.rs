use leptos::prelude::*;

use crate::error::AppError;
use model::{ActivityActionPage, RunActionPage};

/// The form of one action on a run: whether the viewer may use it and what it offers.
#[server]
pub async fn load_run_action(
    namespace: String,
    workflow_id: String,
    run_id: String,
    action: String,
    update_id: Option<String>,
    rejected: Option<String>,
) -> Result<RunActionPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::run_action_form;
    use model::RunRef;
    with_status(
        async {
            let ctx = request::context()?;
            let sent = run_action_form::SentUpdate { update_id, rejected };
            run_action_form::action_page(&ctx, &RunRef::new(namespace, workflow_id, run_id), &action, sent).await
        }
        .await,
    )
}

/// The form of one command on a pending activity.
#[server]
pub async fn load_activity_action(
    namespace: String,
    workflow_id: String,
    run_id: String,
    activity_id: String,
    action: String,
) -> Result<ActivityActionPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::activity_action_form;
    use model::RunRef;
    with_status(
        async {
            let ctx = request::context()?;
            activity_action_form::action_page(&ctx, &RunRef::new(namespace, workflow_id, run_id), &activity_id, &action)
                .await
        }
        .await,
    )
}
