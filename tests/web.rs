//! End-to-end tests of the web page in Debian's chromium, driven through chromedriver (WebDriver
//! over HTTP with a small client here), against the real server on an ephemeral port. Screenshots
//! of the main views go to target/screenshots/.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Minimal HTTP/1.1 JSON client for the WebDriver protocol.
fn wd(port: u16, method: &str, path: &str, body: Option<Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("chromedriver");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // Read the head, then exactly Content-Length bytes (chromedriver may keep the connection open).
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).unwrap() == 0 {
            break;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let rest = match len {
        Some(n) => {
            let mut body = vec![0u8; n];
            s.read_exact(&mut body).unwrap();
            String::from_utf8_lossy(&body).into_owned()
        }
        None => {
            let mut body = Vec::new();
            let _ = s.read_to_end(&mut body);
            let text = String::from_utf8_lossy(&body).into_owned();
            if head.contains("transfer-encoding: chunked") {
                dechunk(&text)
            } else {
                text
            }
        }
    };
    serde_json::from_str(&rest).unwrap_or_else(|e| panic!("{method} {path}: {e}: {rest}"))
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((len, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        let bytes = after.as_bytes();
        out.push_str(&String::from_utf8_lossy(&bytes[..n.min(bytes.len())]));
        rest = after.get(n + 2..).unwrap_or("");
    }
    out
}

struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: std::path::PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = std::panic::catch_unwind(|| {
            wd(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            )
        });
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    fn start(width: u32, height: u32) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile =
            std::env::temp_dir().join(format!("fatiao-chromium-{}-{port}", std::process::id()));
        let caps = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", format!("--user-data-dir={}", profile.display()),
                     format!("--window-size={width},{height}")]
        }}}});
        let v = wd(port, "POST", "/session", Some(caps));
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Browser {
            driver,
            port,
            session,
            _profile: profile,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        wd(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body,
        )["value"]
            .clone()
    }

    fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn script(&self, js: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
    }

    /// Polls a script until it returns a truthy value (bounded).
    fn wait_for(&self, js: &str, what: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let v = self.script(js);
            if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_into(&self, css: &str, text: &str) {
        let el = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = el
            .as_object()
            .and_then(|m| m.values().next())
            .and_then(|v| v.as_str())
            .expect("element")
            .to_string();
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn screenshot(&self, name: &str) {
        use base64_decode as b64;
        let v = self.call("GET", "/screenshot", None);
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), b64(v.as_str().unwrap())).unwrap();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let v: Vec<u32> = chunk.iter().map(|&c| val(c) as u32).collect();
        let n = v
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, x)| acc | x << (18 - 6 * i));
        out.push((n >> 16) as u8);
        if v.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if v.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

fn available() -> bool {
    let ok = std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium and chromium-driver (see .ci/run)"
        );
        eprintln!("skipped: chromium / chromedriver not installed (apt-get install chromium chromium-driver)");
    }
    ok
}

/// Starts the real server on an ephemeral port; returns its base URL.
fn server(rt: &tokio::runtime::Runtime) -> String {
    let service = common::service("web").clone();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move {
        axum::serve(listener, fatiao::server::app(service))
            .await
            .unwrap()
    });
    format!("http://{addr}")
}

#[test]
fn search_article_links_ask_and_inert_html_in_a_real_browser() {
    if !available() {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let base = server(&rt);
    let b = Browser::start(1280, 900);

    // Type a query: results appear, the deposit-minimum article among them.
    b.goto(&format!("{base}/"));
    b.wait_for(
        "return document.getElementById('q') !== null",
        "the search box",
    );
    b.type_into("#q", "取保候审保证金");
    let titles = b.wait_for(
        "const t=[...document.querySelectorAll('#results .title')].map(e=>e.textContent); return t.length ? t : null",
        "search results",
    );
    assert!(
        titles.as_array().unwrap().iter().any(|t| t
            .as_str()
            .unwrap()
            .contains("关于取保候审若干问题的规定 第五条")),
        "{titles}"
    );
    b.screenshot("search-desktop.png");

    // Open an article and follow a cited-by link.
    b.goto(&format!("{base}/#/article/{}/67", "刑事诉讼法"));
    b.wait_for("const h=document.querySelector('#article h1'); return h && h.textContent.includes('第六十七条')", "article 67");
    let text = b.script("return document.getElementById('article').textContent");
    assert!(text.as_str().unwrap().contains("取保候审由公安机关执行"));
    let href = b.wait_for(
        "const s=[...document.querySelectorAll('#article section')].find(x=>x.textContent.startsWith('被引用')); const a=s&&s.querySelector('a'); if(a){a.click(); return a.getAttribute('href');} return null",
        "a cited-by link",
    );
    b.wait_for(
        &format!("return location.hash === {} && document.querySelector('#article h1') && !document.querySelector('#article h1').textContent.includes('刑事诉讼法 第六十七条')", json!(href)),
        "the citing article",
    );
    b.screenshot("article-desktop.png");

    // Ask a question: an outcome card with what is missing.
    b.goto(&format!(
        "{base}/#/ask?q={}",
        "我儿子17岁，在派出所，取保候审保证金要交多少？"
    ));
    let card = b.wait_for(
        "const c=document.querySelector('#outcomes .card'); return c && c.textContent",
        "an outcome card",
    );
    assert!(card.as_str().unwrap().contains("R08"), "{card}");
    b.screenshot("ask-desktop.png");

    // HTML in a query renders inert.
    b.goto(&format!("{base}/"));
    b.wait_for(
        "return document.getElementById('q') !== null",
        "the search box",
    );
    b.script("window.__alerted = false; window.alert = () => { window.__alerted = true; };");
    b.type_into(
        "#q",
        "<img src=x onerror=alert(1)><script>alert(2)</script>取保候审",
    );
    b.wait_for(
        "return document.querySelectorAll('#results li').length > 0",
        "results for the HTML query",
    );
    assert_eq!(
        b.script("return document.querySelectorAll('#results img, #results script').length"),
        json!(0)
    );
    assert_eq!(b.script("return window.__alerted"), json!(false));
    // every snippet's markup is <mark> only
    let tags = b.script("return [...document.querySelectorAll('#results .snippet *')].map(e=>e.tagName).filter(t=>t!=='MARK').length");
    assert_eq!(tags, json!(0));
}

#[test]
fn phone_width_layout() {
    if !available() {
        return;
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let base = server(&rt);
    let b = Browser::start(390, 844);
    b.goto(&format!("{base}/#/article/{}/67", "刑事诉讼法"));
    b.wait_for("const h=document.querySelector('#article h1'); return h && h.textContent.includes('第六十七条')", "article 67");
    // nothing wider than the screen
    let overflow = b.script("return document.documentElement.scrollWidth > window.innerWidth");
    assert_eq!(overflow, json!(false));
    b.screenshot("article-phone.png");
}
