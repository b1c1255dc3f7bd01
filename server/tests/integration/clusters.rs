//! Two clusters in one deployment: a second real dev server next to the fixture one. Both are
//! browsable (the second under /clusters/second), the switcher links them, and stopping the
//! second leaves the first's pages up and quick while the second's answer 503.
use std::time::{Duration, Instant};

use crate::dev_server::DevServer;
use crate::server_process::ServerProcess;
use crate::support::Fixture;

#[test]
fn two_clusters_are_browsable_and_fail_alone() {
    let fixture = Fixture::get();
    let dir = std::env::temp_dir().join(format!("tdbg-clusters-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("second.db");
    let mut second = DevServer::start(&["--db-filename", db.to_str().expect("path")]);
    let second_address = second.address.clone();
    let workflow_id = format!("second-cluster-{}", uuid::Uuid::new_v4());
    let start = ["workflow", "start", "--type", "OnlyInTheSecondCluster", "--task-queue", "nobody-polls"];
    second.must(&[&start[..], &["--workflow-id", workflow_id.as_str()]].concat());

    let config = dir.join("clusters.toml");
    let toml = format!(
        "[[clusters]]\naddress = \"{}\"\nnamespace = \"{}\"\n\n[[clusters]]\nname = \"second\"\naddress = \"{second_address}\"\n",
        fixture.temporal_address,
        fixture.namespace()
    );
    std::fs::write(&config, toml).expect("write the config");
    let app = ServerProcess::start(&["--config", &config.display().to_string(), "--rpc-deadline-seconds", "10"]);

    let first_list = format!("/namespaces/{}/workflows", fixture.namespace());
    let second_list = "/clusters/second/namespaces/default/workflows";
    let (status, _, html) = app.get(&first_list);
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(fixture.prefix()) && !html.contains(&workflow_id));
    assert!(
        html.contains("Cluster: ") && html.contains("href=\"/clusters/second\""),
        "the switcher links the second cluster"
    );

    // Visibility may lag the start by a moment on a busy machine: ask again for up to 15 s.
    let mut second_page = app.get(second_list);
    for _ in 0..30 {
        if second_page.0 != 200 || second_page.2.contains(&workflow_id) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
        second_page = app.get(second_list);
    }
    let (status, _, html) = second_page;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&workflow_id) && !html.contains(fixture.prefix()), "the second cluster's own workflows");
    assert!(
        html.contains(&format!("href=\"/clusters/second/namespaces/default/workflows/{workflow_id}")),
        "links stay in it"
    );
    assert!(
        html.contains("href=\"/\"") || html.contains("href=\"/\" "),
        "the switcher links back to the default cluster"
    );
    let (status, _, ready) = app.get("/readyz");
    assert_eq!(status, 200, "{ready}");
    assert!(ready.contains("ready: cluster default") && ready.contains("ready: cluster second"), "{ready}");

    second.stop();
    let (status, _, html) = app.get(second_list);
    assert_eq!(status, 503, "{html}");
    assert!(html.contains(&second_address), "names the address it tried");
    let asked = Instant::now();
    let (status, _, html) = app.get(&first_list);
    let took = asked.elapsed();
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(fixture.prefix()));
    // Well under the 10 s deadline the dead cluster's calls would wait for.
    assert!(took < Duration::from_secs(5), "the default cluster's page took {took:?} with the second down");
    println!("default cluster's workflow list with the second cluster down: {took:?}");
    let (status, _, ready) = app.get("/readyz");
    assert_eq!(status, 503);
    assert!(ready.contains("ready: cluster default") && ready.contains("not ready: cluster second"), "{ready}");
    let _ = std::fs::remove_dir_all(&dir);
}
