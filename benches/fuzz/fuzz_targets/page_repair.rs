//! Pinyin-damage repair: `ingest::repair::repair` on any text (the ingester runs it only when
//! `looks_damaged`, but it must hold for any input).
//!
//! Properties: no panic; no line is added or dropped; a text without `?` and without `(` comes
//! back unchanged with nothing counted; a text without `?` has no damaged or repaired spans.
#![no_main]

use fatiao::ingest::repair::{looks_damaged, repair};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = looks_damaged(&text);
    let (out, report) = repair(&text);
    assert_eq!(
        out.split('\n').count(),
        text.split('\n').count(),
        "lines added or dropped: {out:?}"
    );
    if !text.contains('?') {
        assert_eq!(
            (report.spans_repaired, report.spans_damaged),
            (0, 0),
            "{report:?}"
        );
        if !text.contains('(') {
            assert_eq!(out, text);
        }
    }
});
