//! Legal concepts a question asks about, and their key provisions (`corpus/concepts.tsv`).
//!
//! A concept (取保候审的条件, 保证金的退还, 拘留的期限 …) has the provisions a defence lawyer cites
//! first, statute first, and the ways people phrase a question about it (a regular expression
//! over the normalised question, where `…` is a short gap inside one clause). A provision may be
//! one authority's own rule (`@公安`, `@检察`, `@法院`): it is linked strongly when the question
//! names that authority and weakly otherwise, as each authority is bound by its own rule. A concept
//! also names the rules of the engine that compute outcomes for it, so that the answer layer runs
//! the rules of what was asked.

use std::sync::LazyLock;

use regex::Regex;

use super::facts::Authority;

/// The table, compiled in.
pub const TABLE_TSV: &str = include_str!("../../corpus/concepts.tsv");

/// One provision of a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    /// Title or alias, as written in the table.
    pub law: String,
    /// Article number ("67", "133-1").
    pub number: String,
    /// The authority whose own rule this is; `None` for provisions binding everyone.
    pub authority: Option<Authority>,
}

/// A legal concept with its key provisions and cues.
#[derive(Debug)]
pub struct Concept {
    pub name: String,
    /// Ids of the rules that compute outcomes for it (R02 …); empty for retrieval-only concepts.
    pub rules: Vec<String>,
    pub provisions: Vec<Provision>,
    pub cues: Regex,
    pub context: Option<Regex>,
}

/// A concept found in a question.
#[derive(Debug, Clone)]
pub struct ConceptMatch {
    pub concept: &'static Concept,
    /// The words that matched the cue.
    pub cue: String,
    /// Byte offset of the cue in the normalised question.
    pub start: usize,
}

/// The gap `…` stands for: up to eight characters inside one clause.
const GAP: &str = r"[^,.?!;:。、\s]{0,8}";

fn authority_tag(tag: &str) -> Option<Authority> {
    match tag {
        "公安" => Some(Authority::PublicSecurity),
        "检察" => Some(Authority::Procuratorate),
        "法院" => Some(Authority::Court),
        _ => None,
    }
}

/// Parses the table; an error names the line.
pub fn parse_table(tsv: &str) -> std::result::Result<Vec<Concept>, String> {
    let mut out = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let at = |msg: &str| format!("concepts.tsv line {}: {msg}", i + 1);
        if cols.len() < 4 {
            return Err(at("expected concept, rules, provisions, cues"));
        }
        let rules: Vec<String> = cols[1]
            .split_whitespace()
            .filter(|r| *r != "-")
            .map(str::to_string)
            .collect();
        let mut provisions = Vec::new();
        for p in cols[2].split_whitespace() {
            let (p, authority) = match p.split_once('@') {
                Some((p, tag)) => (
                    p,
                    Some(authority_tag(tag).ok_or_else(|| at(&format!("unknown tag @{tag}")))?),
                ),
                None => (p, None),
            };
            let (law, number) = p
                .rsplit_once(':')
                .ok_or_else(|| at(&format!("provision {p:?} is not LAW:NUMBER")))?;
            provisions.push(Provision {
                law: law.to_string(),
                number: number.to_string(),
                authority,
            });
        }
        if provisions.is_empty() {
            return Err(at("no provisions"));
        }
        let compile = |pattern: &str| {
            Regex::new(&pattern.trim().replace('…', GAP)).map_err(|e| at(&e.to_string()))
        };
        let context = match cols.get(4).map(|c| c.trim()).filter(|c| !c.is_empty()) {
            Some(c) => Some(compile(c)?),
            None => None,
        };
        out.push(Concept {
            name: cols[0].trim().to_string(),
            rules,
            provisions,
            cues: compile(cols[3])?,
            context,
        });
    }
    Ok(out)
}

static TABLE: LazyLock<Vec<Concept>> = LazyLock::new(|| {
    // The table is compiled in and parsed by a test; a broken table is a build defect.
    parse_table(TABLE_TSV).unwrap_or_else(|e| panic!("{e}"))
});

/// A prefilter over every concept's cues: the literals a match of each cue must begin with
/// (regex-syntax's prefix extraction), all in one automaton, so that a question is read once to
/// learn which concepts may match, and only their regexes run (120 regexes one by one were a
/// tenth of a search). A cue whose matches may begin with anything is always run.
struct Prefilter {
    literals: aho_corasick::AhoCorasick,
    /// The concept (row of [`TABLE`]) of each literal.
    concept_of: Vec<usize>,
    /// The concepts without a literal prefix.
    always: Vec<usize>,
}

