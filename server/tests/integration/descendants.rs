//! The run's tree tab: the fixture family (`end2end/fixtures/tree.py`) nested with its statuses,
//! folded, cut at a depth, seen from a middle run, and an unknown run.
use app::urls;
use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{Fixture, get, str_of, visible_text};

fn family() -> &'static Value {
    let tree = &Fixture::get().manifest["tree"];
    assert!(tree.is_object(), "the manifest has no tree");
    tree
}

/// The workflow ID of the family's run named `name` (`root`, `middle`, `grand-done`, …).
fn id(name: &str) -> String {
    let root = str_of(&family()["root"], "workflow_id");
    format!("{}-{name}", root.strip_suffix("-root").expect("root ID ends with -root"))
}

async fn tree_tab(run: &str, query: &str) -> String {
    let fixture = Fixture::get();
    let entry = &family()[run];
    let url = urls::run_tab(fixture.namespace(), str_of(entry, "workflow_id"), str_of(entry, "run_id"), "tree");
    let url = if query.is_empty() { url } else { format!("{url}?{query}") };
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    page.html
}

/// The `<li>` of the tree node whose link names `workflow_id`, with everything nested in it.
fn node<'a>(html: &'a str, workflow_id: &str) -> Option<&'a str> {
    let link = html.find(&format!(">{workflow_id}</a>"))?;
    let start = html[..link].rfind("<li class=\"tree-node")?;
    let mut depth = 0;
    let mut at = start;
    loop {
        let open = html[at + 1..].find("<li").map(|i| i + at + 1);
        let close = html[at..].find("</li>").map(|i| i + at)?;
        match open {
            Some(open) if open < close => {
                depth += 1;
                at = open;
            }
            _ if depth == 0 => return Some(&html[start..close + 5]),
            _ => {
                depth -= 1;
                at = close + 1;
            }
        }
    }
}

/// The status on the node's own badge (the first in its `<li>`).
fn status(html: &str, workflow_id: &str) -> String {
    let node = node(html, workflow_id).unwrap_or_else(|| panic!("no node for {workflow_id}"));
    let badge = node.find("status-badge status-").expect("a status badge") + "status-badge status-".len();
    node[badge..].split('"').next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn the_family_nests_under_its_root_with_statuses_failure_and_live_updates() {
    let html = tree_tab("root", "").await;
    for (name, expected) in [
        ("root", "running"),
        ("done", "completed"),
        ("broken", "failed"),
        ("middle", "running"),
        ("grand-done", "completed"),
        ("grand-waiting", "running"),
        ("chain", "completed"),
    ] {
        assert_eq!(status(&html, &id(name)), expected, "{name}");
    }
    let middle = node(&html, &id("middle")).expect("middle");
    assert!(middle.contains(&id("grand-done")) && middle.contains(&id("grand-waiting")), "grandchildren in middle");
    assert!(!middle.contains(&id("broken")), "a sibling is not nested in middle");
    // Each run links to its own page.
    let middle_run = str_of(&family()["middle"], "run_id");
    let href = urls::run_history(Fixture::get().namespace(), &id("middle"), middle_run);
    assert!(middle.contains(&format!("href=\"{href}\"")), "link to {href}");
    // The failure message, escaped; the chain shows its latest run.
    let broken = node(&html, &id("broken")).expect("broken");
    let message = family()["broken_message"].as_str().expect("message");
    assert!(visible_text(broken).contains(message), "{}", visible_text(broken));
    assert!(!html.contains("<b>broke</b>"), "the message is escaped");
    assert!(visible_text(node(&html, &id("chain")).expect("chain")).contains("latest of 2 runs"));
    let text = visible_text(&html);
    assert!(text.contains("6 descendants. Some are still running."), "{text}");
    assert!(text.contains("As of"), "{text}");
    assert!(html.contains("live-updates"), "a running root streams its history");
}

#[tokio::test]
async fn folding_completed_runs_hides_them_behind_a_count() {
    let html = tree_tab("root", "fold=Completed").await;
    for name in ["done", "grand-done", "chain"] {
        assert!(node(&html, &id(name)).is_none(), "{name} is folded");
    }
    for name in ["broken", "middle", "grand-waiting"] {
        assert!(node(&html, &id(name)).is_some(), "{name} is shown");
    }
    let text = visible_text(&html);
    assert!(text.contains("2 runs hidden (Completed) show them"), "{text}");
    assert!(visible_text(node(&html, &id("middle")).expect("middle")).contains("1 run hidden (Completed)"));
    // The current choice is marked, and the depth form keeps the fold.
    assert!(html.contains("aria-current=\"page\">Fold completed"), "fold link marked");
    assert!(html.contains("name=\"fold\" value=\"Completed\""), "depth form keeps the fold");
}

#[tokio::test]
async fn a_depth_limit_says_how_many_runs_are_below() {
    let html = tree_tab("root", "depth=1").await;
    assert!(node(&html, &id("middle")).is_some());
    assert!(node(&html, &id("grand-done")).is_none() && node(&html, &id("grand-waiting")).is_none());
    let middle = visible_text(node(&html, &id("middle")).expect("middle"));
    assert!(middle.contains("2 more below see this run's tree"), "{middle}");
}

#[tokio::test]
async fn a_middle_run_shows_its_subtree_and_the_root_it_belongs_to() {
    let html = tree_tab("middle", "").await;
    let text = visible_text(&html);
    assert!(text.contains(&format!("part of a larger tree rooted at {}", id("root"))), "{text}");
    assert!(node(&html, &id("grand-waiting")).is_some());
    assert!(node(&html, &id("broken")).is_none(), "siblings of the middle run are not in its tree");
    assert!(text.contains("2 descendants."), "{text}");
}

#[tokio::test]
async fn the_tree_of_an_unknown_run_is_a_404_sentence() {
    let fixture = Fixture::get();
    let url = urls::run_tab(fixture.namespace(), &id("root"), &uuid::Uuid::new_v4().to_string(), "tree");
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("not found"), "{}", page.text());
    assert!(page.html.contains("aria-label=\"Run views\""), "the tab bar still renders");
}
