//! The real server binary as a child process, for what only a whole process shows: signals,
//! the command line, and settings fixed per process (the public path).
use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::support::closed_port;

/// The binary with an empty environment (no stray `TEMPORAL_*` from the machine).
pub fn server_binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_temporal-debugger"));
    command.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default());
    command.env("TEMPORAL_CONFIG_FILE", "/nonexistent/temporal.toml");
    command
}

pub struct ServerProcess {
    pub child: Child,
    pub address: String,
}

impl ServerProcess {
    /// Starts the server on a free port with these flags and waits until it accepts connections.
    pub fn start(flags: &[&str]) -> ServerProcess {
        let address = format!("127.0.0.1:{}", closed_port());
        let child = server_binary()
            .args(["--listen", &address])
            .args(flags)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server binary");
        let started = Instant::now();
        while TcpStream::connect(&address).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "the server did not listen on {address}");
            std::thread::sleep(Duration::from_millis(50));
        }
        ServerProcess { child, address }
    }

    pub fn connect(&self) -> TcpStream {
        TcpStream::connect(&self.address).expect("connect")
    }

    /// A GET over HTTP/1.1: the status, the headers (lowercased names) and the body.
    pub fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        let mut stream = self.connect();
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/html\r\nConnection: close\r\n\r\n",
            self.address
        )
        .expect("request");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("response");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status =
            lines.next().and_then(|line| line.split(' ').nth(1)).and_then(|code| code.parse().ok()).unwrap_or(0);
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_lowercase(), value.trim().to_string()))
            .collect::<Vec<_>>();
        let chunked = headers.iter().any(|(name, value)| name == "transfer-encoding" && value.contains("chunked"));
        (status, headers, if chunked { dechunk(body) } else { body.to_string() })
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// Opens a live-history stream (`GET {path}` with `Accept: text/event-stream`) on `stream` and
/// reads until its `ready` event; answers what was read, the response head included.
pub fn open_live_stream(stream: &mut TcpStream, path: &str) -> String {
    stream.set_read_timeout(Some(Duration::from_secs(15))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").expect("request");
    let mut seen = String::new();
    let mut buffer = [0u8; 4096];
    while !seen.contains("event: ready") {
        let read = stream.read(&mut buffer).expect("read the stream");
        assert!(read > 0, "the stream ended before ready: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
    seen
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
