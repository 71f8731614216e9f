//! The answer in plain Chinese: the figure or verdict first, then what it depends on, then the
//! articles as 《…》第N条; and the questions to put to the person where a decisive fact is missing.
//!
//! Everything here is read by people: facts are named by their words in `corpus/facts.tsv`
//! ([`crate::rules::vocab`]), dates as 2026年3月2日, never by a field name or a code.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::rules::partial::{Case, Certainty, Partial};
use crate::rules::{vocab, Citation, Outcome};

/// Most follow-up questions put to the person at once: the decisive ones first.
pub const MAX_FOLLOW_UPS: usize = 4;
/// Most articles named after one rule's answer (the rest are in the outcome's citations).
const MAX_CITED: usize = 4;
/// Missing facts the answer does not depend on are named ("不论决定机关如何") up to this many;
/// beyond, the list says nothing a person needs.
const MAX_REGARDLESS_NAMED: usize = 2;

/// One rule's answer to the question, as `/api/ask` returns it: the outcome (for a conditional
/// answer its verdict is `conditional` and its summary states every case), how certain it is,
/// the cases and the facts it did not depend on.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RuleAnswer {
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Chinese title of the rule.
    pub title: String,
    pub certainty: Certainty,
    /// For a conditional answer: the deciding facts (codes, see `needs`) …
    pub split: Vec<String>,
    /// … and one outcome per case.
    pub cases: Vec<Case>,
    /// Facts the question left out that do not change this answer.
    pub regardless: Vec<String>,
}

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})-(\d{2})-(\d{2})").expect("valid regex"));

/// Dates as people write them: 2026-03-02 → 2026年3月2日.
pub fn plain_dates(s: &str) -> String {
    ISO_DATE
        .replace_all(s, |c: &regex::Captures| {
            let n = |i: usize| c[i].parse::<u32>().unwrap_or(0);
            format!("{}年{}月{}日", &c[1], n(2), n(3))
        })
        .into_owned()
}

pub use crate::cite::law_name;

/// One citation as 《刑事诉讼法》第79条第1款第2项 (非官方文本 where it rests on a commentary page).
pub fn cite_text(c: &Citation) -> String {
    let mut s = match c.number.split_once('-') {
        // 133-1 → 第133条之一
        Some((a, b)) => format!(
            "{}第{a}条之{}",
            law_name(&c.law),
            crate::numerals::format(b.parse().unwrap_or(1))
        ),
        None => format!("{}第{}条", law_name(&c.law), c.number),
    };
    if let Some(p) = c.paragraph {
        s.push_str(&format!("第{p}款"));
    }
    if let Some(i) = c.item {
        s.push_str(&format!("第{i}项"));
    }
    if c.source_note.is_some() {
        s.push_str("（非官方文本）");
    }
    s
}

