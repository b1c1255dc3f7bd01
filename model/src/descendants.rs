//! The tree tab: a run and all its descendants, built from the flat visibility rows of one family
//! (pure, so the folding, the depth limit and the guards are unit-tested).
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{ExecutionStatus, ParentLink, RunHeader, TimePoint};

/// Levels shown below the top run unless the URL asks for another (`?depth=`).
pub const DEFAULT_TREE_DEPTH: usize = 5;
pub const MAX_TREE_DEPTH: usize = 50;
/// Runs of a family read at most; the page says so when there were more.
pub const MAX_TREE_NODES: usize = 1000;

/// One run of the family as visibility lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyRow {
    pub workflow_id: String,
    pub run_id: String,
    pub workflow_type: String,
    pub status: ExecutionStatus,
    pub start_time: Option<TimePoint>,
    pub close_time: Option<TimePoint>,
    /// The parent's run ID; none for the root.
    pub parent_run_id: Option<String>,
}

/// A run shown in the tree with what is shown below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeNode {
    pub run: FamilyRow,
    /// The failure message of a failed run, when it was read.
    pub failure: Option<String>,
    /// Earlier runs of this workflow ID under the same parent (continued as new or retried): the
    /// node shows the latest run, with the children of all of them.
    pub earlier_runs: usize,
    pub children: Vec<TreeNode>,
    /// Children hidden by the fold, with all their descendants.
    pub folded: usize,
    /// Descendants below the depth limit.
    pub more_below: usize,
}

/// How the tree is shown, from the URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeOptions {
    /// Statuses whose subtrees are hidden behind a count, when nothing else is below them.
    pub fold: Vec<ExecutionStatus>,
    pub depth: usize,
}

impl TreeOptions {
    /// `?fold=Completed,Canceled&depth=3`; unknown statuses are ignored, depth is kept in range.
    pub fn from_query(fold: Option<&str>, depth: Option<&str>) -> TreeOptions {
        let fold = fold
            .unwrap_or_default()
            .split(',')
            .map(|name| ExecutionStatus::from_name(name.trim()))
            .filter(|status| *status != ExecutionStatus::Unspecified)
            .fold(Vec::new(), |mut fold, status| {
                if !fold.contains(&status) {
                    fold.push(status);
                }
                fold
            });
        let depth = depth.and_then(|depth| depth.trim().parse().ok()).unwrap_or(DEFAULT_TREE_DEPTH);
        TreeOptions { fold, depth: depth.clamp(1, MAX_TREE_DEPTH) }
    }

    /// The `fold` parameter's value.
    pub fn fold_text(&self) -> String {
        self.fold.iter().map(|status| status.name()).collect::<Vec<_>>().join(",")
    }
}

/// The tree below one run, and what could not be placed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescendantTree {
    pub top: TreeNode,
    /// Runs in the tree below the top run, before folding and the depth limit.
    pub descendants: usize,
    /// Rows whose parent was not among the rows read (the cap cut it, or visibility lags).
    pub orphans: usize,
    /// More runs exist in the family than [`MAX_TREE_NODES`].
    pub capped: bool,
    /// Some run of the tree is still open: the page keeps itself up to date.
    pub running: bool,
}

/// The tree tab's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DescendantsPage {
    pub header: RunHeader,
    /// The root of the family, when this run is not it.
    pub root: Option<ParentLink>,
    /// `Err` holds why the tree cannot be shown (the server lacks the search attributes).
    pub tree: Result<DescendantTree, String>,
    pub options: TreeOptions,
    pub as_of: Option<TimePoint>,
    /// The history events this run had when read, for the live stream's `after`.
    pub history_length: i64,
}

