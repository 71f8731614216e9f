//! LawRefBook Markdown statute parser: `ingest::statute::parse`.
//!
//! Properties: no panic; article numbers are positive (except the unnumbered 序言 / 全文 record);
//! and what the parser promises ("text before the first article … kept, never dropped"; problems
//! become warnings): once the header is read (`# title` … `<!-- INFO END -->`), every body line
//! that is not a `#` heading ends up in some record — as a paragraph or item, or (for a line
//! continuing a broken heading) in a record's path; an article marker line keeps the text after
//! its marker.
#![no_main]

use std::sync::LazyLock;

use fatiao::ingest::statute::{clean_line, parse};
use libfuzzer_sys::fuzz_target;
use regex::Regex;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第[零〇一二两三四五六七八九十百千0-9]+\s*条(?:之[一二三四五六七八九十]+)?\s*")
        .unwrap()
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let p = parse("fuzz.md", &text);
    for a in &p.articles {
        assert_eq!(a.number.main == 0, a.unnumbered.is_some(), "{a:?}");
    }
    // Where the body starts: after the first `<!-- … INFO END` line, if the title came first.
    let mut lines = text.lines();
    let mut title_seen = false;
    let mut body = false;
    for raw in lines.by_ref() {
        let l = clean_line(raw);
        if l.is_empty() {
            continue;
        }
        if l.starts_with("<!--") && l.contains("INFO END") {
            body = title_seen;
            break;
        }
        if l.starts_with("# ") {
            title_seen = true;
            continue;
        }
        if !title_seen {
            break;
        }
    }
    if !body || p.title.is_empty() {
        return;
    }
    let mut kept = String::new();
    for a in &p.articles {
        for h in &a.path {
            kept.push_str(h);
            kept.push('\n');
        }
        for para in &a.paragraphs {
            kept.push_str(&para.text);
            kept.push('\n');
            for i in &para.items {
                kept.push_str(&i.text);
                kept.push('\n');
            }
        }
    }
    for raw in lines {
        let l = clean_line(raw);
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let rest = match MARKER.find(&l) {
            Some(m) => clean_line(&l[m.end()..]),
            None => l.clone(),
        };
        assert!(
            kept.contains(l.as_str()) || kept.contains(rest.as_str()),
            "line lost: {l:?}\nkept: {kept:?}"
        );
    }
});
