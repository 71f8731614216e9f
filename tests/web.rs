//! End-to-end tests of the web page (`web/`): Debian's chromium driven through chromedriver over
//! the WebDriver protocol (a small blocking client below), against the real server started
//! in-process on an ephemeral port over the shared corpus.
//!
//! Without /usr/bin/chromium and /usr/bin/chromedriver the tests print a skip message, or fail when
//! the `CI` environment variable is set. The screenshot test writes PNGs of the main views at
//! desktop and phone width to `target/screenshots/`.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Longest wait for anything to appear on the page.
const TIMEOUT: Duration = Duration::from_secs(30);
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

// ---------------------------------------------------------------------------------------------
// Minimal HTTP/1.1 client (for chromedriver and for probing the server's endpoints)

/// One request; returns the status and the JSON body (Null when the body is not JSON).
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // The head, byte by byte up to the blank line; then Content-Length bytes, or all until EOF.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte).expect("read response head") == 0 {
            break;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let len = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse::<usize>().ok())?
    });
    let mut raw = Vec::new();
    match len {
        Some(n) => {
            raw.resize(n, 0);
            s.read_exact(&mut raw).expect("read response body");
        }
        None => {
            s.read_to_end(&mut raw).expect("read response body");
        }
    }
    (status, serde_json::from_slice(&raw).unwrap_or(Value::Null))
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let clean: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for chunk in clean.chunks(4) {
        let digits: Vec<u8> = chunk
            .iter()
            .copied()
            .filter(|&c| c != b'=')
            .map(val)
            .collect();
        let n = digits
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &d)| acc | (u32::from(d) << (18 - 6 * i)));
        out.extend(n.to_be_bytes()[1..digits.len()].iter());
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The server, in-process

/// Port of the server (started once per test binary on 127.0.0.1:0).
fn server_port() -> u16 {
    static PORT: OnceLock<u16> = OnceLock::new();
    *PORT.get_or_init(|| {
        let service = common::service("web").clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap().port()).unwrap();
                axum::serve(listener, fatiao::server::app(service))
                    .await
                    .unwrap();
            });
        });
        rx.recv_timeout(Duration::from_secs(60))
            .expect("server started")
    })
}

// ---------------------------------------------------------------------------------------------
// chromedriver and a browser session

/// Whether the browser is installed; without it, skip (or fail under CI).
fn browser_available(test: &str) -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "{} not installed (apt-get install -y chromium chromium-driver fonts-wqy-microhei)",
        missing.join(" and ")
    );
    common::skip(test, &msg);
    false
}

/// Browser tests run one at a time (2 cores; one chromium is plenty).
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A chromedriver process with one chromium session; both end on drop.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: PathBuf,
    base: String,
}

/// How the page is sized.
#[derive(Clone, Copy)]
enum Screen {
    Desktop,
    /// 390×844 CSS pixels, touch, a phone user agent (chromium's mobile emulation).
    Phone,
}

