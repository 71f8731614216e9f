//! Highlighted snippets: a window of the text around the densest run of query words, HTML-escaped,
//! with matches wrapped in `<mark>`. Windows are cut on character boundaries only.

use std::collections::HashSet;

use crate::normalize::normalize;

/// Escapes text for HTML (element content and attribute values).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Builds a snippet of at most `max_chars` characters of `text`, marking words in `terms`
/// (normalised, ASCII lower-cased, as produced by the legal tokenizer).
pub fn snippet(text: &str, terms: &HashSet<String>, max_chars: usize) -> String {
    // Matched byte ranges in the original text: every occurrence of a query word in the
    // normalised text (a substring search, not a segmentation: cheap, and it marks what the
    // index matched, sub-words included), mapped back to the original characters.
    let norm = normalize(text);
    let hay: std::borrow::Cow<str> = if norm.text.bytes().any(|b| b.is_ascii_uppercase()) {
        norm.text.to_ascii_lowercase().into()
    } else {
        norm.text.as_str().into()
    };
    let mut matches: Vec<(usize, usize)> = terms
        .iter()
        .filter(|t| !t.is_empty())
        .flat_map(|t| hay.match_indices(t.as_str()).map(|(i, m)| (i, i + m.len())))
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
    // Character boundaries of the text.
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let n_chars = bounds.len() - 1;
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);
    let (win_start, win_end) = if n_chars <= max_chars {
        (0, n_chars)
    } else {
        // Slide a window of max_chars chars; pick the one covering the most matches.
        let starts: Vec<usize> = merged.iter().map(|m| char_at(m.0)).collect();
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
    let (a, b) = (bounds[win_start], bounds[win_end]);
    let mut out = String::new();
    if win_start > 0 {
        out.push('…');
    }
    let mut pos = a;
    for &(s, e) in merged.iter().filter(|m| m.0 >= a && m.1 <= b) {
        out.push_str(&escape_html(&text[pos..s]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&text[s..e]));
        out.push_str("</mark>");
        pos = e;
    }
    out.push_str(&escape_html(&text[pos..b]));
    if win_end < n_chars {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(ws: &[&str]) -> HashSet<String> {
        ws.iter().map(|s| s.to_string()).collect()
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
