//! Which rules answer a question: those of the concepts it asks about and of the facts it states,
//! kept when they answer the kind of thing asked (a date, an amount, who approves …).
//!
//! A rule that fires on a word but answers another question (保证金 in a question about
//! forfeiture → the payment rule) buries what matters; so when a question says what it asks for,
//! only the rules that answer that kind of thing are run, and the rest only when none does.

use std::sync::LazyLock;

use regex::Regex;

use crate::search::Hit;
use crate::understand::facts::Topic;
use crate::understand::question::{Asked, Question};

/// Most rules one answer computes: the answer leads with the first; more is noise.
pub const MAX_RULES: usize = 4;

/// What each rule's outcome answers (catalogue §9: each rule's output), reviewed by hand.
/// Every rule of the engine has a row; `tests` checks the ids exist and none is missing.
pub const ANSWERS: &[(&str, &[Asked])] = {
    use Asked::*;
    &[
        ("R01", &[Approver, List]),
        ("R02", &[YesNo, List]),
        ("R03", &[YesNo]),
        ("R04", &[YesNo, Procedure, List]),
        ("R05", &[YesNo, List, Procedure]),
        ("R06", &[Procedure, Consequence, Duration, YesNo, List]),
        ("R07", &[Amount, Consequence, Duration, Date, YesNo]),
        ("R08", &[Amount]),
        ("R09", &[Approver, Amount]),
        ("R10", &[Procedure, Duration, Date, YesNo]),
        ("R11", &[List, Duration, YesNo, Date]),
        ("R12", &[Approver, YesNo, Procedure]),
        ("R13", &[Consequence, YesNo, Duration, Date]),
        (
            "R14",
            &[Consequence, Amount, YesNo, Duration, Date, Approver],
        ),
        ("R15", &[Consequence, YesNo]),
        ("R16", &[Date, Duration]),
        ("R17", &[Date, Duration]),
        ("R18", &[Procedure, Date, Duration, YesNo]),
        ("R19", &[Consequence, Procedure, YesNo]),
        ("R20", &[YesNo, Procedure, Date]),
        ("R21", &[Procedure, Date, Duration, YesNo]),
        ("R22", &[Approver, Procedure, YesNo]),
        ("R23", &[Duration, Date, Procedure, Approver]),
        ("R24", &[Duration, Date, Procedure]),
        ("R25", &[Consequence, Procedure, YesNo]),
        ("R26", &[YesNo, Amount, List, Procedure]),
        ("R27", &[Consequence, Procedure, YesNo]),
        ("R28", &[YesNo, List, Procedure]),
        ("R29", &[YesNo, Procedure, Duration]),
        ("R30", &[Date, Duration]),
        ("R31", &[Amount, Duration, YesNo, Procedure]),
        ("R32", &[List, Consequence, YesNo]),
        ("R33", &[Duration, Date, Procedure, YesNo]),
        ("R34", &[Duration, Date, Procedure, YesNo]),
        ("R35", &[Duration, Date, Consequence, Procedure]),
        ("R36", &[YesNo, Consequence, Procedure, Date]),
        ("R37", &[Duration, Date, Procedure, YesNo]),
        ("R38", &[Procedure, YesNo, Date, Duration, Approver]),
        ("R39", &[Duration, Date, Approver, Procedure]),
        ("R40", &[Duration, Date, Procedure, YesNo]),
        ("R41", &[Duration, Date, Approver, Procedure]),
        ("R42", &[Consequence, Procedure, YesNo, Duration, Date]),
        ("R43", &[Date, Duration, List, Procedure]),
        ("R44", &[Duration, Date, YesNo, Procedure, Amount]),
    ]
};

/// Adds weight to a rule's score (a new rule enters with it).
/// What names a rule as a question's answer, summed over the signals.
struct Score {
    rule: String,
    weight: f32,
    /// Where in the question the first signal is.
    first: usize,
    /// The longest own cue matched: between equal weights, the longer cue is the more specific.
    cue_chars: usize,
}

/// Adds a signal to a rule's score (a new rule enters with it).
fn add(scored: &mut Vec<Score>, id: &str, w: f32, pos: usize, cue_chars: usize) {
    match scored.iter_mut().find(|x| x.rule == id) {
        Some(x) => {
            x.weight += w;
            x.first = x.first.min(pos);
            x.cue_chars = x.cue_chars.max(cue_chars);
        }
        None => scored.push(Score {
            rule: id.to_string(),
            weight: w,
            first: pos,
            cue_chars,
        }),
    }
}

