use leptos::prelude::*;

use crate::error::AppError;
use model::DescendantsPage;

/// The run's tree of descendants, folded by `fold` (status names, comma-separated) and cut at
/// `depth` levels.
#[server]
pub async fn load_descendants(
    namespace: String,
    workflow_id: String,
    run_id: String,
    fold: Option<String>,
    depth: Option<String>,
) -> Result<DescendantsPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::descendants;
    use model::{RunRef, TreeOptions};
    let options = TreeOptions::from_query(fold.as_deref(), depth.as_deref());
    with_status(
        async { descendants::page(&request::context()?, &RunRef::new(namespace, workflow_id, run_id), options).await }
            .await,
    )
}
