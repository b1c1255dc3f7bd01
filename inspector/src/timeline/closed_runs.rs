//! Lanes of closed runs, kept: a closed run's history never changes, so zooming, panning and
//! filtering its timeline (each one a new page load) need not read its history again. Only long
//! histories are kept (a short one reads in a few tens of milliseconds), the newest few runs.
use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use super::lanes::Lane;
use crate::temporal::cache::Scope;

/// How many closed runs' lanes stay in memory (about 5 MB for a 50,000-event history).
pub const KEPT_RUNS: usize = 4;

/// Histories of at most this many events are read again each time.
pub const KEPT_ABOVE_EVENTS: i64 = 2_000;

/// A run's lanes and event times, as the lane builder left them.
#[derive(Clone)]
pub struct RunLanes {
    pub lanes: Arc<Vec<Lane>>,
    pub times: Arc<Vec<i64>>,
    pub events: i64,
}

/// Whose view (the caller's cache scope: one user's lanes are never drawn for another),
/// namespace, workflow ID, run ID.
pub type RunKey = (Scope, String, String, String);

/// One cluster's kept lanes, newest first; the server keeps one per cluster in its state.
#[derive(Default)]
pub struct KeptLanes(Mutex<VecDeque<(RunKey, RunLanes)>>);

impl KeptLanes {
    /// The run's lanes if they are kept (it becomes the newest kept run).
    pub fn get(&self, key: &RunKey) -> Option<RunLanes> {
        let mut kept = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let at = kept.iter().position(|(kept_key, _)| kept_key == key)?;
        let entry = kept.remove(at)?;
        let lanes = entry.1.clone();
        kept.push_front(entry);
        Some(lanes)
    }

    /// Keeps the run's lanes, forgetting the oldest kept run beyond [`KEPT_RUNS`].
    pub fn keep(&self, key: RunKey, lanes: RunLanes) {
        let mut kept = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.retain(|(kept_key, _)| *kept_key != key);
        kept.push_front((key, lanes));
        kept.truncate(KEPT_RUNS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(run: &str) -> RunKey {
        (Scope(0), "ns".into(), "wf".into(), run.into())
    }

    fn lanes(events: i64) -> RunLanes {
        RunLanes { lanes: Arc::new(Vec::new()), times: Arc::new(vec![1, 2]), events }
    }

    #[test]
    fn the_newest_runs_are_kept_and_a_read_counts_as_new() {
        let kept = KeptLanes::default();
        let (keep, get) = (|key, lanes| kept.keep(key, lanes), |key: &RunKey| kept.get(key));
        for run in 0..KEPT_RUNS as i64 {
            keep(key(&format!("cache-{run}")), lanes(run));
        }
        // Reading the oldest makes it the newest: the next one in pushes out run 1 instead.
        assert_eq!(get(&key("cache-0")).map(|kept| kept.events), Some(0));
        keep(key("cache-new"), lanes(99));
        assert!(get(&key("cache-1")).is_none());
        assert_eq!(get(&key("cache-0")).map(|kept| kept.events), Some(0));
        assert_eq!(get(&key("cache-new")).map(|kept| kept.events), Some(99));
        assert!(get(&key("other-run")).is_none());
    }
}
