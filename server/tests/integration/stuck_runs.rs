//! The stuck-runs triage page against the dev server and the `stuck` fixtures (stuck.py): the
//! groups with their causes and counts, the coverage, the recovery links, bad input, and the
//! call budget measured from the real binary's `/metrics`.
use std::{collections::BTreeMap, time::Duration};

use axum::http::StatusCode;

use crate::actions_support::writable_app;
use crate::server_process::ServerProcess;
use crate::support::{Fixture, excerpt, get, str_of};

fn stuck() -> &'static serde_json::Value {
    let stuck = &Fixture::get().manifest["stuck"];
    assert!(stuck.is_object(), "the manifest has no stuck fixtures");
    stuck
}

fn page_url(query: &str, extra: &str) -> String {
    format!("{}{extra}", app::urls::stuck_runs(Fixture::get().namespace(), query))
}

/// Each group section's (cause, count, text), in page order.
fn groups(html: &str) -> Vec<(String, usize, String)> {
    html.split("<section")
        .skip(1)
        .filter_map(|section| {
            let cause = section.split("data-cause=\"").nth(1)?.split('"').next()?.to_string();
            let count = section.split("class=\"stuck-count\">").nth(1)?.split('<').next()?.replace(',', "");
            Some((cause, count.parse().ok()?, crate::support::visible_text(section)))
        })
        .collect()
}

#[tokio::test]
async fn the_fixtures_stuck_runs_are_grouped_by_cause_with_their_counts() {
    let stuck = stuck();
    let counts = &stuck["counts"];
    let count = |key: &str| counts[key].as_u64().expect("count") as usize;
    let app = writable_app(&[]);
    let url = page_url(str_of(stuck, "query"), "");
    let page = get(&app, &url).await;
    page.assert_ok(&url);
    let text = page.text();
    let total = count("activity_retrying")
        + count("workflow_task_failing")
        + count("no_poller")
        + count("timer")
        + count("signal")
        + count("child");
    assert!(text.contains(&format!("Checked {total} of {total} running.")), "{}", excerpt(&text));
    assert!(text.contains("calls"), "the page states its calls: {}", excerpt(&text));

    let groups = groups(&page.html);
    let summary: Vec<(&str, usize)> = groups.iter().map(|(cause, count, _)| (cause.as_str(), *count)).collect();
    println!("{summary:?}");
    let sum = |cause: &str| groups.iter().filter(|group| group.0 == cause).map(|group| group.1).sum::<usize>();
    assert_eq!(sum("workflow-task-failing"), count("workflow_task_failing"), "{summary:?}");
    assert_eq!(sum("nobody-polls"), count("no_poller"), "{summary:?}");
    assert_eq!(sum("activity-retrying"), count("activity_retrying"), "{summary:?}");
    assert_eq!(sum("waiting-on-child"), count("child"), "{summary:?}");
    assert_eq!(sum("waiting-on-timer"), count("timer"), "{summary:?}");
    assert_eq!(sum("waiting-on-signal"), count("signal"), "{summary:?}");
    assert_eq!(summary[0].0, "workflow-task-failing", "the worst cause first: {summary:?}");

    // Failure messages with varying order numbers and IDs group together, one group per type.
    let retrying: Vec<_> = groups.iter().filter(|group| group.0 == "activity-retrying").collect();
    assert_eq!(retrying.len(), 2, "one group per activity type: {summary:?}");
    let charge = retrying.iter().find(|group| group.2.contains("stuck_charge")).expect("stuck_charge group");
    assert!(charge.2.contains("order # failed: card declined for customer '…'"), "{}", charge.2);
    let ship = retrying.iter().find(|group| group.2.contains("stuck_ship")).expect("stuck_ship group");
    assert!(ship.2.contains("carrier refused parcel # (tracking #)"), "{}", ship.2);
    let failing = groups.iter().find(|group| group.0 == "workflow-task-failing").expect("failing group");
    assert!(failing.2.contains("the workflow code raised an error"), "{}", failing.2);

    // Recovery: the batch dry run over exactly the group's runs, with the actions that fit.
    assert!(charge.2.contains("pause the activity") && charge.2.contains("reset to before the first failure"));
    let html = page.html.replace("&amp;", "&");
    assert!(html.contains("action=pause-activities&activity_type=stuck_charge"), "activity type in the link");
    assert!(html.contains("RunId%20IN%20%28%27"), "the link selects runs by ID");
    let unpolled = groups.iter().find(|group| group.0 == "nobody-polls").expect("nobody-polls group");
    assert!(unpolled.2.contains(str_of(stuck, "unpolled_task_queue")), "{}", unpolled.2);
    assert!(!unpolled.2.contains("reset to before"), "no reset for a queue nobody polls: {}", unpolled.2);

    // A read-only viewer gets no recovery links.
    let read_only = get(&Fixture::get().app(), &url).await;
    read_only.assert_ok(&url);
    assert!(!read_only.html.contains("action=terminate"), "{}", excerpt(&read_only.text()));
}

