use leptos::prelude::*;

use crate::{error::AppError, model::RunPage};

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
    use crate::error::with_status;
    use crate::model::HistoryOptions;
    use crate::ssr::{
        TemporalClient,
        temporal::{codec, run},
    };
    let options = HistoryOptions::from_query(|key| query_value(&view, key));
    with_status(
        async {
            let client = TemporalClient::current()?;
            let page = run::load(&client, (&namespace, &workflow_id, &run_id), &options, event_id).await?;
            Ok(codec::decode_page(&client, &namespace, page).await)
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