static PREFILTER: LazyLock<Prefilter> = LazyLock::new(|| {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut concept_of = Vec::new();
    let mut always = Vec::new();
    for (i, c) in TABLE.iter().enumerate() {
        let prefixes = regex_syntax::Parser::new()
            .parse(c.cues.as_str())
            .ok()
            .map(|hir| Extractor::new().kind(ExtractKind::Prefix).extract(&hir))
            .and_then(|seq| seq.literals().map(<[_]>::to_vec))
            .filter(|ls| !ls.is_empty() && ls.iter().all(|l| !l.as_bytes().is_empty()));
        match prefixes {
            Some(ls) => {
                for l in ls {
                    literals.push(l.as_bytes().to_vec());
                    concept_of.push(i);
                }
            }
            None => always.push(i),
        }
    }
    Prefilter {
        literals: aho_corasick::AhoCorasick::new(&literals)
            .unwrap_or_else(|e| panic!("concept cue prefixes: {e}")),
        concept_of,
        always,
    }
});

/// The rows of [`TABLE`] whose cues may match `normalized`, in table order.
fn candidates(normalized: &str) -> Vec<usize> {
    let p = &*PREFILTER;
    let mut rows = p.always.clone();
    rows.extend(
        p.literals
            .find_overlapping_iter(normalized)
            .filter_map(|m| p.concept_of.get(m.pattern().as_usize()).copied()),
    );
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// Every concept of the table.
pub fn table() -> &'static [Concept] {
    &TABLE
}

/// The concepts a normalised question asks about, in the order their cues occur.
pub fn find(normalized: &str) -> Vec<ConceptMatch> {
    let mut out: Vec<ConceptMatch> = candidates(normalized)
        .into_iter()
        .filter_map(|i| TABLE.get(i))
        .filter(|c| c.context.as_ref().is_none_or(|r| r.is_match(normalized)))
        .filter_map(|c| {
            c.cues.find(normalized).map(|m| ConceptMatch {
                concept: c,
                cue: m.as_str().to_string(),
                start: m.start(),
            })
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(q: &str) -> Vec<String> {
        find(&crate::normalize::normalize_str(q))
            .into_iter()
            .map(|m| m.concept.name.clone())
            .collect()
    }

    #[test]
    fn the_prefilter_never_drops_a_concept() {
        // every question of the labelled sets and the test sets: the concepts found through the
        // prefilter are those every cue regex finds when run one by one
        let mut texts: Vec<String> = Vec::new();
        for f in [
            "tests/data/ask_questions.jsonl",
            "tests/data/custody_questions.jsonl",
            "tests/data/retrieval_questions.jsonl",
            "tests/data/exam_heldout.jsonl",
        ] {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + f;
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    if let Some(q) = v["question"].as_str() {
                        texts.push(crate::normalize::normalize_str(q));
                    }
                }
            }
        }
        assert!(texts.len() > 300, "{}", texts.len());
        let mut found = 0;
        for q in &texts {
            let all: Vec<&str> = TABLE
                .iter()
                .filter(|c| c.context.as_ref().is_none_or(|r| r.is_match(q)))
                .filter(|c| c.cues.is_match(q))
                .map(|c| c.name.as_str())
                .collect();
            let mut fast: Vec<&str> = find(q).iter().map(|m| m.concept.name.as_str()).collect();
            let mut all_sorted = all.clone();
            all_sorted.sort_unstable();
            fast.sort_unstable();
            assert_eq!(fast, all_sorted, "{q}");
            found += all.len();
        }
        assert!(found > 300, "{found}");
        // most concepts have a literal prefix: the prefilter skips most regexes
        assert!(
            PREFILTER.always.len() * 4 < TABLE.len(),
            "{}",
            PREFILTER.always.len()
        );
    }

    #[test]
    fn table_parses() {
        let t = parse_table(TABLE_TSV).unwrap();
        assert!(t.len() >= 20, "{}", t.len());
        assert!(t.iter().all(|c| !c.provisions.is_empty()));
    }

    #[test]
    fn cues_find_their_concepts() {
        assert!(names("我弟弟被抓了，能不能取保候审？").contains(&"取保候审的条件".to_string()));
        assert!(names("取保候審的保證金能退嗎").contains(&"保证金的退还".to_string()));
        assert!(names("刑事拘留最长多少天").contains(&"拘留的期限".to_string()));
        // a generic word fires only in its context
        assert!(!names("离开公司要提前多久通知").contains(&"被取保候审人的义务".to_string()));
        assert!(names("取保候审期间能离开本市吗").contains(&"被取保候审人的义务".to_string()));
    }

    #[test]
    fn a_bad_line_is_an_error() {
        assert!(parse_table("x\t-\t刑诉法67\t取保").is_err());
        assert!(parse_table("x\t-\t刑诉法:67@警察\t取保").is_err());
        assert!(parse_table("x\t-\t刑诉法:67\t(取保").is_err());
        assert!(parse_table("x\t刑诉法:67\t取保").is_err());
        let ok = parse_table("x\tR02 R08\t刑诉法:67\t取保").unwrap();
        assert_eq!(ok[0].rules, vec!["R02", "R08"]);
    }
}
