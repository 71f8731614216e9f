//! Crimes people name in questions, and the sentencing bands of a 刑法 article read from the corpus.
//!
//! The crime table is `corpus/crimes.tsv` (罪名 → 刑法 article, the article carrying the penalty, a
//! conduct phrase that must occur in the article text, and the aliases people write, typos included).
//! `tests/facts.rs` checks every row against the 刑法 text of the corpus.
//!
//! Sentencing bands are parsed from the article text, never typed in: each clause
//! `<condition>的，处<penalty>` becomes a [`Band`] (`处三年以下有期徒刑、拘役或者管制，并处或者单处罚金`,
//! `处三年以上十年以下有期徒刑`, `处十年以上有期徒刑或者无期徒刑`, `处拘役，并处罚金` …), and
//! [`statutory_maximum`] picks the band a severity names (or the base band, flagged).

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::numerals;

/// Full title of the criminal law in the corpus.
pub const CRIMINAL_LAW: &str = "中华人民共和国刑法";

const TABLE_TSV: &str = include_str!("../../corpus/crimes.tsv");

/// One row of the crime table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crime {
    /// 罪名 (危险驾驶罪).
    pub name: String,
    /// The 刑法 article defining the crime ("133-1").
    pub article: String,
    /// The article carrying its penalty (usually the same; 受贿罪 385 → 383).
    pub penalty_article: String,
    /// Words of the conduct that occur in the article text (used to verify the row).
    pub conduct: String,
    /// What people write (醉驾, 酒驾, 醉架 …).
    pub aliases: Vec<String>,
}

/// Parses the crime table (comment lines start with `#`).
pub fn parse_table(tsv: &str) -> std::result::Result<Vec<Crime>, String> {
    let mut out = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 5 {
            return Err(format!(
                "crimes.tsv line {}: expected 5 tab-separated columns, got {}",
                i + 1,
                cols.len()
            ));
        }
        let aliases: Vec<String> = cols[4]
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        if aliases.is_empty() {
            return Err(format!("crimes.tsv line {}: no aliases", i + 1));
        }
        out.push(Crime {
            name: cols[0].trim().to_string(),
            article: cols[1].trim().to_string(),
            penalty_article: cols[2].trim().to_string(),
            conduct: cols[3].trim().to_string(),
            aliases,
        });
    }
    Ok(out)
}

static TABLE: LazyLock<Vec<Crime>> = LazyLock::new(|| parse_table(TABLE_TSV).unwrap_or_default());

/// Alias → row, longest alias first.
static ALIASES: LazyLock<Vec<(&'static str, usize)>> = LazyLock::new(|| {
    let mut v: Vec<(&'static str, usize)> = TABLE
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.aliases.iter().map(move |a| (a.as_str(), i)))
        .collect();
    v.sort_by(|a, b| {
        b.0.chars()
            .count()
            .cmp(&a.0.chars().count())
            .then(a.0.cmp(b.0))
    });
    v
});

/// Every alias, as one automaton whose pattern ids are positions in [`ALIASES`]: a text is read
/// once, not once per alias.
static ALIAS_FINDER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(ALIASES.iter().map(|a| a.0))
        .unwrap_or_else(|e| panic!("crime aliases: {e}"))
});

/// The crime table.
pub fn table() -> &'static [Crime] {
    &TABLE
}

/// A row by 罪名.
pub fn by_name(name: &str) -> Option<&'static Crime> {
    TABLE.iter().find(|c| c.name == name)
}

/// A crime named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrimeMatch {
    pub crime: &'static Crime,
    pub alias: &'static str,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
}

