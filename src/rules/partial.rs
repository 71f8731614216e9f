//! Evaluation with facts missing: what holds whatever they are, and what they decide.
//!
//! A rule reports the facts it lacks in [`Outcome::needs`]. Where such a fact can take only a few
//! values (an authority, a stage, a yes/no circumstance: the enum and boolean inputs of the rule's
//! schema), the rule is evaluated once per value, branching again on whatever the next evaluation
//! lacks, up to [`MAX_EVALUATIONS`] evaluations. The leaves are then read as a person would want
//! them:
//!
//! - every leaf gives the same verdict and statement → the answer is definite, and the facts it
//!   did not depend on are named ([`Partial::regardless`]);
//! - leaves differ → the smallest set of the missing facts (one, else two) whose values explain
//!   every difference is chosen, and the answer is given per value ([`Case`]); the clauses all
//!   leaves share are stated once ([`Partial::common`]);
//! - a fact that cannot be enumerated (a date, an amount) is still missing in some leaf → that
//!   leaf stays a request for it ([`Partial::needs`]), and the rule's statement in words stands in
//!   for the figure.
//!
//! Nothing is guessed: a missing fact is never given a value the answer then depends on without
//! saying so.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{evaluate, Outcome};
use crate::Result;

/// Most rule evaluations spent on one partial evaluation (a handful of facts, never thousands of
/// combinations; each evaluation takes microseconds: R02 with every fact missing, the largest
/// tree of the engine, takes about a thousand). Past it, the exploration stops and what is left
/// unexplored is reported as missing.
pub const MAX_EVALUATIONS: usize = 2048;

/// Most facts one split of the answer is keyed by (公安机关决定的 / 未成年人 …): beyond two, a list
/// of cases no longer reads as an answer, and the facts are asked for instead.
const MAX_SPLIT_FACTS: usize = 2;

/// The verdict of a rule that lacks facts.
pub const NEEDS_INPUT: &str = "needs_input";
/// The verdict of a rule stated in words as the whole answer: the question asks the rule itself,
/// which the days it would compute with do not decide.
pub const STATED: &str = "stated";

/// The values given to missing facts on the way to a leaf, in the order given.
type Given = Vec<(String, Value)>;

/// One leaf of the exploration (there is at least one: [`evaluate_partial`] returns early otherwise): the values given to missing facts, and the outcome under them.
#[derive(Debug, Clone)]
struct Leaf {
    given: Given,
    outcome: Outcome,
}

/// One case of a conditional answer: the values of the deciding facts and the outcome then.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Case {
    /// The deciding facts and their values in this case; several values of one fact that lead to
    /// the same outcome are merged (`{"decider": ["procuratorate", "court"]}`).
    #[schema(value_type = Object)]
    pub when: Map<String, Value>,
    /// An outcome of this case (its citations are those every leaf of the case shares).
    pub outcome: Outcome,
}

/// How far the missing facts decide a rule's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// The same answer whatever the missing enumerable facts are (or none was missing).
    Definite,
    /// The answer differs with the facts in `split`: one case per value.
    Conditional,
    /// Some facts decide the answer and were not asked for, or a date or amount is missing.
    Missing,
}

/// A rule's answer with facts missing.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Partial {
    pub certainty: Certainty,
    /// For a definite answer, the outcome (citations: those of every leaf). Otherwise the first
    /// leaf, whose `needs` say what is missing.
    pub outcome: Outcome,
    /// Missing facts the answer does not depend on.
    pub regardless: Vec<String>,
    /// The facts the answer is split by, and the cases.
    pub split: Vec<String>,
    pub cases: Vec<Case>,
    /// Statements (clauses of the summary) that hold in every case.
    pub common: Vec<String>,
    /// Facts still missing and decisive: dates and amounts, and enumerable facts no split of at
    /// most two facts explains (a node left unexplored at [`MAX_EVALUATIONS`] is such a leaf).
    pub needs: Vec<String>,
}

/// The values a fact can take, from a rule's input schema: the enum values, or true/false.
fn domain(schema: &Value, field: &str) -> Option<Vec<Value>> {
    let p = schema.get("properties")?.get(field)?;
    if let Some(vals) = p.get("enum").and_then(Value::as_array) {
        return Some(vals.clone());
    }
    (p.get("type")? == "boolean").then(|| vec![Value::Bool(true), Value::Bool(false)])
}

