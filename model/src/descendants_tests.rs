use super::*;

fn row(workflow_id: &str, run_id: &str, parent: Option<&str>, status: ExecutionStatus, start: i64) -> FamilyRow {
    FamilyRow {
        workflow_id: workflow_id.into(),
        run_id: run_id.into(),
        workflow_type: "Type".into(),
        status,
        start_time: Some(TimePoint { iso: String::new(), millis: start }),
        close_time: None,
        parent_run_id: parent.map(str::to_string),
    }
}

use ExecutionStatus::{Completed, ContinuedAsNew, Failed, Running};

/// root ─ done, broken, middle ─ (grand-done, grand-waiting)
fn family() -> (FamilyRow, Vec<FamilyRow>) {
    let root = row("root", "r0", None, Running, 0);
    let rows = vec![
        root.clone(),
        row("done", "r1", Some("r0"), Completed, 1),
        row("broken", "r2", Some("r0"), Failed, 2),
        row("middle", "r3", Some("r0"), Running, 3),
        row("grand-done", "r4", Some("r3"), Completed, 4),
        row("grand-waiting", "r5", Some("r3"), Running, 5),
    ];
    (root, rows)
}

fn ids(node: &TreeNode) -> Vec<&str> {
    node.children.iter().map(|child| child.run.workflow_id.as_str()).collect()
}

fn options(fold: &str, depth: &str) -> TreeOptions {
    TreeOptions::from_query(Some(fold), Some(depth))
}

#[test]
fn nests_children_under_their_parents_in_start_order() {
    let (root, rows) = family();
    let tree = build_tree(root, rows, &options("", "5"), false);
    assert_eq!(ids(&tree.top), ["done", "broken", "middle"]);
    assert_eq!(ids(&tree.top.children[2]), ["grand-done", "grand-waiting"]);
    assert_eq!((tree.descendants, tree.orphans, tree.running, tree.capped), (5, 0, true, false));
    assert_eq!(tree.top.shown().len(), 6);
}

#[test]
fn folds_completed_subtrees_behind_a_count() {
    let (root, rows) = family();
    let tree = build_tree(root, rows, &options("Completed", "5"), false);
    assert_eq!(ids(&tree.top), ["broken", "middle"]);
    assert_eq!(tree.top.folded, 1);
    assert_eq!(ids(&tree.top.children[1]), ["grand-waiting"]);
    assert_eq!(tree.top.children[1].folded, 1);
}

#[test]
fn a_completed_run_with_a_failed_descendant_stays_in_view() {
    let rows = vec![
        row("a", "a1", Some("r0"), Completed, 1),
        row("b", "b1", Some("a1"), Failed, 2),
        row("c", "c1", Some("a1"), Completed, 3),
    ];
    let tree = build_tree(row("root", "r0", None, Completed, 0), rows, &options("Completed", "5"), false);
    assert_eq!(ids(&tree.top), ["a"]);
    assert_eq!((ids(&tree.top.children[0]), tree.top.children[0].folded), (vec!["b"], 1));
    assert!(!tree.running);
}

#[test]
fn the_depth_limit_counts_what_is_below() {
    let (root, rows) = family();
    let tree = build_tree(root, rows, &options("", "1"), false);
    assert_eq!(ids(&tree.top), ["done", "broken", "middle"]);
    let middle = &tree.top.children[2];
    assert!(middle.children.is_empty());
    assert_eq!(middle.more_below, 2);
    assert_eq!(tree.descendants, 5);
}

#[test]
fn a_subtree_of_a_middle_run_leaves_out_the_rest() {
    let (_, rows) = family();
    let middle = rows[3].clone();
    let tree = build_tree(middle, rows, &options("", "5"), false);
    assert_eq!(ids(&tree.top), ["grand-done", "grand-waiting"]);
    assert_eq!(tree.descendants, 2);
}

#[test]
fn runs_of_one_workflow_id_under_one_parent_merge_into_the_latest() {
    let rows = vec![
        row("chain", "c1", Some("r0"), ContinuedAsNew, 1),
        row("chain", "c2", Some("r0"), Completed, 2),
        row("early-child", "e1", Some("c1"), Completed, 3),
    ];
    let tree = build_tree(row("root", "r0", None, Running, 0), rows, &options("", "5"), false);
    assert_eq!(ids(&tree.top), ["chain"]);
    let chain = &tree.top.children[0];
    assert_eq!((chain.run.run_id.as_str(), chain.earlier_runs), ("c2", 1));
    assert_eq!(ids(chain), ["early-child"]);
}

#[test]
fn orphans_and_cycles_are_counted_not_followed() {
    let rows = vec![
        row("lost", "l1", Some("gone"), Completed, 1),
        // A cycle (impossible in Temporal): x under y and y under x, neither under the top.
        row("x", "x1", Some("y1"), Running, 2),
        row("y", "y1", Some("x1"), Running, 3),
        row("ok", "o1", Some("r0"), Running, 4),
    ];
    let tree = build_tree(row("root", "r0", None, Completed, 0), rows, &options("", "5"), true);
    assert_eq!(ids(&tree.top), ["ok"]);
    assert_eq!((tree.orphans, tree.capped, tree.descendants), (3, true, 1));
}

#[test]
fn options_read_from_the_url_are_kept_in_range() {
    let parsed = TreeOptions::from_query(Some("completed, Nonsense,Failed,Completed"), Some("900"));
    assert_eq!(parsed.fold, [Completed, Failed]);
    assert_eq!(parsed.fold_text(), "Completed,Failed");
    assert_eq!(parsed.depth, MAX_TREE_DEPTH);
    assert_eq!(TreeOptions::from_query(None, Some("x")).depth, DEFAULT_TREE_DEPTH);
    assert_eq!(TreeOptions::from_query(None, Some("0")).depth, 1);
}
