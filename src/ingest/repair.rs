//! Repair of pages damaged by inserted pinyin annotations (seed 004, see
//! ../shared/notes/seed-004-damage.md).
//!
//! The damage: a GBK page had `(pīnyīn)` inserted after the byte pairs of some characters — at any
//! byte offset, so sometimes between the two bytes of a character — and was then decoded as GBK. A
//! well-formed annotation after a character (`執(zhí)`) is simply deleted. Where an annotation split a
//! character, the decoder swallowed its lead byte with the `(` into one `?` and read what followed
//! out of phase (`取保候?qū)彽臈l件`): the repair rebuilds the original byte stream — the bytes
//! the damaged text decodes from, plus one unknown byte for each `?` — and decodes it again.
//!
//! The unknown bytes are chosen by a Viterbi search per line: the state is (pending lead byte, last
//! byte, last character); candidates are constrained by the annotation (`?qū)`: the pair formed
//! by the byte before and the lost byte must read qū) and by GBK validity, and scored with a
//! character bigram model of the statutes (`corpus/charlm.txt`) plus the page's own undamaged lines.
//! A line with no valid decoding is kept with its damage marked `⟦?⟧`, never dropped.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::records::RepairReport;

const PY: &str = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+";

static ANNOTATION_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"([\p{{Han}}A-Za-z])\(({PY})\)")).unwrap());
static ITEM_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\?({PY})\)|\?(br/>|/p>|span[^>]*>)|\?|\(({PY})\)|(br/>|/p>|<span[^>]*>|span[^>]*>)|(?s:.)"
    ))
    .unwrap()
});

/// Marker for text the repair could not rebuild.
pub const DAMAGED: &str = "⟦?⟧";

/// Whether a text shows pinyin-annotation damage (at least three `字(pīnyīn)` groups).
pub fn looks_damaged(text: &str) -> bool {
    ANNOTATION_RE.find_iter(text).take(3).count() >= 3
}

/// Character bigram model: statute counts (corpus/charlm.txt) plus the page's own clean text.
struct Lm {
    /// characters of the page's own undamaged text, in its own script
    page_chars: std::collections::HashSet<char>,
    page_uni: HashMap<char, f64>,
    page_bi: HashMap<(char, char), f64>,
    total: f64,
}

/// Weight of one occurrence in the page's own text, against one in the statutes.
const PAGE_WEIGHT: f64 = 50.0;

/// Unigram counts, bigram counts, total.
type Counts = (HashMap<char, f64>, HashMap<(char, char), f64>, f64);

static STATUTE_LM: LazyLock<Counts> = LazyLock::new(|| {
    let mut uni = HashMap::new();
    let mut bi = HashMap::new();
    for line in include_str!("../../corpus/charlm.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((k, n)) = line.rsplit_once('\t') else {
            continue;
        };
        let Ok(n) = n.parse::<f64>() else { continue };
        let mut cs = k.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(a), None, _) => {
                uni.insert(a, n);
            }
            (Some(a), Some(b), None) => {
                bi.insert((a, b), n);
            }
            _ => {}
        }
    }
    let total = uni.values().sum();
    (uni, bi, total)
});

impl Lm {
    fn new(page_clean: &str) -> Lm {
        let mut page_uni = HashMap::new();
        let mut page_bi = HashMap::new();
        let norm = crate::normalize::normalize_str(page_clean);
        let chars: Vec<char> = norm.chars().filter(|c| !c.is_whitespace()).collect();
        for &c in &chars {
            *page_uni.entry(c).or_insert(0.0) += PAGE_WEIGHT;
        }
        for w in chars.windows(2) {
            *page_bi.entry((w[0], w[1])).or_insert(0.0) += PAGE_WEIGHT;
        }
        let total = (STATUTE_LM.2 + page_uni.values().sum::<f64>()).max(1.0);
        Lm {
            page_chars: page_clean.chars().collect(),
            page_uni,
            page_bi,
            total,
        }
    }

    fn uni(&self, c: char) -> f64 {
        STATUTE_LM.0.get(&c).copied().unwrap_or(0.0) + self.page_uni.get(&c).copied().unwrap_or(0.0)
    }

