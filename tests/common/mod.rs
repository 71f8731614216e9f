//! Shared test setup: the corpus (the national corpus at ../shared/corpus when it is there, else
//! the core corpus built into fatiao), ingested and indexed once per test binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fatiao::ingest::Source;
use fatiao::service::Service;

/// Whether this is a CI run (`CI=true`, set by `.ci/run`): there nothing may be skipped.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// The corpus the tests run on: the national corpus (../shared/corpus) when present, else the core
/// corpus built into fatiao. Under CI the national corpus must be there.
pub fn source() -> Source {
    let source = fatiao::config::corpus_source(&[]).expect("resolve the corpus");
    if source == Source::Core && under_ci() {
        panic!("CI runs every test on the national corpus, and ../shared/corpus is missing");
    }
    source
}

/// Whether the tests run on the national corpus.
pub fn national() -> bool {
    matches!(source(), Source::Dirs(_))
}

/// The national corpus folder (../shared/corpus), for a test that needs what only it has (its
/// counts, commentary pages, the eval sets beside it). Without it, the test says so in one line on
/// the terminal (past the test harness's capture, so it shows in the summary) and is skipped; under
/// CI a missing national corpus fails the test instead.
pub fn national_corpus(test: &str) -> Option<PathBuf> {
    let dir = fatiao::config::national_corpus();
    if dir.is_none() {
        skip(test, "the national corpus (../shared/corpus)");
    }
    dir
}

/// Says on the terminal that `test` did not run for want of `what`; under CI, fails instead.
pub fn skip(test: &str, what: &str) {
    use std::io::Write as _;
    if under_ci() {
        panic!("{test}: needs {what}, which CI must provide");
    }
    let _ = writeln!(std::io::stderr(), "skipped: {test} needs {what}");
}

/// The repository's core corpus folder (`corpus/statutes`), always present.
pub fn core_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/statutes"))
}

/// A service over the full corpus, its index built (or reused when fresh) in a directory of this
/// test binary's own.
pub fn service(binary: &str) -> &'static Service {
    static SERVICE: OnceLock<Service> = OnceLock::new();
    SERVICE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("index-{binary}"));
        Service::open_or_build(&source(), &dir).expect("build or open the index")
    })
}

/// A small corpus for tests that build indexes of their own: symbolic links to 刑事诉讼法 and the
/// 取保候审 规定 of the core corpus, made once per test binary under the target directory (an
/// ingest of it takes about a second).
pub fn mini_corpus() -> &'static std::path::Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shared = core_dir();
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mini-corpus");
        let _ = std::fs::remove_dir_all(&dir);
        for rel in [
            "lawrefbook/诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md",
            "extra/关于取保候审若干问题的规定(2022-09-05).md",
        ] {
            let link = dir.join(rel);
            std::fs::create_dir_all(link.parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(shared.join(rel), &link).unwrap();
        }
        dir
    })
}

/// A child process (a `fatiao serve`) killed when dropped, also when an assertion fails first.
pub struct Killed(pub std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the app over this test binary's service on 127.0.0.1:0 (an ephemeral port) and returns
/// its address; the server lives as long as the test's runtime.
pub async fn serve(binary: &str) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = fatiao::server::app(service(binary).clone());
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    addr
}

/// One HTTP/1.1 request over a fresh TCP connection: (status, JSON body). A body that is not JSON
/// is a failed test.
pub async fn request(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> (u16, serde_json::Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8(out).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let v = serde_json::from_str(body).unwrap_or_else(|_| panic!("{path}: not JSON: {body}"));
    (status, v)
}