fn cites_text(cs: &[Citation]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for c in cs {
        let t = cite_text(c);
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    let more = seen.len().saturating_sub(MAX_CITED);
    seen.truncate(MAX_CITED);
    let mut s = seen.join("、");
    if more > 0 {
        s.push_str(&format!("等{}条", seen.len() + more));
    }
    s
}

/// The condition of a case: 公安机关决定的 / 未成年人且人民检察院决定的.
fn when_text(when: &Map<String, Value>) -> String {
    if when.is_empty() {
        return "其他情形".to_string();
    }
    when.iter()
        .map(|(f, v)| vocab::value_phrase(f, v))
        .collect::<Vec<_>>()
        .join("且")
}

/// The missing facts in words, at most [`MAX_FOLLOW_UPS`] of them (the rest as 等).
fn labels(facts: &[String]) -> String {
    let mut s = facts
        .iter()
        .take(MAX_FOLLOW_UPS)
        .map(|f| vocab::label(f))
        .collect::<Vec<_>>()
        .join("、");
    if facts.len() > MAX_FOLLOW_UPS {
        s.push('等');
    }
    s
}

/// What an outcome says beyond the clauses stated once for every case.
fn own_text(o: &Outcome, common: &[String]) -> String {
    if o.verdict == crate::rules::partial::NEEDS_INPUT {
        return format!("还取决于{}", labels(&o.needs));
    }
    let own: Vec<&str> = o
        .summary
        .split('；')
        .map(str::trim)
        .filter(|c| !c.is_empty() && !common.iter().any(|x| x == c))
        .collect();
    let mut s = if own.is_empty() {
        "只适用上述规定".to_string()
    } else {
        own.join("；")
    };
    if !o.needs.is_empty() {
        s.push_str(&format!("（另取决于{}）", labels(&o.needs)));
    }
    s
}

/// Turns a rule's partial evaluation into its answer: the summary a person reads, the citations
/// of every case, and the facts to ask for.
/// `how` asks for the rule itself (a procedure, a list: 怎么办, 有哪些要求): a conditional answer
/// then states the rule in words before its cases.
pub fn rule_answer(p: Partial, title: &str, description: &str, how: bool) -> RuleAnswer {
    let mut outcome = p.outcome;
    match p.certainty {
        Certainty::Definite => {
            let mut s = String::new();
            let named: Vec<String> = p
                .regardless
                .iter()
                .filter(|f| vocab::words(f).is_some())
                .cloned()
                .collect();
            if !named.is_empty() && named.len() <= MAX_REGARDLESS_NAMED {
                // 不论决定机关如何; a yes/no fact reads 不论是否按时到案
                let l = labels(&named);
                if l.starts_with("是否") {
                    s.push_str(&format!("不论{l}，"));
                } else {
                    s.push_str(&format!("不论{l}如何，"));
                }
            }
            s.push_str(&outcome.summary);
            outcome.summary = s;
        }
        Certainty::Conditional => {
            let mut parts: Vec<String> = Vec::new();
            if how {
                parts.push(description.to_string());
            }
            if !p.common.is_empty() {
                parts.push(p.common.join("；"));
            }
            let cases: Vec<String> = p
                .cases
                .iter()
                .map(|c| {
                    format!(
                        "{}：{}",
                        when_text(&c.when),
                        own_text(&c.outcome, &p.common)
                    )
                })
                .collect();
            parts.push(format!(
                "具体取决于{}——{}",
                labels(&p.split),
                cases.join("；")
            ));
            outcome.verdict = "conditional".into();
            outcome.summary = parts.join("；");
            outcome.details = Value::Object(Map::new());
            outcome.citations =
                crate::rules::union_citations(p.cases.iter().flat_map(|c| &c.outcome.citations));
            outcome.needs = p.split.iter().chain(&p.needs).cloned().collect();
            outcome.needs.dedup();
        }
        Certainty::Missing => {
            outcome.verdict = crate::rules::partial::NEEDS_INPUT.into();
            let mut s = String::new();
            if !p.common.is_empty() {
                s.push_str(&p.common.join("；"));
                s.push('；');
            }
            s.push_str(&format!(
                "{description}；需要知道{}才能算出结论",
                labels(&p.needs)
            ));
            outcome.summary = s;
            outcome.needs = p.needs.clone();
        }
    }
    outcome.summary = plain_dates(&outcome.summary);
    RuleAnswer {
        title: title.to_string(),
        certainty: p.certainty,
        split: p.split,
        cases: p
            .cases
            .into_iter()
            .map(|mut c| {
                c.outcome.summary = plain_dates(&c.outcome.summary);
                c
            })
            .collect(),
        regardless: p.regardless,
        outcome,
    }
}

/// A rule stated in words as the answer to a question of the rule itself (取保候审最长多久,
/// 期限怎么算): the days it would compute with decide no part of what is asked, so they are neither
/// said to be needed nor asked for; they are the facts the answer holds regardless of.
pub fn stated_answer(p: Partial, title: &str, description: &str) -> RuleAnswer {
    let mut outcome = p.outcome;
    let mut s = String::new();
    if !p.common.is_empty() {
        s.push_str(&p.common.join("；"));
        s.push('；');
    }
    s.push_str(description);
    outcome.verdict = crate::rules::partial::STATED.into();
    outcome.summary = plain_dates(&s);
    outcome.details = Value::Object(Map::new());
    outcome.needs.clear();
    RuleAnswer {
        title: title.to_string(),
        certainty: Certainty::Definite,
        split: Vec::new(),
        cases: Vec::new(),
        regardless: p.needs,
        outcome,
    }
}

/// Whether an answer states its rule in words: computed with facts missing that decide it, or the
/// rule itself as the answer to a question of the rule.
pub fn in_words(a: &RuleAnswer) -> bool {
    a.certainty == Certainty::Missing || a.outcome.verdict == crate::rules::partial::STATED
}

/// The answer text: each rule's statement with its articles, one paragraph a rule. `scope` is
/// said when no rule answers the question.
pub fn answer_text(answers: &[RuleAnswer], scope: Option<&str>) -> String {
    let mut paras: Vec<String> = Vec::new();
    for a in answers {
        let mut p = a.outcome.summary.clone();
        if !p.ends_with('。') {
            p.push('。');
        }
        if !a.outcome.citations.is_empty() {
            p.push_str(&format!("依据：{}。", cites_text(&a.outcome.citations)));
        }
        paras.push(p);
    }
    if let Some(s) = scope {
        paras.push(s.to_string());
    }
    paras.join("\n")
}

/// The questions to put to the person: the facts the answers are split by or still need, in the
/// order of the answers, each once; first the facts the leading answer is a bound without.
pub fn follow_ups(answers: &[RuleAnswer]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut ask = |f: &String| {
        let q = vocab::question(f);
        if !out.contains(&q) {
            out.push(q);
        }
    };
    // a bound stated (the latest day a new term can end) is made exact by its fact
    if let Some(first) = answers.first() {
        first.outcome.bounded_by.iter().for_each(&mut ask);
    }
    // the question answered for certain by what leads: what the rules after it lack does not
    // decide it, and is not asked (a rule stated as the answer to a question of the rule settles
    // nothing of the person's case)
    if answers
        .first()
        .is_none_or(|a| a.certainty != Certainty::Definite || in_words(a))
    {
        for a in answers {
            if a.certainty == Certainty::Definite {
                continue;
            }
            a.outcome.needs.iter().for_each(&mut ask);
        }
    }
    out.truncate(MAX_FOLLOW_UPS);
    out
}

/// An answer as Markdown, for a chat front-end (MCP) and the command line: the answer, the
/// questions to ask back, and the first articles with their text.
pub fn markdown(r: &super::AskResponse) -> String {
    let mut s = String::new();
    for p in r.answer.lines() {
        s.push_str(p);
        s.push_str("\n\n");
    }
    if !r.follow_up.is_empty() {
        s.push_str("**还需要了解：**\n");
        for q in &r.follow_up {
            s.push_str(&format!("- {q}\n"));
        }
        s.push('\n');
    }
    if !r.articles.is_empty() {
        s.push_str("**相关条文：**\n");
        for h in r.articles.iter().take(MARKDOWN_ARTICLES) {
            let text: String = h.text.chars().take(MARKDOWN_EXCERPT_CHARS).collect();
            let more = if h.text.chars().count() > MARKDOWN_EXCERPT_CHARS {
                "……"
            } else {
                ""
            };
            s.push_str(&format!(
                "- {}{}：{}{more}\n",
                law_name(&h.law),
                h.label,
                text.replace('\n', " ")
            ));
        }
    }
    s
}

/// Articles an answer's Markdown lists, and how much of each text: a chat answer stays under
/// 3 KB (tests/mcp.rs), the full texts are in the structured result.
const MARKDOWN_ARTICLES: usize = 3;
const MARKDOWN_EXCERPT_CHARS: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(
            plain_dates("最后一日为2026-03-02"),
            "最后一日为2026年3月2日"
        );
        assert_eq!(plain_dates("无日期"), "无日期");
    }

    #[test]
    fn citations_read_as_articles() {
        let c = Citation {
            law: "中华人民共和国刑事诉讼法".into(),
            number: "71".into(),
            paragraph: Some(1),
            item: Some(2),
            quote: String::new(),
            source_note: None,
        };
        assert_eq!(cite_text(&c), "《刑事诉讼法》第71条第1款第2项");
        let c = Citation {
            law: "中华人民共和国刑法".into(),
            number: "133-1".into(),
            paragraph: None,
            item: None,
            quote: String::new(),
            source_note: None,
        };
        assert_eq!(cite_text(&c), "《刑法》第133条之一");
    }
}
