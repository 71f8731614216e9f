//! From a question to rule evaluations: which rules it touches, and the input its facts give each.
//!
//! The rules are those of the legal concepts the question asks about (`corpus/concepts.tsv` names
//! them), then those its facts imply (a minor → R26, a violation told → R13, a new crime → R15).
//! The input of a rule is built from the facts read from the question, keeping only the fields the
//! rule declares, so a fact the text does not state stays missing and the rule reports it in
//! `needs` instead of guessing (a violation reaches R13 only where its words name one obligation of
//! 刑诉法71). Facts given as data in the request override them.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::{json, Map, Value};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::normalize::normalize_str;
use crate::rules::{self, RuleInfo};
use crate::understand::question::Question;
use crate::understand::{crimes, facts};

/// Every fact the question states, under the input names the rules use. A rule takes the ones it
/// declares.
pub fn fact_fields(corpus: &Corpus, q: &Question) -> Map<String, Value> {
    let f = &q.facts;
    let question = q.text.as_str();
    let mut m = Map::new();
    if let Some(a) = f.authority.as_ref() {
        if let Ok(v) = serde_json::to_value(a.value) {
            m.insert("authority".into(), v.clone());
            m.insert("decider".into(), v);
        }
    }
    let flags = [
        ("is_minor", &f.is_minor),
        ("pregnant", &f.pregnant),
        ("breastfeeding_own_infant", &f.nursing),
        ("serious_illness", &f.serious_illness),
        ("serious_illness_or_cannot_care", &f.serious_illness),
        ("sole_caretaker_of_dependent", &f.sole_carer),
        // in custody now (在押, 关在看守所) or not (没有羁押, 放回家): periods then run without
        // the holiday extension (刑诉法105④)
        ("bailee_in_custody", &f.in_custody),
        ("in_custody_while_paying", &f.in_custody),
        ("applicant_person_in_custody", &f.in_custody),
    ];
    for (k, v) in flags {
        if let Some(v) = v {
            m.insert(k.into(), json!(v.value));
        }
    }
    // 怀孕或者正在哺乳自己婴儿 (刑诉法74①(二)) is one ground of 监视居住
    if let Some(v) = [&f.pregnant, &f.nursing]
        .into_iter()
        .flatten()
        .find(|v| v.value)
    {
        m.insert("pregnant_or_breastfeeding".into(), json!(v.value));
    }
    if let Some(d) = f.amount(facts::AmountKind::Deposit) {
        for k in [
            "proposed",
            "requested_deposit",
            "proposed_deposit",
            "deposit",
            "held",
            "amount",
            "ordered_amount",
        ] {
            m.insert(k.into(), json!(d));
        }
    }
    // two deposit amounts, one told as paid (只交了3000元): the other is the one decided
    let deposits: Vec<&facts::Amount> = f
        .amounts
        .iter()
        .filter(|a| a.kind == facts::AmountKind::Deposit)
        .collect();
    if let [_, _, ..] = deposits.as_slice() {
        static PAID: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(交|缴|存)(了|纳了|进去)|已(经)?(交|缴)|实际(交|缴)").expect("valid regex")
        });
        let paid = deposits
            .iter()
            .find(|a| a.cue.as_deref().is_some_and(|c| PAID.is_match(c)));
        if let Some(paid) = paid {
            m.insert("paid_amount".into(), json!(paid.yuan));
            if let Some(ordered) = deposits.iter().find(|a| a.span != paid.span) {
                m.insert("ordered_amount".into(), json!(ordered.yuan));
            }
        }
    }
    if let Some(c) = f.crimes.first() {
        m.insert("offence_article".into(), json!(c.penalty_article));
        statutory_maximum(corpus, &q.stem, &c.penalty_article, &mut m);
        // an economic or property offence by the 刑法's own chapters (第三章, 第五章)
        let property = corpus
            .find(crimes::CRIMINAL_LAW, &c.article)
            .is_some_and(|a| {
                a.path
                    .iter()
                    .any(|h| h.contains("破坏社会主义市场经济秩序罪") || h.contains("侵犯财产罪"))
            });
        if property {
            m.insert("offence_kind".into(), json!("property_loss"));
        }
    }
    if let Some(n) = f.guarantor_count.as_ref() {
        m.insert("requested_guarantor_count".into(), json!(n.value));
    }
    // R13: the guarantee form (a deposit told is a deposit) and the violations told
    let form = f.guarantee_form.as_ref().map(|g| g.value).or_else(|| {
        f.amount(facts::AmountKind::Deposit)
            .map(|_| facts::GuaranteeKind::Deposit)
    });
    match form {
        Some(facts::GuaranteeKind::Guarantor) => {
            m.insert("form".into(), json!("guarantor"));
        }
        Some(facts::GuaranteeKind::Deposit) => {
            m.insert("form".into(), json!("deposit"));
        }
        _ => {}
    }
    let kinds: Vec<&str> = f
        .violations
        .iter()
        .filter_map(|v| violation_code(question, v))
        .fold(Vec::new(), |mut ks, k| {
            if !ks.contains(&k) {
                ks.push(k);
            }
            ks
        });
    if !kinds.is_empty() {
        // a count told (第二次, 又, 多次) is the count of the one kind told
        let occurrence = f
            .violation_count
            .as_ref()
            .filter(|_| kinds.len() == 1)
            .map(|c| c.value.count.min(u8::MAX as u32));
        // what the question says of their effect (影响审判, 造成严重后果), negated or not
        let said = |yes: &[&str], no: &[&str]| -> Option<bool> {
            if no.iter().any(|w| q.stem.contains(w)) {
                Some(false)
            } else if yes.iter().any(|w| q.stem.contains(w)) {
                Some(true)
            } else {
                None
            }
        };
        let affects = said(
            &[
                "影响审判",
                "影响诉讼",
                "影响侦查",
                "影响审查起诉",
                "影响开庭",
            ],
            &["没有影响", "未影响", "没影响", "不影响"],
        );
        let serious = said(
            &["严重后果"],
            &["没有造成严重后果", "未造成严重后果", "没造成严重后果"],
        );
        let list: Vec<Value> = kinds
            .iter()
            .map(|k| {
                let mut v = json!({ "kind": k });
                if let Some(n) = occurrence {
                    v["occurrence"] = json!(n);
                }
                if let Some(a) = affects {
                    v["affects_trial"] = json!(a);
                }
                if let Some(x) = serious {
                    v["serious_consequence"] = json!(x);
                }
                v
            })
            .collect();
        m.insert("violations".into(), Value::Array(list));
    }
    if let Some(n) = f.new_crime.as_ref().filter(|n| n.value) {
        // R15: what the clause telling the new crime says of it; nothing is assumed
        let clause = clause_around(question, &n.span);
        if clause.contains("过失") {
            m.insert("new_crime".into(), json!("suspected_negligent"));
        } else if clause.contains("故意") {
            m.insert("new_crime".into(), json!("suspected_intentional"));
        }
        if ["未立案", "没立案", "没有立案", "未被立案", "没有被立案"]
            .iter()
            .any(|k| clause.contains(k))
        {
            m.insert("case_filed".into(), json!(false));
        } else if clause.contains("立案") {
            m.insert("case_filed".into(), json!(true));
        }
    }
    // what the judgment orders paid beside a deposit (罚金, 赔偿/退赔): what the court may take the
    // deposit for (规定(2022)33②, 刑诉解释159), and how much
    if f.amount(facts::AmountKind::Deposit).is_some() {
        let owed = |kind| {
            f.amounts
                .iter()
                .filter(move |a: &&facts::Amount| a.kind == kind)
        };
        let mut needs = Vec::new();
        let mut total = 0;
        for (kind, code) in [
            (facts::AmountKind::CriminalFine, "property_penalty"),
            (facts::AmountKind::Compensation, "civil_compensation"),
        ] {
            for a in owed(kind) {
                total += a.yuan;
                if !needs.contains(&code) {
                    needs.push(code);
                }
            }
        }
        if !needs.is_empty() {
            m.insert("needs".into(), json!(needs));
            m.insert("amount_needed".into(), json!(total));
        }
    }
    if let Some(fine) = f.amount(facts::AmountKind::Fine) {
        m.insert("proposed_fine".into(), json!(fine));
    }
    // a violation told breaks 刑诉法71 (a question saying the obligations were kept says so in
    // corpus/stated_facts.tsv, read first)
    stated_facts(q, &mut m);
    // R04: no guarantor or deposit told is a form still to be chosen, unless both are said to be
    // impossible (提不出保证人、交不起保证金): only then is it neither offered (→ 监视居住)
    let said = |k: &str| m.get(k) == Some(&json!(true));
    let neither = said("cannot_provide_guarantor") && said("unable_to_pay");
    if !neither && f.guarantor_count.is_none() && f.amount(facts::AmountKind::Deposit).is_none() {
        m.insert("form_undecided".into(), json!(true));
    }
    // (a new crime is not itself a breach of 刑诉法71: the rules on it ask for both)
    if f.violations
        .iter()
        .any(|v| v.value != facts::ViolationKind::NewCrime)
    {
        for k in ["violated_71", "bailee_violated_71", "bail_violation"] {
            m.entry(k).or_insert(json!(true));
        }
    }
    dated_facts(q, &mut m);
    // 拘留已经第5天了: no day told, but the day of the detention is day one of the count
    if !m.contains_key("detained_on") {
        if let Some(day) = detention_day_counted(q) {
            m.insert("detained_on".into(), json!(day));
        }
    }
    decision_segments(q, &mut m);
    if let Some(st) = f.stage.as_ref() {
        if let Ok(v) = serde_json::to_value(st.value) {
            m.insert("stage".into(), v);
        }
    }
    // who the person is in the proceedings, from the authority the case is with
    if let Some(a) = f.authority.as_ref() {
        let role = match a.value {
            facts::Authority::Court => "defendant",
            _ => "suspect",
        };
        m.entry("person_role").or_insert_with(|| json!(role));
    }
    // "一天折抵几天" asks a rate: the day before 折抵 is its unit, not days told
    let is_rate = |d: &facts::Duration| {
        let after = q.text.get(d.span.end..).unwrap_or("");
        ["折抵", "抵", "能折抵", "能抵", "可以折抵", "可折抵"]
            .iter()
            .any(|w| after.starts_with(w))
    };
    // days of 监视居住 told (被指定居所监视居住了60天): what its credit is counted from
    if let Some(d) = f.durations.iter().find(|d| {
        !is_rate(d)
            && d.unit == facts::DurationUnit::Day
            && (d.kind == facts::DurationKind::ResidentialSurveillance
                || clause_around(&q.text, &d.span).contains("监视居住"))
    }) {
        m.insert("rsdl_days".into(), json!(d.value));
    }
    // a sentence told: so classed, or right after the penalty (判了拘役五个月)
    let is_sentence = |d: &facts::Duration| {
        let before = q.text.get(..d.span.start).unwrap_or("");
        let tail: String = before
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        d.kind == facts::DurationKind::Sentence
            || ["拘役", "徒刑", "管制"].iter().any(|p| tail.ends_with(p))
    };
    // days held before the judgment (关了8天, 羁押30日): what the sentence credit counts
    if let Some(d) = f.durations.iter().find(|d| {
        d.unit == facts::DurationUnit::Day
            && d.kind == facts::DurationKind::Custody
            && !is_sentence(d)
            && !is_rate(d)
    }) {
        m.insert("custody_days".into(), json!(d.value));
    }
    // days the request for arrest was extended by (经批准延长4日, 刑诉法91①: 1 to 4); not the
    // law's own range (延长一日至四日)
    static EXTENDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"延长(?:了)?([1-4一二两三四])(?:日|天)(?:[^至到]|$)").expect("valid regex")
    });
    if let Some(c) = EXTENDED.captures(&q.stem) {
        let n = match &c[1] {
            "1" | "一" => 1,
            "2" | "二" | "两" => 2,
            "3" | "三" => 3,
            _ => 4,
        };
        m.insert("special_extension_days".into(), json!(n));
    }
    // the length of a sentence told (判了一年, 拘役四个月), in months
    let months: u32 = f
        .durations
        .iter()
        .filter(|d| is_sentence(d))
        .filter_map(|d| match d.unit {
            facts::DurationUnit::Year => Some(d.value * 12 + if d.half { 6 } else { 0 }),
            facts::DurationUnit::Month => Some(d.value),
            _ => None,
        })
        .sum();
    if months > 0 {
        m.insert("sentence_months".into(), json!(months));
    }
    // the kinds of the two crimes in a question of recidivism: a 危害国家安全, 恐怖活动 or 黑社会
    // crime told before the sentence was served is the prior one, after it the new one (刑法66)
    static SPECIAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("危害国家安全|恐怖活动|恐怖主义|黑社会").expect("valid regex"));
    static SERVED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("刑满|执行完毕|释放|出狱|赦免").expect("valid regex"));
    if let Some(served) = SERVED.find(&q.stem) {
        let (before, after) = q.stem.split_at(served.start());
        if SPECIAL.is_match(before) {
            m.insert("prior_special".into(), json!(true));
        }
        if SPECIAL.is_match(after) {
            m.insert("new_special".into(), json!(true));
        }
    }
    // two ages told in a question of recidivism (16岁那年…现在20岁): the first offence's and the
    // new one's
    if let ([first, .., last], true) = (f.ages.as_slice(), q.stem.contains("累犯")) {
        m.insert("age_at_prior".into(), json!(first.years));
        m.insert("age_at_new".into(), json!(last.years));
    }
    if let Some(a) = f.ages.iter().find(|a| a.years >= 75) {
        m.insert("aged_75_plus".into(), json!(a.years >= 75));
    }
    m
}