    fn bi(&self, a: char, b: char) -> f64 {
        STATUTE_LM.1.get(&(a, b)).copied().unwrap_or(0.0)
            + self.page_bi.get(&(a, b)).copied().unwrap_or(0.0)
    }

    /// log P(c | prev), interpolated, on the simplified half-width forms.
    fn score(&self, prev: Option<char>, c: char) -> f64 {
        let c = norm_char(c);
        let cu = self.uni(c);
        let pu = if cu > 0.0 {
            cu / self.total
        } else {
            1e-3 / self.total
        };
        let p = match prev.map(norm_char) {
            Some(a) => {
                let ca = self.uni(a);
                if ca > 0.0 {
                    0.7 * self.bi(a, c) / ca + 0.3 * pu
                } else {
                    pu
                }
            }
            None => pu,
        };
        p.max(1e-12).ln()
    }
}

fn norm_char(c: char) -> char {
    crate::normalize::normalize_str(&c.to_string())
        .chars()
        .next()
        .unwrap_or(c)
}

/// The character two GBK bytes decode to, if they form one that is not in a user-defined area.
fn pair(a: u8, b: u8) -> Option<char> {
    static TABLE: LazyLock<Vec<Option<char>>> = LazyLock::new(|| {
        let mut t = vec![None; 256 * 256];
        for a in 0x81u8..=0xFE {
            for b in 0x40u8..=0xFE {
                let bytes = [a, b];
                let Some(s) =
                    encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&bytes)
                else {
                    continue;
                };
                let mut cs = s.chars();
                if let (Some(c), None) = (cs.next(), cs.next()) {
                    if !('\u{E000}'..='\u{F8FF}').contains(&c) && !c.is_ascii() {
                        t[(a as usize) << 8 | b as usize] = Some(c);
                    }
                }
            }
        }
        t
    });
    TABLE[(a as usize) << 8 | b as usize]
}

fn gbk_bytes(c: char) -> Option<Vec<u8>> {
    let s = c.to_string();
    let (b, _, unmappable) = encoding_rs::GBK.encode(&s);
    (!unmappable).then(|| b.into_owned())
}

fn readings(c: char) -> Vec<&'static str> {
    use pinyin::ToPinyinMulti;
    c.to_pinyin_multi()
        .map(|m| m.into_iter().map(|p| p.with_tone()).collect())
        .unwrap_or_default()
}

#[derive(Debug, Clone)]
enum Item {
    /// `?pinyin)`: a lost byte X with `(`; pair(last, X) reads as the pinyin.
    Qa(String),
    /// `?` before an HTML tag fragment: a lost byte X with `<`.
    Qb,
    /// any other `?`: one lost byte.
    Qc,
    /// a well-formed annotation: inserted text, deleted.
    Annotation,
    /// a tag fragment (`br/>`): markup, not text.
    Tag,
    Char(char),
}

fn items(line: &str) -> Vec<Item> {
    ITEM_RE
        .captures_iter(line)
        .map(|c| {
            if let Some(py) = c.get(1) {
                Item::Qa(py.as_str().to_string())
            } else if c.get(2).is_some() {
                Item::Qb
            } else if c.get(3).is_some() {
                Item::Annotation
            } else if c.get(4).is_some() {
                Item::Tag
            } else if &c[0] == "?" {
                Item::Qc
            } else {
                Item::Char(c[0].chars().next().unwrap_or(' '))
            }
        })
        .collect()
}

#[derive(Debug, Clone)]
struct Hyp {
    pending: Option<u8>,
    last: u8,
    prev: Option<char>,
    out: String,
    score: f64,
    /// places marked damaged
    damaged: usize,
}

impl Hyp {
    fn emit(&mut self, c: char, lm: &Lm) {
        // the page's convention: full-width ASCII folded to half-width
        let c = crate::normalize::half_width(c);
        self.score += lm.score(self.prev, c);
        self.prev = Some(c);
        self.out.push(c);
    }

