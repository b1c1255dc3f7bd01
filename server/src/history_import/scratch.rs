//! An upload on its way in: a file of its own, removed when the upload is done with, however the
//! request ends (a refusal, an error, or the browser going away mid-upload).
use std::path::PathBuf;

use inspector::temporal::history_import::{self, EncodedHistory};
use tokio::io::BufWriter;

/// Larger than the chunks a multipart body arrives in (a few KB), so the file gets few writes.
const BUFFER: usize = 256 * 1024;

pub(super) struct ScratchFile {
    /// Empty once removed.
    path: PathBuf,
}

impl ScratchFile {
    /// A new file at `path` (which must not exist) and a buffered writer to it.
    pub async fn create(path: PathBuf) -> Result<(ScratchFile, BufWriter<tokio::fs::File>), String> {
        let file = tokio::fs::File::create_new(&path)
            .await
            .map_err(|error| format!("The upload cannot be written to {}: {error}", path.display()))?;
        Ok((ScratchFile { path }, BufWriter::with_capacity(BUFFER, file)))
    }

    pub fn write_error(&self, error: &std::io::Error) -> String {
        format!("The upload cannot be written to {}: {error}", self.path.display())
    }

    /// The file's events, read as a stream from the disk. Blocking: call it on a blocking thread.
    pub fn parse(&self) -> Result<EncodedHistory, String> {
        let file = std::fs::File::open(&self.path).map_err(|error| format!("the upload cannot be read: {error}"))?;
        history_import::parse(std::io::BufReader::with_capacity(BUFFER, file))
    }

    /// Removes the file now. Blocking: call it on a blocking thread.
    pub fn remove(mut self) {
        remove(std::mem::take(&mut self.path));
    }

    /// Removes the file from an async task, waiting until it is gone.
    pub async fn discard(mut self) {
        let path = std::mem::take(&mut self.path);
        let _ = tokio::task::spawn_blocking(move || remove(path)).await;
    }
}

impl Drop for ScratchFile {
    /// Reached when the request's task is dropped mid-upload: the removal goes to a blocking
    /// thread, as file work on a runtime worker would hold up the requests sharing it.
    fn drop(&mut self) {
        let path = std::mem::take(&mut self.path);
        if path.as_os_str().is_empty() {
            return;
        }
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn_blocking(move || remove(path))),
            Err(_) => remove(path),
        }
    }
}

fn remove(path: PathBuf) {
    if path.as_os_str().is_empty() {
        return;
    }
    if let Err(error) = std::fs::remove_file(&path)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(path = %path.display(), %error, "cannot remove an upload's scratch file");
    }
}