/// Crimes named in a (normalised) text: longest alias wins, matches never overlap, one match per
/// crime (its first), in text order.
pub fn find_crimes(text: &str) -> Vec<CrimeMatch> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<CrimeMatch> = Vec::new();
    // every occurrence of every alias, longest aliases first (the order of ALIASES), each alias's
    // from the left; an occurrence overlapping one already taken is passed over
    let mut occurrences: Vec<(usize, usize)> = ALIAS_FINDER
        .find_overlapping_iter(text)
        .map(|m| (m.pattern().as_usize(), m.start()))
        .collect();
    occurrences.sort_unstable();
    for (k, start) in occurrences {
        let Some(&(alias, i)) = ALIASES.get(k) else {
            continue;
        };
        let end = start + alias.len();
        if taken.iter().any(|&(s, e)| start < e && s < end) {
            continue;
        }
        taken.push((start, end));
        found.push(CrimeMatch {
            crime: &TABLE[i],
            alias,
            start,
            end,
        });
    }
    found.sort_by_key(|m| m.start);
    let mut seen = Vec::new();
    found.retain(|m| {
        if seen.contains(&m.crime.name) {
            false
        } else {
            seen.push(m.crime.name.clone());
            true
        }
    });
    found
}

/// One sentencing band of an article: `<condition>的，处<penalty>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    /// The severity this band applies to: `base` for the basic offence, else the first threshold
    /// phrase of the condition (数额较大, 数额巨大, 情节严重, 致人重伤 …).
    pub threshold: String,
    /// Every threshold phrase found in the condition (and in the items of 有下列情形之一).
    pub keywords: Vec<String>,
    /// The condition as written, before 处.
    pub condition: String,
    /// Minimum term in months of the mildest custodial penalty listed (拘役 1, 有期徒刑 from its
    /// stated floor or 6 months, 管制 3 when it is the only option); 0 when only a fine.
    pub min_months: u32,
    /// Maximum term in months of the most severe fixed-term penalty listed (有期徒刑 stated or 15
    /// years for 以上 with no ceiling; 拘役 6; 管制 24 only when it is the only option).
    pub max_months: u32,
    /// 无期徒刑 is available.
    pub life: bool,
    /// 死刑 is available.
    pub death: bool,
    /// 拘役 is available.
    pub detention: bool,
    /// 管制 is available.
    pub surveillance: bool,
    /// 罚金 is mentioned (并处, 单处 or alone).
    pub fine: bool,
    /// Only a fine (处罚金).
    pub fine_only: bool,
    /// 0-based paragraph (款) of the article.
    pub paragraph: usize,
    /// The penalty phrase as written (处…).
    pub text: String,
}

/// Threshold phrases as written → the name used for the band (其他严重情节 is 情节严重).
const THRESHOLDS: &[(&str, &str)] = &[
    ("数额特别巨大", "数额特别巨大"),
    ("数额巨大", "数额巨大"),
    ("数额较大", "数额较大"),
    ("情节特别严重", "情节特别严重"),
    ("特别严重情节", "情节特别严重"),
    ("情节严重", "情节严重"),
    ("严重情节", "情节严重"),
    ("情节特别恶劣", "情节特别恶劣"),
    ("特别恶劣情节", "情节特别恶劣"),
    ("情节恶劣", "情节恶劣"),
    ("较重情节", "情节较重"),
    ("情节较重", "情节较重"),
    ("情节较轻", "情节较轻"),
    ("数量大", "数量大"),
    ("数量较大", "数量较大"),
    ("少量", "少量"),
    ("逃逸致人死亡", "逃逸致人死亡"),
    ("致人死亡", "致人死亡"),
    ("致人重伤", "致人重伤"),
    ("重大损失", "重大损失"),
    ("后果特别严重", "后果特别严重"),
    ("后果严重", "后果严重"),
];

static PENALTY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^处(?:[一二三四五六七八九十]+年|拘役|管制|罚金|无期徒刑|死刑|有期徒刑)").unwrap()
});
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([一二三四五六七八九十]+)年以上([一二三四五六七八九十]+)年以下有期徒刑").unwrap()
});
static BELOW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([一二三四五六七八九十]+)年以下有期徒刑").unwrap());
static ABOVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([一二三四五六七八九十]+)年以上有期徒刑").unwrap());
static FIXED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([一二三四五六七八九十]+)年有期徒刑").unwrap());