/// The rules of a topic the fact reader recognises (its cue words are wider than the concepts').
fn topic_rules(t: Topic) -> &'static [&'static str] {
    match t {
        Topic::Eligibility => &["R02"],
        Topic::DepositAmount => &["R08"],
        Topic::Term => &["R17", "R16"],
        Topic::Obligations => &["R11", "R12"],
        Topic::Violation => &["R13"],
        Topic::Forfeiture => &["R14"],
        Topic::Refund => &["R21"],
        Topic::Guarantor => &["R05", "R06", "R07"],
        Topic::Release => &["R20", "R25"],
        Topic::ResidentialSurveillance => &["R28", "R30"],
        Topic::Minors => &["R26"],
        Topic::CustodyLimits | Topic::Sentence => &[],
    }
}

fn answers(rule: &str) -> &'static [Asked] {
    ANSWERS
        .iter()
        .find(|(id, _)| *id == rule)
        .map(|(_, a)| *a)
        .unwrap_or(&[])
}

/// `corpus/rule_cues.tsv`: (rule id, what a question about it says).
static RULE_CUES: LazyLock<Vec<(String, Regex)>> = LazyLock::new(|| {
    parse_rule_cues(include_str!("../../corpus/rule_cues.tsv"))
        .expect("corpus/rule_cues.tsv parses (checked by its unit test)")
});

fn parse_rule_cues(tsv: &str) -> Result<Vec<(String, Regex)>, String> {
    super::table::parse(tsv, "corpus/rule_cues.tsv", "rule\t")
}

/// Weights of what names a rule as the answer (hand-set, checked on the question set of
/// tests/ask_questions.rs): a rule's own cue is the most specific signal, a concept's rules come
/// next (a concept covers a whole subject), then what the facts imply. An earlier match breaks
/// ties.
const RULE_CUE_WEIGHT: f32 = 2.0;
const CONCEPT_WEIGHT: f32 = 1.5;
const FACT_WEIGHT: f32 = 1.0;

/// Rules whose outcome feeds another's input (`inputs::carry_over`): R17's expiry day is the day
/// R19 judges the expiry by, and the expiry R18 counts the transfer notices back from.
const CHAINS: &[(&str, &str)] = &[("R17", "R19"), ("R17", "R18")];

/// Rules whose outcome contains others': the timeline from one 拘留 (R43) is built from the outcomes
/// of the first-day, request, decision, custody-term and review rules, so when it runs they add
/// nothing but repetition.
const SUBSUMES: &[(&str, &[&str])] = &[("R43", &["R33", "R34", "R35", "R39", "R40"])];

/// The same question asked of bail (or custody) and of 监视居住: (that rule, the 监视居住 rule). A question
/// that names 监视居住 and not 取保候审 is answered by the second where the first was found (a
/// violation of 监视居住 by R32, not R13).
const MEASURE_TWINS: &[(&str, &str)] = &[
    ("R02", "R28"),
    ("R11", "R32"),
    ("R12", "R32"),
    ("R13", "R32"),
    ("R14", "R32"),
    ("R16", "R30"),
    ("R17", "R30"),
    ("R22", "R29"),
    ("R44", "R31"),
];

/// The rules of whether a measure may be ordered (取保候审, 监视居住).
const ELIGIBILITY_RULES: [&str; 2] = ["R02", "R28"];

/// The period of a measure as the time a question is set in.
static DURING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(取保(候审)?|保释|监视居住|指居)(的)?期间").expect("valid regex")
});

/// Search hits whose articles vote for the rules that quote them, when nothing else names a rule.
const VOTING_HITS: usize = 3;

