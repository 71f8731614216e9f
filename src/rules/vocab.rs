//! The words of the facts: each input fact of the rules with its Chinese label, the question put
//! to a person who left it out, and the condition phrase of each of its values, from the reviewed
//! table `corpus/facts.tsv`. The answer text, the follow-up questions, `/api/rules`, the web page
//! and MCP all say a fact in these words, never by its name.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::Value;

const TABLE_TSV: &str = include_str!("../../corpus/facts.tsv");
const VERDICTS_TSV: &str = include_str!("../../corpus/verdicts.tsv");

/// One row of the table.
#[derive(Debug, Clone)]
pub struct FactWords {
    pub fact: String,
    /// 决定机关.
    pub label: String,
    /// 请问是哪个机关决定取保候审的（…）？
    pub question: String,
    /// (value code, condition phrase): ("public_security", "公安机关决定的").
    pub values: Vec<(String, String)>,
}

/// Parses the table; an error names the line.
pub fn parse_table(tsv: &str) -> Result<Vec<FactWords>, String> {
    let mut out = Vec::new();
    let mut header = true;
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if header {
            header = false;
            if line.starts_with("fact\t") {
                continue;
            }
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !(3..=4).contains(&cols.len()) {
            return Err(format!(
                "corpus/facts.tsv line {}: {} columns, expected 4",
                n + 1,
                cols.len()
            ));
        }
        let mut values = Vec::new();
        for pair in cols
            .get(3)
            .map(|v| v.trim())
            .unwrap_or("")
            .split(';')
            .filter(|p| !p.is_empty())
        {
            let (code, phrase) = pair.split_once('=').ok_or_else(|| {
                format!(
                    "corpus/facts.tsv line {}: value {pair:?} is not code=短语",
                    n + 1
                )
            })?;
            values.push((code.trim().to_string(), phrase.trim().to_string()));
        }
        out.push(FactWords {
            fact: cols[0].trim().to_string(),
            label: cols[1].trim().to_string(),
            question: cols[2].trim().to_string(),
            values,
        });
    }
    Ok(out)
}

static TABLE: LazyLock<HashMap<String, FactWords>> = LazyLock::new(|| {
    parse_table(TABLE_TSV)
        .expect("corpus/facts.tsv parses (checked by its unit test)")
        .into_iter()
        .map(|w| (w.fact.clone(), w))
        .collect()
});

static VERDICTS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    VERDICTS_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("verdict\t"))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
});

/// A verdict in words ("shall_not" → 不得); an unknown verdict is named generically, never by its
/// code.
pub fn verdict_label(verdict: &str) -> &'static str {
    VERDICTS.get(verdict).copied().unwrap_or("结论见下")
}

/// Every verdict with its words, for `/api/rules` and the web page.
pub fn verdict_labels() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<_> = VERDICTS.iter().map(|(k, l)| (*k, *l)).collect();
    v.sort();
    v
}

/// The words of a fact, if the table has it.
pub fn words(fact: &str) -> Option<&'static FactWords> {
    TABLE.get(fact)
}

/// The Chinese label of a fact ("决定机关"); a fact not in the table is named generically, never
/// by its code.
pub fn label(fact: &str) -> &'static str {
    words(fact).map(|w| w.label.as_str()).unwrap_or("相关事实")
}

/// The follow-up question for a fact.
pub fn question(fact: &str) -> String {
    match words(fact) {
        Some(w) => w.question.clone(),
        None => "请补充相关事实。".to_string(),
    }
}

/// The condition phrase of one value of a fact ("公安机关决定的"); several values are joined
/// with 、.
pub fn value_phrase(fact: &str, value: &Value) -> String {
    let one = |v: &Value| -> String {
        let code = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        words(fact)
            .and_then(|w| w.values.iter().find(|(c, _)| *c == code))
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| label(fact).to_string())
    };
    match value {
        Value::Array(vs) => vs.iter().map(one).collect::<Vec<_>>().join("、"),
        v => one(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_covers_every_rule_input() {
        let t = parse_table(TABLE_TSV).unwrap();
        let ascii = regex::Regex::new("[A-Za-z]").unwrap();
        for w in &t {
            assert!(
                !w.label.is_empty() && !ascii.is_match(&w.label),
                "{}",
                w.fact
            );
            assert!(
                w.question.ends_with('？') && !ascii.is_match(&w.question),
                "{}",
                w.fact
            );
            for (_, p) in &w.values {
                assert!(!ascii.is_match(p), "{}: {p}", w.fact);
            }
        }
        for r in crate::rules::list() {
            let props = r.inputs["properties"].as_object().unwrap();
            for (name, schema) in props {
                if name == "calendar" {
                    continue;
                }
                let w = words(name).unwrap_or_else(|| panic!("{}: {name} has no words", r.id));
                // An enum of its own, or of its list's elements.
                let codes = schema
                    .get("enum")
                    .or_else(|| schema.get("items").and_then(|i| i.get("enum")));
                let expected: Vec<String> = match codes {
                    Some(e) => e
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap().to_string())
                        .collect(),
                    None if schema["type"] == "boolean" => vec!["true".into(), "false".into()],
                    None => Vec::new(),
                };
                for v in &expected {
                    assert!(
                        w.values.iter().any(|(c, _)| c == v),
                        "{}: {name}={v} has no phrase",
                        r.id
                    );
                }
            }
        }
    }
}
