//! Retrieval evaluation over labelled question files (../shared/eval/*.jsonl).
//!
//! Each line has `question` and gold articles, either `gold: [{law, number}]` (stard.jsonl) or
//! `gold_primary: [{law, article}]` (questions.jsonl). Reports hit@1/5/10, recall@5/10/100 and MRR@10.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Deserialize)]
struct GoldRef {
    law: String,
    #[serde(default)]
    number: Option<serde_json::Value>,
    #[serde(default)]
    article: Option<serde_json::Value>,
}

impl GoldRef {
    fn key(&self) -> Option<(String, String)> {
        let v = self.number.as_ref().or(self.article.as_ref())?;
        let n = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return None,
        };
        Some((self.law.clone(), n))
    }
}

#[derive(Debug, Clone, Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<String>,
    question: String,
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    gold: Vec<GoldRef>,
    #[serde(default)]
    gold_primary: Vec<GoldRef>,
}

/// A labelled question.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub question: String,
    /// Gold (law title, article number) pairs.
    pub gold: Vec<(String, String)>,
}

/// Reads a JSONL eval file, keeping only the given split when one is asked for.
pub fn load(path: &Path, split: Option<&str>) -> Result<Vec<Question>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(l)
            .map_err(|e| Error::BadRequest(format!("{}:{}: {e}", path.display(), i + 1)))?;
        if let Some(s) = split {
            if line.split.as_deref() != Some(s) {
                continue;
            }
        }
        let gold_src = if line.gold_primary.is_empty() {
            &line.gold
        } else {
            &line.gold_primary
        };
        let gold: Vec<(String, String)> = gold_src.iter().filter_map(GoldRef::key).collect();
        if gold.is_empty() {
            continue;
        }
        out.push(Question {
            id: line.id.unwrap_or_else(|| format!("line-{}", i + 1)),
            question: line.question,
            gold,
        });
    }
    Ok(out)
}

/// Aggregate retrieval metrics.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Metrics {
    pub questions: usize,
    pub hit_at_1: f64,
    pub hit_at_5: f64,
    pub hit_at_10: f64,
    pub recall_at_5: f64,
    pub recall_at_10: f64,
    pub recall_at_100: f64,
    pub mrr_at_10: f64,
}

/// Scores ranked results (law title, number) per question against the gold.
pub fn score(questions: &[Question], ranked: &[Vec<(String, String)>]) -> Metrics {
    let mut m = Metrics {
        questions: questions.len(),
        ..Default::default()
    };
    if questions.is_empty() {
        return m;
    }
    for (q, r) in questions.iter().zip(ranked) {
        let gold: HashSet<&(String, String)> = q.gold.iter().collect();
        let first = r.iter().position(|x| gold.contains(x));
        let found = |k: usize| {
            let set: HashSet<&(String, String)> =
                r.iter().take(k).filter(|x| gold.contains(x)).collect();
            set.len() as f64 / gold.len() as f64
        };
        if let Some(p) = first {
            m.hit_at_1 += (p < 1) as u8 as f64;
            m.hit_at_5 += (p < 5) as u8 as f64;
            m.hit_at_10 += (p < 10) as u8 as f64;
            if p < 10 {
                m.mrr_at_10 += 1.0 / (p as f64 + 1.0);
            }
        }
        m.recall_at_5 += found(5);
        m.recall_at_10 += found(10);
        m.recall_at_100 += found(100);
    }
    let n = questions.len() as f64;
    for v in [
        &mut m.hit_at_1,
        &mut m.hit_at_5,
        &mut m.hit_at_10,
        &mut m.recall_at_5,
        &mut m.recall_at_10,
        &mut m.recall_at_100,
        &mut m.mrr_at_10,
    ] {
        *v /= n;
    }
    m
}

/// One question's outcome: where each gold article ranked, and the first results.
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    pub id: String,
    pub question: String,
    /// Gold articles as `law:number` with their 1-based rank (None: not retrieved).
    pub gold: Vec<(String, Option<usize>)>,
    /// The first ten results as `law:number`.
    pub top: Vec<String>,
}

/// Per-question details for diagnosis (`fatiao eval --details FILE`).
pub fn details(questions: &[Question], ranked: &[Vec<(String, String)>]) -> Vec<Detail> {
    questions
        .iter()
        .zip(ranked)
        .map(|(q, r)| Detail {
            id: q.id.clone(),
            question: q.question.clone(),
            gold: q
                .gold
                .iter()
                .map(|g| {
                    (
                        format!("{}:{}", g.0, g.1),
                        r.iter().position(|x| x == g).map(|p| p + 1),
                    )
                })
                .collect(),
            top: r.iter().take(10).map(|(l, n)| format!("{l}:{n}")).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics() {
        let q = vec![
            Question {
                id: "a".into(),
                question: String::new(),
                gold: vec![("L".into(), "1".into()), ("L".into(), "2".into())],
            },
            Question {
                id: "b".into(),
                question: String::new(),
                gold: vec![("L".into(), "9".into())],
            },
        ];
        let r = vec![
            vec![
                ("L".to_string(), "3".to_string()),
                ("L".to_string(), "1".to_string()),
            ],
            vec![("L".to_string(), "8".to_string())],
        ];
        let m = score(&q, &r);
        assert_eq!(m.hit_at_1, 0.0);
        assert_eq!(m.hit_at_5, 0.5);
        assert_eq!(m.recall_at_5, 0.25);
        assert_eq!(m.mrr_at_10, 0.25);
    }
}
