//! The upload handler on a router of its own (no Temporal): the turn limit's 503, the size limit
//! checked while the file streams in, and what is left on disk afterwards.
use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{
    Router,
    body::{Body, Bytes},
    extract::{DefaultBodyLimit, Multipart, State, multipart::MultipartRejection},
    http::{Request, StatusCode, header},
    routing::post,
};
use http_body_util::BodyExt;
use inspector::imports::ImportStore;
use tower::ServiceExt;

use super::{upload, upload_at_most};

const BOUNDARY: &str = "tdbg-unit-boundary";
const HISTORY: &str = r#"{"events":[{"eventId":"1","eventType":"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
    "workflowExecutionStartedEventAttributes":{"workflowType":{"name":"Approval"}}},
    {"eventId":"2","eventType":"WorkflowTaskScheduled"}]}"#;

fn head(file_name: &str) -> String {
    format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/json\r\n\r\n"
    )
}

fn form(file_name: &str, content: &str) -> Body {
    Body::from(format!("{}{content}\r\n--{BOUNDARY}--\r\n", head(file_name)))
}

fn request(body: Body) -> Request<Body> {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let request = Request::post("/import/upload").header(header::CONTENT_TYPE, content_type).body(body);
    request.unwrap_or_else(|error| panic!("request: {error}"))
}

/// A store in a directory of its own, and that directory's `imports` folder.
fn new_store(concurrent: usize) -> (Arc<ImportStore>, PathBuf) {
    let dir = std::env::temp_dir().join(format!("tdbg-upload-{}", uuid::Uuid::new_v4()));
    let store = ImportStore::on_disk(&dir, 1024 * 1024).expect("store").with_concurrent_imports(concurrent);
    (Arc::new(store), dir)
}

fn files(dir: &std::path::Path, ending: &str) -> Vec<String> {
    let names = std::fs::read_dir(dir.join("imports")).expect("imports").flatten();
    names.map(|entry| entry.file_name().to_string_lossy().into_owned()).filter(|name| name.ends_with(ending)).collect()
}

async fn send(router: Router, request: Request<Body>) -> (StatusCode, Option<String>, String) {
    let response = router.oneshot(request).await.expect("infallible");
    let status = response.status();
    let location = response.headers().get(header::LOCATION).and_then(|value| value.to_str().ok()).map(str::to_string);
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, location, String::from_utf8_lossy(&body).into_owned())
}

fn decoded(location: &str) -> String {
    percent_encoding::percent_decode_str(location).decode_utf8_lossy().into_owned()
}

#[tokio::test]
async fn an_upload_beyond_the_concurrent_limit_gets_503_and_a_sentence() {
    let (store, dir) = new_store(1);
    let router = Router::new().route("/import/upload", post(upload)).with_state(store.clone());
    let reading = store.try_start_import().expect("the one turn");
    let (status, location, body) = send(router.clone(), request(form("a.json", HISTORY))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(location, None, "a page of its own, not a redirect");
    assert!(body.contains("An import is being read right now; try again in a moment."), "{body}");
    assert!(files(&dir, ".partial").is_empty() && files(&dir, ".pb").is_empty(), "nothing was read");

    // The turn given back, the same upload is read and kept, and gives its own turn back.
    drop(reading);
    let (status, location, body) = send(router.clone(), request(form("a.json", HISTORY))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let id = location.as_deref().and_then(|location| location.strip_prefix("/import/")).expect("to the import");
    let kept = store.get(id).await.expect("kept");
    assert_eq!((kept.file_name.as_str(), kept.len()), ("a.json", 2));
    assert!(store.try_start_import().is_some(), "the turn was given back");
    assert_eq!(files(&dir, ".pb"), vec![format!("{id}.pb")]);
    assert!(files(&dir, ".partial").is_empty(), "the upload's scratch file is removed");

    let (busy, busy_dir) = new_store(2);
    let _turns = (busy.try_start_import(), busy.try_start_import());
    let router = Router::new().route("/import/upload", post(upload)).with_state(busy);
    let (status, _, body) = send(router, request(form("b.json", HISTORY))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("2 imports are being read right now; try again in a moment."), "{body}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&busy_dir);
}

/// A file that never ends is refused once it passes the limit: the handler stops reading there,
/// without the body limit (disabled here) and without buffering the file.
#[tokio::test]
async fn the_size_limit_is_enforced_while_the_file_streams_in() {
    let (store, dir) = new_store(2);
    let limited = |state: State<Arc<ImportStore>>, multipart: Result<Multipart, MultipartRejection>| {
        upload_at_most(state, multipart, 100_000)
    };
    let router = Router::new()
        .route("/import/upload", post(limited))
        .layer(DefaultBodyLimit::disable())
        .with_state(store.clone());
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    // Each chunk after a pause, as from a network (multer reads all that is ready at once).
    let endless = futures_util::stream::unfold(0usize, move |sent| {
        let counter = counter.clone();
        async move {
            tokio::task::yield_now().await;
            let chunk = if sent == 0 { Bytes::from(head("huge.json")) } else { Bytes::from(vec![b' '; 8192]) };
            counter.fetch_add(chunk.len(), Ordering::Relaxed);
            Some((Ok::<_, std::io::Error>(chunk), sent + 1))
        }
    });
    let body = Body::from_stream(endless);
    let answered = tokio::time::timeout(Duration::from_secs(30), send(router.clone(), request(body))).await;
    let (status, location, body) = answered.expect("refused without reading the whole file");
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let location = decoded(&location.expect("back to the form"));
    assert!(location.contains("The file is larger than 100000 bytes, the most this server reads."), "{location}");
    assert!(sent.load(Ordering::Relaxed) < 1024 * 1024, "read {} bytes", sent.load(Ordering::Relaxed));
    assert!(files(&dir, ".partial").is_empty(), "the scratch file is removed");
    assert!(files(&dir, ".pb").is_empty());
    assert!(store.try_start_import().is_some() && store.try_start_import().is_some(), "both turns given back");

    // Just under the limit is read; empty files, forms without one and other files say why.
    let padded = format!("{HISTORY}{}", " ".repeat(100_000 - HISTORY.len()));
    let (status, location, _) = send(router.clone(), request(form("padded.json", &padded))).await;
    assert!(status == StatusCode::SEE_OTHER && location.is_some_and(|to| to.starts_with("/import/")));
    let cases = [
        (form("empty.json", ""), "The file is empty."),
        (Body::from(format!("--{BOUNDARY}--\r\n")), "The form has no file."),
        (form("page.html", "<html>"), "This file is not a Temporal history: expected value"),
    ];
    for (body, reason) in cases {
        let (status, location, _) = send(router.clone(), request(body)).await;
        let location = decoded(&location.unwrap_or_default());
        assert!(status == StatusCode::SEE_OTHER && location.contains(reason), "{reason}: {location}");
    }
    assert!(files(&dir, ".partial").is_empty(), "every scratch file is removed");
    let _ = std::fs::remove_dir_all(&dir);
}