/// The statutory maximum of a crime's penalty article, when the text decides it: the article has
/// one sentencing band, or the question names the severity of one (数额巨大, 情节严重 …). Otherwise
/// nothing is set and the deposit rule asks for it.
fn statutory_maximum(corpus: &Corpus, q: &str, article: &str, m: &mut Map<String, Value>) {
    let bands = crimes::sentencing_bands(corpus, article);
    let severity = bands
        .iter()
        .flat_map(|b| std::iter::once(&b.threshold).chain(&b.keywords))
        .find(|k| *k != "base" && q.contains(k.as_str()))
        .cloned();
    if bands.len() != 1 && severity.is_none() {
        return;
    }
    let Some(sm) = crimes::statutory_maximum(&bands, severity.as_deref().or(Some("base"))) else {
        return;
    };
    if sm.assumed_base {
        return;
    }
    let band = &bands[sm.band];
    m.insert(
        "property_penalty_possible".into(),
        json!(band.fine || band.fine_only),
    );
    let max = if sm.death {
        "death"
    } else if sm.life {
        "life"
    } else if band.detention && sm.months <= 6 {
        "criminal_detention"
    } else if band.surveillance && !band.detention && sm.months <= 24 && !band.fine_only {
        "surveillance"
    } else if sm.months > 0 {
        m.insert("statutory_max_months".into(), json!(sm.months));
        "fixed_term"
    } else {
        return;
    };
    m.insert("statutory_max".into(), json!(max));
    // a crime whose heaviest penalty is 拘役 or 管制 can only be punished so (刑诉法67①(一))
    if matches!(max, "criminal_detention" | "surveillance") {
        m.insert("likely_penalty".into(), json!(max));
    }
}