/// Whether a fact is a day or a time (`"format": "date"` or `"date-time"` in a rule's schema), or
/// a list of them or of dated entries (R16's segments).
pub fn is_dated(schema: &Value, field: &str) -> bool {
    fn dated(p: &Value) -> bool {
        matches!(
            p.get("format").and_then(Value::as_str),
            Some("date" | "date-time")
        ) || p.get("items").is_some_and(|i| {
            dated(i)
                || i.get("properties")
                    .and_then(Value::as_object)
                    .is_some_and(|ps| ps.values().any(dated))
        })
    }
    schema
        .get("properties")
        .and_then(|ps| ps.get(field))
        .is_some_and(dated)
}

/// The clauses of a summary (split at ；), the unit statements are compared in.
fn clauses(summary: &str) -> Vec<String> {
    summary
        .split('；')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// Evaluates `rule` on `input`, exploring the values of the enumerable facts it reports missing.
pub fn evaluate_partial(
    rule: &str,
    input: Map<String, Value>,
    today: Option<chrono::NaiveDate>,
) -> Result<Partial> {
    let info = super::info(rule).ok_or_else(|| crate::Error::UnknownRule(rule.to_string()))?;
    // The input as given must be valid: its errors are the caller's.
    let first = evaluate(rule, Value::Object(input.clone()), today)?;
    if first.verdict != NEEDS_INPUT {
        return Ok(Partial {
            certainty: Certainty::Definite,
            outcome: first,
            regardless: Vec::new(),
            split: Vec::new(),
            cases: Vec::new(),
            common: Vec::new(),
            needs: Vec::new(),
        });
    }
    let initial = first.clone();
    let mut leaves: Vec<Leaf> = Vec::new();
    let mut stack: Vec<(Map<String, Value>, Given, Outcome)> = vec![(input, Vec::new(), first)];
    let mut evaluations = 1;
    while let Some((inp, given, o)) = stack.pop() {
        let branch = (o.verdict == NEEDS_INPUT)
            .then(|| {
                o.needs
                    .iter()
                    .find_map(|n| domain(&info.inputs, n).map(|d| (n.clone(), d)))
            })
            .flatten();
        let Some((field, values)) = branch else {
            leaves.push(Leaf { given, outcome: o });
            continue;
        };
        if evaluations + values.len() > MAX_EVALUATIONS {
            leaves.push(Leaf { given, outcome: o });
            continue;
        }
        // in reverse, so that the stack pops the values in the schema's order
        for v in values.into_iter().rev() {
            let mut next = inp.clone();
            next.insert(field.clone(), v.clone());
            evaluations += 1;
            // a combination the rule rejects as inconsistent is not a case
            let Ok(out) = evaluate(rule, Value::Object(next.clone()), today) else {
                continue;
            };
            let mut g = given.clone();
            g.push((field.clone(), v));
            stack.push((next, g, out));
        }
    }
    if leaves.is_empty() {
        // every combination was rejected: the facts stay missing
        return Ok(Partial {
            certainty: Certainty::Missing,
            needs: initial.needs.clone(),
            outcome: initial,
            regardless: Vec::new(),
            split: Vec::new(),
            cases: Vec::new(),
            common: Vec::new(),
        });
    }
    leaves.sort_by_key(|l| order_key(&info.inputs, &l.given));
    Ok(summarise(&info.inputs, leaves))
}

/// Sort key of a leaf: the positions of its values in the facts' domains, fact by fact, so cases
/// are listed in the schema's order (公安机关 before 人民检察院 …).
fn order_key(schema: &Value, given: &[(String, Value)]) -> Vec<usize> {
    given
        .iter()
        .map(|(f, v)| {
            domain(schema, f)
                .and_then(|d| d.iter().position(|x| x == v))
                .unwrap_or(usize::MAX)
        })
        .collect()
}

/// What a leaf says, for comparing leaves: its verdict and its clauses beyond those every leaf
/// states; for a request for facts, the facts requested.
type Signature = (String, Vec<String>, Vec<String>);

fn signature(l: &Leaf, common: &[String]) -> Signature {
    let own: Vec<String> = clauses(&l.outcome.summary)
        .into_iter()
        .filter(|c| !common.contains(c))
        .collect();
    let needs = if l.outcome.verdict == NEEDS_INPUT {
        l.outcome.needs.clone()
    } else {
        Vec::new()
    };
    (l.outcome.verdict.clone(), own, needs)
}

fn value_of<'a>(l: &'a Leaf, field: &str) -> Option<&'a Value> {
    l.given.iter().find(|(f, _)| f == field).map(|(_, v)| v)
}