fn years(s: &str) -> u32 {
    numerals::parse(s).unwrap_or(0).saturating_mul(12)
}

/// Parses one penalty phrase (starting at 处) into a band without its condition.
fn parse_penalty(phrase: &str) -> Band {
    // the principal penalties come before the first comma; 并处罚金 / 没收财产 after it
    let principal = phrase
        .trim_start_matches('处')
        .split('，')
        .next()
        .unwrap_or("");
    let mut rest = principal.to_string();
    let mut imp_min: Option<u32> = None;
    let mut imp_max: Option<u32> = None;
    let mut widen = |lo: u32, hi: u32| {
        imp_min = Some(imp_min.map_or(lo, |m| m.min(lo)));
        imp_max = Some(imp_max.map_or(hi, |m| m.max(hi)));
    };
    for (kind, re) in [&*RANGE, &*BELOW, &*ABOVE, &*FIXED].into_iter().enumerate() {
        let caps: Vec<(u32, u32)> = re
            .captures_iter(&rest)
            .map(|c| {
                let a = years(&c[1]);
                match kind {
                    0 => (a, years(&c[2])),
                    1 => (6, a),   // 刑法45: 有期徒刑 is at least six months
                    2 => (a, 180), // 刑法45: at most fifteen years
                    _ => (a, a),
                }
            })
            .collect();
        for (lo, hi) in caps {
            widen(lo, hi);
        }
        rest = re.replace_all(&rest, "").into_owned();
    }
    let detention = principal.contains("拘役");
    let surveillance = principal.contains("管制");
    let life = principal.contains("无期徒刑");
    let death = principal.contains("死刑");
    let fine = phrase.contains("罚金");
    let custodial = imp_max.is_some() || detention || surveillance || life || death;
    let min_months = if detention {
        1
    } else if let Some(m) = imp_min {
        m
    } else if surveillance {
        3
    } else {
        0
    };
    let max_months = if let Some(m) = imp_max {
        m
    } else if detention {
        6
    } else if surveillance {
        24
    } else {
        0
    };
    Band {
        threshold: String::new(),
        keywords: Vec::new(),
        condition: String::new(),
        min_months,
        max_months,
        life,
        death,
        detention,
        surveillance,
        fine,
        fine_only: fine && !custodial,
        paragraph: 0,
        text: phrase.to_string(),
    }
}

/// Parses the bands of an article text given as paragraphs (each with its items' text).
pub fn parse_bands(paragraphs: &[(String, Vec<String>)]) -> Vec<Band> {
    let mut bands = Vec::new();
    for (pi, (text, items)) in paragraphs.iter().enumerate() {
        // the paragraph, then each item (贪污罪's penalties sit in the items of 刑法383)
        let mut pieces: Vec<(&str, &[String])> = vec![(text.as_str(), items.as_slice())];
        pieces.extend(items.iter().map(|it| (it.as_str(), &[][..])));
        for (piece, piece_items) in pieces {
            for clause in piece.split(['；', '。', '：']) {
                if let Some(band) = clause_band(clause, piece_items, bands.is_empty(), pi == 0) {
                    bands.push(Band {
                        paragraph: pi,
                        ..band
                    });
                }
            }
        }
    }
    bands
}

