//! Highlighted snippets: a window of the text around the densest run of query words, HTML-escaped,
//! with matches wrapped in `<mark>`. Windows are cut on character boundaries only.

use crate::normalize::{normalize, normalize_simplified, Normalized};

/// Escapes text for HTML (element content and attribute values).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out` escaped for HTML.
fn push_escaped(out: &mut String, s: &str) {
    // the five characters are ASCII: whole runs between them are copied as they are
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(esc);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// The query words a snippet marks, one substring finder per word built once per query (an
/// Aho-Corasick automaton over the words cost more to build and to run over a hit's text than the
/// finders' vectorised searches: 7 % of a search against under 1 %).
pub struct Marker {
    words: Vec<memchr::memmem::Finder<'static>>,
}

impl Marker {
    /// Marks `terms` (normalised, ASCII lower-cased, as produced by the legal tokenizer).
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Marker {
        Marker {
            words: terms
                .into_iter()
                .filter(|t| !t.is_empty())
                .map(|t| memchr::memmem::Finder::new(t).into_owned())
                .collect(),
        }
    }

    /// Marks nothing.
    pub fn none() -> Marker {
        Marker { words: Vec::new() }
    }

    /// Every occurrence of every word in `hay`, overlapping ones included, as byte ranges.
    fn find(&self, hay: &str) -> Vec<(usize, usize)> {
        let hay = hay.as_bytes();
        let mut out = Vec::new();
        for f in &self.words {
            let len = f.needle().len();
            let mut from = 0;
            // a UTF-8 word starts with a leading byte, so each occurrence starts on a character
            while let Some(i) = f.find(&hay[from..]) {
                out.push((from + i, from + i + len));
                from += i + 1;
            }
        }
        out
    }
}

/// Builds a snippet of at most `max_chars` characters of `text`, marking the words of `marker`.
pub fn snippet(text: &str, marker: &Marker, max_chars: usize) -> String {
    window(text, normalize(text), marker, max_chars)
}

/// [`snippet`] of a text in simplified characters already (a statute's).
pub fn snippet_simplified(text: &str, marker: &Marker, max_chars: usize) -> String {
    window(text, normalize_simplified(text), marker, max_chars)
}

fn window(text: &str, norm: Normalized, marker: &Marker, max_chars: usize) -> String {
    // Matched byte ranges in the original text: every occurrence of a query word in the
    // normalised text (a substring search, not a segmentation: cheap, and it marks what the
    // index matched, sub-words included), mapped back to the original characters.
    let hay: std::borrow::Cow<str> = if norm.text.bytes().any(|b| b.is_ascii_uppercase()) {
        norm.text.to_ascii_lowercase().into()
    } else {
        norm.text.as_str().into()
    };
    let mut matches: Vec<(usize, usize)> = marker
        .find(&hay)
        .into_iter()
        .map(|(s, e)| norm.original_range(s, e))
        .collect();
    matches.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in matches {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    // The window, in characters; character counts are taken over the parts of the text they
    // need, not kept for every character (a statute runs to thousands).
    let n_chars = text.chars().count();
    let (win_start, win_end) = if n_chars <= max_chars {
        (0, n_chars)
    } else {
        // Slide a window of max_chars chars; pick the one covering the most matches.
        let mut starts: Vec<usize> = Vec::with_capacity(merged.len());
        let (mut at_byte, mut at_char) = (0, 0);
        for m in &merged {
            at_char += text[at_byte..m.0].chars().count();
            at_byte = m.0;
            starts.push(at_char);
        }
        let mut best = (0usize, 0usize);
        for (i, &s) in starts.iter().enumerate() {
            let from = s.saturating_sub(max_chars / 5);
            let count = starts[i..]
                .iter()
                .take_while(|&&x| x < from + max_chars)
                .count();
            if count > best.1 {
                best = (from, count);
            }
        }
        let from = best.0.min(n_chars - max_chars);
        (from, from + max_chars)
    };
    let byte_of = |from_byte: usize, chars: usize| {
        text[from_byte..]
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| from_byte + i)
    };
    let a = byte_of(0, win_start);
    let b = byte_of(a, win_end - win_start);
    let mut out = String::with_capacity(b - a + 64);
    if win_start > 0 {
        out.push('…');
    }
    let mut pos = a;
    for &(s, e) in merged.iter().filter(|m| m.0 >= a && m.1 <= b) {
        push_escaped(&mut out, &text[pos..s]);
        out.push_str("<mark>");
        push_escaped(&mut out, &text[s..e]);
        out.push_str("</mark>");
        pos = e;
    }
    push_escaped(&mut out, &text[pos..b]);
    if win_end < n_chars {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(ws: &[&str]) -> Marker {
        Marker::new(ws.iter().copied())
    }

    #[test]
    fn marks_overlapping_words_as_one_run() {
        let s = snippet(
            "被取保候审人应当遵守",
            &terms(&["取保", "保候审", "候审人"]),
            200,
        );
        assert!(s.contains("被<mark>取保候审人</mark>应当"), "{s}");
        assert_eq!(snippet("取保候审", &Marker::none(), 200), "取保候审");
    }

    #[test]
    fn marks_words_and_escapes_html() {
        let s = snippet(
            "<script>alert(1)</script>犯罪嫌疑人可以取保候审",
            &terms(&["取保候审"]),
            200,
        );
        assert!(s.contains("&lt;script&gt;"), "{s}");
        assert!(!s.contains("<script>"));
        assert!(s.contains("<mark>取保候审</mark>"), "{s}");
    }

    #[test]
    fn a_simplified_text_is_still_read_at_half_width() {
        let s = snippet_simplified("期限为１２个月", &terms(&["12个月"]), 200);
        assert!(s.contains("<mark>１２个月</mark>"), "{s}");
    }

    #[test]
    fn marks_traditional_text_on_the_original_characters() {
        let s = snippet("被告人可以取保候審。", &terms(&["取保候审"]), 200);
        assert!(s.contains("<mark>取保候審</mark>"), "{s}");
    }

    #[test]
    fn windows_never_cut_a_character() {
        let text = "甲".repeat(300) + "保证金" + &"乙".repeat(300);
        let s = snippet(&text, &terms(&["保证金"]), 50);
        assert!(s.contains("<mark>保证金</mark>"));
        assert!(s.chars().filter(|c| *c == '甲' || *c == '乙').count() <= 50);
        assert!(s.starts_with('…') && s.ends_with('…'));
    }
}
