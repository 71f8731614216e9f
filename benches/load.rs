//! Load, soak and overload test of the HTTP API on loopback. Runs the real `fatiao serve` as a
//! child process on an ephemeral port (so its memory is measured apart from the client's) and
//! drives it with keep-alive HTTP/1.1 connections from a small built-in client (no external tools).
//! Bounded in time. Every figure is printed with the load average of the machine at that moment.
//!
//! ```text
//! cargo bench --bench load [-- MODE [SECONDS] [CONNECTIONS]]
//!   load      per endpoint (/api/search, /api/ask, /api/articles/…, /api/health), a sweep of
//!             concurrency levels (1, 4, 16, 64 connections; SECONDS each, default 5): req/s, p50, p99
//!   soak      a mix of the four endpoints for SECONDS (default 60) at CONNECTIONS (default 16),
//!             the server's RSS sampled every second: errors, RSS first/min/max/last
//!   overload  /api/search and /api/ask with CONNECTIONS (default 512) connections, far past the
//!             server's --max-inflight, for SECONDS (default 10) each, once with clients that
//!             retry a 503 at once and once with clients that wait its Retry-After: share of 503
//!             (with Retry-After), p99 of the accepted requests, /api/health latency meanwhile, and
//!             whether the server is still up
//!   all       load, then soak at the peak concurrency of the mix, then overload (the default)
//! ```
//! The server takes `FATIAO_MAX_INFLIGHT` from the environment like `fatiao serve` does. The client
//! runs on `BENCH_CLIENT_THREADS` threads (default 1), so that it leaves the rest to the server.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
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

/// One request prepared as bytes.
#[derive(Clone)]
struct Req(Arc<Vec<u8>>);

impl Req {
    fn get(path: &str) -> Req {
        Req(Arc::new(
            format!("GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n").into_bytes(),
        ))
    }

