//! `GET …/{run_id}/history.json`: the run's whole history as `{"events": [...]}` in the proto3
//! JSON mapping, streamed a page of events at a time (memory stays bounded by one page).
use app::error::AppError;
use axum::{
    body::{Body, Bytes},
    extract::{Path, Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use futures_util::{StreamExt, stream};
use inspector::{
    TemporalClient,
    temporal::{codec, history, history_json},
};
use model::RunRef;
use temporalio_common::protos::temporal::api::history::v1::HistoryEvent;

use crate::state::AppState;

/// What the stream sends next.
enum Next {
    Page(Vec<u8>),
    Closing,
    Done,
}

struct Download {
    client: TemporalClient,
    run: RunRef,
    decoded: bool,
}

#[derive(serde::Deserialize)]
pub struct DownloadQuery {
    /// `?decoded=true`: payloads go through the codec server (readable, not replayable).
    #[serde(default)]
    decoded: bool,
}

/// One page of events, decoded through the codec server when asked.
async fn page_of(download: &Download, token: Vec<u8>) -> Result<(Vec<HistoryEvent>, Vec<u8>), AppError> {
    let (mut events, token) = history::fetch_page(&download.client, &download.run, token).await?;
    if download.decoded {
        codec::decode_events(&download.client, &download.run.namespace, &mut events).await.map_err(|message| {
            AppError::Gateway { address: "the codec server".into(), detail: format!("codec failed: {message}") }
        })?;
    }
    Ok((events, token))
}

pub async fn history_json(
    State(state): State<AppState>,
    Path((namespace, workflow_id, run_id)): Path<(String, String, String)>,
    Query(query): Query<DownloadQuery>,
    parts: axum::http::request::Parts,
) -> Response {
    let client = state.cluster.temporal.for_request(&parts);
    if query.decoded && client.codec().is_none() {
        return error_response(&AppError::BadRequest(
            "A decoded download needs a codec server, and none is configured (TEMPORAL_CODEC_ENDPOINT).".into(),
        ));
    }
    let download = Download { client, run: RunRef::new(namespace, workflow_id, run_id), decoded: query.decoded };
    // The first page is read before answering, so an unknown run, an unreachable Temporal or a
    // failing codec server gets its status; later failures can only cut the stream short.
    let (events, token) = match page_of(&download, Vec::new()).await {
        Ok(page) => page,
        Err(error) => return error_response(&error),
    };
    let first = match history_json::events_json(&events, true) {
        Ok(json) => json,
        Err(message) => return error_response(&AppError::Internal(message)),
    };
    let mut file_name = history_json::file_name(&download.run.workflow_id, &download.run.run_id);
    if download.decoded {
        file_name = file_name.replace(".json", ".decoded.json");
    }
    let next = if token.is_empty() { Next::Closing } else { Next::Page(token) };
    let rest = stream::unfold((download, next), |(download, next)| async move {
        match next {
            Next::Done => None,
            Next::Closing => Some((Ok(Bytes::from_static(history_json::CLOSING.as_bytes())), (download, Next::Done))),
            Next::Page(token) => {
                let page = history::fetch_page(&download.client, &download.run, token)
                    .await
                    .map_err(|error| error.to_string())
                    .and_then(|(events, token)| Ok((history_json::events_json(&events, false)?, token)));
                match page {
                    Ok((json, token)) => {
                        let next = if token.is_empty() { Next::Closing } else { Next::Page(token) };
                        Some((Ok(Bytes::from(json)), (download, next)))
                    }
                    Err(message) => {
                        tracing::warn!(%message, "history download cut short");
                        Some((Err(std::io::Error::other(message)), (download, Next::Done)))
                    }
                }
            }
        }
    });
    let opening =
        stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(history_json::OPENING.to_string() + &first)) });
    // Fused: a body wrapper (gzip) may poll once more after the end.
    json_attachment(Body::from_stream(opening.chain(rest).fuse()).into_response(), &file_name)
}

/// A JSON response saved by the browser as `file_name`.
pub(crate) fn json_attachment(mut response: Response, file_name: &str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The error with its status: JSON on `.json` routes, a page elsewhere (see `crate::error`).
pub(crate) fn error_response(error: &AppError) -> Response {
    crate::error::WebError::from(error.clone()).into_response()
}
