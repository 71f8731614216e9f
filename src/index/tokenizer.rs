//! The legal tokenizer: one tantivy tokenizer over a single shared `Arc<Jieba>` with the legal user
//! dictionary (corpus/legal_dict.txt), applied to normalised text (traditional → simplified,
//! full-width → half-width, zero-width removed) with offsets mapped back to the original text.
//!
//! Search mode (indexing) also emits the dictionary sub-words of long words (被取保候审人 → 取保,
//! 候审, 取保候审, 被取保候审人); default mode (queries) emits each word once. A character-bigram
//! tokenizer feeds a recall field.

use std::sync::{Arc, LazyLock};

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::normalize::normalize;

/// The legal user dictionary, compiled in.
pub const LEGAL_DICT: &str = include_str!("../../corpus/legal_dict.txt");

static JIEBA: LazyLock<Arc<Jieba>> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for line in LEGAL_DICT.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
            continue;
        };
        let freq = freq.parse::<usize>().ok();
        jieba.add_word(word, freq, parts.next());
    }
    Arc::new(jieba)
});

/// The shared segmenter with the legal dictionary loaded.
pub fn jieba() -> Arc<Jieba> {
    Arc::clone(&JIEBA)
}

/// Segmentation mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Index time: words plus their dictionary sub-words.
    Search,
    /// Query time: each word once.
    Default,
}

/// A token of the original text: normalised word and its byte range in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn is_indexable(word: &str) -> bool {
    word.chars().any(|c| c.is_alphanumeric())
}

/// Segments `text` into normalised words with offsets into the original `text`.
pub fn segment(text: &str, mode: Mode) -> Vec<Word> {
    let n = normalize(text);
    let jieba = &*JIEBA;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    match mode {
        Mode::Default => spans.extend(
            jieba
                .cut(&n.text, true)
                .iter()
                .map(|t| (t.byte_start, t.byte_end)),
        ),
        Mode::Search => {
            for t in jieba.cut_for_search(&n.text, true) {
                // jieba's search mode adds 2- and 3-character sub-words; add the longer dictionary
                // sub-words too (被取保候审人 → 取保候审).
                let chars: Vec<(usize, char)> = t.word.char_indices().collect();
                if chars.len() > 4 {
                    for len in 4..chars.len() {
                        for i in 0..=chars.len() - len {
                            let a = chars[i].0;
                            let b = chars.get(i + len).map_or(t.word.len(), |c| c.0);
                            if jieba.has_word(&t.word[a..b]) {
                                spans.push((t.byte_start + a, t.byte_start + b));
                            }
                        }
                    }
                }
                spans.push((t.byte_start, t.byte_end));
            }
        }
    }
    spans
        .into_iter()
        .filter(|&(a, b)| is_indexable(&n.text[a..b]))
        .map(|(a, b)| {
            let (start, end) = n.original_range(a, b);
            Word {
                text: n.text[a..b].to_lowercase(),
                start,
                end,
            }
        })
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Character bigrams of the CJK runs of `text` (normalised), plus ASCII alphanumeric words.
pub fn bigrams(text: &str) -> Vec<Word> {
    let n = normalize(text);
    let chars: Vec<(usize, char)> = n.text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if is_cjk(c) {
            if let Some(&(pos2, c2)) = chars.get(i + 1) {
                if is_cjk(c2) {
                    let end = pos2 + c2.len_utf8();
                    let (start, end_o) = n.original_range(pos, end);
                    out.push(Word {
                        text: n.text[pos..end].to_string(),
                        start,
                        end: end_o,
                    });
                }
            }
            i += 1;
        } else if c.is_ascii_alphanumeric() {
            let mut j = i;
            while j < chars.len() && chars[j].1.is_ascii_alphanumeric() {
                j += 1;
            }
            let end = chars.get(j).map(|x| x.0).unwrap_or(n.text.len());
            let (start, end_o) = n.original_range(pos, end);
            out.push(Word {
                text: n.text[pos..end].to_lowercase(),
                start,
                end: end_o,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// tantivy tokenizer names registered on the index.
pub const LEGAL: &str = "fatiao_legal";
pub const LEGAL_QUERY: &str = "fatiao_legal_query";
pub const BIGRAM: &str = "fatiao_bigram";

/// The tantivy tokenizer over [`segment`] or [`bigrams`].
#[derive(Clone)]
pub struct LegalTokenizer {
    kind: Kind,
    token: Token,
}

#[derive(Clone, Copy)]
enum Kind {
    Words(Mode),
    Bigrams,
}

impl LegalTokenizer {
    pub fn words(mode: Mode) -> Self {
        LegalTokenizer {
            kind: Kind::Words(mode),
            token: Token::default(),
        }
    }

    pub fn bigrams() -> Self {
        LegalTokenizer {
            kind: Kind::Bigrams,
            token: Token::default(),
        }
    }
}

pub struct WordStream<'a> {
    words: std::vec::IntoIter<Word>,
    token: &'a mut Token,
    position: usize,
}

impl Tokenizer for LegalTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        let words = match self.kind {
            Kind::Words(mode) => segment(text, mode),
            Kind::Bigrams => bigrams(text),
        };
        self.token.reset();
        WordStream {
            words: words.into_iter(),
            token: &mut self.token,
            position: 0,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        match self.words.next() {
            Some(w) => {
                self.token.text = w.text;
                self.token.offset_from = w.start;
                self.token.offset_to = w.end;
                self.token.position = self.position;
                self.token.position_length = 1;
                self.position += 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Registers the tokenizers on an index.
pub fn register(index: &tantivy::Index) {
    let m = index.tokenizers();
    m.register(LEGAL, LegalTokenizer::words(Mode::Search));
    m.register(LEGAL_QUERY, LegalTokenizer::words(Mode::Default));
    m.register(BIGRAM, LegalTokenizer::bigrams());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str, mode: Mode) -> Vec<String> {
        segment(s, mode).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn legal_words_stay_whole() {
        for w in [
            "取保候审",
            "被取保候审人",
            "保证人",
            "犯罪嫌疑人",
            "社会危险性",
            "法定最高刑",
            "羁押期限",
            "监视居住",
        ] {
            assert_eq!(words(w, Mode::Default), vec![w.to_string()], "{w}");
        }
    }

    #[test]
    fn search_mode_adds_sub_words() {
        let w = words("被取保候审人", Mode::Search);
        for sub in ["取保", "候审", "取保候审", "被取保候审人"] {
            assert!(w.contains(&sub.to_string()), "{sub} missing in {w:?}");
        }
        let w = words("指定居所监视居住", Mode::Search);
        assert!(w.contains(&"监视居住".to_string()), "{w:?}");
    }

    #[test]
    fn traditional_input_gives_simplified_tokens_with_original_offsets() {
        let s = "取保候審保證金";
        let ws = segment(s, Mode::Default);
        let texts: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, vec!["取保候审", "保证金"]);
        assert_eq!(&s[ws[1].start..ws[1].end], "保證金");
    }

    #[test]
    fn bigrams_cover_cjk_runs() {
        let b: Vec<String> = bigrams("取保候审 ABC")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(b, vec!["取保", "保候", "候审", "abc"]);
    }
}
