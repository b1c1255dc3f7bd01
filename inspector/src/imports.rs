//! Histories opened from files, kept so their pages can be paged, filtered and linked like a
//! live run's. Each is written to the data directory (`{dir}/imports/{id}.pb`, the events as a
//! protobuf `History`, with `{id}.name` holding the file's name), so links to it survive a
//! restart and every replica sharing the directory can serve it; the directory is bounded in
//! bytes, oldest files removed first. The most recent ones also stay in memory, each event in
//! its protobuf encoding (several times smaller than the decoded message), bounded by
//! [`MAX_IMPORTS`] and [`MAX_EVENTS`].
use std::{
    collections::VecDeque,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::{Duration, SystemTime},
};

use prost::Message;
use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::temporal::history_import::EncodedHistory;

pub const MAX_IMPORTS: usize = 16;
pub const MAX_EVENTS: usize = 500_000;
/// How many uploads are read at once unless `TDBG_MAX_CONCURRENT_IMPORTS` says otherwise.
pub const DEFAULT_CONCURRENT_IMPORTS: usize = 2;
/// Scratch files (`.partial`) older than this were left by a process that stopped mid-upload.
const STALE_SCRATCH: Duration = Duration::from_secs(3600);

pub struct ImportedHistory {
    /// A random UUID: the link to an import is its only key.
    pub id: String,
    pub file_name: String,
    /// The events in file order, each encoded as protobuf (also the `{id}.pb` file's bytes).
    history: EncodedHistory,
}

impl ImportedHistory {
    pub fn len(&self) -> usize {
        self.history.len()
    }

    pub fn is_empty(&self) -> bool {
        self.history.is_empty()
    }

    /// The event at `index` (file order).
    pub fn event(&self, index: usize) -> Option<HistoryEvent> {
        self.history.event(index).and_then(|bytes| HistoryEvent::decode(bytes).ok())
    }

    /// Every event in file order, or newest first, decoded one at a time.
    pub fn events(&self, newest_first: bool) -> Box<dyn Iterator<Item = HistoryEvent> + '_> {
        let decode = |bytes: &[u8]| HistoryEvent::decode(bytes).ok();
        if newest_first {
            Box::new(self.history.events().rev().filter_map(decode))
        } else {
            Box::new(self.history.events().filter_map(decode))
        }
    }
}

/// Where imports live: a directory (or none: memory only) and its size bound, and how many
/// uploads may be read at once (each holds a file and its parsed events until it is kept).
pub struct ImportStore {
    dir: Option<PathBuf>,
    max_bytes: u64,
    recent: Mutex<VecDeque<Arc<ImportedHistory>>>,
    reading: Arc<Semaphore>,
    max_reading: usize,
}

