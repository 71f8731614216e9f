//! Question understanding: what a question in plain Chinese says, before anything is retrieved or
//! computed.
//!
//! - [`facts`] reads the facts a question states (amounts, ages, dates, durations, stage, authority,
//!   crimes, circumstances, violations) and the rule families it touches, with spans.
//! - [`crimes`] maps crime names (and the words people use for them) to their 刑法 articles and
//!   reads the sentencing bands from the 刑法 text.
//! - [`options`] splits an exam item into its stem and options (its facts are the stem's).
//! - [`concepts`] links a question to the legal concepts it asks about (取保候审的条件, 保证金的退还 …)
//!   and their key provisions, from the reviewed table `corpus/concepts.tsv`.
//!
//! Retrieval ([`crate::search`]) ranks in the articles these link to; the answer layer
//! ([`crate::qa`]) feeds the facts to the rule engine.

pub mod concepts;
pub mod crimes;
pub mod facts;
pub mod options;
pub mod question;

use crate::normalize::normalize_str;
use facts::Authority;

/// An article a question is linked to by what it asks about, not by its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Title or alias.
    pub law: String,
    pub number: String,
    /// 0–1: how central the article is to what was linked (the statute of a concept is 1).
    pub weight: f32,
    /// Why: "概念：取保候审的条件", "罪名：危险驾驶罪".
    pub via: String,
}

/// Weight of a concept's n-th provision binding everyone (the statute first).
const POSITION_WEIGHTS: [f32; 5] = [1.0, 0.6, 0.45, 0.35, 0.3];
/// Weight of an authority's own rule when the question names that authority, and when it does not.
const OWN_RULE_NAMED: f32 = 0.85;
const OWN_RULE_UNNAMED: f32 = 0.35;
/// Weight of the 刑法 article of a crime named in the question, and of its penalty article.
const CRIME_ARTICLE: f32 = 0.9;
const CRIME_PENALTY: f32 = 0.7;

/// The articles a question links to: the key provisions of the legal concepts it asks about
/// ([`concepts`]) and the 刑法 articles of the crimes it names ([`crimes`]). One entry per article,
/// with its highest weight.
pub fn links(question: &str) -> Vec<Link> {
    let q = normalize_str(question);
    let named = facts::authorities_named(&q);
    let named_own = |a: Authority| named.contains(&a);
    let mut out: Vec<Link> = Vec::new();
    let mut add = |law: &str, number: &str, weight: f32, via: String| match out
        .iter_mut()
        .find(|l| l.law == law && l.number == number)
    {
        Some(l) if l.weight >= weight => {}
        Some(l) => {
            l.weight = weight;
            l.via = via;
        }
        None => out.push(Link {
            law: law.to_string(),
            number: number.to_string(),
            weight,
            via,
        }),
    };
    for m in concepts::find(&q) {
        let via = format!("概念：{}", m.concept.name);
        let mut position = 0;
        for p in &m.concept.provisions {
            let w = match p.authority {
                None => {
                    let w = POSITION_WEIGHTS[position.min(POSITION_WEIGHTS.len() - 1)];
                    position += 1;
                    w
                }
                Some(a) if named_own(a) => OWN_RULE_NAMED,
                Some(_) => OWN_RULE_UNNAMED,
            };
            add(&p.law, &p.number, w, via.clone());
        }
    }
    for c in crimes::find_crimes(&q) {
        let via = format!("罪名：{}", c.crime.name);
        add(
            crimes::CRIMINAL_LAW,
            &c.crime.article,
            CRIME_ARTICLE,
            via.clone(),
        );
        if c.crime.penalty_article != c.crime.article {
            add(
                crimes::CRIMINAL_LAW,
                &c.crime.penalty_article,
                CRIME_PENALTY,
                via,
            );
        }
    }
    out
}
