//! The audit log: one structured line per write, who did what to which run or query, why, and
//! how it ended. Each line goes to the log (target `audit`) and, as JSON, to `audit.jsonl` in the
//! data directory, so it outlives the process's log. That file is rotated by size: past
//! [`Rotation::max_bytes`] it becomes `audit.jsonl.1` (the older ones shifted to `.2`, `.3`, …,
//! [`Rotation::keep`] of them kept) and a new `audit.jsonl` is begun. A few renames suffice, so
//! no logging crate is pulled in for it.
use std::{
    fs::{File, Metadata},
    io::Write,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    /// RFC 3339, UTC.
    pub time: String,
    pub user: String,
    pub action: String,
    pub cluster: String,
    pub namespace: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub workflow_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub run_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub query: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Details of the action: the signal's name, the reset's event, the new run.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// `ok`, `refused: …` or `failed: …`.
    pub result: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub request_id: String,
}

/// When `audit.jsonl` is rotated, and how many older files are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    /// `TDBG_AUDIT_MAX_BYTES`: the size a file may not pass (a single longer line still goes in).
    pub max_bytes: u64,
    /// `TDBG_AUDIT_KEEP`: rotated files kept, `audit.jsonl.1` the newest; 0 keeps none.
    pub keep: usize,
}

impl Default for Rotation {
    fn default() -> Rotation {
        Rotation { max_bytes: 10 * 1024 * 1024, keep: 5 }
    }
}

#[derive(Clone)]
pub struct AuditLog {
    file: Option<Arc<Mutex<Appender>>>,
    path: Option<PathBuf>,
}

impl AuditLog {
    /// Appends to `{data_dir}/audit.jsonl`, rotated at the default size.
    pub fn in_dir(data_dir: &Path) -> std::io::Result<AuditLog> {
        AuditLog::rotating(data_dir, Rotation::default())
    }

    /// Appends to `{data_dir}/audit.jsonl`, rotated as `rotation` says.
    pub fn rotating(data_dir: &Path, rotation: Rotation) -> std::io::Result<AuditLog> {
        std::fs::create_dir_all(data_dir)?;
        let path = data_dir.join("audit.jsonl");
        let file = open(&path)?;
        let appender = Appender { file, path: path.clone(), rotation };
        Ok(AuditLog { file: Some(Arc::new(Mutex::new(appender))), path: Some(path) })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn record(&self, entry: &AuditEntry) {
        tracing::info!(
            target: "audit",
            user = %entry.user,
            action = %entry.action,
            cluster = %entry.cluster,
            namespace = %entry.namespace,
            workflow_id = %entry.workflow_id,
            run_id = %entry.run_id,
            query = %entry.query,
            reason = %entry.reason,
            detail = %entry.detail,
            result = %entry.result,
            "write action"
        );
        let Some(file) = &self.file else { return };
        let Ok(mut line) = serde_json::to_string(entry) else { return };
        line.push('\n');
        // One lock around the size check, the rotation and the write: lines never interleave and
        // two writers never rotate at once.
        let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Err(error) = file.append(line.as_bytes()) {
            tracing::error!(%error, "cannot append to the audit log");
        }
    }
}

/// The open `audit.jsonl` and when to rotate it.
struct Appender {
    file: File,
    path: PathBuf,
    rotation: Rotation,
}

impl Appender {
    fn append(&mut self, line: &[u8]) -> std::io::Result<()> {
        // The file's own size, not a count of ours: replicas sharing the directory append too.
        let size = self.file.metadata()?.len();
        let full = size > 0 && size.saturating_add(line.len() as u64) > self.rotation.max_bytes;
        if full && let Err(error) = self.rotate() {
            // A line is never lost to a failed rotation: it goes to the file as it is.
            tracing::error!(%error, path = %self.path.display(), "cannot rotate the audit log");
        }
        self.file.write_all(line)
    }

    /// `.{keep-1}` → `.{keep}`, …, `.1` → `.2`, the file → `.1`, and a new file.
    fn rotate(&mut self) -> std::io::Result<()> {
        let ours = self.file.metadata()?;
        // Another process sharing the directory rotated it first: write to its new file.
        if std::fs::metadata(&self.path).is_ok_and(|current| !same_file(&ours, &current)) {
            self.file = open(&self.path)?;
            return Ok(());
        }
        let keep = self.rotation.keep;
        self.remove_beyond(keep)?;
        for n in (1..keep).rev() {
            rename_if_there(&self.numbered(n), &self.numbered(n + 1))?;
        }
        if keep == 0 {
            std::fs::remove_file(&self.path)?;
        } else {
            std::fs::rename(&self.path, self.numbered(1))?;
        }
        self.file = open(&self.path)?;
        Ok(())
    }

