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
};

use leptos::prelude::use_context;
use prost::Message;
use temporalio_protos::protos::temporal::api::history::v1::{History, HistoryEvent};

use crate::error::AppError;

pub const MAX_IMPORTS: usize = 16;
pub const MAX_EVENTS: usize = 500_000;

pub struct ImportedHistory {
    /// A random UUID: the link to an import is its only key.
    pub id: String,
    pub file_name: String,
    /// The events in file order, each encoded as protobuf.
    encoded: Vec<Vec<u8>>,
}

impl ImportedHistory {
    pub fn len(&self) -> usize {
        self.encoded.len()
    }

    pub fn is_empty(&self) -> bool {
        self.encoded.is_empty()
    }

    /// The event at `index` (file order).
    pub fn event(&self, index: usize) -> Option<HistoryEvent> {
        self.encoded.get(index).and_then(|bytes| HistoryEvent::decode(bytes.as_slice()).ok())
    }

    /// Every event in file order, or newest first, decoded one at a time.
    pub fn events(&self, newest_first: bool) -> Box<dyn Iterator<Item = HistoryEvent> + '_> {
        let decode = |bytes: &Vec<u8>| HistoryEvent::decode(bytes.as_slice()).ok();
        if newest_first {
            Box::new(self.encoded.iter().rev().filter_map(decode))
        } else {
            Box::new(self.encoded.iter().filter_map(decode))
        }
    }
}

/// Where imports live: a directory (or none: memory only) and its size bound.
pub struct ImportStore {
    dir: Option<PathBuf>,
    max_bytes: u64,
    recent: Mutex<VecDeque<Arc<ImportedHistory>>>,
}

impl ImportStore {
    /// A store writing to `{data_dir}/imports`, which is created now (an error names it).
    pub fn on_disk(data_dir: &Path, max_bytes: u64) -> Result<ImportStore, String> {
        let dir = data_dir.join("imports");
        std::fs::create_dir_all(&dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        Ok(ImportStore { dir: Some(dir), max_bytes, recent: Mutex::new(VecDeque::new()) })
    }

    pub fn in_memory() -> ImportStore {
        ImportStore { dir: None, max_bytes: 0, recent: Mutex::new(VecDeque::new()) }
    }

    /// The store of the current request, provided by the server as Leptos context.
    pub fn current() -> Result<Arc<ImportStore>, AppError> {
        use_context::<Arc<ImportStore>>()
            .ok_or_else(|| AppError::Internal("the server did not provide its import store".into()))
    }

    /// Keeps a history (its events encoded as protobuf, as `history_import::parse` gives them) and
    /// answers its ID; `Err` when it cannot be written to the data directory.
    pub fn add(&self, file_name: &str, encoded: Vec<Vec<u8>>) -> Result<String, String> {
        let id = uuid::Uuid::new_v4().to_string();
        let imported = Arc::new(ImportedHistory { id: id.clone(), file_name: file_name.to_string(), encoded });
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

    /// The import with this ID: from memory, else from the data directory.
    pub fn get(&self, id: &str) -> Option<Arc<ImportedHistory>> {
        let found = {
            let recent = self.recent.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            recent.iter().find(|import| import.id == id).cloned()
        };
        if found.is_some() {
            return found;
        }
        // Only a UUID names a file: nothing else reaches the file system.
        let id = uuid::Uuid::parse_str(id).ok()?.to_string();
        let dir = self.dir.as_ref()?;
        let bytes = std::fs::read(dir.join(format!("{id}.pb"))).ok()?;
        let history = History::decode(bytes.as_slice()).ok()?;
        let file_name =
            std::fs::read_to_string(dir.join(format!("{id}.name"))).unwrap_or_else(|_| "history.json".into());
        let encoded = history.events.iter().map(Message::encode_to_vec).collect();
        let imported = Arc::new(ImportedHistory { id, file_name, encoded });
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
/// never reads half a history).
fn write_files(dir: &Path, imported: &ImportedHistory) -> Result<(), String> {
    let events: Vec<HistoryEvent> = imported.events(false).collect();
    let bytes = History { events }.encode_to_vec();
    let failed = |error: std::io::Error| format!("cannot write the import to {}: {error}", dir.display());
    std::fs::write(dir.join(format!("{}.name", imported.id)), &imported.file_name).map_err(failed)?;
    let temporary = dir.join(format!(".{}.pb.partial", imported.id));
    std::fs::write(&temporary, bytes).map_err(failed)?;
    std::fs::rename(&temporary, dir.join(format!("{}.pb", imported.id))).map_err(failed)
}

/// Removes the oldest imports until the directory holds at most `max_bytes` (never `keep`).
fn remove_oldest(dir: &Path, max_bytes: u64, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut files: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "pb"))
        .filter_map(|entry| {
            let meta = entry.metadata().ok()?;
            Some((meta.modified().ok()?, meta.len(), entry.path()))
        })
        .collect();
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
    use super::*;

    fn one_event() -> Vec<Vec<u8>> {
        vec![HistoryEvent { event_id: 7, ..Default::default() }.encode_to_vec()]
    }

    #[test]
    fn the_oldest_imports_are_forgotten_first_in_memory() {
        let store = ImportStore::in_memory();
        let first = store.add("first.json", one_event()).expect("kept");
        let kept = store.get(&first).expect("kept");
        assert_eq!(
            (kept.file_name.as_str(), kept.len(), kept.event(0).map(|e| e.event_id)),
            ("first.json", 1, Some(7))
        );
        let newest: Vec<String> =
            (0..MAX_IMPORTS).map(|n| store.add(&format!("{n}.json"), one_event()).expect("kept")).collect();
        assert!(store.get(&first).is_none(), "pushed out by {MAX_IMPORTS} newer imports");
        assert!(newest.iter().all(|id| store.get(id).is_some()));
        assert!(store.get("not-an-id").is_none());
    }

    #[test]
    fn imports_on_disk_outlive_the_store_and_respect_the_bound() {
        let dir = std::env::temp_dir().join(format!("tdbg-imports-{}", uuid::Uuid::new_v4()));
        let store = ImportStore::on_disk(&dir, 1024 * 1024).expect("store");
        let id = store.add("order.json", one_event()).expect("written");
        let restarted = ImportStore::on_disk(&dir, 1024 * 1024).expect("store");
        let read = restarted.get(&id).expect("read back from disk");
        assert_eq!((read.file_name.as_str(), read.event(0).map(|e| e.event_id)), ("order.json", Some(7)));
        assert!(restarted.get("../../etc/passwd").is_none());
        // A bound smaller than two files keeps only the newest.
        let tight = ImportStore::on_disk(&dir, 1).expect("store");
        let newest = tight.add("newest.json", one_event()).expect("written");
        assert!(ImportStore::on_disk(&dir, 1).expect("store").get(&id).is_none(), "the oldest was removed");
        assert!(ImportStore::on_disk(&dir, 1).expect("store").get(&newest).is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