/// The band of one clause `<condition>的，处<penalty>` (one penalty phrase per clause: 并处 … belongs
/// to it).
fn clause_band(clause: &str, items: &[String], first: bool, first_paragraph: bool) -> Option<Band> {
    let chars: Vec<(usize, char)> = clause.char_indices().collect();
    let pos = chars.iter().enumerate().find_map(|(k, &(pos, c))| {
        let ok = c == '处'
            && !(k > 0 && matches!(chars[k - 1].1, '判' | '并' | '单'))
            && PENALTY_START.is_match(&clause[pos..]);
        ok.then_some(pos)
    })?;
    let phrase = &clause[pos..];
    let condition = clause[..pos].trim_end_matches(['，', ',']).to_string();
    let mut band = parse_penalty(phrase);
    let mut scope = condition.clone();
    // the items of 有下列情形之一 name the aggravated circumstances of a later band (or of a later
    // paragraph, 刑法347②); for the first band of the first paragraph they describe the basic offence
    // (危险驾驶罪: 追逐竞驶，情节恶劣的 is the offence itself)
    if !(first && first_paragraph)
        && (condition.contains("下列情形之一") || condition.contains("下列行为之一"))
    {
        for it in items {
            scope.push_str(it);
        }
    }
    let mut found: Vec<(usize, &str, &str)> = THRESHOLDS
        .iter()
        .filter_map(|(pat, name)| scope.find(pat).map(|p| (p, *pat, *name)))
        .collect();
    found.sort();
    // skip phrases inside a longer one found at an overlapping place
    let mut kept: Vec<(usize, &str, &str)> = Vec::new();
    for (p, pat, name) in found {
        if kept
            .iter()
            .any(|&(q, u, _)| p >= q && p + pat.len() <= q + u.len())
        {
            continue;
        }
        kept.push((p, pat, name));
    }
    let mut keywords: Vec<String> = Vec::new();
    for (_, _, name) in &kept {
        if !keywords.iter().any(|k| k == name) {
            keywords.push(name.to_string());
        }
    }
    band.threshold = if first && !keywords.iter().any(|t| is_amount_or_circumstance(t)) {
        "base".to_string()
    } else {
        keywords
            .first()
            .cloned()
            .unwrap_or_else(|| "base".to_string())
    };
    band.keywords = keywords;
    band.condition = condition;
    Some(band)
}

/// Thresholds that name a level of the offence itself (as opposed to a result such as 致人重伤 that
/// may be part of the basic offence, as in 交通肇事罪).
fn is_amount_or_circumstance(t: &str) -> bool {
    t.starts_with("数额") || t.starts_with("情节") || t.starts_with("数量") || t == "少量"
}

/// The sentencing bands of a 刑法 article, read from the newest text in the corpus. Empty when the
/// article is not in the corpus or carries no penalty phrase.
pub fn sentencing_bands(corpus: &Corpus, article: &str) -> Vec<Band> {
    let Some(a) = corpus.find(CRIMINAL_LAW, article) else {
        return Vec::new();
    };
    let paragraphs: Vec<(String, Vec<String>)> = a
        .paragraphs
        .iter()
        .map(|p| {
            (
                p.text.clone(),
                p.items.iter().map(|i| i.text.clone()).collect(),
            )
        })
        .collect();
    parse_bands(&paragraphs)
}

/// The statutory maximum (法定最高刑) of the band that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatutoryMaximum {
    /// Maximum fixed term in months (0 when only a fine).
    pub months: u32,
    pub life: bool,
    pub death: bool,
    /// Threshold of the band used.
    pub threshold: String,
    /// Index of the band used.
    pub band: usize,
    /// The base band was used because no severity was given or the severity matched no band:
    /// the caller must present the value as an assumption.
    pub assumed_base: bool,
    pub note: Option<String>,
}

