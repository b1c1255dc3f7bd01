use leptos::prelude::*;

use crate::error::AppError;
use model::StuckRunsPage;

/// The namespace's running runs grouped by why they are stuck: `n` runs read per end (the
/// newest and the oldest), kept a minute unless `fresh` asks again.
#[server]
pub async fn load_stuck_runs(
    namespace: String,
    query: String,
    n: Option<usize>,
    fresh: bool,
) -> Result<StuckRunsPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::stuck_runs;
    with_status(async { stuck_runs::page(&request::context()?, &namespace, &query, n, fresh).await }.await)
}