/// Citations every outcome of a group shares, in the first one's order.
fn shared_citations(group: &[&Leaf]) -> Vec<super::Citation> {
    group[0]
        .outcome
        .citations
        .iter()
        .filter(|c| group.iter().all(|l| l.outcome.citations.contains(c)))
        .cloned()
        .collect()
}

/// Flags every outcome of a group shares.
fn shared_flags(group: &[&Leaf]) -> Vec<super::Flag> {
    group[0]
        .outcome
        .flags
        .iter()
        .filter(|f| group.iter().all(|l| l.outcome.flags.contains(f)))
        .cloned()
        .collect()
}

/// The clauses every decided leaf of a group states, in the first decided one's order; nothing
/// when a leaf still lacks facts (what it would say is not known).
fn shared_clauses(group: &[&Leaf]) -> Vec<String> {
    if group.iter().any(|l| l.outcome.verdict == NEEDS_INPUT) {
        return Vec::new();
    }
    decided_clauses(group)
}

/// The clauses every decided leaf of a group states: what holds in each branch that could be
/// decided, said of a case only together with the facts its other branches still lack.
fn decided_clauses(group: &[&Leaf]) -> Vec<String> {
    let decided: Vec<&&Leaf> = group
        .iter()
        .filter(|l| l.outcome.verdict != NEEDS_INPUT)
        .collect();
    let Some(first) = decided.first() else {
        return Vec::new();
    };
    clauses(&first.outcome.summary)
        .into_iter()
        .filter(|c| {
            decided
                .iter()
                .all(|l| clauses(&l.outcome.summary).contains(c))
        })
        .collect()
}

/// The outcome that stands for a group of leaves: what they all say (their shared clauses, or
/// the verdict alone where they share none), with the citations and flags they all carry. A
/// group whose leaves differ in what they lack asks for all of it.
fn representative(group: &[&Leaf]) -> Outcome {
    let mut o = group[0].outcome.clone();
    o.citations = shared_citations(group);
    o.flags = shared_flags(group);
    if o.verdict != NEEDS_INPUT {
        let shared = shared_clauses(group);
        o.summary = if shared.is_empty() {
            super::verdict_label(&o.verdict).to_string()
        } else {
            shared.join("；")
        };
        if group.len() > 1 {
            o.details = Value::Object(Map::new());
        }
    } else {
        for l in group {
            for n in &l.outcome.needs {
                if !o.needs.contains(n) {
                    o.needs.push(n.clone());
                }
            }
        }
    }
    o
}

/// Whether the values of `set` tell apart every two leaves that say different things. The first
/// fact of the set has a value in every leaf; a later one may be met only in some branches (a
/// fact the police branch alone asks for).
fn explains(set: &[String], leaves: &[Leaf], sigs: &[Signature]) -> bool {
    leaves.iter().all(|l| value_of(l, &set[0]).is_some())
        && leaves.iter().zip(sigs).all(|(a, sa)| {
            leaves
                .iter()
                .zip(sigs)
                .all(|(b, sb)| sa == sb || set.iter().any(|f| value_of(a, f) != value_of(b, f)))
        })
}

