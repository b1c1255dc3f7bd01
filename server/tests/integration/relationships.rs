//! The relationships tab and the runs page's mark of the current run.
use app::urls;

use crate::support::{Fixture, get, str_of};

async fn relationships(workflow_id: &str, run_id: &str) -> String {
    let fixture = Fixture::get();
    let url = urls::run_tab(fixture.namespace(), workflow_id, run_id, "relationships");
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    page.html
}

#[tokio::test]
async fn a_parent_lists_its_children_with_links_to_their_runs() {
    let fixture = Fixture::get();
    let parent = fixture.workflow("parent");
    let html = relationships(str_of(parent, "workflow_id"), str_of(parent, "run_id")).await;
    let children = parent["children"].as_array().expect("children");
    let text = crate::support::visible_text(&html);
    assert!(text.contains(&format!("Child workflows ({})", children.len())), "{text}");
    assert!(text.contains("No parent"), "{text}");
    for child in children {
        let href = urls::run_history(fixture.namespace(), str_of(child, "workflow_id"), str_of(child, "run_id"));
        assert!(html.contains(&format!("href=\"{href}\"")), "link to {href}");
    }
    assert_eq!(text.matches("Completed").count(), children.len() + 1, "each child completed (+ status): {text}");
}

#[tokio::test]
async fn a_child_links_to_its_parent() {
    let fixture = Fixture::get();
    let parent = fixture.workflow("parent");
    let child = &parent["children"][0];
    let html = relationships(str_of(child, "workflow_id"), str_of(child, "run_id")).await;
    let href = urls::run_history(fixture.namespace(), str_of(parent, "workflow_id"), str_of(parent, "run_id"));
    assert!(html.contains(&format!("href=\"{href}\"")), "parent link {href}");
    assert!(crate::support::visible_text(&html).contains("Started by"));
}

#[tokio::test]
async fn a_continue_as_new_run_links_both_ways_and_knows_its_place() {
    let fixture = Fixture::get();
    let chain = fixture.workflow("continue_as_new");
    let workflow_id = str_of(chain, "workflow_id");
    let run_ids: Vec<&str> =
        chain["run_ids"].as_array().expect("run_ids").iter().filter_map(|id| id.as_str()).collect();
    assert!(run_ids.len() >= 3, "a chain of at least three runs");
    let html = relationships(workflow_id, run_ids[1]).await;
    let link = |run_id: &str| format!("href=\"{}\"", urls::run_history(fixture.namespace(), workflow_id, run_id));
    assert!(html.contains(&format!("{} rel=\"prev\"", link(run_ids[0]))), "previous run link");
    assert!(html.contains(&format!("{} rel=\"next\"", link(run_ids[2]))), "next run link");
    let text = crate::support::visible_text(&html);
    assert!(text.contains("Previous run (continued as new)"), "{text}");
    // Newest first: the second run of N is number N - 1.
    let expected = format!("This is run {} of {} with workflow ID", run_ids.len() - 1, run_ids.len());
    assert!(text.contains(&expected), "{expected}: {text}");
}

#[tokio::test]
async fn the_runs_page_marks_the_run_the_reader_came_from() {
    let fixture = Fixture::get();
    let chain = fixture.workflow("continue_as_new");
    let first_run = chain["run_ids"][0].as_str().expect("first run");
    let url = format!("{}?run={first_run}", urls::runs(fixture.namespace(), str_of(chain, "workflow_id")));
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let marked = page.html.split("aria-current=\"true\"").nth(1).expect("a marked row");
    assert!(marked.split("</tr>").next().is_some_and(|row| row.contains(first_run)), "the marked row is {first_run}");
    assert!(page.text().contains("← this run"));
}