/// `corpus/fact_cues.tsv`: (input name, the words of the clause a date told for it is in).
static DATE_CUES: LazyLock<Vec<(String, Regex)>> = LazyLock::new(|| {
    parse_cues(include_str!("../../corpus/fact_cues.tsv"))
        .expect("corpus/fact_cues.tsv parses (checked by its unit test)")
});

fn parse_cues(tsv: &str) -> std::result::Result<Vec<(String, Regex)>, String> {
    super::table::parse(tsv, "corpus/fact_cues.tsv", "fact\t")
}

/// Words of a clause that tie its date to a decision on the measure (取保候审, 监视居住).
const DECISION_WORDS: [&str; 5] = ["取保", "保释", "监视居住", "决定", "继续"];
/// Words that tell the measure was decided again after a first decision: a single date told with
/// them is not the start of the term now running.
const REDECIDED_WORDS: [&str; 6] = [
    "移送",
    "重新作出",
    "重新决定",
    "重新办",
    "继续取保",
    "继续监视居住",
];

/// The decisions on the measure the question tells, as R16's segments (each authority's decision
/// with its day, in order), when it tells more than one: a transfer to a new stage restarts the
/// term (检察规则103, 规定26), a continuation after a violation runs on (检察规则100③). Then no
/// single date is the start of the term, and none is given as one. Where a new decision is told
/// without its day, no day is given either: the term of a superseded decision would be wrong.
fn decision_segments(q: &Question, m: &mut Map<String, Value>) {
    let mut decisions: Vec<(chrono::NaiveDate, facts::Authority, String)> = Vec::new();
    for (d, clause) in days_told(q) {
        if !DECISION_WORDS.iter().any(|w| clause.contains(w)) {
            continue;
        }
        if let Some(a) = facts::authorities_named(&clause).last() {
            decisions.push((d.date, *a, clause));
        }
    }
    decisions.sort_by_key(|d| d.0);
    let violated = ["违反", "没收"].iter().any(|w| q.stem.contains(w));
    if decisions.len() >= 2 {
        let stage = |a: facts::Authority| match a {
            facts::Authority::PublicSecurity | facts::Authority::StateSecurity => "investigation",
            facts::Authority::Procuratorate => "prosecution_review",
            facts::Authority::Court => "trial",
        };
        let segs: Vec<Value> = decisions
            .iter()
            .enumerate()
            .map(|(i, (day, a, clause))| {
                let reason = if i == 0 {
                    "initial"
                } else if stage(*a) != stage(decisions[i - 1].1) {
                    "new_stage_decision"
                } else if clause.contains("继续") && violated {
                    "continued_after_violation"
                } else {
                    "reimposed_same_stage"
                };
                json!({
                    "stage": stage(*a),
                    "decider": a,
                    "start": day.to_string(),
                    "end": decisions.get(i + 1).map(|n| n.0.to_string()),
                    "start_reason": reason,
                })
            })
            .collect();
        m.insert("segments".into(), Value::Array(segs));
        m.remove("start");
        m.remove("executed_on");
        // the decision of the stage the case was moved to, for the transfer rule (R18): its day,
        // and what it decided where the clause says it (继续取保候审)
        if let Some((day, _, clause)) = decisions
            .iter()
            .skip(1)
            .rfind(|(_, a, _)| stage(*a) != stage(decisions[0].1))
        {
            m.insert("decided_on".into(), json!(day.to_string()));
            if clause.contains("继续") && (clause.contains("取保") || clause.contains("保释"))
            {
                m.insert("decision".into(), json!("continue_bail"));
            }
        }
    } else if REDECIDED_WORDS.iter().any(|w| q.stem.contains(w))
        && !not_redecided(q)
        && !decisions
            .first()
            .is_some_and(|(_, _, clause)| REDECIDED_WORDS.iter().any(|w| clause.contains(w)))
    {
        // (a date told with the new decision itself, 检察院于…重新作出取保候审决定, is its start)
        m.remove("start");
        m.remove("executed_on");
        // what the new decision was, where the question says it (检察院决定继续取保): the
        // transfer rule then bounds the new term by the days the decision may be made on
        // (told as made: 决定继续取保, not asked: 是否继续取保)
        static CONTINUED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(决定|同意|批准|准予|裁定|已经|已)(对[^，。？?,]{0,6})?继续(取保|保释|采取取保)",
            )
            .expect("valid regex")
        });
        if CONTINUED.is_match(&q.stem) {
            m.entry("decision").or_insert(json!("continue_bail"));
        }
    }
}