    /// Feeds one byte of the rebuilt stream; None when it cannot continue a valid GBK decoding.
    fn feed(&self, b: u8, lm: &Lm) -> Option<Hyp> {
        let mut h = self.clone();
        match h.pending.take() {
            Some(p) => {
                let c = pair(p, b)?;
                h.emit(c, lm);
            }
            None if b < 0x80 => h.emit(b as char, lm),
            None if (0x81..=0xFE).contains(&b) => h.pending = Some(b),
            None => return None,
        }
        h.last = b;
        Some(h)
    }

    /// Gives up on a lost byte: marks the place as damaged and restarts aligned. Costly, so the
    /// search takes it only where no decoding explains the evidence.
    fn resync(&self) -> Hyp {
        let mut h = self.clone();
        h.pending = None;
        h.out.push_str(DAMAGED);
        h.prev = None;
        h.score -= 40.0;
        h.damaged += 1;
        h
    }

    fn feed_all(&self, bytes: &[u8], lm: &Lm) -> Option<Hyp> {
        let mut h = self.clone();
        for &b in bytes {
            h = h.feed(b, lm)?;
        }
        Some(h)
    }
}

/// Keeps the best hypothesis per state (pending, last byte, last char): exact for a bigram model.
fn merge(hyps: Vec<Hyp>, beam: usize) -> Vec<Hyp> {
    let mut best: HashMap<(Option<u8>, u8, Option<char>), Hyp> = HashMap::new();
    for h in hyps {
        let key = (h.pending, h.last, h.prev);
        match best.get(&key) {
            Some(b) if b.score >= h.score => {}
            _ => {
                best.insert(key, h);
            }
        }
    }
    let mut v: Vec<Hyp> = best.into_values().collect();
    v.sort_by(|a, b| b.score.total_cmp(&a.score));
    v.truncate(beam);
    v
}

/// Hypotheses the search may extend per page (the seed-004 page uses 260 000). Each `?` can
/// multiply the hypotheses by 190, so a page full of `?` (mojibake, not this damage) would take
/// hours; once the budget is spent, the remaining damaged lines are kept with their damage marked.
pub const SEARCH_BUDGET: usize = 2_000_000;

/// Repairs one damaged line: the text and the number of places left marked damaged. None when
/// no decoding is valid or `budget` (hypotheses extended, shared by the page) runs out.
fn repair_line(line: &str, lm: &Lm, budget: &mut usize) -> Option<(String, usize)> {
    let mut hyps = vec![Hyp {
        pending: None,
        last: b'\n',
        prev: None,
        out: String::new(),
        score: 0.0,
        damaged: 0,
    }];
    for item in items(line) {
        let mut next = Vec::new();
        for h in &hyps {
            match &item {
                Item::Annotation | Item::Tag => next.push(h.clone()),
                Item::Char(c) if c.is_ascii() => {
                    if let Some(x) = h.feed(*c as u8, lm) {
                        next.push(x);
                    }
                    // a full-width character read across a boundary and folded to half-width
                    if h.pending.is_some() && (0x21..=0x7E).contains(&(*c as u32)) {
                        if let Some(x) = h.feed_all(&[0xA3, *c as u8 + 0x80], lm) {
                            next.push(x);
                        }
                    }
                }
                Item::Char(c) => {
                    if let Some(x) = gbk_bytes(*c).and_then(|b| h.feed_all(&b, lm)) {
                        next.push(x);
                    }
                }
                Item::Qa(py) => {
                    // A1: the lost byte X makes, with the byte before, the annotated character.
                    for x in 0x40u8..=0xFE {
                        if x == 0x7F
                            || !pair(h.last, x).is_some_and(|c| readings(c).contains(&py.as_str()))
                        {
                            continue;
                        }
                        if let Some(n) = h.feed(x, lm) {
                            next.push(n);
                        }
                    }
                    // A2: a whole annotated character was lost with its `(`.
                    if h.pending.is_none() {
                        for bytes in chars_read_as(py) {
                            if let Some(mut n) = h.feed_all(bytes, lm) {
                                // the page's own script: 執 where the page writes 執, not 执
                                let own = n.prev.is_some_and(|c| lm.page_chars.contains(&c));
                                n.score -= if own { 3.0 } else { 6.0 };
                                next.push(n);
                            }
                        }
                    }
                    next.push(h.resync());
                }
                Item::Qb => {
                    next.push(h.resync());
                    if h.pending.is_some() {
                        for x in 0x40u8..=0xFE {
                            if let Some(n) = h.feed(x, lm) {
                                next.push(Hyp { last: b'<', ..n });
                            }
                        }
                    }
                }
                Item::Qc => {
                    next.push(h.resync());
                    for x in 0x40u8..=0xFE {
                        if let Some(mut n) = h.feed(x, lm) {
                            n.score -= 2.0; // a lost byte is less likely than none
                            next.push(n);
                        }
                    }
                }
            }
        }
        *budget = budget.checked_sub(next.len())?;
        hyps = merge(next, 400);
        if hyps.is_empty() {
            return None;
        }
    }
    hyps.into_iter()
        .filter(|h| h.pending.is_none())
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .map(|h| (h.out, h.damaged))
}