    fn post(path: &str, body: &str) -> Req {
        Req(Arc::new(
            format!(
                "POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        ))
    }
}

/// The status of one answer.
struct Answer {
    status: u16,
    /// Seconds of the Retry-After header, if any.
    retry_after: Option<u64>,
}

/// Sends one request on a keep-alive connection and reads the whole answer.
async fn request(conn: &mut BufReader<TcpStream>, req: &Req) -> std::io::Result<Answer> {
    conn.get_mut().write_all(&req.0).await?;
    let mut line = String::new();
    if conn.read_line(&mut line).await? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut len = 0usize;
    let mut retry_after = None;
    loop {
        line.clear();
        if conn.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        } else if let Some(v) = lower.strip_prefix("retry-after:") {
            retry_after = Some(v.trim().parse().unwrap_or(1));
        } else if lower.starts_with("transfer-encoding:") {
            return Err(std::io::Error::other("chunked answers are not read"));
        }
    }
    let mut buf = vec![0u8; len];
    conn.read_exact(&mut buf).await?;
    Ok(Answer {
        status,
        retry_after,
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[(((sorted.len() - 1) as f64) * p).round() as usize]
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// Resident memory of a process in MiB (VmRSS of /proc/PID/status).
fn rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// What a run of the client saw.
#[derive(Default)]
struct Tally {
    /// Latencies (ms) of the 2xx answers.
    ok: Vec<f64>,
    /// 503 answers, and how many of them carried Retry-After.
    shed: usize,
    shed_with_retry_after: usize,
    /// Other statuses and I/O errors.
    errors: usize,
    seconds: f64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.ok.extend(other.ok);
        self.shed += other.shed;
        self.shed_with_retry_after += other.shed_with_retry_after;
        self.errors += other.errors;
    }

    fn rate(&self) -> f64 {
        self.ok.len() as f64 / self.seconds
    }

    fn line(&mut self) -> String {
        self.ok.sort_by(f64::total_cmp);
        format!(
            "{:>8.0} req/s · p50 {:>7.2} ms · p99 {:>7.2} ms · {} ok · {} shed · {} errors",
            self.rate(),
            percentile(&self.ok, 0.5),
            percentile(&self.ok, 0.99),
            self.ok.len(),
            self.shed,
            self.errors
        )
    }
}

/// How a client treats a 503.
#[derive(Clone, Copy, PartialEq)]
enum OnShed {
    /// Sends the next request at once (a client that ignores Retry-After: the worst case).
    Retry,
    /// Waits the Retry-After seconds first (a client that honours it).
    Wait,
}

/// Drives `conns` keep-alive connections for `secs` seconds; connection `c` sends `reqs[c]`,
/// `reqs[c + 1]` … in turn. Reconnects after an I/O error.
async fn drive(addr: std::net::SocketAddr, reqs: Arc<Vec<Req>>, secs: f64, conns: usize) -> Tally {
    drive_with(addr, reqs, secs, conns, OnShed::Retry).await
}

async fn drive_with(
    addr: std::net::SocketAddr,
    reqs: Arc<Vec<Req>>,
    secs: f64,
    conns: usize,
    on_shed: OnShed,
) -> Tally {
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(secs);
    let mut tasks = Vec::new();
    for c in 0..conns {
        let reqs = Arc::clone(&reqs);
        tasks.push(tokio::spawn(async move {
            let mut t = Tally::default();
            let mut conn = None;
            let mut i = c * 7919;
            while Instant::now() < deadline {
                let stream = match conn.take() {
                    Some(s) => s,
                    None => match TcpStream::connect(addr).await {
                        Ok(s) => {
                            let _ = s.set_nodelay(true);
                            BufReader::with_capacity(64 * 1024, s)
                        }
                        Err(_) => {
                            t.errors += 1;
                            tokio::time::sleep(Duration::from_millis(10)).await;
                            continue;
                        }
                    },
                };
                let mut stream = stream;
                let req = &reqs[i % reqs.len()];
                i += 1;
                let begun = Instant::now();
                match request(&mut stream, req).await {
                    Ok(a) if (200..300).contains(&a.status) => {
                        t.ok.push(begun.elapsed().as_secs_f64() * 1000.0);
                        conn = Some(stream);
                    }
                    Ok(a) if a.status == 503 => {
                        t.shed += 1;
                        t.shed_with_retry_after += usize::from(a.retry_after.is_some());
                        conn = Some(stream);
                        if on_shed == OnShed::Wait {
                            let wait = Duration::from_secs(a.retry_after.unwrap_or(1));
                            let left = deadline.saturating_duration_since(Instant::now());
                            tokio::time::sleep(wait.min(left)).await;
                        }
                    }
                    Ok(_) => {
                        t.errors += 1;
                        conn = Some(stream);
                    }
                    Err(_) => t.errors += 1,
                }
            }
            t
        }));
    }
    let mut total = Tally::default();
    for task in tasks {
        total.add(task.await.expect("client task"));
    }
    total.seconds = started.elapsed().as_secs_f64();
    total
}

/// `fatiao serve` as a child process.
struct Server {
    child: Child,
    addr: std::net::SocketAddr,
    cold_start: Duration,
}

impl Server {
    fn start(index: &Path, roots: &[PathBuf]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fatiao"));
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(index)
            .env("FATIAO_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for r in roots {
            cmd.arg("--corpus").arg(r);
        }
        let begun = Instant::now();
        let mut child = cmd.spawn().expect("start fatiao serve");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
        let addr = loop {
            let line = lines
                .next()
                .expect("fatiao serve printed its address")
                .expect("stderr");
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.trim().parse().expect("address");
            }
        };
        std::thread::spawn(move || lines.for_each(drop));
        // Cold start: from the spawn to the first answer of /api/health.
        loop {
            if let Ok(mut s) = std::net::TcpStream::connect(addr) {
                use std::io::{Read, Write};
                let _ = s
                    .write_all(b"GET /api/health HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n");
                let mut out = String::new();
                let _ = s.read_to_string(&mut out);
                if out.starts_with("HTTP/1.1 200") {
                    break;
                }
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        Server {
            child,
            addr,
            cold_start: begun.elapsed(),
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn running(&mut self) -> bool {
        self.child.try_wait().map(|s| s.is_none()).unwrap_or(false)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Workload {
    search: Vec<Req>,
    ask: Vec<Req>,
    articles: Vec<Req>,
    health: Vec<Req>,
}

impl Workload {
    fn new(questions: &[String]) -> Workload {
        let search = questions
            .iter()
            .map(|q| Req::get(&format!("/api/search?q={}&limit=10", enc(q))))
            .collect();
        let ask = questions
            .iter()
            .map(|q| {
                Req::post(
                    "/api/ask",
                    &serde_json::json!({ "question": q }).to_string(),
                )
            })
            .collect();
        let articles = (1..=308)
            .map(|n| Req::get(&format!("/api/articles/{}/{n}", enc("刑事诉讼法"))))
            .collect();
        Workload {
            search,
            ask,
            articles,
            health: vec![Req::get("/api/health")],
        }
    }

    fn endpoints(&self) -> Vec<(&'static str, Arc<Vec<Req>>)> {
        vec![
            ("/api/search", Arc::new(self.search.clone())),
            ("/api/ask", Arc::new(self.ask.clone())),
            ("/api/articles", Arc::new(self.articles.clone())),
            ("/api/health", Arc::new(self.health.clone())),
        ]
    }

    /// Search, ask, article, search, article, health … interleaved.
    fn mix(&self) -> Arc<Vec<Req>> {
        let mut out = Vec::new();
        for i in 0..self.search.len() {
            out.push(self.search[i].clone());
            out.push(self.ask[i].clone());
            out.push(self.articles[i % self.articles.len()].clone());
            out.push(self.search[(i * 31 + 7) % self.search.len()].clone());
            out.push(self.articles[(i * 17 + 3) % self.articles.len()].clone());
            out.push(self.health[0].clone());
        }
        Arc::new(out)
    }
}

const LEVELS: [usize; 4] = [1, 4, 16, 64];

/// The concurrency sweep; returns the peak concurrency of the mix.
async fn load(server: &Server, w: &Workload, secs: f64) -> usize {
    println!("\n== load: {secs} s per level, levels {LEVELS:?} connections");
    let mut summary = Vec::new();
    let mut endpoints = w.endpoints();
    endpoints.push(("mix", w.mix()));
    let mut mix_peak = LEVELS[0];
    for (name, reqs) in endpoints {
        let mut best: Option<(usize, Tally)> = None;
        for &conns in &LEVELS {
            let mut t = drive(server.addr, Arc::clone(&reqs), secs, conns).await;
            println!(
                "{name:<14} {conns:>3} conn {} · load {}",
                t.line(),
                loadavg()
            );
            if best.as_ref().is_none_or(|(_, b)| t.rate() > b.rate()) {
                best = Some((conns, t));
            }
        }
        let (conns, mut t) = best.expect("a level");
        if name == "mix" {
            mix_peak = conns;
        }
        summary.push(format!("{name:<14} peak at {conns:>3} conn: {}", t.line()));
    }
    println!("-- peaks (load {})", loadavg());
    for s in summary {
        println!("{s}");
    }
    mix_peak
}

async fn soak(server: &mut Server, w: &Workload, secs: f64, conns: usize) {
    println!("\n== soak: the mix for {secs} s at {conns} connections, server RSS every second");
    let pid = server.pid();
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut samples = vec![rss_mib(pid)];
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_secs(1));
                samples.push(rss_mib(pid));
            }
            samples
        })
    };
    let mut t = drive(server.addr, w.mix(), secs, conns).await;
    done.store(true, Ordering::Relaxed);
    let samples = sampler.join().expect("sampler");
    let min = samples.iter().copied().fold(f64::INFINITY, f64::min);
    let max = samples.iter().copied().fold(0.0, f64::max);
    println!("soak           {} · load {}", t.line(), loadavg());
    println!(
        "soak RSS       first {:.1} MiB · min {min:.1} · max {max:.1} · last {:.1} MiB ({} samples) · server {}",
        samples[0],
        samples[samples.len() - 1],
        samples.len(),
        if server.running() { "up" } else { "DOWN" }
    );
}

async fn overload(server: &mut Server, w: &Workload, secs: f64, conns: usize) {
    println!(
        "\n== overload: {conns} connections for {secs} s per endpoint (server --max-inflight: {})",
        std::env::var("FATIAO_MAX_INFLIGHT").unwrap_or_else(|_| "default".into())
    );
    let runs = w.endpoints().into_iter().take(2).flat_map(|(name, reqs)| {
        [OnShed::Retry, OnShed::Wait].map(|on_shed| (name, Arc::clone(&reqs), on_shed))
    });
    for (name, reqs, on_shed) in runs {
        // A health probe on its own connection meanwhile, ten times a second.
        let addr = server.addr;
        let probe = tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut failures = 0;
            let deadline = Instant::now() + Duration::from_secs_f64(secs);
            let req = Req::get("/api/health");
            while Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let begun = Instant::now();
                let ok = match TcpStream::connect(addr).await {
                    Ok(s) => {
                        let mut c = BufReader::new(s);
                        matches!(request(&mut c, &req).await, Ok(a) if a.status == 200)
                    }
                    Err(_) => false,
                };
                if ok {
                    lat.push(begun.elapsed().as_secs_f64() * 1000.0);
                } else {
                    failures += 1;
                }
            }
            lat.sort_by(f64::total_cmp);
            (lat, failures)
        });
        let mut t = drive_with(server.addr, reqs, secs, conns, on_shed).await;
        let (health, health_failures) = probe.await.expect("probe");
        let answered = t.ok.len() + t.shed + t.errors;
        println!(
            "{name:<14} clients {}",
            match on_shed {
                OnShed::Retry => "ignore Retry-After (retry at once)",
                OnShed::Wait => "honour Retry-After",
            }
        );
        println!(
            "{:<14} {} · 503: {:.1}% of answers, {} with Retry-After · load {}",
            "",
            t.line(),
            100.0 * t.shed as f64 / answered.max(1) as f64,
            t.shed_with_retry_after,
            loadavg()
        );
        println!(
            "{:<14} /api/health meanwhile: p50 {:.2} ms · p99 {:.2} ms · max {:.2} ms · {} failed · server {} · RSS {:.1} MiB",
            "",
            percentile(&health, 0.5),
            percentile(&health, 0.99),
            health.last().copied().unwrap_or(f64::NAN),
            health_failures,
            if server.running() { "up" } else { "DOWN" },
            rss_mib(server.pid())
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mode = args
        .first()
        .map(String::as_str)
        .unwrap_or("all")
        .to_string();
    let num = |i: usize| args.get(i).and_then(|s| s.parse::<f64>().ok());
    // Measured on the national corpus, with the eval sets beside it.
    let national = fatiao::config::national_corpus()
        .expect("the national corpus at ../shared/corpus (with ../shared/eval beside it)");
    let roots = fatiao::ingest::Source::Dirs(vec![national.clone()]);
    let index = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-index");
    // Build (or reuse) the index here, then let the server open it.
    drop(fatiao::service::Service::open_or_build(&roots, &index).expect("index"));
    let questions: Vec<String> =
        fatiao::eval::load(&national.join("../eval/stard.jsonl"), Some("dev"))
            .expect("eval file")
            .into_iter()
            .map(|q| q.question)
            .collect();
    let w = Workload::new(&questions);
    let mut server = Server::start(&index, std::slice::from_ref(&national));
    println!(
        "fatiao serve pid {} on {}: cold start {:.0} ms to the first /api/health · RSS {:.1} MiB · load {}",
        server.pid(),
        server.addr,
        server.cold_start.as_secs_f64() * 1000.0,
        rss_mib(server.pid()),
        loadavg()
    );
    let threads: usize = std::env::var("BENCH_CLIENT_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
        .max(1);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        match mode.as_str() {
            "load" => {
                load(&server, &w, num(1).unwrap_or(5.0).clamp(1.0, 120.0)).await;
            }
            "soak" => {
                let secs = num(1).unwrap_or(60.0).clamp(1.0, 600.0);
                let conns = num(2).unwrap_or(16.0) as usize;
                soak(&mut server, &w, secs, conns.clamp(1, 1024)).await;
            }
            "overload" => {
                let secs = num(1).unwrap_or(10.0).clamp(1.0, 120.0);
                let conns = num(2).unwrap_or(512.0) as usize;
                overload(&mut server, &w, secs, conns.clamp(1, 4096)).await;
            }
            "all" => {
                let peak = load(&server, &w, 5.0).await;
                soak(&mut server, &w, 60.0, peak).await;
                overload(&mut server, &w, 10.0, 512).await;
            }
            other => panic!("unknown mode {other:?}: load, soak, overload or all"),
        }
    });
    println!(
        "\nserver RSS at the end {:.1} MiB · server {} · load {}",
        rss_mib(server.pid()),
        if server.running() { "up" } else { "DOWN" },
        loadavg()
    );
}