impl ImportStore {
    /// A store writing to `{data_dir}/imports`, which is created now (an error names it).
    pub fn on_disk(data_dir: &Path, max_bytes: u64) -> Result<ImportStore, String> {
        let dir = data_dir.join("imports");
        std::fs::create_dir_all(&dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        Ok(ImportStore { dir: Some(dir), max_bytes, ..ImportStore::in_memory() })
    }

    pub fn in_memory() -> ImportStore {
        ImportStore {
            dir: None,
            max_bytes: 0,
            recent: Mutex::new(VecDeque::new()),
            reading: Arc::new(Semaphore::new(DEFAULT_CONCURRENT_IMPORTS)),
            max_reading: DEFAULT_CONCURRENT_IMPORTS,
        }
    }

    /// The same store reading at most `imports` uploads at once (at least one).
    pub fn with_concurrent_imports(self, imports: usize) -> ImportStore {
        let imports = imports.max(1);
        ImportStore { reading: Arc::new(Semaphore::new(imports)), max_reading: imports, ..self }
    }

    /// A turn to read an upload, held until it is kept or refused; `None` while
    /// [`ImportStore::concurrent_imports`] others are being read.
    pub fn try_start_import(&self) -> Option<OwnedSemaphorePermit> {
        self.reading.clone().try_acquire_owned().ok()
    }

    pub fn concurrent_imports(&self) -> usize {
        self.max_reading
    }

    /// A new path for an upload on its way in: in the imports directory (the same file system as
    /// the kept files), or the system's temporary directory for a memory-only store.
    pub fn scratch_file(&self) -> PathBuf {
        let dir = self.dir.clone().unwrap_or_else(std::env::temp_dir);
        dir.join(format!(".upload-{}.partial", uuid::Uuid::new_v4()))
    }

    /// Keeps a history (as `history_import::parse` gives it) and answers its ID; `Err` when it
    /// cannot be written to the data directory. It writes files: call it on a blocking thread.
    pub fn add(&self, file_name: &str, history: EncodedHistory) -> Result<String, String> {
        let id = uuid::Uuid::new_v4().to_string();
        let imported = Arc::new(ImportedHistory { id: id.clone(), file_name: file_name.to_string(), history });
        if let Some(dir) = &self.dir {
            write_files(dir, &imported)?;
            remove_oldest(dir, self.max_bytes, &id);
        }
        self.remember(imported);
        Ok(id)
    }

    fn remember(&self, imported: Arc<ImportedHistory>) {
        let mut recent = self.recent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        recent.retain(|kept| kept.id != imported.id);
        recent.push_back(imported);
        while recent.len() > MAX_IMPORTS
            || (recent.len() > 1 && recent.iter().map(|import| import.len()).sum::<usize>() > MAX_EVENTS)
        {
            recent.pop_front();
        }
    }

    /// The import with this ID: from memory, else from the data directory (read on a blocking
    /// thread, so a large file never stalls the requests sharing this worker).
    pub async fn get(&self, id: &str) -> Option<Arc<ImportedHistory>> {
        let found = {
            let recent = self.recent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            recent.iter().find(|import| import.id == id).cloned()
        };
        if found.is_some() {
            return found;
        }
        // Only a UUID names a file: nothing else reaches the file system.
        let id = uuid::Uuid::parse_str(id).ok()?.to_string();
        let dir = self.dir.clone()?;
        let imported = tokio::task::spawn_blocking(move || read_files(&dir, id)).await.ok()??;
        let imported = Arc::new(imported);
        self.remember(imported.clone());
        Some(imported)
    }

    /// What the not-found page says about how long imports are kept.
    pub fn retention(&self) -> String {
        match &self.dir {
            Some(dir) => format!(
                "the server keeps imported files in {} up to {} MB in all, removing the oldest first",
                dir.display(),
                self.max_bytes / (1024 * 1024)
            ),
            None => format!("the server keeps the last {MAX_IMPORTS} files it was given, until it restarts"),
        }
    }
}

/// Writes `{id}.name` and then `{id}.pb` (through a temporary file and a rename, so a replica
/// never reads half a history). The buffer already is the `History` message: written as it is.
fn write_files(dir: &Path, imported: &ImportedHistory) -> Result<(), String> {
    let failed = |error: std::io::Error| format!("cannot write the import to {}: {error}", dir.display());
    std::fs::write(dir.join(format!("{}.name", imported.id)), &imported.file_name).map_err(failed)?;
    let temporary = dir.join(format!(".{}.pb.partial", imported.id));
    std::fs::write(&temporary, imported.history.as_bytes()).map_err(failed)?;
    std::fs::rename(&temporary, dir.join(format!("{}.pb", imported.id))).map_err(failed)
}

/// `{id}.pb` and `{id}.name`, or `None` when there is no such import (or it is damaged).
fn read_files(dir: &Path, id: String) -> Option<ImportedHistory> {
    let bytes = std::fs::read(dir.join(format!("{id}.pb"))).ok()?;
    let history = EncodedHistory::from_bytes(bytes)
        .inspect_err(|error| tracing::warn!(%id, "the imported history cannot be read: {error}"))
        .ok()?;
    let file_name = std::fs::read_to_string(dir.join(format!("{id}.name"))).unwrap_or_else(|_| "history.json".into());
    Some(ImportedHistory { id, file_name, history })
}

/// Removes the oldest imports until the directory holds at most `max_bytes` (never `keep`), and
/// scratch files a stopped process left behind.
fn remove_oldest(dir: &Path, max_bytes: u64, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut files: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let (path, Ok(meta)) = (entry.path(), entry.metadata()) else { continue };
        let Ok(modified) = meta.modified() else { continue };
        match path.extension().and_then(|ext| ext.to_str()) {
            Some("pb") => files.push((modified, meta.len(), path)),
            Some("partial") if modified.elapsed().is_ok_and(|age| age > STALE_SCRATCH) => {
                let _ = std::fs::remove_file(&path);
            }
            _ => {}
        }
    }
    files.sort();
    let mut total: u64 = files.iter().map(|(_, size, _)| size).sum();
    for (_, size, path) in files {
        if total <= max_bytes {
            break;
        }
        if path.file_stem().is_some_and(|stem| stem == keep) {
            continue;
        }
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(path.with_extension("name"));
        total = total.saturating_sub(size);
    }
}