#[tokio::test]
async fn a_bounded_read_says_what_it_covered() {
    let stuck = stuck();
    let url = page_url(str_of(stuck, "query"), "&n=10");
    let page = get(&Fixture::get().app(), &url).await;
    page.assert_ok(&url);
    let text = page.text();
    let total: u64 = stuck["counts"].as_object().expect("counts").values().filter_map(|count| count.as_u64()).sum();
    // The oldest end holds the runs started before the bound the counts found: up to 10.
    let checked: usize = text
        .split("Checked ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|number| number.parse().ok())
        .unwrap_or_else(|| panic!("no coverage: {}", excerpt(&text)));
    assert!((10..=20).contains(&checked), "{}", excerpt(&text));
    assert!(text.contains(&format!("Checked {checked} of {total} running.")), "{}", excerpt(&text));
    assert!(text.contains("The 10 newest and the 10 oldest running runs"), "{}", excerpt(&text));
    assert!(text.contains("ORDER BY is refused here"), "SQL visibility: the bound search: {}", excerpt(&text));
}

#[tokio::test]
async fn bad_input_gets_a_sentence_and_its_status() {
    let app = Fixture::get().app();
    let url = page_url("WorkflowType = ", "");
    let page = get(&app, &url).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", excerpt(&page.text()));
    let url = app::urls::stuck_runs("no-such-namespace-for-triage", "");
    let page = get(&app, &url).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", excerpt(&page.text()));
    assert!(page.text().contains("no-such-namespace-for-triage"), "{}", excerpt(&page.text()));
}

/// Temporal calls made, from the binary's `temporal_client_requests`.
async fn calls(client: &reqwest::Client, app: &ServerProcess) -> BTreeMap<String, f64> {
    let text = client.get(format!("http://{}/metrics", app.address)).send().await.expect("metrics");
    let text = text.text().await.expect("metrics body");
    let scrape = prometheus_parse::Scrape::parse(text.lines().map(|line| Ok(line.to_string()))).expect("Prometheus");
    let mut counts = BTreeMap::new();
    for sample in scrape.samples.iter().filter(|sample| sample.metric == "temporal_client_requests") {
        if let prometheus_parse::Value::Counter(value) = sample.value {
            *counts.entry(sample.labels.get("operation").unwrap_or("").to_string()).or_default() += value;
        }
    }
    counts
}

fn made(before: &BTreeMap<String, f64>, after: &BTreeMap<String, f64>) -> f64 {
    after.iter().map(|(operation, count)| count - before.get(operation).copied().unwrap_or(0.0)).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_view_stays_within_its_budget_and_a_second_costs_nothing() {
    let fixture = Fixture::get();
    let dir = std::env::temp_dir().join(format!("tdbg-stuck-runs-{}", uuid::Uuid::new_v4()));
    let app = ServerProcess::start(&[
        "--temporal-address",
        &fixture.temporal_address,
        "--data-dir",
        &dir.display().to_string(),
    ]);
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(120)).build().expect("HTTP client");
    let path = page_url(str_of(stuck(), "query"), "");
    let view = |path: String| {
        let (client, address) = (client.clone(), app.address.clone());
        async move {
            let response = client.get(format!("http://{address}{path}")).send().await.expect("page");
            assert_eq!(response.status().as_u16(), 200);
            response.text().await.expect("body")
        }
    };
    let before = calls(&client, &app).await;
    let first = view(path.clone()).await;
    let middle = calls(&client, &app).await;
    let second = view(path.clone()).await;
    let after = calls(&client, &app).await;
    let first_calls = made(&before, &middle);
    let maximum = inspector::temporal::stuck_runs::max_calls(inspector::settings::DEFAULT_TRIAGE_RUNS) as f64;
    println!("first view: {first_calls} calls ({middle:?}); second: {}", made(&middle, &after));
    assert!(first_calls > 0.0 && first_calls <= maximum, "{first_calls} calls, at most {maximum} stated");
    assert!(first.contains("made for this view"), "{}", excerpt(&first));
    assert_eq!(made(&middle, &after), 0.0, "a second view within the minute: {after:?}");
    assert!(second.contains("this view made none"), "{}", excerpt(&second));

    let again = view(format!("{path}&fresh=1")).await;
    assert!(made(&after, &calls(&client, &app).await) > 0.0, "check again reads anew");
    assert!(again.contains("made for this view"), "{}", excerpt(&again));
    let _ = std::fs::remove_dir_all(&dir);
}
