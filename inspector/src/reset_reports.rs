//! Reports of resets to before each run's first failure (see `temporal::failure_resets`), kept in
//! the data directory (`{dir}/failure-resets/{id}.json`): the report's link works after a restart
//! and on every replica that shares the directory. The newest [`KEPT_REPORTS`] are kept.
use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use model::{AppError, FailureResetPage};

/// Reports kept, newest by file time; older ones are removed as new ones come.
pub const KEPT_REPORTS: usize = 50;

pub struct ResetReports {
    dir: PathBuf,
}

impl ResetReports {
    /// Reports under `data_dir`, which is created if needed.
    pub fn on_disk(data_dir: &Path) -> Result<ResetReports, String> {
        let dir = data_dir.join("failure-resets");
        std::fs::create_dir_all(&dir).map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        Ok(ResetReports { dir })
    }

    /// Writes the report (whole, then renamed into place) and removes the oldest beyond
    /// [`KEPT_REPORTS`]. It writes files: call it on a blocking thread.
    pub fn keep(&self, report: &FailureResetPage) -> Result<(), String> {
        let path = self.path(&report.id).ok_or_else(|| format!("not a report ID: {:?}", report.id))?;
        let json = serde_json::to_vec(report).map_err(|error| error.to_string())?;
        let partial = path.with_extension("partial");
        std::fs::write(&partial, json)
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        self.remove_oldest();
        Ok(())
    }

    /// The report `id` of `namespace`, if it is kept. It reads a file: call it on a blocking thread.
    pub fn get(&self, namespace: &str, id: &str) -> Result<FailureResetPage, AppError> {
        let missing = || {
            AppError::NotFound(format!(
                "no reset report {id:?} in namespace {namespace:?}: the data directory keeps the latest \
                 {KEPT_REPORTS} reports"
            ))
        };
        let path = self.path(id).ok_or_else(missing)?;
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(missing()),
            Err(error) => return Err(AppError::Internal(format!("cannot read {}: {error}", path.display()))),
        };
        let report: FailureResetPage = serde_json::from_slice(&bytes)
            .map_err(|error| AppError::Internal(format!("{} is not a report: {error}", path.display())))?;
        if report.namespace == namespace { Ok(report) } else { Err(missing()) }
    }

    /// [`Self::get`] on a blocking thread.
    pub async fn read(self: &Arc<Self>, namespace: &str, id: &str) -> Result<FailureResetPage, AppError> {
        let (store, namespace, id) = (self.clone(), namespace.to_string(), id.to_string());
        tokio::task::spawn_blocking(move || store.get(&namespace, &id))
            .await
            .unwrap_or_else(|error| Err(AppError::Internal(format!("the reading task failed: {error}"))))
    }

    /// Report IDs are 32 hex digits (a UUID's simple form); anything else names no file.
    fn path(&self, id: &str) -> Option<PathBuf> {
        (id.len() == 32 && id.bytes().all(|byte| byte.is_ascii_hexdigit())).then(|| self.dir.join(format!("{id}.json")))
    }

    fn remove_oldest(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let mut kept: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.path().extension().is_some_and(|extension| extension == "json"))
            .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
            .collect();
        if kept.len() <= KEPT_REPORTS {
            return;
        }
        kept.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
        for (_, path) in kept.into_iter().skip(KEPT_REPORTS) {
            if let Err(error) = std::fs::remove_file(&path) {
                tracing::warn!("cannot remove the old reset report {}: {error}", path.display());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(id: &str, namespace: &str) -> FailureResetPage {
        FailureResetPage {
            namespace: namespace.into(),
            id: id.into(),
            query: "WorkflowType = 'Pay'".into(),
            reason: "retry".into(),
            identity: "ada".into(),
            time: None,
            outcomes: Vec::new(),
            more_runs: false,
            action: model::RunByRunAction::ResetBeforeFailure,
        }
    }

    #[test]
    fn a_kept_report_is_read_back_by_another_store_on_the_same_directory() {
        let dir = std::env::temp_dir().join(format!("tdbg-reset-reports-{}", uuid::Uuid::new_v4()));
        let id = uuid::Uuid::new_v4().simple().to_string();
        ResetReports::on_disk(&dir).expect("store").keep(&report(&id, "default")).expect("kept");
        let replica = ResetReports::on_disk(&dir).expect("store");
        assert_eq!(replica.get("default", &id).expect("read back").id, id);
        assert!(matches!(replica.get("other", &id), Err(AppError::NotFound(_))), "only in its namespace");
        assert!(matches!(replica.get("default", "../../etc/passwd"), Err(AppError::NotFound(_))));
        for _ in 0..KEPT_REPORTS + 3 {
            replica.keep(&report(&uuid::Uuid::new_v4().simple().to_string(), "default")).expect("kept");
        }
        assert_eq!(std::fs::read_dir(dir.join("failure-resets")).expect("dir").count(), KEPT_REPORTS);
        std::fs::remove_dir_all(&dir).ok();
    }
}