/// The question says no new decision was made (检察院一直没有作出继续取保…的决定): the term
/// running is still the first decision's.
fn not_redecided(q: &Question) -> bool {
    static NOT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(没有|未|尚未|还没|还没有|一直没)[^，。？?]{0,4}(作出|决定|重新|继续)")
            .expect("valid regex")
    });
    NOT.is_match(&q.stem)
}

/// `corpus/stated_facts.tsv`: (input name, value, the phrase that states it).
static STATED: LazyLock<Vec<(String, Value, Regex)>> = LazyLock::new(|| {
    parse_stated(include_str!("../../corpus/stated_facts.tsv"))
        .expect("corpus/stated_facts.tsv parses (checked by its unit test)")
});

fn parse_stated(tsv: &str) -> std::result::Result<Vec<(String, Value, Regex)>, String> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("fact\t"))
        .map(|(n, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            let [fact, value, phrase] = cols[..] else {
                return Err(format!(
                    "corpus/stated_facts.tsv line {}: 3 columns expected",
                    n + 1
                ));
            };
            let value: Value = serde_json::from_str(value.trim())
                .map_err(|e| format!("corpus/stated_facts.tsv line {}: {e}", n + 1))?;
            let re = Regex::new(phrase.trim())
                .map_err(|e| format!("corpus/stated_facts.tsv line {}: {e}", n + 1))?;
            Ok((fact.trim().to_string(), value, re))
        })
        .collect()
}

