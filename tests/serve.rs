//! The binary as a real process: `fatiao serve` on an ephemeral port answers over TCP and shuts
//! down gracefully on SIGTERM; the CLI ends quietly when its reader goes away.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// This binary's own index (built once, kept fresh by fingerprint).
fn index_root() -> &'static std::path::Path {
    static ROOT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("index-serve");
        fatiao::service::Service::open_or_build(&common::source(), &root).unwrap();
        root
    })
}

#[test]
fn a_closed_pipe_ends_the_cli_quietly() {
    // `fatiao search … | head -c 200`: 100 hits as JSON are far more than a pipe holds, so the
    // reader closes the pipe while the CLI is still writing.
    let mut child = Command::new(env!("CARGO_BIN_EXE_fatiao"))
        .args([
            "search",
            "取保候审保证金",
            "--limit",
            "100",
            "--json",
            "--index",
        ])
        .arg(index_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 200];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    assert!(String::from_utf8_lossy(&head).contains("\"hits\""));
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
}

#[test]
fn serve_answers_on_an_ephemeral_port_and_stops_on_sigterm() {
    let root = index_root();
    let mut child = common::Killed(
        Command::new(env!("CARGO_BIN_EXE_fatiao"))
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(root)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_string();
        }
    };
    let (status, body) = http_get(&addr, "/api/health");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"status\":\"ok\""), "{body}");
    let (status, body) = http_get(&addr, "/api/search?q=%E4%BF%9D%E8%AF%81%E4%BA%BA&limit=3");
    assert_eq!(status, 200, "{body}");
    let (status, _) = http_get(&addr, "/api/search?q=&limit=3");
    assert_eq!(status, 400);

    let pid = child.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = child.0.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    let _ = std::io::stdout().flush();
}
