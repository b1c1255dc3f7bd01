use leptos::prelude::*;

use crate::error::AppError;
use model::ComparePage;

/// Two runs of one workflow ID, aligned step by step, with where they first differ.
#[server]
pub async fn compare_runs(
    namespace: String,
    workflow_id: String,
    a: Option<String>,
    b: Option<String>,
) -> Result<ComparePage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::run_compare;
    let page = async {
        let (Some(a), Some(b)) = (a.filter(|a| !a.is_empty()), b.filter(|b| !b.is_empty())) else {
            return Err(AppError::BadRequest(
                "Choose two runs to compare: add ?a={run ID}&b={run ID} to the URL, or pick them on the runs page."
                    .into(),
            ));
        };
        let ctx = request::context()?;
        let client = &ctx.client;
        let page = run_compare::compare_page(client, &namespace, &workflow_id, (&a, &b)).await?;
        Ok(inspector::temporal::codec::decode_page(client, &namespace, page).await)
    };
    with_status(page.await)
}