/// The day of a detention told only as the ordinal of today (被拘留已经第5天了 asked on 12月5日 →
/// 12月1日): the clause names the detention, the count is of days, the day detained is day one.
fn detention_day_counted(q: &Question) -> Option<chrono::NaiveDate> {
    static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(拘留|刑拘|被抓|抓进|关进|羁押)[^，,。？?！!]{0,8}第([0-9零一二三四五六七八九十两]+)(天|日)")
            .expect("valid regex")
    });
    let c = COUNTED.captures(&q.stem)?;
    let n = crate::numerals::parse(&c[2])?;
    (1..=366)
        .contains(&n)
        .then(|| q.today - chrono::Duration::days(i64::from(n) - 1))
}

/// The circumstances the question states in so many words; the first phrase that matches for an
/// input wins (the negations come first in the table).
fn stated_facts(q: &Question, m: &mut Map<String, Value>) {
    for (fact, value, re) in STATED.iter() {
        if !m.contains_key(fact) && re.is_match(&q.stem) {
            m.insert(fact.clone(), value.clone());
        }
    }
}

/// The inputs that take a date and hour (`"format": "date-time"` in the rules' schemas).
static DATETIME_INPUTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for r in rules::infos() {
        for (name, p) in r.inputs["properties"].as_object().into_iter().flatten() {
            if p["format"] == "date-time" && !out.contains(name) {
                out.push(name.clone());
            }
        }
    }
    out
});

