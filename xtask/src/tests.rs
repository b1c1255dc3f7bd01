//! Unit tests for the process and readiness helpers (fast, no network beyond loopback).

use crate::processes::{self, Output};
use crate::stack;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::time::Duration;

fn group_alive(pgid: i32) -> bool {
    // SAFETY: signal 0 only checks for existence.
    unsafe { libc::kill(-pgid, 0) == 0 }
}

#[test]
fn dropping_a_guard_kills_the_whole_process_group() {
    let mut cmd = Command::new("sh");
    // A grandchild that ignores nothing and a parent that waits on it.
    cmd.args(["-c", "sleep 300 & sleep 300; wait"]);
    let mut guard = processes::spawn("sleepers", &mut cmd, Output::Inherit).expect("spawn sh");
    let pgid = guard.pgid();
    std::thread::sleep(Duration::from_millis(200));
    assert!(guard.try_exited().expect("poll").is_none());
    assert!(group_alive(pgid));
    drop(guard);
    assert!(!group_alive(pgid), "process group {pgid} survived the guard");
}

#[test]
fn run_reports_failure_and_success() {
    assert!(processes::run("true", &mut Command::new("true")).is_ok());
    let err = processes::run("false", &mut Command::new("false")).expect_err("false must fail");
    assert!(format!("{err:#}").contains("false failed"));
}

#[test]
fn waiting_fails_fast_when_the_child_exits() {
    let dir = std::env::temp_dir().join(format!("xtask-test-{}", std::process::id()));
    let file = dir.join("never.json");
    let mut cmd = Command::new("sh");
    cmd.args(["-c", "echo boom; exit 3"]);
    let log = dir.join("child.log");
    let mut child = processes::spawn("quitter", &mut cmd, Output::File(log)).expect("spawn");
    let err = stack::wait_for_file(&file, Duration::from_secs(20), Some(&mut child)).expect_err("must fail");
    let text = format!("{err:#}");
    assert!(text.contains("quitter exited early"), "{text}");
    drop(child);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn wait_for_file_sees_a_written_file() {
    let dir = std::env::temp_dir().join(format!("xtask-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let file = dir.join("manifest.json");
    std::fs::write(&file, "{}").expect("write");
    stack::wait_for_file(&file, Duration::from_secs(5), None).expect("file is there");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn http_status_reads_the_status_line() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    let server = std::thread::spawn(move || {
        for code in ["200 OK", "503 Service Unavailable"] {
            let (mut conn, _) = listener.accept().expect("accept");
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.ends_with(b"\r\n\r\n") {
                let n = conn.read(&mut buf).expect("read");
                assert!(n > 0, "request ended early");
                request.extend_from_slice(&buf[..n]);
            }
            assert!(request.starts_with(b"GET /healthz HTTP/1.0\r\n"));
            write!(conn, "HTTP/1.1 {code}\r\nContent-Length: 0\r\n\r\n").expect("write");
        }
    });
    assert_eq!(stack::http_status(&addr, "/healthz").expect("status"), 200);
    assert_eq!(stack::http_status(&addr, "/healthz").expect("status"), 503);
    server.join().expect("server thread");
}

#[test]
fn free_ports_are_distinct() {
    let ports = stack::free_ports(3).expect("ports");
    assert_eq!(ports.len(), 3);
    assert!(ports[0] != ports[1] && ports[1] != ports[2] && ports[0] != ports[2]);
}
