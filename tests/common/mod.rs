//! Shared test setup: the real shared corpus, ingested and indexed once per test binary.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use fatiao::service::Service;

/// The corpus roots of the development setup (../shared/corpus).
pub fn corpus_dirs() -> Vec<PathBuf> {
    fatiao::config::corpus_dirs(&[])
        .expect("the shared corpus (../shared/corpus) must be present for tests")
}

/// A service over the full corpus, its index built (or reused when fresh) in a directory of this
/// test binary's own.
pub fn service(binary: &str) -> &'static Service {
    static SERVICE: OnceLock<Service> = OnceLock::new();
    SERVICE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("index-{binary}"));
        Service::open_or_build(&corpus_dirs(), &dir).expect("build or open the index")
    })
}

/// A small corpus for tests that build indexes of their own: symbolic links to 刑事诉讼法 and the
/// 取保候审 规定 of the shared corpus, made once per test binary under the target directory (an
/// ingest of it takes about a second).
pub fn mini_corpus() -> &'static std::path::Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shared = corpus_dirs().remove(0);
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
