//! Load shedding: past `max_inflight` requests in progress the API answers `503` with `Retry-After`
//! and `{"error": {"code": "overloaded"}}` at once, health keeps answering, and requests are admitted
//! again as soon as one finishes. Deterministic: the request that holds the only slot is an `/api/ask`
//! whose body has not arrived yet (no sleeps, no timing).

mod common;

use std::convert::Infallible;
use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::task::{Context, Poll, Waker};

use axum::body::{Body, Bytes};
use axum::http::{Request, Response, StatusCode};
use fatiao::server::{app_with, Limits};
use fatiao::service::Service;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn index_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("index-overload")
}

fn service() -> Service {
    static S: OnceLock<Service> = OnceLock::new();
    S.get_or_init(|| {
        Service::open_or_build(
            &fatiao::ingest::Source::dirs([common::mini_corpus()]),
            &index_dir(),
        )
        .unwrap()
    })
    .clone()
}

const SEARCH: &str = "/api/search?q=%E4%BF%9D%E8%AF%81%E9%87%91&limit=3";

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn ask(body: Body) -> Request<Body> {
    Request::post("/api/ask")
        .header("content-type", "application/json")
        .body(body)
        .unwrap()
}

async fn json(res: Response<Body>) -> Value {
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap()
}

async fn assert_overloaded(res: Response<Body>) {
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()["retry-after"], "1");
    let v = json(res).await;
    assert_eq!(v["error"]["code"], "overloaded", "{v}");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("retry"),
        "{v}"
    );
}

/// A request body that arrives when the test sends it (or ends empty when the sender is dropped).
struct Later(Option<tokio::sync::oneshot::Receiver<Bytes>>);

impl http_body::Body for Later {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        let Some(rx) = self.0.as_mut() else {
            return Poll::Ready(None);
        };
        let got = match Pin::new(rx).poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(got) => got.ok(),
        };
        self.0 = None;
        Poll::Ready(got.map(|b| Ok(http_body::Frame::data(b))))
    }
}

fn later() -> (tokio::sync::oneshot::Sender<Bytes>, Body) {
    let (tx, rx) = tokio::sync::oneshot::channel();
    (tx, Body::new(Later(Some(rx))))
}

/// Polls a future once, as a runtime would on its first turn.
fn poll_once<F: Future + Unpin>(f: &mut F) -> Poll<F::Output> {
    Pin::new(f).poll(&mut Context::from_waker(Waker::noop()))
}

#[tokio::test]
async fn with_no_slot_every_api_request_is_shed_but_health_and_docs_answer() {
    let app = app_with(
        service(),
        Limits {
            max_inflight: 0,
            workers: 1,
        },
    );
    assert_overloaded(app.clone().oneshot(get(SEARCH)).await.unwrap()).await;
    let body = Body::from(r#"{"question":"取保候审的保证金是多少"}"#);
    assert_overloaded(app.clone().oneshot(ask(body)).await.unwrap()).await;
    let article = "/api/articles/%E5%88%91%E4%BA%8B%E8%AF%89%E8%AE%BC%E6%B3%95/67";
    assert_overloaded(app.clone().oneshot(get(article)).await.unwrap()).await;
    let mcp = Request::post("/mcp")
        .header("content-type", "application/json")
        .body(Body::from(
            r#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#,
        ))
        .unwrap();
    assert_overloaded(app.clone().oneshot(mcp).await.unwrap()).await;

    let res = app.clone().oneshot(get("/api/health")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(json(res).await["status"], "ok");
    let res = app.clone().oneshot(get("/api/openapi.json")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let doc = json(res).await;
    assert!(
        doc["paths"]["/api/search"]["get"]["responses"]["503"].is_object(),
        "the 503 is documented"
    );
}

#[tokio::test]
async fn one_request_past_the_limit_is_shed_and_admitted_again_once_the_held_one_finishes() {
    let app = app_with(
        service(),
        Limits {
            max_inflight: 1,
            workers: 1,
        },
    );
    // Nothing in progress: admitted.
    let res = app.clone().oneshot(get(SEARCH)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // An ask whose body has not arrived holds the only slot.
    let (tx, body) = later();
    let mut held = Box::pin(app.clone().oneshot(ask(body)));
    assert!(poll_once(&mut held).is_pending());

    // One more is shed at once; health still answers.
    assert_overloaded(app.clone().oneshot(get(SEARCH)).await.unwrap()).await;
    let body = Body::from(r#"{"question":"保证人的义务"}"#);
    assert_overloaded(app.clone().oneshot(ask(body)).await.unwrap()).await;
    let res = app.clone().oneshot(get("/api/health")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // The held request completes normally once its body arrives …
    tx.send(Bytes::from_static(
        r#"{"question":"取保候审的保证金是多少"}"#.as_bytes(),
    ))
    .unwrap();
    let res = held.await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(!json(res).await["articles"].as_array().unwrap().is_empty());
    // … and frees its slot.
    let res = app.clone().oneshot(get(SEARCH)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_client_that_goes_away_frees_its_slot() {
    let app = app_with(
        service(),
        Limits {
            max_inflight: 1,
            workers: 1,
        },
    );
    let (_tx, body) = later();
    let mut held = Box::pin(app.clone().oneshot(ask(body)));
    assert!(poll_once(&mut held).is_pending());
    assert_overloaded(app.clone().oneshot(get(SEARCH)).await.unwrap()).await;
    drop(held);
    let res = app.clone().oneshot(get(SEARCH)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_takes_the_limit_from_the_flag_or_the_environment() {
    service();
    for (flag, env) in [(Some("0"), None), (None, Some("0"))] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fatiao"));
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(index_dir())
            .arg("--corpus")
            .arg(common::mini_corpus())
            .env_remove(fatiao::server::MAX_INFLIGHT_ENV);
        if let Some(n) = flag {
            cmd.args(["--max-inflight", n]);
        }
        if let Some(n) = env {
            cmd.env(fatiao::server::MAX_INFLIGHT_ENV, n);
        }
        let mut child = common::Killed(
            cmd.stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
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
        let out = http_get(&addr, SEARCH);
        assert!(out.starts_with("HTTP/1.1 503"), "{out}");
        assert!(out.to_ascii_lowercase().contains("retry-after: 1"), "{out}");
        assert!(out.contains(r#""code":"overloaded""#), "{out}");
        let out = http_get(&addr, "/api/health");
        assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    }
}
