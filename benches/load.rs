//! Load test of the HTTP API on loopback: starts the real server in-process on an ephemeral port and
//! drives it with keep-alive HTTP/1.1 connections from a small built-in client (no external tools).
//! Bounded in time; reports throughput and p50/p99 latency per endpoint, and errors.
//!
//! `cargo bench --bench load [-- SECONDS CONNECTIONS]` (defaults: 10 s, 32 connections).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// One keep-alive connection; returns (status, body length).
async fn request(
    conn: &mut BufReader<TcpStream>,
    method: &str,
    path: &str,
    body: &str,
) -> std::io::Result<u16> {
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.get_mut().write_all(req.as_bytes()).await?;
    let mut line = String::new();
    conn.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut len = 0usize;
    loop {
        line.clear();
        conn.read_line(&mut line).await?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut buf = vec![0u8; len];
    conn.read_exact(&mut buf).await?;
    Ok(status)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[(((sorted.len() - 1) as f64) * p).round() as usize]
}

async fn run(
    addr: std::net::SocketAddr,
    name: &str,
    reqs: Arc<Vec<(String, String, String)>>,
    secs: u64,
    conns: usize,
) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for c in 0..conns {
        let reqs = Arc::clone(&reqs);
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0usize;
            let mut conn = BufReader::new(TcpStream::connect(addr).await.expect("connect"));
            let mut i = c;
            while Instant::now() < deadline {
                let (m, p, b) = &reqs[i % reqs.len()];
                i += 1;
                let t = Instant::now();
                match request(&mut conn, m, p, b).await {
                    Ok(s) if s < 400 => lat.push(t.elapsed().as_secs_f64() * 1000.0),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        conn = BufReader::new(TcpStream::connect(addr).await.expect("reconnect"));
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut lat = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("task");
        lat.extend(l);
        errors += e;
    }
    lat.sort_by(f64::total_cmp);
    println!(
        "{name:<14} {:>9.0} req/s · p50 {:.2} ms · p99 {:.2} ms · {} ok · {errors} errors ({secs} s, {conns} connections)",
        lat.len() as f64 / secs as f64,
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let secs: u64 = args
        .first()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
        .clamp(1, 120);
    let conns: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(32)
        .clamp(1, 512);
    let roots = fatiao::config::corpus_dirs(&[]).expect("corpus");
    let index = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-index");
    let svc = fatiao::service::Service::open_or_build(&roots, &index).expect("index");
    let questions: Vec<String> =
        fatiao::eval::load(&roots[0].join("../eval/stard.jsonl"), Some("dev"))
            .expect("eval file")
            .into_iter()
            .map(|q| q.question)
            .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move { axum::serve(listener, fatiao::server::app(svc)).await });
        let search: Vec<(String, String, String)> = questions
            .iter()
            .map(|q| {
                (
                    "GET".into(),
                    format!("/api/search?q={}&limit=10", enc(q)),
                    String::new(),
                )
            })
            .collect();
        run(addr, "/api/search", Arc::new(search), secs, conns).await;
        let articles: Vec<(String, String, String)> = (1..=308)
            .map(|n| {
                (
                    "GET".into(),
                    format!("/api/articles/{}/{n}", enc("刑事诉讼法")),
                    String::new(),
                )
            })
            .collect();
        run(addr, "/api/articles", Arc::new(articles), secs, conns).await;
        run(
            addr,
            "/api/health",
            Arc::new(vec![("GET".into(), "/api/health".into(), String::new())]),
            secs,
            conns,
        )
        .await;
    });
}
