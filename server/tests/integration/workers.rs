//! Workers from their heartbeats: the namespace's list (and its query), one worker's page, an
//! unknown key, the task-queue page's and the run's workers tab's "Workers" section, the
//! diagnosis on a queue whose only worker has every activity slot busy (the backlog fixture's,
//! `max_concurrent_activities=1`), and a server that records no heartbeats.
use std::time::{Duration, Instant};

use app::urls;
use axum::http::StatusCode;

use crate::dev_server::DevServer;
use crate::support::{Fixture, Page, app_for, get, str_of};

fn backlog_queue(fixture: &Fixture) -> &str {
    fixture.manifest["backlog"]["task_queue"].as_str().expect("manifest backlog.task_queue")
}

/// The page, asked again until `done` holds or 30 s pass (the fixture workers heartbeat every 5 s).
async fn page_until(fixture: &Fixture, url: &str, done: impl Fn(&Page) -> bool) -> Page {
    let started = Instant::now();
    loop {
        let page = get(&fixture.app(), url).await;
        page.assert_ok(url);
        if done(&page) || started.elapsed() > Duration::from_secs(30) {
            return page;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// The instance keys of the rows of a workers table.
fn worker_keys(html: &str) -> Vec<String> {
    html.split("data-worker=\"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect()
}

/// The row of the worker whose task queue is `queue` in the namespace's list.
fn row_of<'a>(page: &'a Page, queue: &str) -> Option<&'a str> {
    page.html.split("<tr").find(|row| row.contains("data-worker=") && row.contains(&format!(">{queue}<")))
}

#[tokio::test]
async fn the_namespace_lists_its_workers_with_their_verdicts_and_links() {
    let fixture = Fixture::get();
    let (namespace, backlog) = (fixture.namespace(), backlog_queue(fixture));
    let url = urls::workers(namespace, "");
    let page =
        page_until(fixture, &url, |page| row_of(page, backlog).is_some_and(|row| row.contains("slots exhausted")))
            .await;
    let main_queue = str_of(&fixture.manifest, "task_queue");
    for queue in [main_queue, backlog] {
        let href = format!("href=\"{}\"", urls::task_queue(namespace, queue));
        assert!(page.html.contains(&href), "the list links task queue {queue}: {}", page.text());
    }
    let row = row_of(&page, backlog).expect("the backlog worker's row");
    assert!(row.contains("has all its activity slots busy (1 in use, none free)"), "{row}");
    assert!(row.contains("temporal-python"), "its SDK: {row}");
    assert!(row.contains(" ago<"), "its heartbeat's age: {row}");
    let key = worker_keys(row).pop().expect("its key");
    assert!(row.contains(&format!("href=\"{}\"", urls::worker(namespace, &key))), "linked to its page: {row}");
    let main = row_of(&page, main_queue).expect("the main fixture worker's row");
    assert!(main.contains("running"), "{main}");
    assert!(page.html.contains("href=\"") && page.text().contains("Worker query"), "the query form");
}

#[tokio::test]
async fn a_query_keeps_only_the_workers_it_names() {
    let fixture = Fixture::get();
    let (namespace, backlog) = (fixture.namespace(), backlog_queue(fixture));
    let url = urls::workers(namespace, &format!("TaskQueue = '{backlog}'"));
    let page = page_until(fixture, &url, |page| !worker_keys(&page.html).is_empty()).await;
    let keys = worker_keys(&page.html);
    assert!(!keys.is_empty(), "the backlog worker is listed: {}", page.text());
    let rows = page.html.split("<tr").filter(|row| row.contains("data-worker="));
    for row in rows {
        assert!(row.contains(&format!(">{backlog}<")), "only the backlog queue's workers: {row}");
    }
    assert!(
        page.html.contains(&format!("value=\"TaskQueue = &#x27;{backlog}&#x27;\""))
            || page.html.contains(&format!("value=\"TaskQueue = '{backlog}'\"")),
        "the form keeps the query"
    );

    let bad = urls::workers(namespace, "TaskQueue ===");
    let page = get(&fixture.app(), &bad).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text());
    assert!(page.text().contains("The worker query \"TaskQueue ===\" is not valid"), "{}", page.text());
}

#[tokio::test]
async fn a_worker_page_shows_its_heartbeat_in_full() {
    let fixture = Fixture::get();
    let (namespace, backlog) = (fixture.namespace(), backlog_queue(fixture));
    let list = urls::workers(namespace, &format!("TaskQueue = '{backlog}'"));
    let list = page_until(fixture, &list, |page| !worker_keys(&page.html).is_empty()).await;
    let key = worker_keys(&list.html).pop().expect("a backlog worker");
    let url = urls::worker(namespace, &key);
    let page = get(&fixture.app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    for expected in ["Instance key", &key, "temporal-python", "Slots", "local activity", "Pollers", "Sticky cache"] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // The fixtures heartbeat every 5 s: the time between the last two heartbeats, once there are two.
    let interval = text.split("Heartbeat interval ").nth(1).and_then(|rest| rest.split(' ').next()).unwrap_or("");
    assert!(interval.ends_with('s') || interval == "not", "the heartbeat interval: {text}");
    assert!(text.contains(" ago )"), "the heartbeat's age: {text}");
    assert!(page.html.contains(&format!("href=\"{}\"", urls::task_queue(namespace, backlog))), "links its queue");
    assert!(page.html.contains(&format!("href=\"{}\"", urls::workers(namespace, ""))), "links the list");
}

#[tokio::test]
async fn an_unknown_worker_key_is_a_404_with_a_sentence() {
    let fixture = Fixture::get();
    let url = urls::worker(fixture.namespace(), "no-such-worker-key");
    let page = get(&fixture.app(), &url).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
    assert!(
        page.text().contains("No worker with instance key \"no-such-worker-key\" has sent a heartbeat"),
        "{}",
        page.text()
    );
}

#[tokio::test]
async fn the_task_queue_page_lists_its_workers_with_their_verdicts() {
    let fixture = Fixture::get();
    let (namespace, backlog) = (fixture.namespace(), backlog_queue(fixture));
    let url = urls::task_queue(namespace, backlog);
    let page = page_until(fixture, &url, |page| page.text().contains("slots exhausted")).await;
    let section = page.html.split("aria-label=\"Workers\"").nth(1).expect("the Workers section");
    let section = section.split("</section>").next().unwrap_or_default();
    assert!(section.contains("has all its activity slots busy"), "{section}");
    let key = worker_keys(section).pop().expect("a worker row");
    assert!(section.contains(&format!("href=\"{}\"", urls::worker(namespace, &key))), "{section}");
    assert!(page.text().contains("Rate per second"), "the pollers are still shown");
}

#[tokio::test]
async fn the_run_workers_tab_and_diagnosis_name_the_busy_worker() {
    let fixture = Fixture::get();
    let (namespace, backlog) = (fixture.namespace(), &fixture.manifest["backlog"]);
    let (id, run) = (str_of(backlog, "workflow_id"), str_of(backlog, "run_id"));
    let tab = urls::run_tab(namespace, id, run, "workers");
    let page = page_until(fixture, &tab, |page| page.text().contains("slots exhausted")).await;
    let section = page.html.split("aria-label=\"Workers\"").nth(1).expect("the Workers section");
    let key = worker_keys(section).pop().expect("a worker row");
    assert!(section.contains(&format!("href=\"{}\"", urls::worker(namespace, &key))), "{section}");
    let history = urls::run_history(namespace, id, run);
    let page = page_until(fixture, &history, |page| page.text().contains("has all its activity slots busy")).await;
    let diagnosis = page.html.split("aria-label=\"Diagnosis\"").nth(1).expect("diagnosis panel");
    let queue = backlog_queue(fixture);
    assert!(
        diagnosis.contains(&format!("The only worker heartbeating on task queue &quot;{queue}&quot;"))
            || diagnosis.contains(&format!("The only worker heartbeating on task queue \"{queue}\"")),
        "{diagnosis}"
    );
    assert!(diagnosis.contains("has all its activity slots busy (1 in use, none free)"), "{diagnosis}");
}

#[tokio::test]
async fn a_server_without_heartbeats_says_so_and_points_to_the_pollers() {
    let temporal = DevServer::start(&["--dynamic-config-value", "frontend.WorkerHeartbeatsEnabled=false"]);
    let app = app_for(&temporal.address);
    let url = urls::workers("default", "");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    assert!(text.contains("This server does not record worker heartbeats for namespace default"), "{text}");
    assert!(page.html.contains(&format!("href=\"{}\"", urls::task_queues("default"))), "points to the pollers");
    let queue = urls::task_queue("default", "no-heartbeats-here");
    let page = get(&app, &queue).await;
    page.assert_ok(&queue);
    let section = page.html.split("aria-label=\"Workers\"").nth(1).expect("the Workers section");
    assert!(section.contains("does not record worker heartbeats"), "{section}");
    assert!(section.contains("The pollers below are what the server reports instead."), "{section}");
}
