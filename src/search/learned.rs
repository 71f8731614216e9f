//! Questions people asked, attached to the articles that answered them: a table learned from the
//! STARD **train** split (`corpus/learned/stard_train.tsv`, built by `fatiao learn`), never from its
//! dev split. Each row is an article with the words of the training questions whose gold it is; a
//! question is matched against those words with BM25 and the match is added to the article's
//! score ([`ASKED_WEIGHT`]). Real questions share words with other real questions ("老公", "彩礼",
//! "工资") far more than with the statute that answers them.
//!
//! The table holds words, not the questions: the query words of each question ([`query_terms`]),
//! one row per article, each word as often as it was asked.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::eval::Question;
use crate::search::query_terms;

/// The table shipped with the binary (built from STARD train by `fatiao learn`).
const EMBEDDED_TSV: &str = include_str!("../../corpus/learned/stard_train.tsv");

/// How much a match of the question's words against an article's asked words adds to its score,
/// in BM25 units of the word query. Chosen on the train split alone, two folds (the table built
/// from one half, measured on the other; 0.6 / 6 / 20 / 30 tried): see `corpus/learned/README.md`.
pub const ASKED_WEIGHT: f32 = 20.0;

/// The share of [`ASKED_WEIGHT`] kept when the question names a concept of the reviewed table
/// (`understand::links`): its key provisions are ranked in from there, and the training questions
/// (all of Chinese law) know little of bail and custody. A judgement, checked on `questions.jsonl`
/// via ask (hit@5 0.904 with and without the table at 0.25).
pub const WITH_CONCEPT: f32 = 0.25;

/// At most this many articles are taken from the table per question.
pub const ASKED_TOP: usize = 30;

/// A row's match is scaled by the share of the question's words (by idf) it has, to this power:
/// one word shared with many questions (保证人 of a civil guarantee, asked about a bail guarantor)
/// counts for little. Two train folds: 1 against 0 (no scaling) and 0.5 gave the best recall@10.
pub const COVERAGE_POWER: f32 = 1.0;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The table: articles with the words asked about them, and an inverted list of those words.
#[derive(Debug, Default)]
pub struct Learned {
    /// (law title, article number) per row.
    pub docs: Vec<(String, String)>,
    doc_len: Vec<u32>,
    avg_len: f32,
    /// word → (row, count).
    postings: HashMap<String, Vec<(u32, u32)>>,
}

impl Learned {
    /// Parses the headed TSV (`law`, `number`, `questions`, `words`); an error names the line.
    pub fn parse(tsv: &str) -> Result<Learned> {
        let mut t = Learned::default();
        let mut header = true;
        for (n, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if header {
                header = false;
                if line.starts_with("law\t") {
                    continue;
                }
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(Error::BadRequest(format!(
                    "learned table line {}: {} columns, expected law, number, questions, words",
                    n + 1,
                    cols.len()
                )));
            }
            let row = t.docs.len() as u32;
            let mut counts: HashMap<&str, u32> = HashMap::new();
            let mut len = 0;
            for w in cols[3].split(' ').filter(|w| !w.is_empty()) {
                *counts.entry(w).or_default() += 1;
                len += 1;
            }
            for (w, c) in counts {
                t.postings.entry(w.to_string()).or_default().push((row, c));
            }
            t.docs.push((cols[0].to_string(), cols[1].to_string()));
            t.doc_len.push(len);
        }
        let total: u64 = t.doc_len.iter().map(|&l| l as u64).sum();
        t.avg_len = if t.docs.is_empty() {
            1.0
        } else {
            total as f32 / t.docs.len() as f32
        };
        Ok(t)
    }