/// The hour told right after a date (2025年12月31日22时40分, 下午3点): (hour, minute) on the 24-hour
/// clock.
fn time_after(text: &str, at: usize) -> Option<(u32, u32)> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[\s)）]*(上午|早上|中午|下午|晚上|凌晨)?\s*(\d{1,2})\s*[时点:：]\s*(?:(\d{1,2})\s*分?)?",
        )
        .expect("valid regex")
    });
    let c = TIME.captures(text.get(at..)?)?;
    let mut h: u32 = c[2].parse().ok()?;
    let min: u32 = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    if matches!(c.get(1).map(|m| m.as_str()), Some("下午" | "晚上")) && h < 12 {
        h += 12;
    }
    (h < 24 && min < 60).then_some((h, min))
}

/// The dates told to the day, in the order found, each with the clause it is told in.
fn days_told(q: &Question) -> impl Iterator<Item = (&facts::DateFact, String)> {
    q.facts
        .dates
        .iter()
        .filter(|d| d.precision == facts::DatePrecision::Day)
        .map(|d| (d, clause_around(&q.text, &d.span)))
}

/// The dates the question ties to an event in one clause (2024年3月1日被取保候审 → `start`),
/// under every input name whose cue the clause matches. Where an input has several cue rows, the
/// date told with the earliest row wins (社区矫正…开始执行 over 判决…生效 for the day a probation
/// began); among dates told with the same row, the first. Which measure
/// a term is of comes with it: the clause names 监视居住, or the question names only one.
fn dated_facts(q: &Question, m: &mut Map<String, Value>) {
    let given: HashSet<String> = m.keys().cloned().collect();
    // the cue row each dated input was filled by
    let mut filled_by: HashMap<String, usize> = HashMap::new();
    for (d, clause) in days_told(q) {
        let time = time_after(&q.text, d.span.end);
        // A clause that names no measure (…，2026年12月31日19时30分执行) is read with the clause
        // before it in the same sentence (法院决定逮捕被告人，…)
        static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new("取保|保释|监视居住|逮捕|批捕|拘留|刑拘|羁押|看守所|判决|判处|社区矫正")
                .expect("valid regex")
        });
        // (only a clause that tells an event of its own: 今天都第28天了 is the asking day, not
        // a day of the 拘留 told before it)
        let clause = if MEASURE.is_match(&clause)
            || !DATE_CUES.iter().any(|(_, cue)| cue.is_match(&clause))
        {
            clause
        } else {
            format!("{}，{clause}", clause_before(&q.text, &d.span))
        };
        for (row, (fact, cue)) in DATE_CUES.iter().enumerate() {
            if given.contains(fact)
                || filled_by.get(fact).is_some_and(|&r| r <= row)
                || !cue.is_match(&clause)
            {
                continue;
            }
            // an input of the date and hour (24-hour limits) takes a date told with its hour only
            let value = if DATETIME_INPUTS.contains(fact) {
                match time {
                    Some((h, min)) => format!("{}T{h:02}:{min:02}", d.date),
                    None => continue,
                }
            } else {
                d.date.to_string()
            };
            m.insert(fact.clone(), json!(value));
            filled_by.insert(fact.clone(), row);
        }
    }
    if let Some(measure) = q.measure_named() {
        m.insert("measure".into(), json!(measure.code()));
    }
}

