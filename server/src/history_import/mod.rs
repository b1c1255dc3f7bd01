//! Opening a history file: `POST /import/upload` (a multipart form with a `file` field) reads it,
//! keeps its events (see `app::ssr::imports`: on disk in the data directory) and redirects to `/import/{id}`; a file that cannot be read sends
//! the browser back to `/import?error=…`, which says why with status 400.
//! `GET /import/{id}/history.json` gives the kept history back in the proto3 JSON mapping.
use app::error::AppError;
use std::sync::Arc;

use app::ssr::{
    imports::ImportStore,
    temporal::{history_import, history_json},
};
use axum::{
    extract::{Multipart, Path, State, multipart::MultipartRejection},
    response::{IntoResponse, Redirect, Response},
};

use crate::history_download::{error_response, json_attachment};

/// The largest file accepted: about 100,000 events as written by Download JSON.
pub const MAX_UPLOAD_BYTES: usize = 128 * 1024 * 1024;

pub async fn upload(
    State(store): State<Arc<ImportStore>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let read = match multipart {
        Ok(multipart) => read_file(multipart).await,
        Err(rejection) => Err(format!("The upload is not a file form: {}", rejection.body_text())),
    };
    let parsed = match read {
        Ok((name, bytes)) => {
            tokio::task::spawn_blocking(move || history_import::parse(&bytes).map(|events| (name, events)))
                .await
                .unwrap_or_else(|_| Err("the file could not be read".to_string()))
        }
        Err(message) => Err(message),
    };
    match parsed {
        Ok((name, events)) => match tokio::task::spawn_blocking(move || store.add(&name, events)).await {
            Ok(Ok(id)) => Redirect::to(&app::urls::imported(&id)).into_response(),
            Ok(Err(message)) => {
                tracing::error!("{message}");
                error_response(&AppError::Internal(format!("The history could not be kept: {message}")))
            }
            Err(_) => error_response(&AppError::Internal("The history could not be kept.".into())),
        },
        Err(message) => {
            let message = format!("This file is not a Temporal history: {message}");
            Redirect::to(&app::urls::import(Some(&message))).into_response()
        }
    }
}

/// The `file` field's name and bytes.
async fn read_file(mut multipart: Multipart) -> Result<(String, Vec<u8>), String> {
    loop {
        let field = multipart.next_field().await.map_err(|error| upload_error(&error.body_text()))?;
        let Some(field) = field else { return Err("the form has no file".to_string()) };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().filter(|name| !name.is_empty()).unwrap_or("history.json").to_string();
        let bytes = field.bytes().await.map_err(|error| upload_error(&error.body_text()))?;
        if bytes.is_empty() {
            return Err("the file is empty".to_string());
        }
        return Ok((name, bytes.to_vec()));
    }
}

fn upload_error(detail: &str) -> String {
    if detail.to_lowercase().contains("limit") {
        format!("the file is larger than {} MB", MAX_UPLOAD_BYTES / (1024 * 1024))
    } else {
        format!("the upload was cut short ({detail})")
    }
}

pub async fn download(State(store): State<Arc<ImportStore>>, Path(id): Path<String>) -> Response {
    let Some(imported) = store.get(&id) else {
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
