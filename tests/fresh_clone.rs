//! A fresh clone, or an installed binary, works with no corpus configured: the binary runs from an
//! empty directory outside the repository (no --corpus, no FATIAO_CORPUS, no ../shared beside it),
//! falls back to the core corpus built into it, says so, builds its index in `index/` there, and
//! serves search, articles, answers and the web page. The CLI commands run the same way.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// An empty directory outside the repository, so that no `../shared/corpus` is found from it.
fn empty_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fatiao-fresh-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    assert!(
        fatiao_in(&dir, &["--version"]).status.success(),
        "the binary runs"
    );
    dir
}

/// `fatiao ARGS` run in `dir` with no corpus or index configured.
fn fatiao(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fatiao"));
    cmd.current_dir(dir)
        .env_remove(fatiao::config::CORPUS_ENV)
        .env_remove(fatiao::config::INDEX_ENV)
        .env("FATIAO_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

fn fatiao_in(dir: &Path, args: &[&str]) -> Output {
    fatiao(dir).args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// One HTTP/1.1 request: (status, content type, body).
fn http(addr: &str, method: &str, path: &str, body: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = text(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let ctype = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-type")
                .then(|| v.trim().to_string())
        })
        .unwrap_or_default();
    // The server answers with a fixed length or in chunks; a chunked body is unwrapped here.
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut out = String::new();
        let mut rest = body;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let bytes = tail.as_bytes();
            out.push_str(&String::from_utf8_lossy(&bytes[..n.min(bytes.len())]));
            rest = tail.get(n + 2..).unwrap_or("");
        }
        out
    } else {
        body.to_string()
    };
    (status, ctype, body)
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("JSON body ({e}): {body}"))
}

#[test]
fn serve_from_an_empty_directory_uses_the_core_corpus() {
    let dir = empty_dir("serve");
    let mut child = common::Killed(
        fatiao(&dir)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut said = String::new();
    let mut lines = BufReader::new(child.0.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        said.push_str(&line);
        said.push('\n');
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest.trim().to_string();
        }
    };
    assert!(
        said.contains("core corpus"),
        "start-up says which corpus: {said}"
    );
    assert!(
        said.contains("index built"),
        "and that it built the index: {said}"
    );
    assert!(
        dir.join("index").is_dir(),
        "the index is built in index/ of the working directory"
    );

    let (status, _, body) = http(&addr, "GET", "/api/health", "");
    assert_eq!(status, 200, "{body}");
    let health = json(&body);
    assert_eq!(health["corpus"], "core", "{health}");
    let laws = health["laws"].as_u64().unwrap();
    assert!((8..=20).contains(&laws), "the core corpus: {health}");

    let q = "%E5%8F%96%E4%BF%9D%E5%80%99%E5%AE%A1%E4%BF%9D%E8%AF%81%E9%87%91"; // 取保候审保证金
    let (status, _, body) = http(&addr, "GET", &format!("/api/search?q={q}&limit=5"), "");
    assert_eq!(status, 200, "{body}");
    let hits = json(&body)["hits"].as_array().unwrap().clone();
    assert!(!hits.is_empty(), "search finds articles: {body}");
    assert!(
        hits.iter()
            .any(|h| h["text"].as_str().unwrap_or("").contains("保证金")),
        "about the deposit: {body}"
    );

    let law = "%E5%88%91%E8%AF%89%E6%B3%95"; // 刑诉法
    let (status, _, body) = http(&addr, "GET", &format!("/api/articles/{law}/67"), "");
    assert_eq!(status, 200, "{body}");
    let article = json(&body);
    assert_eq!(article["law"], "中华人民共和国刑事诉讼法", "{article}");
    assert!(article["text"].as_str().unwrap().contains("可以取保候审"));

    let ask = serde_json::json!({
        "question": "2026年3月2日公安机关决定取保候审，最晚到哪天结束？",
        "today": "2026-12-04"
    });
    let (status, _, body) = http(&addr, "POST", "/api/ask", &ask.to_string());
    assert_eq!(status, 200, "{body}");
    let answer = json(&body);
    let outcomes = answer["outcomes"].as_array().unwrap();
    assert!(
        outcomes.iter().any(|o| o["certainty"] == "definite"),
        "a computed outcome: {answer}"
    );
    assert!(
        answer["answer"].as_str().unwrap().contains("2027年3月2日"),
        "twelve months from 2026-03-02 end on the same day of the month: {}",
        answer["answer"]
    );

    let (status, ctype, page) = http(&addr, "GET", "/", "");
    assert_eq!(status, 200);
    assert!(ctype.starts_with("text/html"), "{ctype}");
    assert!(
        page.contains("<script") && page.contains("app.js"),
        "{page}"
    );
    for (path, kind) in [
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/favicon.ico", "image/svg+xml"),
    ] {
        let (status, ctype, body) = http(&addr, "GET", path, "");
        assert_eq!(status, 200, "{path}");
        assert!(ctype.starts_with(kind), "{path}: {ctype}");
        assert!(!body.is_empty(), "{path}");
    }
    let (status, ctype, body) = http(&addr, "GET", "/no-such-file.js", "");
    assert_eq!(status, 404);
    assert!(ctype.starts_with("application/json"), "{ctype}");
    assert_eq!(json(&body)["error"]["code"], "not_found");

    drop(child);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_commands_work_on_the_core_corpus() {
    let dir = empty_dir("cli");

    let out = fatiao_in(&dir, &["show", "刑诉法", "67"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        stdout.contains("第六十七条") && stdout.contains("可以取保候审"),
        "{stdout}"
    );
    assert!(
        stderr.contains("core corpus"),
        "the CLI says which corpus: {stderr}"
    );

    let out = fatiao_in(
        &dir,
        &[
            "ask",
            "被取保候审的人想去外地打工，要经过谁批准？",
            "--today",
            "2026-12-04",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = json(&text(&out.stdout));
    assert!(
        !v["answer"].as_str().unwrap_or("").is_empty(),
        "an answer: {v}"
    );
    assert!(
        v["articles"].as_array().is_some_and(|a| !a.is_empty()),
        "{v}"
    );

    let out = fatiao_in(&dir, &["rules"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.contains("R01") && stdout.contains("R32"), "{stdout}");

    let out = fatiao_in(
        &dir,
        &[
            "rule",
            "R17",
            "--json",
            r#"{"measure":"bail","start":"2026-03-02"}"#,
        ],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("2027-03-02"), "{stdout}");

    // eval on a labelled file whose gold articles are in the core corpus.
    let file = dir.join("questions.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"question":"取保候审的保证金起点是多少","gold_primary":[{"law":"关于取保候审若干问题的规定","article":5}]}"#,
            "\n",
            r#"{"question":"哪些情形可以取保候审","gold_primary":[{"law":"中华人民共和国刑事诉讼法","article":67}]}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = fatiao(&dir)
        .args(["eval"])
        .arg(&file)
        .args(["--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = json(&text(&out.stdout));
    assert_eq!(v["questions"], 2, "{v}");
    assert!(v["hit_at_10"].as_f64().unwrap() >= 0.5, "{v}");

    // An empty corpus folder is a clear error, not an index that finds nothing.
    let empty = dir.join("empty-corpus");
    std::fs::create_dir_all(&empty).unwrap();
    let out = fatiao(&dir)
        .args(["ingest", "--corpus"])
        .arg(&empty)
        .args(["--index", "other-index"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[corpus_empty]"), "{stderr}");
    assert!(!dir.join("other-index").join("current").exists());

    let _ = std::fs::remove_dir_all(&dir);
}
