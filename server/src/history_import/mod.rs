//! Opening a history file: `POST /import/upload` (a multipart form with a `file` field) streams
//! it to a scratch file, reads its events on a blocking thread, keeps them (see
//! `inspector::imports`: on disk in the data directory) and redirects to `/import/{id}`; a file
//! that cannot be read sends the browser back to `/import?error=…`, which says why with status
//! 400. At most `TDBG_MAX_CONCURRENT_IMPORTS` uploads are read at once; the next gets 503.
//! `GET /import/{id}/history.json` gives the kept history back in the proto3 JSON mapping.
mod scratch;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use app::error::AppError;
use axum::{
    extract::{Multipart, Path, State, multipart::MultipartRejection},
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use inspector::{imports::ImportStore, temporal::history_json};
use tokio::io::AsyncWriteExt;

use crate::{
    error::WebError,
    history_download::{error_response, json_attachment},
};
use scratch::ScratchFile;

/// The largest file accepted: about 100,000 events as written by Download JSON.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;
/// The request body limit (`DefaultBodyLimit` on the route): the largest file plus room for the
/// form around it, so that a file too large is caught by the streaming check and its sentence.
pub const MAX_UPLOAD_BYTES: usize = MAX_FILE_BYTES + 64 * 1024;

pub async fn upload(store: State<Arc<ImportStore>>, multipart: Result<Multipart, MultipartRejection>) -> Response {
    upload_at_most(store, multipart, MAX_FILE_BYTES).await
}

/// Why an upload was not kept.
enum Refusal {
    /// The file or the form: said on the import page.
    Form(String),
    /// The server (a disk that cannot be written): a 500.
    Server(String),
}

/// [`upload`] with its size limit as an argument, for the tests.
async fn upload_at_most(
    State(store): State<Arc<ImportStore>>,
    multipart: Result<Multipart, MultipartRejection>,
    max_bytes: usize,
) -> Response {
    // Taken before the body is read, and held until the import is kept or refused.
    let Some(turn) = store.try_start_import() else { return busy(store.concurrent_imports()) };
    let received = match multipart {
        Ok(multipart) => receive(multipart, &store, max_bytes).await,
        Err(rejection) => Err(Refusal::Form(format!("The upload is not a file form: {}", rejection.body_text()))),
    };
    let kept = match received {
        Ok((name, file)) => {
            let store = store.clone();
            tokio::task::spawn_blocking(move || {
                let _turn = turn;
                let parsed = file.parse();
                // The parsed events are all that is needed now: the upload goes before they are written.
                file.remove();
                let events =
                    parsed.map_err(|error| Refusal::Form(format!("This file is not a Temporal history: {error}")))?;
                store
                    .add(&name, events)
                    .map_err(|error| Refusal::Server(format!("The history could not be kept: {error}")))
            })
            .await
            .unwrap_or_else(|_| Err(Refusal::Server("The history could not be read.".into())))
        }
        Err(refusal) => Err(refusal),
    };
    match kept {
        Ok(id) => Redirect::to(&app::urls::imported(&id)).into_response(),
        Err(Refusal::Form(message)) => Redirect::to(&app::urls::import(Some(&message))).into_response(),
        Err(Refusal::Server(message)) => {
            tracing::error!("{message}");
            error_response(&AppError::Internal(message))
        }
    }
}

/// 503 with a sentence, on a page of its own: nothing is wrong with the file, so not the form.
fn busy(imports: usize) -> Response {
    let message = match imports {
        1 => "An import is being read right now; try again in a moment.".to_string(),
        n => format!("{n} imports are being read right now; try again in a moment."),
    };
    let mut response = WebError::busy(message).with_back(app::urls::import(None)).into_response();
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

/// The `file` field's name, and its content streamed chunk by chunk to a scratch file, never
/// more than `max_bytes` of it.
async fn receive(
    mut multipart: Multipart,
    store: &ImportStore,
    max_bytes: usize,
) -> Result<(String, ScratchFile), Refusal> {
    let form_error =
        |error: axum::extract::multipart::MultipartError| Refusal::Form(upload_error(&error.body_text(), max_bytes));
    let mut field = loop {
        match multipart.next_field().await.map_err(form_error)? {
            Some(field) if field.name() == Some("file") => break field,
            Some(_) => continue,
            None => return Err(Refusal::Form("The form has no file.".to_string())),
        }
    };
    let name = field.file_name().filter(|name| !name.is_empty()).unwrap_or("history.json").to_string();
    let (scratch, mut writer) = ScratchFile::create(store.scratch_file()).await.map_err(Refusal::Server)?;
    let written = async {
        let mut size = 0;
        while let Some(chunk) = field.chunk().await.map_err(form_error)? {
            size += chunk.len();
            if size > max_bytes {
                return Err(Refusal::Form(too_large(max_bytes)));
            }
            writer.write_all(&chunk).await.map_err(|error| Refusal::Server(scratch.write_error(&error)))?;
        }
        writer.flush().await.map_err(|error| Refusal::Server(scratch.write_error(&error)))?;
        Ok(size)
    }
    .await;
    drop(writer);
    match written {
        Ok(size) if size > 0 => Ok((name, scratch)),
        refused => {
            scratch.discard().await;
            Err(refused.err().unwrap_or_else(|| Refusal::Form("The file is empty.".to_string())))
        }
    }
}

fn too_large(max_bytes: usize) -> String {
    match max_bytes / (1024 * 1024) {
        0 => format!("The file is larger than {max_bytes} bytes, the most this server reads."),
        megabytes => format!("The file is larger than {megabytes} MB, the most this server reads."),
    }
}

fn upload_error(detail: &str, max_bytes: usize) -> String {
    if detail.to_lowercase().contains("limit") {
        too_large(max_bytes)
    } else {
        format!("The upload was cut short ({detail}).")
    }
}

pub async fn download(State(store): State<Arc<ImportStore>>, Path(id): Path<String>) -> Response {
    let Some(imported) = store.get(&id).await else {
        return error_response(&AppError::NotFound(format!("No imported history has the ID \"{id}\".")));
    };
    let written = tokio::task::spawn_blocking(move || {
        let events: Vec<_> = imported.events(false).collect();
        let json = history_json::events_json(&events, true)?;
        let file_name = history_json::file_name("imported", &imported.file_name.replace(".json", ""));
        Ok::<_, String>((format!("{}{json}{}", history_json::OPENING, history_json::CLOSING), file_name))
    })
    .await
    .unwrap_or_else(|_| Err("the history could not be written".to_string()));
    match written {
        Ok((body, file_name)) => json_attachment(body.into_response(), &file_name),
        Err(message) => error_response(&AppError::Internal(message)),
    }
}