/// The rules to run for a question, in order of relevance, at most [`MAX_RULES`]: those of the
/// concepts it asks about and of the facts it states; where there are none, those of the topics
/// the fact reader saw; where there are none either and no concept was recognised, the rules that
/// quote the first articles retrieved for it (a rule is about the articles it rests on).
pub fn plan(q: &Question, hits: &[Hit]) -> Vec<String> {
    let f = &q.facts;
    let mut scored: Vec<Score> = Vec::new();
    // a question set during the measure (取保候审期间可以结婚吗) does not ask whether the measure
    // may be ordered
    let during = DURING.is_match(&q.normalized);
    for (rule, cue) in RULE_CUES.iter() {
        if during && ELIGIBILITY_RULES.contains(&rule.as_str()) {
            continue;
        }
        if let Some(m) = cue.find(&q.normalized) {
            add(
                &mut scored,
                rule,
                RULE_CUE_WEIGHT,
                m.start(),
                m.as_str().chars().count(),
            );
        }
    }
    for m in q.concepts_asked() {
        for r in &m.concept.rules {
            add(&mut scored, r, CONCEPT_WEIGHT, m.start, 0);
        }
    }
    // what the facts imply
    let end = q.normalized.len();
    if !f.violations.is_empty() {
        add(&mut scored, "R13", FACT_WEIGHT, end, 0);
    }
    if f.new_crime.as_ref().is_some_and(|n| n.value) {
        add(&mut scored, "R15", FACT_WEIGHT, end, 0);
    }
    if f.is_minor.as_ref().is_some_and(|m| m.value) {
        add(&mut scored, "R26", FACT_WEIGHT, end, 0);
    }
    // the sole carer of someone who cannot look after themselves: a ground of 监视居住 (刑诉法74①(三))
    if f.sole_carer.as_ref().is_some_and(|c| c.value) {
        add(&mut scored, "R28", FACT_WEIGHT, end, 0);
    }
    // a question about a concept no rule computes (拘留后的讯问, 饮酒驾驶) is answered by its
    // articles and the scope note, not by rules its topic words or search hits happen to touch
    if scored.is_empty() && q.concepts.is_empty() {
        for t in &f.topics {
            for r in topic_rules(t.topic) {
                add(&mut scored, r, FACT_WEIGHT, end, 0);
            }
        }
    }
    // nor when the fact reader saw what it is about (a custody question whose hits quote bail rules)
    // (not for a question set during the measure about nothing the engine knows: 取保候审期间可以
    // 结婚吗 is about marriage, whatever bail articles its words retrieve)
    if scored.is_empty() && q.concepts.is_empty() && f.topics.is_empty() && !during {
        let rules = crate::rules::infos();
        for (rank, h) in hits
            .iter()
            .filter(|h| h.kind != "section")
            .take(VOTING_HITS)
            .enumerate()
        {
            let voters: Vec<&str> = rules
                .iter()
                .filter(|r| {
                    crate::rules::articles_of(&r.id)
                        .iter()
                        .any(|(law, n)| *law == h.law && *n == h.number)
                })
                .map(|r| r.id.as_str())
                .collect();
            // an article many rules quote (刑诉法71) says little about which one is asked; one
            // quoted by a single rule names it: each hit's vote is shared among the rules quoting it
            for r in &voters {
                add(&mut scored, r, FACT_WEIGHT / voters.len() as f32, rank, 0);
            }
        }
    }
    scored.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(b.cue_chars.cmp(&a.cue_chars))
            .then(a.first.cmp(&b.first))
    });
    let mut candidates: Vec<String> = scored.into_iter().map(|x| x.rule).collect();
    if q.measure_named() == Some(crate::understand::question::Measure::Rsdl) {
        for c in candidates.iter_mut() {
            if let Some((_, twin)) = MEASURE_TWINS.iter().find(|(bail, _)| c == bail) {
                *c = twin.to_string();
            }
        }
        let mut seen = std::collections::HashSet::new();
        candidates.retain(|c| seen.insert(c.clone()));
    }
    // the rules that answer what is asked come first, in the order found; the others only when
    // no rule answers it (or the question does not say what it asks)
    let fits = |r: &String| answers(r).iter().any(|a| q.asks(*a));
    let mut chosen: Vec<String> = candidates.iter().filter(|r| fits(r)).cloned().collect();
    if chosen.is_empty() {
        chosen = candidates.clone();
    }
    // a rule that takes a figure a chosen one computes follows it, when the question touches it;
    // a chosen rule that takes such a figure has the rule computing it run first
    for (from, to) in CHAINS {
        if let Some(i) = chosen.iter().position(|r| r == from) {
            if candidates.iter().any(|r| r == to) && !chosen.iter().any(|r| r == to) {
                chosen.insert(i + 1, to.to_string());
            }
        } else if let Some(i) = chosen.iter().position(|r| r == to) {
            chosen.insert(i, from.to_string());
        }
    }
    // a rule built from others runs first, without them
    for (whole, parts) in SUBSUMES {
        if chosen.iter().any(|r| r == whole) {
            chosen.retain(|r| !parts.contains(&r.as_str()));
            if let Some(i) = chosen.iter().position(|r| r == whole) {
                let w = chosen.remove(i);
                chosen.insert(0, w);
            }
        }
    }
    chosen.truncate(MAX_RULES);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_cues_parse_and_name_rules() {
        let ids: Vec<String> = crate::rules::list().into_iter().map(|r| r.id).collect();
        let cues = parse_rule_cues(include_str!("../../corpus/rule_cues.tsv")).unwrap();
        for (r, _) in &cues {
            assert!(ids.contains(r), "{r} is not a rule");
        }
        assert!(parse_rule_cues("R01\t(").is_err());
    }

    #[test]
    fn every_rule_has_a_row_and_every_row_a_rule() {
        let ids: Vec<String> = crate::rules::list().into_iter().map(|r| r.id).collect();
        for (id, kinds) in ANSWERS {
            assert!(ids.iter().any(|i| i == id), "{id} is not a rule");
            assert!(!kinds.is_empty(), "{id} answers nothing");
        }
        for id in &ids {
            assert!(ANSWERS.iter().any(|(r, _)| r == id), "{id} has no row");
        }
    }
}
