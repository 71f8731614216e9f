//! HTML cleaning: `ingest::page::strip_html` and the whole page pipeline `ingest_page` (strip,
//! chrome rules, page-break joining, Q&A, sections, quoted articles).
//!
//! Properties: no panic; text without `<` passes `strip_html` unchanged; a page's section and quote
//! offsets lie inside its cleaned text on char boundaries; sections are not empty and their ids
//! are distinct.
#![no_main]

use fatiao::ingest::page::{ingest_page, strip_html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let stripped = strip_html(&text);
    if !text.contains('<') {
        assert_eq!(stripped, text);
    }
    let Ok(out) = ingest_page("fuzz.html", data) else {
        return;
    };
    let page = &out.page;
    let mut ids = std::collections::HashSet::new();
    for s in &page.sections {
        assert!(
            s.offset <= page.text.len() && page.text.is_char_boundary(s.offset),
            "section offset {} of {}",
            s.offset,
            page.text.len()
        );
        assert!(!s.text.trim().is_empty(), "{s:?}");
        assert!(ids.insert(s.id.clone()), "duplicate section id {}", s.id);
    }
    for q in &out.quotes {
        assert!(
            q.offset <= page.text.len() && page.text.is_char_boundary(q.offset),
            "quote offset {} of {}",
            q.offset,
            page.text.len()
        );
        assert!(q.number.main > 0);
    }
});