/// The leaves grouped by signature (in the order first met), each group's `when` naming the
/// values of the split facts that lead to it.
fn cases(schema: &Value, split: &[String], leaves: &[Leaf], sigs: &[Signature]) -> Vec<Case> {
    let mut groups: Vec<(usize, Vec<&Leaf>)> = Vec::new();
    for (i, l) in leaves.iter().enumerate() {
        match groups.iter_mut().find(|(j, _)| sigs[*j] == sigs[i]) {
            Some((_, g)) => g.push(l),
            None => groups.push((i, vec![l])),
        }
    }
    groups
        .into_iter()
        .map(|(_, g)| {
            let mut when = Map::new();
            for f in split {
                let mut vals: Vec<Value> = Vec::new();
                for l in &g {
                    if let Some(v) = value_of(l, f) {
                        if !vals.contains(v) {
                            vals.push(v.clone());
                        }
                    }
                }
                // a fact all of whose values lead here does not name the case
                let full = domain(schema, f).is_some_and(|d| d.len() == vals.len());
                if !full && !vals.is_empty() {
                    when.insert(f.clone(), Value::Array(vals));
                }
            }
            Case {
                when,
                outcome: representative(&g),
            }
        })
        .collect()
}

fn summarise(schema: &Value, leaves: Vec<Leaf>) -> Partial {
    // every fact some leaf was given a value for, in the order first met
    let mut explored: Vec<String> = Vec::new();
    for l in &leaves {
        for (f, _) in &l.given {
            if !explored.contains(f) {
                explored.push(f.clone());
            }
        }
    }
    let all: Vec<&Leaf> = leaves.iter().collect();
    let common = shared_clauses(&all);
    let partial = |certainty, outcome, split: Vec<String>, cases: Vec<Case>, needs| Partial {
        certainty,
        outcome,
        regardless: explored
            .iter()
            .filter(|f| !split.contains(f))
            .cloned()
            .collect(),
        split,
        cases,
        common: common.clone(),
        needs,
    };
    let sigs: Vec<Signature> = leaves.iter().map(|l| signature(l, &common)).collect();
    if sigs.iter().all(|s| *s == sigs[0]) {
        let outcome = representative(&all);
        if outcome.verdict == NEEDS_INPUT {
            let needs = outcome.needs.clone();
            return partial(Certainty::Missing, outcome, Vec::new(), Vec::new(), needs);
        }
        // the same answer whatever the facts left out: it rests on each case's provisions (the
        // same figure under each authority's own rule), not only on those all of them share
        let mut outcome = outcome;
        outcome.citations = super::union_citations(all.iter().flat_map(|l| &l.outcome.citations));
        return partial(
            Certainty::Definite,
            outcome,
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
    }
    // the smallest set of facts whose values explain every difference
    let split = (1..=MAX_SPLIT_FACTS.min(explored.len()))
        .flat_map(|k| combinations(&explored, k))
        .find(|set| explains(set, &leaves, &sigs));
    if let Some(split) = split {
        let cases = cases(schema, &split, &leaves, &sigs);
        let needs = needs_of(&cases);
        let first = leaves[0].outcome.clone();
        return partial(Certainty::Conditional, first, split, cases, needs);
    }
    // No small set explains it all: split by the one fact whose values settle most of what is
    // said (the clauses each value's leaves share), and where a value leaves the answer open, say
    // what else it depends on.
    let best = explored
        .iter()
        .filter(|f| leaves.iter().all(|l| value_of(l, f).is_some()))
        .map(|f| {
            let cases = cases_by(f, &leaves, &common);
            // what the split says: the distinct statements of its cases beyond a bare verdict
            let mut said: Vec<&str> = Vec::new();
            for c in &cases {
                let s = c.outcome.summary.as_str();
                if c.outcome.verdict != NEEDS_INPUT
                    && s != super::verdict_label(&c.outcome.verdict)
                    && !said.contains(&s)
                {
                    said.push(s);
                }
            }
            (said.len(), f.clone(), cases)
        })
        .fold(None::<(usize, String, Vec<Case>)>, |best, x| match best {
            Some(b) if b.0 >= x.0 => Some(b),
            _ => Some(x),
        });
    let first = leaves[0].outcome.clone();
    match best {
        Some((said, root, cases)) if said > 0 => {
            let needs = needs_of(&cases);
            partial(Certainty::Conditional, first, vec![root], cases, needs)
        }
        _ => {
            let mut needs = explored.clone();
            for n in leaves.iter().flat_map(|l| &l.outcome.needs) {
                if !needs.contains(n) {
                    needs.push(n.clone());
                }
            }
            // what every leaf cites, not what the first happens to
            let mut first = first;
            first.citations = shared_citations(&all);
            first.flags = shared_flags(&all);
            let mut p = partial(Certainty::Missing, first, Vec::new(), Vec::new(), needs);
            p.regardless.clear();
            p
        }
    }
}

/// The cases of one fact's values: what the leaves of each value all say beyond `common` (their
/// shared clauses; a shared verdict in words where they share no clause), and where they differ
/// on more, the facts that decide it. Values that say the same are one case.
fn cases_by(root: &str, leaves: &[Leaf], common: &[String]) -> Vec<Case> {
    let mut by_value: Vec<(Value, Vec<&Leaf>)> = Vec::new();
    for l in leaves {
        let v = value_of(l, root).cloned().unwrap_or(Value::Null);
        match by_value.iter_mut().find(|(x, _)| *x == v) {
            Some((_, g)) => g.push(l),
            None => by_value.push((v, vec![l])),
        }
    }
    let mut out: Vec<Case> = Vec::new();
    for (v, g) in by_value {
        let sigs: Vec<Signature> = g.iter().map(|l| signature(l, common)).collect();
        let o = if sigs.iter().all(|s| *s == sigs[0]) {
            representative(&g)
        } else {
            unsettled(root, &g, common)
        };
        match out.iter_mut().find(|c| {
            c.outcome.verdict == o.verdict
                && c.outcome.summary == o.summary
                && c.outcome.needs == o.needs
        }) {
            Some(c) => {
                if let Some(Value::Array(vs)) = c.when.get_mut(root) {
                    vs.push(v);
                }
            }
            None => {
                let mut when = Map::new();
                when.insert(root.to_string(), Value::Array(vec![v]));
                out.push(Case { when, outcome: o });
            }
        }
    }
    out
}

/// A case whose leaves say different things: what its decided leaves all say (their shared
/// clauses; their verdict in words where it is one and they share no clause), with the facts
/// that decide the rest; a request for those facts where they share nothing.
fn unsettled(root: &str, g: &[&Leaf], common: &[String]) -> Outcome {
    let mut o = representative(g);
    o.details = Value::Object(Map::new());
    let decided: Vec<&Leaf> = g
        .iter()
        .copied()
        .filter(|l| l.outcome.verdict != NEEDS_INPUT)
        .collect();
    if let Some(d) = decided.first() {
        o.verdict = d.outcome.verdict.clone();
        o.citations = shared_citations(&decided);
    }
    let one_verdict = decided.iter().all(|l| l.outcome.verdict == o.verdict);
    let own: Vec<String> = decided_clauses(g)
        .into_iter()
        .filter(|c| !common.contains(c))
        .collect();
    let mut more: Vec<String> = Vec::new();
    for l in g {
        for f in l.given.iter().map(|(f, _)| f).chain(&l.outcome.needs) {
            if f != root && !more.contains(f) {
                more.push(f.clone());
            }
        }
    }
    if own.is_empty() && !one_verdict {
        o.verdict = NEEDS_INPUT.into();
        o.summary = String::new();
        o.needs = more;
        return o;
    }
    o.summary = own.join("；");
    if o.summary.is_empty() {
        o.summary = super::verdict_label(&o.verdict).to_string();
    }
    // one verdict in every branch, all decided: the verdict holds, only its reasons vary with the
    // other facts
    o.needs = if one_verdict && decided.len() == g.len() {
        Vec::new()
    } else {
        more
    };
    o
}

/// The facts the cases still lack, each once.
fn needs_of(cases: &[Case]) -> Vec<String> {
    let mut needs: Vec<String> = Vec::new();
    for c in cases {
        for n in &c.outcome.needs {
            if !needs.contains(n) {
                needs.push(n.clone());
            }
        }
    }
    needs
}

/// The k-element subsets of `items`, in order.
fn combinations(items: &[String], k: usize) -> Vec<Vec<String>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        for mut rest in combinations(&items[i + 1..], k - 1) {
            rest.insert(0, x.clone());
            out.push(rest);
        }
    }
    out
}