/// R13's code for a violation told, where the words leave no doubt which obligation of 刑诉法71 it
/// breaks; `None` for the rest (会见/联系 someone may be 71¶2's specific order or 打击报复, an
/// unspecified 违反规定, a new crime not said to be intentional), which R13 then asks for.
fn violation_code(question: &str, v: &facts::Fact<facts::ViolationKind>) -> Option<&'static str> {
    use facts::ViolationKind as K;
    match v.value {
        K::LeftArea => Some("left_without_approval"),
        K::MissedSummons => Some("missed_summons"),
        // a change of address, phone or work unit not reported (a bare 没有报告 may be anything)
        K::UnreportedChange
            if [
                "搬家",
                "手机",
                "住址",
                "电话",
                "联系方式",
                "工作单位",
                "地址",
            ]
            .iter()
            .any(|w| clause_around(question, &v.span).contains(w)) =>
        {
            Some("failed24h_report")
        }
        K::Evidence if v.span.text.contains("证人") => Some("interfered_witness"),
        K::Evidence => Some("destroyed_evidence_or_collusion"),
        K::NewCrime if clause_around(question, &v.span).contains("故意") => {
            Some("new_intentional_crime")
        }
        K::Absconded if v.span.text.contains('逃') => Some("attempted_suicide_or_flight"),
        K::GroundEnded => Some("illness_cured_or_nursing_over"),
        K::UnapprovedMeeting => Some("unauthorised_meeting"),
        _ => None,
    }
}

/// The clause of the question a fact was found in (up to the punctuation on either side),
/// normalised; empty when the span does not fall on the question's characters.
fn clause_around(question: &str, span: &facts::Span) -> String {
    let (s, e) = (span.start.min(question.len()), span.end.min(question.len()));
    let (Some(head), Some(mid), Some(tail)) =
        (question.get(..s), question.get(s..e), question.get(e..))
    else {
        return String::new();
    };
    // a break inside brackets (2025年1月26日（星期日，调休上班日）送达…) does not end the clause
    let after: String = to_break(tail.chars(), ['（', '('], ['）', ')']).collect();
    let mut before: Vec<char> = to_break(head.chars().rev(), ['）', ')'], ['（', '(']).collect();
    before.reverse();
    let before: String = before.into_iter().collect();
    facts::fix_typos(&normalize_str(&format!("{before}{mid}{after}")))
}

/// The clause before the one a fact was found in, when a comma joins them (one sentence);
/// normalised; empty otherwise.
fn clause_before(question: &str, span: &facts::Span) -> String {
    let Some(head) = question.get(..span.start.min(question.len())) else {
        return String::new();
    };
    let own = to_break(head.chars().rev(), ['）', ')'], ['（', '(']).count();
    let mut rest = head.chars().rev().skip(own);
    if !matches!(rest.next(), Some('，' | ',')) {
        return String::new();
    }
    let mut before: Vec<char> = to_break(rest, ['）', ')'], ['（', '(']).collect();
    before.reverse();
    facts::fix_typos(&normalize_str(&before.into_iter().collect::<String>()))
}

/// The characters up to the first clause break outside brackets; `open` and `close` are the
/// brackets as met in the direction read.
fn to_break(
    chars: impl Iterator<Item = char>,
    open: [char; 2],
    close: [char; 2],
) -> impl Iterator<Item = char> {
    let mut depth = 0u32;
    chars.take_while(move |&c| {
        if open.contains(&c) {
            depth += 1;
        } else if close.contains(&c) {
            depth = depth.saturating_sub(1);
        }
        depth > 0 || !"，,。？?！!；;\n".contains(c)
    })
}

