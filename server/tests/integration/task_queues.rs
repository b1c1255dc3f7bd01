//! Task queues: the verdict (nobody polls, falling behind, keeping up) on the queue's page, the
//! run's workers tab and diagnosis; the namespace's queue list found through its workflows.
use std::time::{Duration, Instant};

use app::urls;
use axum::http::StatusCode;

use crate::support::{Fixture, Page, get, str_of};

fn backlog_queue(fixture: &Fixture) -> &str {
    fixture.manifest["backlog"]["task_queue"].as_str().expect("manifest backlog.task_queue")
}

/// The page, asked again until `done` holds (the backlog needs some seconds to age) or 60 s pass.
async fn page_until(fixture: &Fixture, url: &str, done: impl Fn(&str) -> bool) -> Page {
    let started = Instant::now();
    loop {
        let page = get(&fixture.app(), url).await;
        page.assert_ok(url);
        if done(&page.text()) || started.elapsed() > Duration::from_secs(60) {
            return page;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

#[tokio::test]
async fn a_queue_whose_worker_is_slower_than_its_producer_is_falling_behind() {
    let fixture = Fixture::get();
    let queue = backlog_queue(fixture);
    let url = urls::task_queue(fixture.namespace(), queue);
    let page = page_until(fixture, &url, |text| text.contains("Polled but falling behind")).await;
    let text = page.text();
    // One worker polls in CI; a dev server reused by a second fixture worker lists both for minutes.
    let sentence = text.split("Polled but falling behind: ").nth(1).expect("the verdict");
    assert!(sentence.contains(&format!("task queue \"{queue}\" for activity tasks, yet ")), "{sentence}");
    let activity = text.split("Activity tasks").nth(1).expect("activity section");
    assert!(activity.trim_start().starts_with("falling behind"), "{activity}");
    let count: i64 = page
        .html
        .split("data-testid=\"backlog-count\">")
        .nth(2)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("no activity backlog count in {}", page.html));
    assert!(count > 1, "the activity backlog holds the waiting tasks: {count}");
    let workflow = text.split("Workflow tasks").nth(1).expect("workflow section");
    assert!(workflow.trim_start().starts_with("keeping up"), "{workflow}");
    assert!(text.contains("Nexus tasks"), "{text}");
}

#[tokio::test]
async fn the_producer_run_says_its_queue_falls_behind_on_its_workers_tab_and_diagnosis() {
    let fixture = Fixture::get();
    let backlog = &fixture.manifest["backlog"];
    let (id, run) = (str_of(backlog, "workflow_id"), str_of(backlog, "run_id"));
    let queue_link = format!("href=\"{}\"", urls::task_queue(fixture.namespace(), backlog_queue(fixture)));
    let workers = urls::run_tab(fixture.namespace(), id, run, "workers");
    let page = page_until(fixture, &workers, |text| text.contains("Polled but falling behind")).await;
    assert!(page.text().contains("Polled but falling behind"), "{}", page.text());
    assert!(page.html.contains(&queue_link), "the workers tab links the queue's page");
    let history = urls::run_history(fixture.namespace(), id, run);
    let page = page_until(fixture, &history, |text| text.contains("Polled but falling behind")).await;
    let diagnosis = page.html.split("aria-label=\"Diagnosis\"").nth(1).expect("diagnosis panel");
    assert!(diagnosis.contains("Polled but falling behind"), "{diagnosis}");
    assert!(diagnosis.contains(&queue_link), "the finding links the queue's page: {diagnosis}");
}

#[tokio::test]
async fn a_queue_nobody_polls_says_so_and_counts_what_waits() {
    let fixture = Fixture::get();
    let queue = str_of(fixture.workflow("unpolled"), "task_queue");
    let url = urls::task_queue(fixture.namespace(), queue);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    // One unpolled run waits in CI; a reused dev server holds one per fixture worker started.
    let waiting = text
        .split(&format!("Nobody polls task queue \"{queue}\" for workflow tasks: "))
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse::<i64>().ok());
    assert!(waiting.is_some_and(|waiting| waiting >= 1), "the waiting tasks are counted: {text}");
    assert!(text.contains("No pollers in the last few minutes."), "{text}");
    assert!(page.html.contains("verdict-blocked"));
}

#[tokio::test]
async fn the_fixture_queue_keeps_up_and_lists_its_worker() {
    let fixture = Fixture::get();
    let queue = fixture.manifest["task_queue"].as_str().expect("task_queue");
    let url = urls::task_queue(fixture.namespace(), queue);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    let workflow = text.split("Workflow tasks").nth(1).expect("workflow section");
    assert!(workflow.trim_start().starts_with("keeping up"), "{workflow}");
    assert!(text.contains("Rate per second") && text.contains("unversioned"), "{text}");
    assert!(text.contains("Versioning and rate limits"), "{text}");
    // The test dev server keeps the rules API off (frontend.workerVersioningRuleAPIs): its words.
    assert!(text.contains("Build-ID versioning rules: not available here (Temporal answered: "), "{text}");
}

#[tokio::test]
async fn the_namespace_lists_the_queues_of_its_workflows_with_their_verdicts() {
    let fixture = Fixture::get();
    let url = urls::task_queues(fixture.namespace());
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let unpolled = str_of(fixture.workflow("unpolled"), "task_queue");
    for queue in [fixture.manifest["task_queue"].as_str().expect("task_queue"), unpolled, backlog_queue(fixture)] {
        let href = format!("href=\"{}\"", urls::task_queue(fixture.namespace(), queue));
        assert!(page.html.contains(&href), "{queue} is listed: {}", page.text());
    }
    let row = page.html.split("<tr").find(|row| row.contains(&format!(">{unpolled}<"))).expect("unpolled row");
    assert!(row.contains("nobody polls"), "{row}");
    assert!(page.text().contains("Temporal keeps no list of task queues"));
}

#[tokio::test]
async fn a_hostile_queue_name_is_escaped() {
    let fixture = Fixture::get();
    let url = urls::task_queue(fixture.namespace(), "<script>alert(1)</script>");
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    assert!(!page.html.contains("<script>alert(1)"), "the name is escaped");
    assert!(page.text().contains("Task queue <script>alert(1)</script>"), "{}", page.text());
}

#[tokio::test]
async fn an_unknown_namespace_is_a_404_with_a_sentence() {
    let fixture = Fixture::get();
    for url in [urls::task_queue("no-such-namespace", "q"), urls::task_queues("no-such-namespace")] {
        let page = get(&fixture.app(), &url).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{url}: {}", page.text());
        assert!(page.text().contains("no-such-namespace"), "{}", page.text());
    }
}

#[tokio::test]
async fn a_versioned_queue_names_its_deployment_version_and_its_pollers_builds() {
    let fixture = Fixture::get();
    let versioned = &fixture.manifest["versioned"];
    let (queue, deployment, build) =
        (str_of(versioned, "task_queue"), str_of(versioned, "deployment"), str_of(versioned, "build_id"));
    let url = urls::task_queue(fixture.namespace(), queue);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    let version = format!("{deployment} / {build}");
    assert!(text.contains(&format!("Current version {version}")), "{text}");
    let poller = page.html.split("<tr").find(|row| row.contains("@")).expect("a poller row");
    assert!(poller.contains(&version), "the poller's deployment and build: {poller}");
}