    fn numbered(&self, n: usize) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".{n}"));
        PathBuf::from(name)
    }

    /// Removes `.{keep}` (about to be replaced) and any older file a larger `keep` left.
    fn remove_beyond(&self, keep: usize) -> std::io::Result<()> {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else { return Ok(()) };
        let prefix = format!("{}.", name.to_string_lossy());
        for entry in std::fs::read_dir(dir)?.flatten() {
            let file_name = entry.file_name();
            let number = file_name.to_str().and_then(|name| name.strip_prefix(&prefix)?.parse::<usize>().ok());
            if number.is_some_and(|n| n >= keep.max(1)) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new().create(true).append(true).open(path)
}

fn rename_if_there(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::rename(from, to) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        done => done,
    }
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> AuditEntry {
        AuditEntry {
            time: "2026-12-06T10:00:00Z".into(),
            user: "olive@example.com".into(),
            action: "signal".into(),
            cluster: "default".into(),
            namespace: "default".into(),
            workflow_id: format!("order-{n}"),
            run_id: String::new(),
            query: String::new(),
            reason: String::new(),
            detail: String::new(),
            result: "ok".into(),
            request_id: String::new(),
        }
    }

    fn scratch() -> PathBuf {
        std::env::temp_dir().join(format!("tdbg-audit-{}", uuid::Uuid::new_v4()))
    }

    /// The workflow IDs' numbers in one file, in order.
    fn numbers(path: &Path) -> Vec<usize> {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines"))
            .filter_map(|line| line["workflow_id"].as_str()?.strip_prefix("order-")?.parse().ok())
            .collect()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn past_the_size_the_file_is_rotated_and_only_the_last_files_are_kept() {
        let dir = scratch();
        let line = serde_json::to_string(&entry(10)).expect("json").len() as u64 + 1;
        let log = AuditLog::rotating(&dir, Rotation { max_bytes: 3 * line, keep: 2 }).expect("log");
        for n in 10..=40 {
            log.record(&entry(n));
        }
        assert_eq!(names(&dir), ["audit.jsonl", "audit.jsonl.1", "audit.jsonl.2"]);
        // Three lines a file: the newest in audit.jsonl, the ones before in .1 and .2, older gone.
        assert_eq!(numbers(&dir.join("audit.jsonl")), [40]);
        assert_eq!(numbers(&dir.join("audit.jsonl.1")), [37, 38, 39]);
        assert_eq!(numbers(&dir.join("audit.jsonl.2")), [34, 35, 36]);
        for name in names(&dir) {
            let size = std::fs::metadata(dir.join(&name)).expect("size").len();
            assert!(size <= 3 * line, "{name}: {size} bytes");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_existing_file_counts_and_a_smaller_keep_removes_the_older_files() {
        let dir = scratch();
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("audit.jsonl"), "x".repeat(1000)).expect("old lines");
        std::fs::write(dir.join("audit.jsonl.7"), "from a larger keep").expect("old file");
        let log = AuditLog::rotating(&dir, Rotation { max_bytes: 1024, keep: 1 }).expect("log");
        log.record(&entry(1));
        assert_eq!(names(&dir), ["audit.jsonl", "audit.jsonl.1"]);
        assert_eq!(numbers(&dir.join("audit.jsonl")), [1]);
        assert_eq!(std::fs::read_to_string(dir.join("audit.jsonl.1")).expect("rotated"), "x".repeat(1000));

        let none = AuditLog::rotating(&dir, Rotation { max_bytes: 1, keep: 0 }).expect("log");
        none.record(&entry(2));
        none.record(&entry(3));
        assert_eq!(names(&dir), ["audit.jsonl"], "keep 0 keeps no older file");
        assert_eq!(numbers(&dir.join("audit.jsonl")), [3], "a line longer than the limit still goes in");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn concurrent_writers_lose_no_line_and_never_mix_two() {
        let dir = scratch();
        let line = serde_json::to_string(&entry(100)).expect("json").len() as u64 + 1;
        let log = AuditLog::rotating(&dir, Rotation { max_bytes: 10 * line, keep: 100 }).expect("log");
        let writers: Vec<_> = (0..4)
            .map(|writer| {
                let log = log.clone();
                std::thread::spawn(move || (0..50).for_each(|n| log.record(&entry(100 + writer * 50 + n))))
            })
            .collect();
        writers.into_iter().for_each(|writer| writer.join().expect("writer"));
        let mut all: Vec<usize> = names(&dir).iter().flat_map(|name| numbers(&dir.join(name))).collect();
        all.sort();
        assert_eq!(all, (100..300).collect::<Vec<_>>());
        assert_eq!(names(&dir).len(), 20, "ten lines a file");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