    /// BM25 of the question's words against each row's asked words: (row, score), best first, at
    /// most [`ASKED_TOP`].
    pub fn scores(&self, terms: &[String]) -> Vec<(usize, f32)> {
        let n = self.docs.len() as f32;
        let unseen = ((n + 0.5) / 0.5).ln_1p();
        let mut total_idf = 0.0;
        // row → (BM25, idf of the question's words it has)
        let mut acc: HashMap<u32, (f32, f32)> = HashMap::new();
        for t in terms {
            let Some(list) = self.postings.get(t) else {
                total_idf += unseen;
                continue;
            };
            let df = list.len() as f32;
            let idf = ((n - df + 0.5) / (df + 0.5)).ln_1p();
            total_idf += idf;
            for &(row, tf) in list {
                let tf = tf as f32;
                let norm = K1 * (1.0 - B + B * self.doc_len[row as usize] as f32 / self.avg_len);
                let e = acc.entry(row).or_default();
                e.0 += idf * tf * (K1 + 1.0) / (tf + norm);
                e.1 += idf;
            }
        }
        let mut out: Vec<(usize, f32)> = acc
            .into_iter()
            .map(|(r, (s, covered))| {
                (
                    r as usize,
                    s * (covered / total_idf.max(f32::EPSILON)).powf(COVERAGE_POWER),
                )
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(ASKED_TOP);
        out
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

static TABLE: OnceLock<Learned> = OnceLock::new();

/// The table in use: the embedded one unless [`use_table`] chose another first.
pub fn table() -> &'static Learned {
    TABLE.get_or_init(|| {
        Learned::parse(EMBEDDED_TSV).expect("corpus/learned/stard_train.tsv parses (unit test)")
    })
}

/// Uses another table for this process (`fatiao eval --learned FILE`: measuring a table built
/// from part of the train split on the rest). Must come before the first search; false if a
/// table was already in use.
pub fn use_table(t: Learned) -> bool {
    TABLE.set(t).is_ok()
}

/// Builds the table from labelled questions (the caller passes the train split only): one row
/// per gold article, its words those of every question it answers, in a stable order.
pub fn build(questions: &[Question]) -> String {
    /// One row under construction: how many questions, and their words.
    #[derive(Default)]
    struct Row {
        questions: usize,
        words: Vec<String>,
    }
    let mut rows: std::collections::BTreeMap<(String, String), Row> = Default::default();
    for q in questions {
        let words: Vec<String> = query_terms(&q.question)
            .into_iter()
            .filter(|w| w.chars().count() >= 2 && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        for g in &q.gold {
            let row = rows.entry(g.clone()).or_default();
            row.questions += 1;
            row.words.extend(words.iter().cloned());
        }
    }
    let mut out = String::from(
        "# Words of STARD training questions (MIT licence), per gold article; built by `fatiao learn`.\n\
         law\tnumber\tquestions\twords\n",
    );
    for ((law, number), row) in rows {
        out.push_str(&format!(
            "{law}\t{number}\t{}\t{}\n",
            row.questions,
            row.words.join(" ")
        ));
    }
    out
}

/// Whether question `i` of a list is in fold `r` of `n` (`--fold r/n`).
pub fn in_fold(i: usize, fold: (usize, usize)) -> bool {
    i % fold.1 == fold.0
}

/// The questions in fold `r/n` (`inside`), or all but them: what `fatiao eval --fold` measures
/// and what `fatiao learn --leave-out` learns from.
pub fn split_fold<T>(items: Vec<T>, fold: (usize, usize), inside: bool) -> Vec<T> {
    items
        .into_iter()
        .enumerate()
        .filter(|(i, _)| in_fold(*i, fold) == inside)
        .map(|(_, q)| q)
        .collect()
}

/// Parses `r/n` (0 ≤ r < n).
pub fn parse_fold(s: &str) -> Result<(usize, usize)> {
    let bad = || Error::BadRequest(format!("fold {s:?}: expected r/n with 0 <= r < n"));
    let (r, n) = s.split_once('/').ok_or_else(bad)?;
    let (r, n): (usize, usize) = (
        r.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || r >= n {
        return Err(bad());
    }
    Ok((r, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses_and_scores_a_question() {
        let t = table();
        assert!(t.docs.len() > 500, "{} rows", t.docs.len());
        let s = t.scores(&query_terms("离婚后孩子的抚养费怎么算"));
        assert!(!s.is_empty());
        assert!(s.windows(2).all(|w| w[0].1 >= w[1].1));
    }

    #[test]
    fn build_groups_words_by_article() {
        let q = |question: &str, gold: &[(&str, &str)]| Question {
            id: String::new(),
            question: question.into(),
            gold: gold
                .iter()
                .map(|(l, n)| (l.to_string(), n.to_string()))
                .collect(),
        };
        let tsv = build(&[
            q("彩礼可以要回来吗", &[("民法典", "1042")]),
            q("订婚彩礼退还", &[("民法典", "1042"), ("婚姻解释", "5")]),
        ]);
        let t = Learned::parse(&tsv).unwrap();
        assert_eq!(t.docs.len(), 2);
        let s = t.scores(&["彩礼".to_string()]);
        assert_eq!(t.docs[s[0].0].1, "1042", "{tsv}");
        assert!(Learned::parse("law\tnumber\n甲\t1\n").is_err());
        assert_eq!(parse_fold("1/2").unwrap(), (1, 2));
        assert!(parse_fold("2/2").is_err() && parse_fold("x").is_err());
    }
}
