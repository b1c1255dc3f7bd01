use leptos::prelude::*;

use crate::error::AppError;
use model::RunPage;

/// A run's summary, input, outcome, diagnosis and the page of its history that `view` (the history
/// options as a query string, `view=…&category=…&page=…`) and the linked `event_id` ask for.
#[server]
pub async fn load_run(
    namespace: String,
    workflow_id: String,
    run_id: String,
    view: String,
    event_id: Option<i64>,
) -> Result<RunPage, AppError> {
    use crate::{error::with_status, request};
    use inspector::temporal::{codec, run};
    use model::{HistoryOptions, RunRef};
    let options = HistoryOptions::from_query(|key| query_value(&view, key));
    with_status(
        async {
            let (ctx, run) = (request::context()?, RunRef::new(namespace, workflow_id, run_id));
            let page = run::load(&ctx, &run, &options, event_id).await?;
            Ok(codec::decode_page(&ctx.client, &run.namespace, page).await)
        }
        .await,
    )
}

/// One value of a query string (`a=1&b=x%20y`), percent-decoded.
#[cfg(feature = "ssr")]
pub(super) fn query_value(query: &str, key: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (name == key).then(|| percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned())
    })
}