/// The declared input fields of a rule.
fn declared(info: &RuleInfo) -> Vec<String> {
    info.inputs["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Checks the facts given as data: an object whose every key some rule declares.
pub fn check_given(given: Option<&Value>) -> Result<()> {
    let Some(g) = given.filter(|g| !g.is_null()) else {
        return Ok(());
    };
    let Some(g) = g.as_object() else {
        return Err(Error::BadRequest("`facts` must be a JSON object".into()));
    };
    let known: Vec<String> = rules::infos().iter().flat_map(declared).collect();
    if let Some(k) = g.keys().find(|k| !known.contains(k)) {
        return Err(Error::BadRequest(format!(
            "unknown fact {k:?}: facts are rule inputs (see GET /api/rules)"
        )));
    }
    Ok(())
}

/// The input of one rule: the question's facts it declares, with the given facts on top.
pub fn input_for(
    info: &RuleInfo,
    stated: &Map<String, Value>,
    given: Option<&Value>,
) -> Map<String, Value> {
    let fields = declared(info);
    let mut input = Map::new();
    for (k, v) in stated {
        if fields.contains(k) {
            if let Some(v) = fit(&info.inputs["properties"][k], v.clone()) {
                input.insert(k.clone(), v);
            }
        }
    }
    if let Some(Value::Object(g)) = given {
        for (k, v) in g {
            if fields.contains(k) {
                input.insert(k.clone(), v.clone());
            }
        }
    }
    input
}

/// The same act under the rules of bail and of 监视居住: (bail code, 监视居住 code) of a violation
/// (R13's list → R32's list): leaving the city or county without approval is, under 监视居住,
/// leaving the residence; meeting a forbidden person is an unauthorised meeting.
const EQUIVALENT_CODES: &[(&str, &str)] = &[
    ("left_without_approval", "left_residence"),
    ("contacted_person", "unauthorised_meeting"),
    ("interfered_witness", "destroyed_evidence_or_interfered"),
    (
        "destroyed_evidence_or_collusion",
        "destroyed_evidence_or_interfered",
    ),
];

/// A code and the broader one it implies, for a field that takes only the broader (a custodial
/// sentence taking effect is, for the deposit, the execution of a penalty: R20 tells the kinds of
/// judgment apart, R21 does not).
const BROADER_CODES: &[(&str, &str)] = &[
    ("custodial_sentence", "penalty_execution"),
    ("control_or_probation", "penalty_execution"),
];

/// A stated value fitted to the rule's schema of the field: a code the field does not take is
/// replaced by its equivalent, or left out (an item of a list, or the whole value), so that a
/// fact read for one rule never makes another refuse its input.
fn fit(schema: &Value, v: Value) -> Option<Value> {
    let code_fits = |schema: &Value, code: &str| -> Option<String> {
        let codes = schema["enum"].as_array()?;
        let takes = |c: &str| codes.iter().any(|x| x == c);
        if takes(code) {
            return Some(code.to_string());
        }
        EQUIVALENT_CODES
            .iter()
            .find(|(a, b)| (*a == code && takes(b)) || (*b == code && takes(a)))
            .map(|(a, b)| if *a == code { b } else { a }.to_string())
            .or_else(|| {
                BROADER_CODES
                    .iter()
                    .find(|(narrow, broad)| *narrow == code && takes(broad))
                    .map(|(_, broad)| broad.to_string())
            })
    };
    match v {
        Value::String(code) if schema.get("enum").is_some() => {
            code_fits(schema, &code).map(Value::String)
        }
        Value::Array(items) if schema["items"]["type"] == "object" => {
            let members = &schema["items"]["properties"];
            let fitted: Vec<Value> = items
                .into_iter()
                .filter_map(|mut item| {
                    let obj = item.as_object_mut()?;
                    for (k, x) in obj.iter_mut() {
                        if let (Some(code), true) = (x.as_str(), members[k].get("enum").is_some()) {
                            *x = Value::String(code_fits(&members[k], code)?);
                        }
                    }
                    Some(item)
                })
                .collect();
            (!fitted.is_empty()).then_some(Value::Array(fitted))
        }
        other => Some(other),
    }
}

/// Figures one outcome computes that a later rule takes as input: the expiry day of a term
/// (R17 → R19, R18).
pub fn carry_over(o: &rules::Outcome, stated: &mut Map<String, Value>) {
    if let Some(d) = o.details.get("expiry_day").filter(|d| d.is_string()) {
        stated.entry("expiry_day").or_insert_with(|| d.clone());
        // the term running when the case is transferred (R18)
        stated.entry("current_expiry").or_insert_with(|| d.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_cues_parse_and_name_rule_inputs() {
        let cues = parse_cues(include_str!("../../corpus/fact_cues.tsv")).unwrap();
        assert!(cues.len() >= 10);
        let inputs: Vec<String> = rules::list().iter().flat_map(declared).collect();
        for (fact, _) in &cues {
            assert!(inputs.contains(fact), "{fact} is no rule's input");
        }
        assert!(parse_cues("start\t(取保").is_err());
        let stated = parse_stated(include_str!("../../corpus/stated_facts.tsv")).unwrap();
        for (fact, _, _) in &stated {
            assert!(inputs.contains(fact), "{fact} is no rule's input");
        }
        assert!(parse_stated("x\ttrue").is_err());
    }

    #[test]
    fn the_hour_after_a_date() {
        let q = "2025年12月31日22时40分搬进了新房子";
        let at = q.find("22").unwrap();
        assert_eq!(time_after(q, at), Some((22, 40)));
        let q = "2025年6月3日下午3点送到";
        assert_eq!(time_after(q, q.find("下午").unwrap()), Some((15, 0)));
        assert_eq!(time_after("2025年6月3日送到", 0), None);
        assert_eq!(time_after("25时", 0), None);
    }
}