impl Browser {
    fn start(screen: Screen) -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn chromedriver");
        let profile = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("chromium-profile-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        let mut b = Browser {
            driver,
            port,
            session: String::new(),
            profile,
            base: format!("http://127.0.0.1:{}", server_port()),
        };
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok()
                && http(port, "GET", "/status", None).1["value"]["ready"] == json!(true)
            {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--lang=zh-CN".into(),
            format!("--user-data-dir={}", b.profile.display()),
        ];
        let mut options = json!({ "binary": CHROMIUM });
        match screen {
            Screen::Desktop => args.push("--window-size=1280,900".into()),
            Screen::Phone => {
                options["mobileEmulation"] = json!({
                    "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0, "touch": true },
                    "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
                })
            }
        }
        options["args"] = json!(args);
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options, "unhandledPromptBehavior": "ignore"
        } } });
        let (status, v) = http(port, "POST", "/session", Some(&caps));
        assert_eq!(status, 200, "new session: {v}");
        b.session = v["value"]["sessionId"].as_str().unwrap().to_string();
        b
    }

    /// A WebDriver command on this session; panics on a WebDriver error.
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (status, v) = self.try_cmd(method, path, body);
        assert_eq!(status, 200, "{method} {path}: {v}");
        v
    }

    fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let body = body.or_else(|| (method == "POST").then(|| json!({})));
        let (status, v) = http(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_ref(),
        );
        (status, v["value"].clone())
    }

    /// Opens a path of the server (`/`, `/#/article/…`).
    fn open(&self, path: &str) {
        self.cmd(
            "POST",
            "/url",
            Some(json!({ "url": format!("{}{path}", self.base) })),
        );
    }

    /// Runs a script (its `return` value comes back).
    fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Polls a script until it returns something truthy; returns that.
    fn wait(&self, what: &str, script: &str, args: Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self.js(script, args.clone());
            let truthy = match &v {
                Value::Null | Value::Bool(false) => false,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::Array(a) => !a.is_empty(),
                _ => true,
            };
            if truthy {
                return v;
            }
            if Instant::now() > deadline {
                let page = self.js(
                    "return document.querySelector('main').innerText.slice(0, 2000)",
                    json!([]),
                );
                panic!("timed out waiting for {what}; page shows: {page}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The first element matching a CSS selector (its WebDriver id), waiting for it to appear.
    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let (status, v) = self.try_cmd(
                "POST",
                "/element",
                Some(json!({ "using": "css selector", "value": css })),
            );
            if status == 200 {
                return v[ELEMENT].as_str().unwrap().to_string();
            }
            assert!(Instant::now() < deadline, "no element {css}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn type_into(&self, element: &str, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn click(&self, element: &str) {
        self.cmd("POST", &format!("/element/{element}/click"), None);
    }

    fn text(&self, element: &str) -> String {
        self.cmd("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Sends keys to whatever has the focus.
    fn keys_to_active(&self, keys: &str) {
        let active = self.cmd("GET", "/element/active", None)[ELEMENT]
            .as_str()
            .unwrap()
            .to_string();
        self.type_into(&active, keys);
    }

    fn hash(&self) -> String {
        self.js("return decodeURIComponent(location.hash)", json!([]))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Whether a JavaScript dialog (alert, confirm) is open.
    fn alert_open(&self) -> bool {
        self.try_cmd("GET", "/alert/text", None).0 == 200
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let png = base64_decode(self.cmd("GET", "/screenshot", None).as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "screenshot is a PNG");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// `target/screenshots/` (beside the test binaries' tmp directory).
fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("screenshots")
}

/// Sets up a test: skip check, one browser at a time, a fresh session.
fn browser(test: &str, screen: Screen) -> Option<(MutexGuard<'static, ()>, Browser)> {
    if !browser_available(test) {
        return None;
    }
    let guard = serial();
    server_port();
    Some((guard, Browser::start(screen)))
}

const RESULT_COUNT: &str = "return document.querySelectorAll('#results li.hit').length";

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn typing_a_query_shows_results_as_you_type() {
    let Some((_g, b)) = browser("typing_a_query_shows_results_as_you_type", Screen::Desktop) else {
        return;
    };
    b.open("/");
    let q = b.find("#q");
    b.type_into(&q, "取保候审保证金");
    // No Enter: the debounced input handler searches by itself.
    b.wait("results", RESULT_COUNT, json!([]));
    let first = b.js(
        "const li = document.querySelector('#results li.hit');
         return { title: li.querySelector('.title').textContent, href: li.querySelector('a.title')?.getAttribute('href'),
                  badge: li.querySelector('.badge')?.textContent, marks: li.querySelectorAll('.snippet mark').length,
                  path: li.querySelector('.path')?.textContent }",
        json!([]),
    );
    assert!(first["title"].as_str().unwrap().contains('条'), "{first}");
    assert!(
        first["href"].as_str().unwrap().starts_with("#/article/"),
        "{first}"
    );
    assert!(
        ["现行", "已修改", "失效"].contains(&first["badge"].as_str().unwrap()),
        "{first}"
    );
    assert!(
        first["marks"].as_u64().unwrap() > 0,
        "snippet highlighted: {first}"
    );
    assert!(
        b.hash().starts_with("#/search?q=取保候审保证金"),
        "shareable URL: {}",
        b.hash()
    );

    // Traditional characters find the same articles.
    b.js(
        "const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input'));",
        json!([]),
    );
    b.wait(
        "results cleared",
        "return document.querySelectorAll('#results li').length === 0",
        json!([]),
    );
    b.type_into(&q, "取保候審保證金");
    b.wait("results for traditional input", RESULT_COUNT, json!([]));
    let marks = b.js(
        "return [...document.querySelectorAll('#results mark')].map(m => m.textContent).join(' ')",
        json!([]),
    );
    assert!(
        marks.as_str().unwrap().contains("保证金"),
        "traditional query matched simplified text: {marks}"
    );

    // Filters: current only and a law alias narrow the list.
    b.click(&b.find("#f-current"));
    let law = b.find("#f-law");
    b.type_into(&law, "刑诉法");
    b.wait(
        "results within the law",
        "const t = [...document.querySelectorAll('#results li.hit .title')].map(e => e.textContent);
         return t.length > 0 && t.every(x => x.startsWith('中华人民共和国刑事诉讼法')) && location.hash.includes('current=true')",
        json!([]),
    );
}

#[test]
fn deep_links_restore_a_search() {
    let Some((_g, b)) = browser("deep_links_restore_a_search", Screen::Desktop) else {
        return;
    };
    b.open(&format!("/?q={}", url_encode("保证人")));
    b.wait("results from ?q=", RESULT_COUNT, json!([]));
    assert_eq!(
        b.js("return document.getElementById('q').value", json!([])),
        json!("保证人")
    );

    b.open(&format!(
        "/#/search?q={}&level={}&current=true",
        url_encode("取保候审"),
        url_encode("法律")
    ));
    b.wait("results from #/search?q=", RESULT_COUNT, json!([]));
    let state = b.js(
        "return { q: document.getElementById('q').value, level: document.getElementById('f-level').value,
                  current: document.getElementById('f-current').checked }",
        json!([]),
    );
    assert_eq!(
        state,
        json!({ "q": "取保候审", "level": "法律", "current": true })
    );
}

#[test]
fn article_view_lays_out_the_text_and_follows_citation_links() {
    let Some((_g, b)) = browser(
        "article_view_lays_out_the_text_and_follows_citation_links",
        Screen::Desktop,
    ) else {
        return;
    };
    // From a search result to the article view.
    b.open(&format!("/#/search?q={}", url_encode("刑诉法第67条")));
    b.wait("results", RESULT_COUNT, json!([]));
    let link = b.find("#results li.hit a.title");
    let title = b.text(&link);
    b.click(&link);
    b.wait(
        "article view",
        "return !document.getElementById('view-article').hidden && document.querySelector('#article h1')?.textContent",
        json!([]),
    );
    assert!(b.hash().starts_with("#/article/"), "{}", b.hash());
    let h1 = b.text(&b.find("#article h1"));
    assert!(
        h1.contains(title.split(' ').nth(1).unwrap_or("条")),
        "{h1} for {title}"
    );

    // A deep link: paragraphs (款) and items (项) laid out, the formal citation, versions.
    b.open(&format!("/#/article/{}/67", url_encode("刑事诉讼法")));
    b.wait(
        "article 67",
        "return document.querySelector('#article h1')?.textContent.includes('第六十七条')",
        json!([]),
    );
    let layout = b.js(
        "return { paras: document.querySelectorAll('#article .para').length,
                  items: document.querySelectorAll('#article .para .items li').length,
                  cite: document.getElementById('copy-citation').dataset.citation,
                  versions: document.querySelectorAll('#article .versions li').length,
                  focused: document.activeElement.tagName }",
        json!([]),
    );
    assert_eq!(layout["paras"], json!(2), "{layout}");
    assert_eq!(layout["items"], json!(4), "{layout}");
    assert_eq!(
        layout["cite"],
        json!("《中华人民共和国刑事诉讼法》第六十七条")
    );
    assert!(layout["versions"].as_u64().unwrap() >= 1, "{layout}");
    assert_eq!(layout["focused"], json!("H1"), "focus moves to the article");

    // Copy the citation: with clipboard permission it lands in the clipboard; without, the page
    // shows it selected for copying. Either way the exact citation is offered.
    for name in ["clipboard-read", "clipboard-write"] {
        let _ = b.try_cmd(
            "POST",
            "/permissions",
            Some(json!({ "descriptor": { "name": name }, "state": "granted" })),
        );
    }
    b.click(&b.find("#copy-citation"));
    let copied = b.wait(
        "copy feedback",
        "const s = document.querySelector('#article .actions .status');
         const i = s.querySelector('input');
         return i ? i.value : s.textContent",
        json!([]),
    );
    assert!(
        copied
            .as_str()
            .unwrap()
            .ends_with("《中华人民共和国刑事诉讼法》第六十七条"),
        "{copied}"
    );

    // Version history: a law with an older version links to it, and the link shows that version's
    // article (its version in the header).
    if common::national_corpus(
        "article_view_lays_out_the_text_and_follows_citation_links (versions of 会计法)",
    )
    .is_none()
    {
        return;
    }
    b.open(&format!("/#/article/{}/1", url_encode("会计法")));
    let old = b.find("#article .versions a");
    let version = b.text(&old);
    b.click(&old);
    let shown = b.wait(
        "the older version",
        "const a = document.getElementById('article');
         return location.hash.includes('version=' + arguments[0]) &&
           a.querySelector('header .path')?.textContent.includes(arguments[0])",
        json!([version]),
    );
    assert_eq!(shown, json!(true));

    // Follow a cited-by link when the citation graph has one, else a version link.
    b.open(&format!("/#/article/{}/67", url_encode("刑事诉讼法")));
    b.wait(
        "article 67 again",
        "return document.querySelector('#article h1')?.textContent.includes('第六十七条')",
        json!([]),
    );
    let cited_by = b
        .js(
            "return document.querySelectorAll('#article .cited-by a').length",
            json!([]),
        )
        .as_u64()
        .unwrap();
    let selector = if cited_by > 0 {
        "#article .cited-by a"
    } else {
        eprintln!("no cited-by links for 刑诉法67: following a version link instead");
        "#article .versions a, #article .versions strong"
    };
    let target = b.find(selector);
    let label = b.text(&target);
    if cited_by > 0 {
        b.click(&target);
        let (law, number) = label.split_once(' ').unwrap();
        let h1 = b.wait(
            "the citing article",
            "const h = document.querySelector('#article h1')?.textContent || '';
             return h.includes(arguments[0]) && h.includes(arguments[1]) ? h : ''",
            json!([law, number]),
        );
        assert!(!h1.as_str().unwrap().contains("第六十七条"), "{h1}");
        assert!(b.hash().starts_with("#/article/"), "{}", b.hash());
        // And back through its "cites" list to 67.
        b.wait(
            "cites list",
            "return document.querySelectorAll('#article .cites a').length",
            json!([]),
        );
        let back = b.js(
            "return [...document.querySelectorAll('#article .cites a')].findIndex(a => a.textContent.includes('第六十七条'))",
            json!([]),
        );
        if back.as_i64().unwrap() >= 0 {
            b.js(
                "document.querySelectorAll('#article .cites a')[arguments[0]].click()",
                json!([back]),
            );
            b.wait(
                "back at 67",
                "return document.querySelector('#article h1')?.textContent.includes('第六十七条')",
                json!([]),
            );
        }
    }
}

#[test]
fn markup_in_a_query_or_snippet_renders_inert() {
    let Some((_g, b)) = browser(
        "markup_in_a_query_or_snippet_renders_inert",
        Screen::Desktop,
    ) else {
        return;
    };
    b.open("/");
    let hostile =
        "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2;alert(1)\">取保候审";
    // Through the URL (a shared link) and through typing.
    b.open(&format!("/#/search?q={}", url_encode(hostile)));
    b.wait(
        "search status",
        "return document.getElementById('search-status').textContent.includes('「')",
        json!([]),
    );
    let q = b.find("#q");
    b.type_into(&q, "<img src=y onerror=alert(2)>");
    b.wait(
        "status for the typed query",
        "return document.getElementById('search-status').textContent.includes('<img src=y')",
        json!([]),
    );
    // The sanitizer itself, fed what a hostile server or corpus text could send.
    let rebuilt = b.js(
        "const n = snippetNode(arguments[0]); document.getElementById('results').append(n);
         return { html: n.innerHTML, text: n.textContent,
                  elements: [...n.querySelectorAll('*')].map(e => e.tagName) }",
        json!(["a<mark>取保</mark>&lt;b&gt;<img src=z onerror=\"window.__pwned=3\"><script>window.__pwned=4</script><mark onclick=x>m</mark>"]),
    );
    assert_eq!(rebuilt["elements"], json!(["MARK"]), "{rebuilt}");
    assert!(
        rebuilt["text"]
            .as_str()
            .unwrap()
            .contains("<img src=z onerror="),
        "{rebuilt}"
    );
    assert!(
        rebuilt["text"].as_str().unwrap().contains("<b>"),
        "{rebuilt}"
    );
    // Give any injected handler a chance to run, then check nothing did.
    b.wait(
        "a settled page",
        "return new Promise(r => setTimeout(() => r(true), 300))",
        json!([]),
    );
    assert!(!b.alert_open(), "an alert opened");
    let state = b.js(
        "return { pwned: window.__pwned ?? null,
                  imgs: document.querySelectorAll('main img, main script').length,
                  status: document.getElementById('search-status').textContent }",
        json!([]),
    );
    assert_eq!(state["pwned"], Value::Null, "{state}");
    assert_eq!(state["imgs"], json!(0), "{state}");
    assert!(
        state["status"].as_str().unwrap().contains("<img src=y"),
        "query shown literally: {state}"
    );
}

#[test]
fn keyboard_reaches_results_and_opens_them() {
    let Some((_g, b)) = browser("keyboard_reaches_results_and_opens_them", Screen::Desktop) else {
        return;
    };
    b.open("/");
    let q = b.find("#q");
    b.type_into(&q, "保证金\u{E007}"); // Enter searches at once
    b.wait("results", RESULT_COUNT, json!([]));
    b.js("document.getElementById('q').focus()", json!([]));
    let mut reached = false;
    for _ in 0..25 {
        b.keys_to_active("\u{E004}"); // Tab
        let on_result = b.js(
            "return !!document.activeElement.closest('#results li.hit a')",
            json!([]),
        );
        if on_result == json!(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the first result link");
    let outline = b.js(
        "return getComputedStyle(document.activeElement).outlineStyle",
        json!([]),
    );
    assert_ne!(outline, json!("none"), "focused link is visibly outlined");
    b.keys_to_active("\u{E007}"); // Enter follows the link
    b.wait(
        "article opened from the keyboard",
        "return !document.getElementById('view-article').hidden && document.querySelector('#article h1')",
        json!([]),
    );
}

#[test]
fn ask_shows_outcome_cards_above_articles_and_commentary() {
    let Some((_g, b)) = browser(
        "ask_shows_outcome_cards_above_articles_and_commentary",
        Screen::Desktop,
    ) else {
        return;
    };
    b.open("/#/ask");
    let question = b.find("#question");
    b.type_into(
        &question,
        "我儿子17岁，涉嫌盗窃，公安机关决定取保候审，要交多少保证金？\u{E007}",
    );
    b.wait(
        "answers",
        "return document.querySelectorAll('#outcomes .card').length + document.querySelectorAll('#ask-articles li').length",
        json!([]),
    );
    let r = b.js(
        "const cards = [...document.querySelectorAll('#outcomes .card')];
         const order = (a, b) => a && b ? !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) : true;
         return { cards: cards.length, verdicts: cards.map(c => c.querySelector('.verdict').textContent),
                  summaries: cards.map(c => c.querySelector('.summary')?.textContent || ''),
                  citeLinks: document.querySelectorAll('#outcomes .citations a').length,
                  needs: document.querySelector('#outcomes .needs, #ask-status')?.textContent || '',
                  articles: document.querySelectorAll('#ask-articles li.hit').length,
                  commentary: document.querySelectorAll('#ask-commentary .comment').length,
                  cardsFirst: order(document.getElementById('outcomes'), document.getElementById('ask-articles')),
                  hash: decodeURIComponent(location.hash) }",
        json!([]),
    );
    assert!(r["articles"].as_u64().unwrap() > 0, "{r}");
    assert!(r["cardsFirst"] == json!(true), "{r}");
    assert!(
        r["hash"]
            .as_str()
            .unwrap()
            .starts_with("#/ask?q=我儿子17岁"),
        "{r}"
    );
    if r["cards"].as_u64().unwrap() > 0 {
        assert!(
            r["verdicts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|v| !v.as_str().unwrap().is_empty()),
            "{r}"
        );
    } else {
        eprintln!("ask returned no outcome cards for this question: {r}");
    }
    // A citation in a card (or an article in the list) opens the article view.
    let link = b.find("#outcomes .citations a, #ask-articles li.hit a.title");
    b.click(&link);
    b.wait(
        "article from the answer",
        "return !document.getElementById('view-article').hidden && document.querySelector('#article h1')?.textContent",
        json!([]),
    );
}

#[test]
fn calculator_posts_a_rule_and_links_its_articles() {
    let (_, rules) = http(server_port(), "GET", "/api/rules", None);
    let rules = rules.as_array().cloned().unwrap_or_default();
    let deposit = rules
        .iter()
        .find(|r| r["name"] == "deposit_amount" || r["id"] == "R08");
    let Some((_g, b)) = browser(
        "calculator_posts_a_rule_and_links_its_articles",
        Screen::Desktop,
    ) else {
        return;
    };
    b.open("/#/rules");
    b.wait(
        "rule list",
        "return document.querySelectorAll('#rules-toc a').length",
        json!([]),
    );
    let listed = b
        .js(
            "return document.querySelectorAll('#rules-toc a').length",
            json!([]),
        )
        .as_u64()
        .unwrap();
    assert_eq!(listed as usize, rules.len(), "one entry per rule");
    let deposit = deposit.expect("GET /api/rules lists the deposit_amount rule");
    let id = deposit["id"].as_str().unwrap();
    b.click(&b.find(&format!("#rules-toc a[href='#/rules/{id}']")));
    b.wait(
        "the deposit form",
        "return document.querySelector(`form.rule[data-rule='${arguments[0]}'] select`)",
        json!([id]),
    );
    // Submitting with nothing filled in names the missing facts.
    b.click(&b.find("form.rule button[type=submit]"));
    let needs = b.wait(
        "needs",
        "return document.querySelector('form.rule .card .needs')?.textContent",
        json!([]),
    );
    assert!(needs.as_str().unwrap().starts_with("需要补充"), "{needs}");
    // Fill in a minor in a public-security theft case and compute.
    b.js(
        "const f = document.querySelector('form.rule');
         const set = (n, v) => { const e = f.elements[n]; if (e) e.value = v; };
         set('authority', 'public_security'); set('is_minor', 'true'); set('statutory_max', 'fixed_term');
         set('offence_kind', 'property_loss'); set('property_penalty_possible', 'true'); set('direct_loss', '50000');",
        json!([]),
    );
    let amount = b.find("form.rule input[name=direct_loss]");
    b.type_into(&amount, "\u{E007}"); // Enter submits the form
    let card = b.wait(
        "a computed outcome",
        "const c = document.querySelector('form.rule .card');
         return c && !c.classList.contains('verdict-needs_input') &&
           { verdict: c.querySelector('.verdict').textContent, figures: c.querySelectorAll('dl dt').length,
             text: c.textContent, links: c.querySelectorAll('.citations a').length }",
        json!([]),
    );
    assert!(card["figures"].as_u64().unwrap() > 0, "{card}");
    assert!(card["links"].as_u64().unwrap() > 0, "{card}");
    assert!(card["text"].as_str().unwrap().contains("500"), "{card}");
    b.click(&b.find("form.rule .card .citations a"));
    b.wait(
        "article from a calculator citation",
        "return !document.getElementById('view-article').hidden && document.querySelector('#article h1')?.textContent.includes('条')",
        json!([]),
    );
}

#[test]
fn screenshots_of_the_main_views_at_desktop_and_phone_width() {
    for (screen, suffix) in [(Screen::Desktop, "desktop"), (Screen::Phone, "phone")] {
        let Some((_g, b)) = browser("screenshots_of_the_main_views", screen) else {
            return;
        };
        let overflow =
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth";
        b.open(&format!("/#/search?q={}", url_encode("取保候审保证金")));
        b.wait("results", RESULT_COUNT, json!([]));
        b.screenshot(&format!("search-{suffix}"));
        assert_eq!(
            b.js(overflow, json!([])),
            json!(0),
            "{suffix}: search page scrolls sideways"
        );

        b.open(&format!("/#/article/{}/67", url_encode("刑事诉讼法")));
        b.wait(
            "article",
            "return document.querySelector('#article .para')",
            json!([]),
        );
        b.screenshot(&format!("article-{suffix}"));
        assert_eq!(
            b.js(overflow, json!([])),
            json!(0),
            "{suffix}: article scrolls sideways"
        );

        {
            b.open(&format!(
                "/#/ask?q={}",
                url_encode("我儿子17岁，涉嫌盗窃，公安机关决定取保候审，要交多少保证金？")
            ));
            b.wait(
                "answer",
                "return document.querySelectorAll('#ask-articles li').length",
                json!([]),
            );
            b.screenshot(&format!("ask-{suffix}"));
            assert_eq!(
                b.js(overflow, json!([])),
                json!(0),
                "{suffix}: ask scrolls sideways"
            );
        }
        {
            b.open("/#/rules/R08");
            b.wait(
                "form",
                "return document.querySelector('form.rule')",
                json!([]),
            );
            b.screenshot(&format!("calculator-form-{suffix}"));
            b.js(
                "const f = document.querySelector('form.rule');
                 const set = (n, v) => { const e = f.elements[n]; if (e) e.value = v; };
                 set('authority', 'public_security'); set('is_minor', 'true'); set('statutory_max', 'fixed_term');
                 set('offence_kind', 'property_loss'); set('property_penalty_possible', 'true'); set('direct_loss', '50000');
                 f.requestSubmit();",
                json!([]),
            );
            b.wait(
                "outcome",
                "const c = document.querySelector('form.rule .card'); if (c) c.scrollIntoView(); return c",
                json!([]),
            );
            b.screenshot(&format!("calculator-{suffix}"));
            assert_eq!(
                b.js(overflow, json!([])),
                json!(0),
                "{suffix}: calculator scrolls sideways"
            );
        }
        {
            // A calculator whose input is a list: rows of members, 添加一项 / 删除.
            b.open("/#/rules/R14");
            b.wait(
                "list form",
                "return document.querySelector('form.rule .list .row')",
                json!([]),
            );
            b.js(
                "document.querySelector('form.rule button.add').click()",
                json!([]),
            );
            b.screenshot(&format!("calculator-list-{suffix}"));
            assert_eq!(
                b.js(overflow, json!([])),
                json!(0),
                "{suffix}: a list calculator scrolls sideways"
            );
        }
        // The CJK font in use is a real CJK face, not tofu boxes: a CJK glyph is wider than "i".
        let widths = b.js(
            "const c = document.createElement('canvas').getContext('2d');
             c.font = '16px ' + getComputedStyle(document.body).fontFamily;
             return [c.measureText('法').width, c.measureText('i').width]",
            json!([]),
        );
        assert!(
            widths[0].as_f64().unwrap() > widths[1].as_f64().unwrap() * 2.0,
            "{widths}"
        );
    }
    eprintln!("screenshots in {}", screenshot_dir().display());
}

#[test]
fn calculator_computes_a_bail_term_end_date() {
    // What the engine computes for a bail decided on 2024-10-08: the term's last day falls in the
    // 2025 National Day holiday and moves to the next working day.
    let input = json!({"measure": "bail", "start": "2024-10-08"});
    let (status, expected) = http(server_port(), "POST", "/api/rules/R17", Some(&input));
    assert_eq!(status, 200, "{expected}");
    let expiry = expected["details"]["expiry_day"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(expiry, "2025-10-09");
    let Some((_g, b)) = browser("calculator_computes_a_bail_term_end_date", Screen::Desktop) else {
        return;
    };
    b.open("/#/rules/R17");
    b.wait(
        "the term form",
        "return document.querySelector(\"form.rule[data-rule='R17'] [name=start]\")",
        json!([]),
    );
    b.js(
        "const f = document.querySelector(\"form.rule[data-rule='R17']\");
         f.elements['measure'].value = 'bail';
         f.elements['start'].value = '2024-10-08';",
        json!([]),
    );
    b.click(&b.find("form.rule[data-rule='R17'] button[type=submit]"));
    let card = b.wait(
        "the computed end date",
        "const c = document.querySelector(\"form.rule[data-rule='R17'] .card\"); return c && c.textContent.includes(arguments[0]) ? c.textContent : null",
        json!([expiry]),
    );
    // the figure links to the articles it rests on
    let links = b.js(
        "return [...document.querySelectorAll(\"form.rule[data-rule='R17'] .card a\")].map(a => a.textContent)",
        json!([]),
    );
    assert!(!links.as_array().unwrap().is_empty(), "{card}");
}

#[test]
fn every_calculator_is_a_form_in_words() {
    let (_, rules) = http(server_port(), "GET", "/api/rules", None);
    let rules = rules.as_array().cloned().unwrap_or_default();
    assert!(rules.len() >= 44, "{} rules", rules.len());
    let Some((_g, b)) = browser("every_calculator_is_a_form_in_words", Screen::Desktop) else {
        return;
    };
    // What a person sees of one calculator: its controls, each with the words that label it.
    const FORM: &str = "const f = document.querySelector(`form.rule[data-rule='${arguments[0]}']`);
        if (!f) return null;
        const named = (e) => {
          const byFor = e.id && f.querySelector(`label[for='${e.id}']`);
          if (byFor && byFor.textContent.trim()) return byFor.textContent.trim();
          const around = e.closest('label');
          if (around && around.textContent.trim()) return around.textContent.trim();
          const group = e.closest('[aria-label]');
          return group ? group.getAttribute('aria-label') : '';
        };
        const controls = [...f.querySelectorAll('input, select')];
        return { textareas: f.querySelectorAll('textarea').length,
                 controls: controls.map(e => ({ name: e.name, type: e.type, label: named(e),
                   options: e.tagName === 'SELECT' ? [...e.options].map(o => o.textContent) : [] })),
                 lists: f.querySelectorAll('.list').length,
                 text: f.innerText };";
    let mut lists = 0;
    for r in &rules {
        let id = r["id"].as_str().unwrap();
        b.open(&format!("/#/rules/{id}"));
        let form = b.wait(&format!("the {id} form"), FORM, json!([id]));
        assert_eq!(
            form["textareas"],
            json!(0),
            "{id} asks for typed JSON: {form}"
        );
        let controls = form["controls"].as_array().unwrap();
        let props = r["inputs"]["properties"].as_object().unwrap();
        assert!(controls.len() >= props.len(), "{id}: {form}");
        for c in controls {
            let label = c["label"].as_str().unwrap();
            assert!(
                label
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                "{id}: a control without words: {c}"
            );
        }
        let english = ascii_words(form["text"].as_str().unwrap());
        assert!(
            english.is_empty(),
            "{id} shows {english:?}: {}",
            form["text"]
        );
        for c in controls {
            for o in c["options"].as_array().unwrap() {
                let english = ascii_words(o.as_str().unwrap());
                assert!(english.is_empty(), "{id}: option {o} in {c}");
            }
        }
        lists += form["lists"].as_u64().unwrap();
    }
    // the lists of payments, conditions, violations, segments and dates are lists of rows
    assert!(lists >= 8, "{lists} list inputs");
}

#[test]
fn a_list_of_segments_is_entered_row_by_row() {
    // A bail decided by the police, the case transferred and the procuratorate deciding anew:
    // what the engine computes from the two segments, and what the form computes.
    let input = json!({"segments": [
        {"stage": "investigation", "decider": "public_security", "start": "2025-03-03",
         "end": "2025-08-20", "start_reason": "initial"},
        {"stage": "prosecution_review", "decider": "procuratorate", "start": "2025-08-25",
         "start_reason": "new_stage_decision"}]});
    let (status, expected) = http(server_port(), "POST", "/api/rules/R16", Some(&input));
    assert_eq!(status, 200, "{expected}");
    let expiry = expected["details"]["expiry_day"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(expected["details"]["restarted"], json!(true), "{expected}");
    let Some((_g, b)) = browser("a_list_of_segments_is_entered_row_by_row", Screen::Desktop) else {
        return;
    };
    b.open("/#/rules/R16");
    b.wait(
        "the segments form",
        "return document.querySelector(\"form.rule[data-rule='R16'] .list .row\")",
        json!([]),
    );
    // A row left half filled is named, not sent.
    b.js(
        "const row = document.querySelector(\"form.rule[data-rule='R16'] .row\");
         row.querySelector('[name=stage]').value = 'investigation';",
        json!([]),
    );
    b.click(&b.find("form.rule[data-rule='R16'] button[type=submit]"));
    let said = b.wait(
        "the missing member named",
        "return document.querySelector(\"form.rule[data-rule='R16'] .cards .needs\")?.textContent",
        json!([]),
    );
    let said = said.as_str().unwrap();
    assert!(
        said.contains("第1项") && said.contains("决定机关"),
        "{said}"
    );
    // Fill the first row, add a second, fill it, compute.
    b.click(&b.find("form.rule[data-rule='R16'] button.add"));
    let rows = b.js(
        "return document.querySelectorAll(\"form.rule[data-rule='R16'] .row\").length",
        json!([]),
    );
    assert_eq!(rows, json!(2));
    b.js(
        "const rows = document.querySelectorAll(\"form.rule[data-rule='R16'] .row\");
         const fill = (row, v) => { for (const [k, x] of Object.entries(v)) row.querySelector(`[name=${k}]`).value = x; };
         fill(rows[0], {stage: 'investigation', decider: 'public_security', start: '2025-03-03', end: '2025-08-20', start_reason: 'initial'});
         fill(rows[1], {stage: 'prosecution_review', decider: 'procuratorate', start: '2025-08-25', start_reason: 'new_stage_decision'});",
        json!([]),
    );
    b.click(&b.find("form.rule[data-rule='R16'] button[type=submit]"));
    let card = b.wait(
        "the computed term",
        "const c = document.querySelector(\"form.rule[data-rule='R16'] .card\"); return c && c.textContent.includes(arguments[0]) ? c.textContent : null",
        json!([expiry]),
    );
    assert!(card.as_str().unwrap().contains("重新"), "{card}");
    // 删除 takes the second row away; the first alone is the police's term.
    b.js(
        "document.querySelectorAll(\"form.rule[data-rule='R16'] .row button.remove\")[1].click()",
        json!([]),
    );
    let rows = b.js(
        "return document.querySelectorAll(\"form.rule[data-rule='R16'] .row\").length",
        json!([]),
    );
    assert_eq!(rows, json!(1));
}

#[test]
fn a_seed_question_gets_its_outcome_card() {
    let Some((_g, b)) = browser("a_seed_question_gets_its_outcome_card", Screen::Desktop) else {
        return;
    };
    // Question 10 of the "19问19答" page (seed 002).
    b.open("/#/ask?q=%E9%9C%80%E8%A6%81%E4%BA%A4%E5%A4%9A%E5%B0%91%E4%BF%9D%E8%AF%81%E9%87%91%EF%BC%9F%E6%80%8E%E4%B9%88%E4%BA%A4%EF%BC%9F");
    let verdicts = b.wait(
        "an outcome card",
        "const v = [...document.querySelectorAll('#outcomes .card .verdict')].map(e => e.textContent); return v.length ? v : null",
        json!([]),
    );
    assert!(!verdicts.as_array().unwrap().is_empty(), "{verdicts}");
    // the deposit rule's card names the facts it still needs, and the answer lists articles
    let needs = b.wait(
        "what is missing",
        "const t = document.getElementById('outcomes').textContent; return t.includes('需要补充') ? t : null",
        json!([]),
    );
    assert!(needs.as_str().unwrap().contains("保证金"), "{needs}");
    let articles = b.js(
        "return document.querySelectorAll('#ask-articles li').length",
        json!([]),
    );
    assert!(articles.as_u64().unwrap() > 0);
}

#[test]
fn a_linked_hit_says_why_it_is_listed() {
    let Some((_g, b)) = browser("a_linked_hit_says_why_it_is_listed", Screen::Desktop) else {
        return;
    };
    b.open(&format!(
        "/?q={}",
        url_encode("我弟弟被刑拘了，能不能取保候审？")
    ));
    b.wait("results", RESULT_COUNT, json!([]));
    let first = b.js(
        "const h = document.querySelector('#results .hit');
         const v = h && h.querySelector('.badge.via');
         return { title: h ? h.querySelector('.title').textContent : null, via: v ? v.textContent : null }",
        json!([]),
    );
    assert_eq!(
        first["via"],
        json!("概念：取保候审的条件"),
        "the statute of the concept asked about comes first with its reason: {first}"
    );
    assert!(
        first["title"].as_str().unwrap_or("").contains("第六十七条"),
        "{first}"
    );
}

#[test]
fn outcome_cards_speak_chinese_not_codes() {
    let Some((_g, b)) = browser("outcome_cards_speak_chinese_not_codes", Screen::Desktop) else {
        return;
    };
    // R13 (a second unauthorised departure, the court deciding, a deposit) with its details
    b.open(&format!(
        "/#/ask?q={}",
        url_encode("取保候审期间没经批准去了外地，第二次被发现，交了保证金，法院会怎么处理")
    ));
    let cards = b.wait(
        "the R13 card",
        "const cs = [...document.querySelectorAll('#outcomes .card')];
         return cs.length ? cs.map(c => ({
           verdict: c.querySelector('.verdict').textContent,
           keys: [...c.querySelectorAll('dt')].map(e => e.textContent),
           text: c.textContent })) : null",
        json!([]),
    );
    let code = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let cards = cards.as_array().unwrap();
    // the card names the rule by its title, never by its id
    let r13 = fatiao::rules::list()
        .into_iter()
        .find(|r| r.id == "R13")
        .unwrap()
        .title;
    assert!(
        cards
            .iter()
            .any(|c| c["text"].as_str().unwrap().contains(&r13)),
        "{cards:?}"
    );
    for c in cards {
        let verdict = c["verdict"].as_str().unwrap();
        assert!(!code(verdict), "a verdict shown as its code: {c}");
        for k in c["keys"].as_array().unwrap() {
            assert!(
                !code(k.as_str().unwrap()),
                "a detail shown by its code: {c}"
            );
        }
    }
    let text = b.js(
        "return document.getElementById('view-ask').innerText",
        json!([]),
    );
    let english = ascii_words(text.as_str().unwrap());
    assert!(english.is_empty(), "English shown: {english:?} in {text}");
}

/// Runs of two or more ASCII letters in a text (an English word or identifier), and a letter
/// followed by digits (a rule or register code: R08, C34).
fn ascii_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            run.push(c);
        } else {
            if run.len() >= 2 || (run.len() == 1 && c.is_ascii_digit()) {
                out.push(format!("{run}{c}"));
            }
            run.clear();
        }
    }
    out
}

#[test]
fn ask_answers_in_words_above_the_cards_and_asks_back() {
    // The words the page is to use: the served value phrases of every rule input.
    let (_, rules) = http(server_port(), "GET", "/api/rules", None);
    let phrase = |fact: &str, value: &Value| -> Option<String> {
        let key = match value {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        rules.as_array()?.iter().find_map(|r| {
            r["inputs"]["properties"][fact]["x-values"][&key]
                .as_str()
                .map(str::to_string)
        })
    };
    let Some((_g, b)) = browser(
        "ask_answers_in_words_above_the_cards_and_asks_back",
        Screen::Desktop,
    ) else {
        return;
    };
    for question in ["取保候审保证金最低交多少", "犯罪集团的主犯能办取保吗"]
    {
        let (status, api) = http(
            server_port(),
            "POST",
            "/api/ask",
            Some(&json!({ "question": question })),
        );
        assert_eq!(status, 200, "{api}");
        b.open(&format!("/#/ask?q={}", url_encode(question)));
        let shown = b.wait(
            "the answer",
            "const a = document.getElementById('answer');
             if (a.hidden || document.getElementById('question').value !== arguments[0]
                 || document.getElementById('ask-status').textContent) return null;
             const follow = document.getElementById('follow-up');
             const cards = document.getElementById('outcomes');
             const before = (x, y) => !!(x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
             return { paras: [...a.querySelectorAll('p')].map(p => p.textContent),
                      followHidden: follow.hidden,
                      followHead: follow.querySelector('h2').textContent,
                      follow: [...follow.querySelectorAll('li')].map(li => li.textContent),
                      cards: cards.querySelectorAll('.card').length,
                      answerFirst: before(a, cards) && before(a, follow),
                      followBeforeCards: before(follow, cards),
                      cases: [...cards.querySelectorAll('.card')].map(c =>
                        [...c.querySelectorAll('ul.cases > li .when')].map(w => w.textContent)),
                      titles: [...cards.querySelectorAll('.card .rule-name')].map(e => e.textContent),
                      text: document.getElementById('view-ask').innerText }",
            json!([question]),
        );
        // The answer is the server's, a paragraph a rule, above the cards, with its articles.
        let expected: Vec<&str> = api["answer"]
            .as_str()
            .unwrap()
            .lines()
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(!expected.is_empty(), "{question}: no answer: {api}");
        assert_eq!(shown["paras"], json!(expected), "{question}: {shown}");
        assert!(
            expected.iter().any(|p| p.contains('《')),
            "{question}: the answer names its articles: {expected:?}"
        );
        assert_eq!(shown["answerFirst"], json!(true), "{question}: {shown}");
        let cards = shown["cards"].as_u64().unwrap();
        assert_eq!(
            cards as usize,
            api["outcomes"].as_array().unwrap().len(),
            "{question}: {shown}"
        );
        assert!(cards > 0, "{question}: a rule answers it: {shown}");
        // What is still missing is asked back, as a list headed 还需要了解, above the cards.
        let follow_up = api["follow_up"].as_array().unwrap();
        assert!(!follow_up.is_empty(), "{question}: asks back: {api}");
        assert_eq!(shown["followHidden"], json!(false), "{question}: {shown}");
        assert_eq!(shown["followHead"], json!("还需要了解"));
        assert_eq!(shown["follow"], json!(follow_up), "{question}: {shown}");
        assert_eq!(
            shown["followBeforeCards"],
            json!(true),
            "{question}: {shown}"
        );
        // Each card is headed by its rule's Chinese title; a conditional one lists its cases,
        // each condition in the served words.
        for (i, o) in api["outcomes"].as_array().unwrap().iter().enumerate() {
            let title = o["title"].as_str().unwrap();
            assert!(
                shown["titles"][i].as_str().unwrap().contains(title),
                "{question}: card {i} titled {title}: {shown}"
            );
            if o["certainty"] != "conditional" {
                continue;
            }
            let whens = shown["cases"][i].as_array().unwrap();
            let cases = o["cases"].as_array().unwrap();
            assert_eq!(whens.len(), cases.len(), "{question}: {shown}");
            for (w, c) in whens.iter().zip(cases) {
                for (fact, values) in c["when"].as_object().unwrap() {
                    for v in values.as_array().unwrap() {
                        let p = phrase(fact, v)
                            .unwrap_or_else(|| panic!("{fact}={v} has no served phrase"));
                        assert!(
                            w.as_str().unwrap().contains(&p),
                            "{question}: case {w} names {fact}={v} as {p}"
                        );
                    }
                }
            }
        }
        if question == "取保候审保证金最低交多少" {
            // the starting sum differs for a minor and an adult: a conditional answer
            assert!(
                api["outcomes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|o| o["certainty"] == "conditional"),
                "{api}"
            );
        }
        // Nothing the question view shows is an English word or a code.
        let text = shown["text"].as_str().unwrap();
        let english = ascii_words(text);
        assert!(
            english.is_empty(),
            "{question}: English shown: {english:?} in\n{text}"
        );
        if question == "取保候审保证金最低交多少" {
            b.screenshot("answer-desktop");
            b.js(
                "document.getElementById('outcomes').scrollIntoView()",
                json!([]),
            );
            b.screenshot("answer-cards-desktop");
        } else {
            b.screenshot("answer-follow-up-desktop");
        }
    }
}

/// A text known only from a commentary page carries 非官方文本 where an official one has its status
/// badge — in its header, its versions list and as a search hit — and never 现行.
#[test]
fn a_text_known_only_from_a_page_is_marked_unofficial() {
    if common::national_corpus("a_text_known_only_from_a_page_is_marked_unofficial").is_none() {
        return;
    }
    let Some((_g, b)) = browser(
        "a_text_known_only_from_a_page_is_marked_unofficial",
        Screen::Desktop,
    ) else {
        return;
    };
    b.open(&format!(
        "/#/article/{}/6",
        url_encode(fatiao::rules::SEED004_LAW)
    ));
    let badges = b.wait(
        "the article header",
        "const h = document.querySelector('#article h1');
         return h ? Array.from(document.querySelectorAll('#article .badge')).map((e) => e.textContent) : null",
        json!([]),
    );
    let badges: Vec<&str> = badges
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(badges.contains(&"非官方文本"), "{badges:?}");
    assert!(!badges.contains(&"现行"), "{badges:?}");
    let note = b.js(
        "return document.querySelector('#article .note.unofficial')?.textContent || ''",
        json!([]),
    );
    assert!(
        note.as_str().unwrap().starts_with("非官方文本（转引自"),
        "{note}"
    );
}

/// An article page shows when its law took effect and links to the article before and after it.
#[test]
fn an_article_page_reads_on_to_the_next_article() {
    let Some((_g, b)) = browser(
        "an_article_page_reads_on_to_the_next_article",
        Screen::Desktop,
    ) else {
        return;
    };
    b.open(&format!("/#/article/{}/67", url_encode("刑事诉讼法")));
    let meta = b.wait(
        "the article header",
        "return document.querySelector('#article header .path')?.textContent || null",
        json!([]),
    );
    assert!(meta.as_str().unwrap().contains("施行 2018-10-26"), "{meta}");
    assert!(
        meta.as_str().unwrap().contains("制定机关 全国人民代表大会"),
        "{meta}"
    );
    let next = b.find("#article nav.prev-next a.next");
    b.click(&next);
    let h1 = b.wait(
        "article 68",
        "const h = document.querySelector('#article h1')?.textContent || '';
         return h.includes('第六十八条') ? h : null",
        json!([]),
    );
    assert!(h1.as_str().unwrap().contains("第六十八条"));
    assert!(!b.find("#article nav.prev-next a.prev").is_empty());
}

/// The versions list shows what changed in the article between versions (struck-through and
/// underlined characters).
#[test]
fn the_version_differences_of_an_article_are_shown() {
    if common::national_corpus("the_version_differences_of_an_article_are_shown").is_none() {
        return;
    }
    let Some((_g, b)) = browser(
        "the_version_differences_of_an_article_are_shown",
        Screen::Desktop,
    ) else {
        return;
    };
    b.open(&format!("/#/article/{}/40", url_encode("民事诉讼法")));
    let marks = b.wait(
        "the differences view",
        "const d = document.querySelector('#article details.diff');
         if (!d) return null;
         d.open = true;
         return { del: d.querySelectorAll('del').length, ins: d.querySelectorAll('ins').length }",
        json!([]),
    );
    assert!(
        marks["del"].as_u64().unwrap() + marks["ins"].as_u64().unwrap() > 0,
        "{marks}"
    );
}

/// The article page opens the law's table of contents and follows it to a chapter.
#[test]
fn the_table_of_contents_leads_to_a_chapter() {
    let Some((_g, b)) = browser("the_table_of_contents_leads_to_a_chapter", Screen::Desktop) else {
        return;
    };
    b.open(&format!("/#/article/{}/67", url_encode("刑事诉讼法")));
    b.wait(
        "the article",
        "return document.querySelector('#article details.law-toc') ? true : null",
        json!([]),
    );
    b.js(
        "document.querySelector('#article details.law-toc').open = true",
        json!([]),
    );
    let link = b.wait(
        "the chapter 强制措施 in the table of contents",
        "const a = Array.from(document.querySelectorAll('#article .law-toc a')).find((x) => x.textContent.includes('强制措施'));
         return a ? a.getAttribute('href') : null",
        json!([]),
    );
    assert!(link.as_str().unwrap().contains("/66"), "{link}");
}