#[cfg(test)]
mod tests {
    use temporalio_protos::protos::temporal::api::history::v1::History;

    use super::*;

    fn one_event() -> EncodedHistory {
        let mut history = EncodedHistory::default();
        history.push(&HistoryEvent { event_id: 7, ..Default::default() });
        history
    }

    #[tokio::test]
    async fn the_oldest_imports_are_forgotten_first_in_memory() {
        let store = ImportStore::in_memory();
        let first = store.add("first.json", one_event()).expect("kept");
        let kept = store.get(&first).await.expect("kept");
        assert_eq!(
            (kept.file_name.as_str(), kept.len(), kept.event(0).map(|e| e.event_id)),
            ("first.json", 1, Some(7))
        );
        let newest: Vec<String> =
            (0..MAX_IMPORTS).map(|n| store.add(&format!("{n}.json"), one_event()).expect("kept")).collect();
        assert!(store.get(&first).await.is_none(), "pushed out by {MAX_IMPORTS} newer imports");
        for id in &newest {
            assert!(store.get(id).await.is_some(), "{id}");
        }
        assert!(store.get("not-an-id").await.is_none());
    }

    #[tokio::test]
    async fn imports_on_disk_outlive_the_store_and_respect_the_bound() {
        let dir = std::env::temp_dir().join(format!("tdbg-imports-{}", uuid::Uuid::new_v4()));
        let store = ImportStore::on_disk(&dir, 1024 * 1024).expect("store");
        let id = store.add("order.json", one_event()).expect("written");
        let restarted = ImportStore::on_disk(&dir, 1024 * 1024).expect("store");
        let read = restarted.get(&id).await.expect("read back from disk");
        assert_eq!((read.file_name.as_str(), read.event(0).map(|e| e.event_id)), ("order.json", Some(7)));
        assert!(restarted.get("../../etc/passwd").await.is_none());
        // A bound smaller than two files keeps only the newest.
        let tight = ImportStore::on_disk(&dir, 1).expect("store");
        let newest = tight.add("newest.json", one_event()).expect("written");
        assert!(ImportStore::on_disk(&dir, 1).expect("store").get(&id).await.is_none(), "the oldest was removed");
        assert!(ImportStore::on_disk(&dir, 1).expect("store").get(&newest).await.is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A file written before the buffer was kept as it is (prost's own `History` encoding) opens.
    #[tokio::test]
    async fn imports_written_by_earlier_versions_open() {
        let dir = std::env::temp_dir().join(format!("tdbg-imports-{}", uuid::Uuid::new_v4()));
        let store = ImportStore::on_disk(&dir, 1024 * 1024).expect("store");
        let id = uuid::Uuid::new_v4().to_string();
        let events = (1..=3).map(|event_id| HistoryEvent { event_id, ..Default::default() }).collect();
        let written = std::fs::write(dir.join("imports").join(format!("{id}.pb")), History { events }.encode_to_vec());
        written.expect("written");
        let read = store.get(&id).await.expect("read");
        assert_eq!(read.events(true).map(|event| event.event_id).collect::<Vec<_>>(), vec![3, 2, 1]);
        assert_eq!(read.file_name, "history.json", "no .name file");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn at_most_the_configured_imports_are_read_at_once() {
        let store = ImportStore::in_memory().with_concurrent_imports(2);
        let first = store.try_start_import().expect("a first turn");
        let second = store.try_start_import().expect("a second turn");
        assert!(store.try_start_import().is_none(), "a third waits for a turn");
        drop(first);
        assert!(store.try_start_import().is_some(), "a finished import gives its turn back");
        drop(second);
        assert_eq!(ImportStore::in_memory().with_concurrent_imports(0).concurrent_imports(), 1);
    }
}