/// GBK byte pairs of every character with this reading (for a character lost whole).
fn chars_read_as(py: &str) -> &'static [Vec<u8>] {
    static BY_READING: LazyLock<HashMap<&'static str, Vec<Vec<u8>>>> = LazyLock::new(|| {
        let mut m: HashMap<&'static str, Vec<Vec<u8>>> = HashMap::new();
        for a in 0x81u8..=0xFE {
            for b in 0x40u8..=0xFE {
                if let Some(c) = pair(a, b) {
                    for r in readings(c) {
                        m.entry(r).or_default().push(vec![a, b]);
                    }
                }
            }
        }
        m
    });
    BY_READING.get(py).map(Vec::as_slice).unwrap_or(&[])
}

/// Repairs the text. Returns the repaired text and what was done.
pub fn repair(text: &str) -> (String, RepairReport) {
    let mut report = RepairReport {
        annotations_removed: ANNOTATION_RE.find_iter(text).count()
            + Regex::new(&format!(r"\?{PY}\)"))
                .map(|r| r.find_iter(text).count())
                .unwrap_or(0),
        ..Default::default()
    };
    // The page's undamaged lines, annotations removed, train the model.
    let clean: String = text
        .lines()
        .filter(|l| !l.contains('?'))
        .map(|l| ANNOTATION_RE.replace_all(l, "$1").into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    let lm = Lm::new(&clean);
    let mut budget = SEARCH_BUDGET;
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let spans = damaged_spans(line);
        if spans == 0 {
            out.push_str(&ANNOTATION_RE.replace_all(line, "$1"));
            continue;
        }
        match repair_line(line, &lm, &mut budget) {
            Some((fixed, damaged)) => {
                let damaged = damaged.min(spans);
                report.spans_repaired += spans - damaged;
                report.spans_damaged += damaged;
                out.push_str(&fixed);
            }
            None => {
                report.spans_damaged += spans;
                let kept = ANNOTATION_RE.replace_all(line, "$1");
                let marked = Regex::new(&format!(r"\?(?:{PY}\))?"))
                    .map(|r| r.replace_all(&kept, DAMAGED).into_owned());
                out.push_str(&marked.unwrap_or_else(|_| kept.into_owned()));
            }
        }
    }
    (out, report)
}

/// Damaged spans of a line: clusters of `?` at most 16 characters apart.
fn damaged_spans(line: &str) -> usize {
    let mut spans = 0;
    let mut last: Option<usize> = None;
    for (i, c) in line.chars().enumerate() {
        if c == '?' {
            if last.is_none_or(|l| i - l > 16) {
                spans += 1;
            }
            last = Some(i);
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_example() {
        let (fixed, r) = repair(
            "第六十七條 【取保候?qū)彽臈l件與執(zhí)行】人民法院\n執(zhí)行。關(guān)於。規(guī)定",
        );
        assert!(
            fixed.starts_with("第六十七條 【取保候審的條件與執行】人民法院"),
            "{fixed}"
        );
        assert_eq!(r.spans_repaired, 1);
        assert_eq!(r.spans_damaged, 0);
    }

    #[test]
    fn arbitrary_input_never_panics() {
        for s in [
            "?",
            "??(a)",
            "(zhí)",
            "?zhí)",
            "?br/>",
            "abc?def",
            "執(zhí)?",
            "\u{FFFD}?qū)",
        ] {
            let _ = repair(s);
        }
    }
}
