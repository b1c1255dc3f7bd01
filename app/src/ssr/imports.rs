//! Histories opened from files, kept in this process's memory so their pages can be paged,
//! filtered and linked like a live run's. Each event is kept in its binary protobuf encoding
//! (several times smaller than the decoded message) and decoded again when a page is read.
//! Bounded: the newest [`MAX_IMPORTS`] files and at most [`MAX_EVENTS`] events in all; older
//! ones are forgotten first, and all of them on restart.
use std::{
    collections::VecDeque,
    sync::{Arc, LazyLock, Mutex},
};

use prost::Message;
use temporalio_protos::protos::temporal::api::history::v1::HistoryEvent;

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

static IMPORTS: LazyLock<Mutex<VecDeque<Arc<ImportedHistory>>>> = LazyLock::new(|| Mutex::new(VecDeque::new()));

/// Keeps a history (its events encoded as protobuf, as `history_import::parse` gives them) and
/// answers its ID.
pub fn add(file_name: &str, encoded: Vec<Vec<u8>>) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let imported = Arc::new(ImportedHistory { id: id.clone(), file_name: file_name.to_string(), encoded });
    let mut imports = IMPORTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    imports.push_back(imported);
    while imports.len() > MAX_IMPORTS
        || (imports.len() > 1 && imports.iter().map(|import| import.len()).sum::<usize>() > MAX_EVENTS)
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
        let event = HistoryEvent { event_id: 7, ..Default::default() };
        let first = add("first.json", vec![event.encode_to_vec()]);
        let kept = get(&first).expect("kept");
        assert_eq!((kept.file_name.as_str(), kept.len(), kept.event(0)), ("first.json", 1, Some(event.clone())));
        let newest: Vec<String> =
            (0..MAX_IMPORTS).map(|n| add(&format!("{n}.json"), vec![event.encode_to_vec()])).collect();
        assert!(get(&first).is_none(), "pushed out by {MAX_IMPORTS} newer imports");
        assert!(newest.iter().all(|id| get(id).is_some()));
        assert!(get("not-an-id").is_none());
    }
}