/// The statutory maximum for the band a severity names (`数额巨大`, `情节严重`, `致人重伤`, `base`),
/// or the base band when the severity is unknown (flagged `assumed_base`): the band of the basic
/// offence (`base`), else the lowest amount/quantity band (数额较大, 少量), else the first band.
pub fn statutory_maximum(bands: &[Band], severity: Option<&str>) -> Option<StatutoryMaximum> {
    let first = bands.first()?;
    let make = |i: usize, b: &Band, assumed: bool, note: Option<String>| StatutoryMaximum {
        months: b.max_months,
        life: b.life,
        death: b.death,
        threshold: b.threshold.clone(),
        band: i,
        assumed_base: assumed,
        note,
    };
    // the base band: the basic offence, else the lowest amount/quantity band (刑法347: 少量), else the first
    let (bi, base) = bands
        .iter()
        .enumerate()
        .find(|(_, b)| b.threshold == "base")
        .or_else(|| {
            bands
                .iter()
                .enumerate()
                .find(|(_, b)| matches!(b.threshold.as_str(), "数额较大" | "少量" | "情节较重"))
        })
        .unwrap_or((0, first));
    match severity.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(make(
            bi,
            base,
            true,
            Some("severity unknown: base band assumed".into()),
        )),
        Some(s) => {
            if s == "base" {
                return Some(make(bi, base, false, None));
            }
            if let Some((i, b)) = bands
                .iter()
                .enumerate()
                .find(|(_, b)| b.threshold == s || b.keywords.iter().any(|k| k == s))
            {
                return Some(make(i, b, false, None));
            }
            Some(make(
                bi,
                base,
                true,
                Some(format!("severity {s} matches no band: base band assumed")),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_aliases_are_unique() {
        let t = table();
        assert!(t.len() >= 40, "{}", t.len());
        let mut seen = std::collections::HashMap::new();
        for c in t {
            for a in &c.aliases {
                if let Some(prev) = seen.insert(a.clone(), c.name.clone()) {
                    assert_eq!(prev, c.name, "alias {a} on two rows");
                }
            }
        }
    }

    #[test]
    fn longest_alias_wins() {
        let m = find_crimes("他涉嫌合同诈骗和信用卡诈骗");
        let names: Vec<&str> = m.iter().map(|m| m.crime.name.as_str()).collect();
        assert_eq!(names, ["合同诈骗罪", "信用卡诈骗罪"]);
        assert_eq!(find_crimes("贩卖毒品")[0].crime.article, "347");
    }

    #[test]
    fn parses_fraud_bands_from_text() {
        let text = "诈骗公私财物，数额较大的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金；数额巨大或者有其他严重情节的，处三年以上十年以下有期徒刑，并处罚金；数额特别巨大或者有其他特别严重情节的，处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产。本法另有规定的，依照规定。";
        let b = parse_bands(&[(text.to_string(), vec![])]);
        assert_eq!(b.len(), 3);
        assert_eq!(
            (b[0].threshold.as_str(), b[0].min_months, b[0].max_months),
            ("数额较大", 1, 36)
        );
        assert!(b[0].detention && b[0].surveillance && b[0].fine);
        assert_eq!(
            (b[1].threshold.as_str(), b[1].min_months, b[1].max_months),
            ("数额巨大", 36, 120)
        );
        assert!(b[1].keywords.contains(&"情节严重".to_string()));
        assert_eq!(
            (b[2].min_months, b[2].max_months, b[2].life),
            (120, 180, true)
        );
        let m = statutory_maximum(&b, Some("情节严重")).unwrap();
        assert_eq!((m.months, m.band, m.assumed_base), (120, 1, false));
        let m = statutory_maximum(&b, None).unwrap();
        assert_eq!((m.months, m.assumed_base), (36, true));
    }

    #[test]
    fn detention_only_and_fine_only() {
        let b = parse_bands(&[(
            "在道路上驾驶机动车，有下列情形之一的，处拘役，并处罚金：".into(),
            vec!["（二）醉酒驾驶机动车的；".into()],
        )]);
        assert_eq!(b.len(), 1);
        assert_eq!(
            (b[0].min_months, b[0].max_months, b[0].detention),
            (1, 6, true)
        );
        assert_eq!(b[0].threshold, "base");
        let b = parse_bands(&[(
            "单位犯前款罪的，对单位判处罚金，并对其直接负责的主管人员，依照前款的规定处罚。".into(),
            vec![],
        )]);
        assert!(b.is_empty());
    }
}
