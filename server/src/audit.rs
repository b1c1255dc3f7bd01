//! The audit log: one structured line per write, who did what to which run or query, why, and
//! how it ended. Each line goes to the log (target `audit`) and, as JSON, to `audit.jsonl` in the
//! data directory, so it outlives the process's log.
use std::{
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

#[derive(Clone)]
pub struct AuditLog {
    file: Option<Arc<Mutex<std::fs::File>>>,
    path: Option<PathBuf>,
}

impl AuditLog {
    /// Appends to `{data_dir}/audit.jsonl`.
    pub fn in_dir(data_dir: &Path) -> std::io::Result<AuditLog> {
        std::fs::create_dir_all(data_dir)?;
        let path = data_dir.join("audit.jsonl");
        let file = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
        Ok(AuditLog { file: Some(Arc::new(Mutex::new(file))), path: Some(path) })
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
        let mut file = file.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Err(error) = file.write_all(line.as_bytes()) {
            tracing::error!(%error, "cannot append to the audit log");
        }
    }
}