/// Builds the tree below `top` from the family's rows. Rows of one workflow ID under one parent
/// are merged into their latest run; a row reached twice (impossible in Temporal, but the rows
/// are input) is shown once.
pub fn build_tree(top: FamilyRow, rows: Vec<FamilyRow>, options: &TreeOptions, capped: bool) -> DescendantTree {
    // Each run's node: the latest run of its workflow ID under its parent.
    let mut latest: HashMap<(Option<String>, String), FamilyRow> = HashMap::new();
    for row in rows.iter().filter(|row| row.run_id != top.run_id) {
        let key = (row.parent_run_id.clone(), row.workflow_id.clone());
        match latest.get(&key) {
            Some(kept) if start_millis(kept) >= start_millis(row) => {}
            _ => {
                latest.insert(key, row.clone());
            }
        }
    }
    let node_of: HashMap<&str, &str> = rows
        .iter()
        .filter(|row| row.run_id != top.run_id)
        .map(|row| (row.run_id.as_str(), latest[&(row.parent_run_id.clone(), row.workflow_id.clone())].run_id.as_str()))
        .collect();
    let node_of = |run_id: &str| node_of.get(run_id).copied().unwrap_or(run_id).to_string();
    let mut children: HashMap<String, Vec<FamilyRow>> = HashMap::new();
    let mut earlier: HashMap<String, usize> = HashMap::new();
    for row in latest.values() {
        let parent = row.parent_run_id.as_deref().map(node_of).unwrap_or_default();
        children.entry(parent).or_default().push(row.clone());
    }
    for row in rows.iter().filter(|row| row.run_id != top.run_id && node_of(&row.run_id) != row.run_id) {
        *earlier.entry(node_of(&row.run_id)).or_default() += 1;
    }
    for siblings in children.values_mut() {
        siblings.sort_by(|a, b| (start_millis(a), &a.workflow_id).cmp(&(start_millis(b), &b.workflow_id)));
    }
    let mut placed = HashSet::from([top.run_id.clone()]);
    let mut builder = Builder { children, earlier, options, placed: &mut placed, running: false };
    let (top, count) = builder.node(top, 0);
    let running = builder.running;
    let orphans = latest.values().filter(|row| !placed.contains(&row.run_id)).count();
    DescendantTree { top, descendants: count - 1, orphans, capped, running }
}

fn start_millis(row: &FamilyRow) -> i64 {
    row.start_time.as_ref().map_or(0, |time| time.millis)
}

struct Builder<'a> {
    children: HashMap<String, Vec<FamilyRow>>,
    earlier: HashMap<String, usize>,
    options: &'a TreeOptions,
    placed: &'a mut HashSet<String>,
    running: bool,
}

impl Builder<'_> {
    /// The node of `run` at `depth`, and how many runs it holds with its descendants.
    fn node(&mut self, run: FamilyRow, depth: usize) -> (TreeNode, usize) {
        self.running |= run.status.is_running();
        let earlier_runs = self.earlier.get(&run.run_id).copied().unwrap_or(0);
        let rows = self.children.remove(&run.run_id).unwrap_or_default();
        let mut node = TreeNode { run, failure: None, earlier_runs, children: Vec::new(), folded: 0, more_below: 0 };
        let mut count = 1;
        for row in rows {
            // The guard against a cycle: a run is placed once.
            if !self.placed.insert(row.run_id.clone()) {
                continue;
            }
            let (child, size) = self.node(row, depth + 1);
            count += size;
            if depth + 1 > self.options.depth {
                node.more_below += size;
            } else if self.folds(&child) {
                node.folded += size;
            } else {
                node.children.push(child);
            }
        }
        (node, count)
    }

    /// A subtree is folded when its run's status is folded and nothing else is below it (a failed
    /// grandchild keeps its completed parent in view; so do runs the depth limit hides).
    fn folds(&self, node: &TreeNode) -> bool {
        self.options.fold.contains(&node.run.status) && node.children.is_empty() && node.more_below == 0
    }
}

impl TreeNode {
    /// Every node of the subtree that is shown, this one first.
    pub fn shown(&self) -> Vec<&TreeNode> {
        let mut nodes = vec![self];
        for child in &self.children {
            nodes.extend(child.shown());
        }
        nodes
    }
}

#[cfg(test)]
#[path = "descendants_tests.rs"]
mod tests;
