//! Many requests at once to the real binary. Under 16 concurrent viewers the server once answered
//! some requests 500 and logged panics ("Tried to access a reactive value that has already been
//! disposed"): one request's reactive values were read after that request was gone, which only
//! happens when requests overlap. One request at a time never shows it. The requests are what a
//! browser sends: the pages, and the server functions a hydrated page calls for the same data.
//!
//! Against a Temporal dev server of its own: Temporal allows a namespace 10 visibility calls a
//! second by default (`frontend.namespaceRPS.visibility`), and the list pages here make far more.
//! On the shared dev server Temporal would refuse some ("namespace rate limit exceeded", a 503)
//! and take that budget from the tests running beside this one.
use std::{
    fs::File,
    net::TcpStream,
    path::PathBuf,
    process::{Child, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use app::{
    api::{ListSchedules, ListWorkflows, LoadRun},
    urls,
};
use leptos::server_fn::ServerFn;

use crate::dev_server::DevServer;
use crate::server_process::server_binary;
use crate::support::{closed_port, excerpt, visible_text};

const REQUESTS: usize = 300;
const AT_ONCE: usize = 16;

/// The server binary, its stdout and stderr in a file; stopped when dropped.
struct LoggedServer {
    child: Child,
    address: String,
    log: PathBuf,
}

impl LoggedServer {
    fn start(temporal_address: &str) -> LoggedServer {
        let dir = std::env::temp_dir().join(format!("tdbg-concurrent-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let log = dir.join("server.log");
        let out = File::create(&log).expect("log file");
        let err = out.try_clone().expect("log file handle");
        let address = format!("127.0.0.1:{}", closed_port());
        let child = server_binary()
            .args(["--listen", &address, "--temporal-address", temporal_address])
            .arg("--data-dir")
            .arg(dir.join("data"))
            // Plain text in the log, to search it.
            .env("NO_COLOR", "1")
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .spawn()
            .expect("start the server binary");
        let mut server = LoggedServer { child, address, log };
        let started = Instant::now();
        while TcpStream::connect(&server.address).is_err() {
            if let Some(status) = server.child.try_wait().expect("wait") {
                panic!("the server exited ({status}) before listening:\n{}", server.log_text());
            }
            assert!(started.elapsed() < Duration::from_secs(30), "the server did not listen on {}", server.address);
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for LoggedServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What an answer says: an error page's message, or the start of its text.
fn what_it_said(body: &str) -> String {
    let message = body.split_once("class=\"error-message\">").and_then(|(_, rest)| rest.split_once("</p>"));
    excerpt(&visible_text(message.map_or(body, |(message, _)| message)))
}

/// One request: a page's GET, or a server function's POST with its form-encoded arguments.
enum Call {
    Page(String),
    ServerFn(&'static str, String),
}

impl Call {
    fn server_fn(path: &'static str, args: &[(&str, &str)]) -> Call {
        Call::ServerFn(path, serde_urlencoded::to_string(args).expect("form"))
    }

    fn path(&self) -> &str {
        match self {
            Call::Page(path) => path,
            Call::ServerFn(path, _) => path,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_requests_sixteen_at_a_time_all_answer_200_without_a_panic() {
    // The visibility limit raised (see above).
    let temporal = DevServer::start(&["--dynamic-config-value", "frontend.namespaceRPS.visibility=100000"]);
    // A run (waiting for a worker that never comes, so its page also diagnoses its task queue) and
    // a schedule, so the pages have rows to render.
    let started = temporal.must(&[
        "workflow",
        "start",
        "--type",
        "LoadTest",
        "--task-queue",
        "load-test",
        "--workflow-id",
        "load-test",
        "-o",
        "json",
    ]);
    let started: serde_json::Value = serde_json::from_str(&started).expect("the CLI's JSON");
    let (workflow_id, run_id) =
        (started["workflowId"].as_str().expect("workflowId"), started["runId"].as_str().expect("runId"));
    temporal.must(&[
        "schedule",
        "create",
        "--schedule-id",
        "load-test",
        "--interval",
        "1h",
        "--type",
        "LoadTest",
        "--task-queue",
        "load-test",
        "--workflow-id",
        "load-test-scheduled",
    ]);
    let server = LoggedServer::start(&temporal.address);
    let namespace = "default";
    let calls = Arc::new([
        Call::Page(urls::workflows(namespace)),
        Call::Page(urls::run_history(namespace, workflow_id, run_id)),
        Call::Page(urls::schedules(namespace)),
        Call::server_fn(ListWorkflows::PATH, &[("namespace", namespace), ("query", ""), ("columns", "")]),
        Call::server_fn(
            LoadRun::PATH,
            &[("namespace", namespace), ("workflow_id", workflow_id), ("run_id", run_id), ("view", "")],
        ),
        Call::server_fn(ListSchedules::PATH, &[("namespace", namespace)]),
    ]);
    // reqwest's TLS wants a crypto provider even for plain HTTP.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // No timing is asserted; the timeout only keeps a stuck request from hanging the test. It is
    // longer than the server's own (120 s), which answers 504.
    let client = reqwest::Client::builder().timeout(Duration::from_secs(150)).build().expect("HTTP client");
    let base = format!("http://{}", server.address);
    let next = Arc::new(AtomicUsize::new(0));
    let wrong = Arc::new(Mutex::new(Vec::new()));
    let viewers = (0..AT_ONCE).map(|_| {
        let (client, base, calls, next, wrong) =
            (client.clone(), base.clone(), calls.clone(), next.clone(), wrong.clone());
        tokio::spawn(async move {
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= REQUESTS {
                    return;
                }
                let call = &calls[index % calls.len()];
                let url = format!("{base}{}", call.path());
                let request = match call {
                    Call::Page(_) => client.get(url).header("accept", "text/html"),
                    // As a browser posts from the page: same origin, JSON back.
                    Call::ServerFn(_, form) => client
                        .post(url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("accept", "application/json")
                        .header("origin", &base)
                        .body(form.clone()),
                };
                let verdict = match request.send().await {
                    Ok(response) => {
                        let status = response.status();
                        match response.text().await {
                            Ok(_) if status == 200 => None,
                            Ok(body) => Some(format!("{status}: {}", what_it_said(&body))),
                            Err(error) => Some(format!("{status}, then the body failed: {error}")),
                        }
                    }
                    Err(error) => Some(format!("no answer: {error}")),
                };
                if let Some(verdict) = verdict {
                    wrong.lock().expect("lock").push((format!("{}: {verdict}", call.path()), index));
                }
            }
        })
    });
    for viewer in futures_util::future::join_all(viewers).await {
        viewer.expect("viewer task");
    }

    // The same answer to the same request once, with the requests' numbers.
    let mut grouped = std::collections::BTreeMap::<String, Vec<usize>>::new();
    for (answer, index) in wrong.lock().expect("lock").iter() {
        grouped.entry(answer.clone()).or_default().push(*index);
    }
    grouped.values_mut().for_each(|indexes| indexes.sort_unstable());
    let wrong: Vec<String> =
        grouped.iter().map(|(answer, indexes)| format!("{}× {answer} (requests {indexes:?})", indexes.len())).collect();
    let wrong_count: usize = grouped.values().map(Vec::len).sum();
    // The panic hook's "thread '…' panicked at file:line" has its message on the next line.
    let log = server.log_text();
    let lines: Vec<&str> = log.lines().collect();
    let panics: Vec<String> = (0..lines.len())
        .filter(|&at| lines[at].contains("panicked"))
        .map(|at| {
            if lines[at].contains("panicked at") {
                lines[at..(at + 2).min(lines.len())].join(" ")
            } else {
                lines[at].to_string()
            }
        })
        .collect();
    assert!(
        wrong.is_empty() && panics.is_empty(),
        "{wrong_count} of {REQUESTS} requests ({AT_ONCE} at a time) did not answer 200:\n{}\n\n{} panic lines in the \
         server's log ({}):\n{}",
        wrong.join("\n"),
        panics.len(),
        server.log.display(),
        panics.join("\n"),
    );
}
