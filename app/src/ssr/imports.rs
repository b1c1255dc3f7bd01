//! Histories opened from files, kept in this process's memory so their pages can be paged,
//! filtered and linked like a live run's. Bounded: the newest [`MAX_IMPORTS`] files and at most
//! [`MAX_EVENTS`] events in all; older ones are forgotten first, and all of them on restart.
use std::{
    collections::VecDeque,
    sync::{Arc, LazyLock, Mutex},
};

use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

pub const MAX_IMPORTS: usize = 16;
pub const MAX_EVENTS: usize = 400_000;

pub struct ImportedHistory {
    /// A random UUID: the link to an import is its only key.
    pub id: String,
    pub file_name: String,
    pub events: Vec<HistoryEvent>,
}

static IMPORTS: LazyLock<Mutex<VecDeque<Arc<ImportedHistory>>>> = LazyLock::new(|| Mutex::new(VecDeque::new()));

/// Keeps a history and answers its ID.
pub fn add(file_name: &str, events: Vec<HistoryEvent>) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let imported = Arc::new(ImportedHistory { id: id.clone(), file_name: file_name.to_string(), events });
    let mut imports = IMPORTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    imports.push_back(imported);
    while imports.len() > MAX_IMPORTS
        || (imports.len() > 1 && imports.iter().map(|import| import.events.len()).sum::<usize>() > MAX_EVENTS)
    {
        imports.pop_front();
    }
    id
}

pub fn get(id: &str) -> Option<Arc<ImportedHistory>> {
    let imports = IMPORTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    imports.iter().find(|import| import.id == id).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_imports_are_forgotten_first() {
        let first = add("first.json", vec![HistoryEvent::default()]);
        assert_eq!(get(&first).map(|import| import.file_name.clone()), Some("first.json".to_string()));
        let newest: Vec<String> =
            (0..MAX_IMPORTS).map(|n| add(&format!("{n}.json"), vec![HistoryEvent::default()])).collect();
        assert!(get(&first).is_none(), "pushed out by {MAX_IMPORTS} newer imports");
        assert!(newest.iter().all(|id| get(id).is_some()));
        assert!(get("not-an-id").is_none());
    }
}
