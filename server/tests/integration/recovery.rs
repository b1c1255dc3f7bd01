//! The server starts without Temporal and recovers, with the same channel, once Temporal is up.
use std::time::{Duration, Instant};

use axum::http::StatusCode;

use crate::dev_server;
use crate::support::{app_for, closed_port, get};

#[tokio::test]
async fn pages_recover_when_temporal_comes_up() {
    let port = closed_port();
    let address = format!("127.0.0.1:{port}");
    let app = app_for(&address);
    let down = get(&app, "/namespaces").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);

    let _temporal = dev_server::spawn(port, &[]);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let page = get(&app, "/namespaces").await;
        if page.status == StatusCode::OK {
            assert!(page.text().contains("default"));
            break;
        }
        assert!(Instant::now() < deadline, "still {} after 60 s: {}", page.status, page.text());
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
