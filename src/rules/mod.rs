//! The rule engine: 取保候审 (bail pending trial, R01–R27) and 监视居住 (R28–R32) computed from the
//! statutes, as specified by the rule catalogue (`shared/rules/catalogue.md`), and the custody
//! deadlines of 拘留 and 逮捕 (R33–R44, specified in `src/rules/custody.md`; R33–R44).
//!
//! # Layout
//!
//! * [`period`] — the shared date arithmetic of catalogue §3 (刑诉法105, 刑诉解释202 ¶1).
//! * [`calendar`] — rest days: the official calendar from `corpus/holidays.tsv` and the test
//!   calendar C0 (weekends only).
//! * One file per rule, `rNN_<name>.rs`. A file holds, in this order: the typed input
//!   (`serde::Deserialize`, every fact `Option` so that a missing fact becomes an entry of
//!   [`Outcome::needs`] instead of a guess), its citation table (`CITES`, each line a statutory quote
//!   checked against the corpus), the logic with `o.cite("key")` next to the step it supports, and a
//!   `RULE` static (a `RuleDef`) that registers it. Its worked examples from the catalogue are in
//!   `tests/rules_catalogue.rs` as a table.
//!
//! Adding a measure (e.g. 拘留/逮捕 time limits) means one new file with those four parts, its `mod`
//! line and one line in the `RULES` table below, and one test table of its worked examples (see
//! ARCHITECTURE.md). A rule that is not implemented is not registered: there are no stubs.
//!
//! The public surface is [`list`], [`evaluate`] and [`all_citations`]; HTTP, MCP and the CLI call
//! exactly these. Every input object may carry `"calendar": "official" | "c0"` (default official).

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::{Error, Result};

pub mod calendar;
pub mod partial;
pub mod period;
mod schema;
pub mod vocab;

mod r01_authority_roles;
mod r02_bail_eligibility;
mod r03_recidivism_check;
mod r04_guarantee_form;
mod r05_guarantor_qualification;
mod r06_guarantor_withdrawal;
mod r07_guarantor_liability;
mod r08_deposit_amount;
mod r09_deposit_approval;
mod r10_deposit_payment;
mod r11_obligations;
mod r12_leave_residence;
mod r13_violation_consequence;
mod r14_deposit_forfeiture;
mod r15_new_crime_deposit;
mod r16_bail_term;
mod r17_term_end_date;
mod r18_stage_transfer;
mod r19_expiry_handling;
mod r20_automatic_release;
mod r21_deposit_refund;
mod r22_execution_place;
mod r23_remote_execution;
mod r24_application_answer;
mod r25_change_of_measure;
mod r26_minors;
mod r27_summons;
mod r28_rsdl_eligibility;
mod r29_rsdl_place;
mod r30_rsdl_term;
mod r31_rsdl_credit;
mod r32_rsdl_obligations;
mod r33_detention_first_24h;
mod r34_arrest_request_deadline;
mod r35_arrest_approval_decision;
mod r36_violator_detention;
mod r37_arrest_first_24h;
mod r38_custody_necessity_review;
mod r39_investigation_custody_term;
mod r40_prosecution_review_term;
mod r41_trial_term;
mod r42_custody_term_expiry;
mod r43_custody_timeline;
mod r44_custody_sentence_credit;

pub use calendar::Calendar;
pub use vocab::verdict_label;

// ---------------------------------------------------------------------------------------------
// Exact law titles (line 1 of the corpus files).

pub(crate) const XSF: &str = "中华人民共和国刑事诉讼法";
pub(crate) const JS: &str = "最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释";
pub(crate) const JC: &str = "人民检察院刑事诉讼规则";
pub(crate) const GA: &str = "公安机关办理刑事案件程序规定";
pub(crate) const GD: &str = "关于取保候审若干问题的规定";
pub(crate) const XF: &str = "中华人民共和国刑法";
pub(crate) const ZA: &str = "中华人民共和国治安管理处罚法";
pub(crate) const X8: &str = "最高人民法院关于《中华人民共和国刑法修正案(八)》时间效力问题的解释";
pub(crate) const WCN: &str = "最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释";
/// The 2025 公安部 deposit rule: known only from the commentary page seed 004.
pub const SEED004_LAW: &str = "公安部关于规范取保候审保证金管理的若干规定";
/// The note every use of the 2025 rule carries (shown to users: Chinese, no page id).
pub const SEED004_NOTE: &str = "非官方文本：转引自评论页，语料中无官方文本";

// ---------------------------------------------------------------------------------------------
// Public outcome types.

/// One citation: an article (款/项 where given) and the operative words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Citation {
    /// Exact title as on line 1 of the corpus file.
    pub law: String,
    /// Article number as the corpus numbers it: "67", "133-1".
    pub number: String,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    pub quote: String,
    /// Set when the source is not a corpus text (the 2025 公安部 deposit rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_note: Option<String>,
}

/// Kind of a [`Flag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// An engine design choice where the text is silent or ambiguous (catalogue §8).
    Interpretation,
    /// A conflict between sources; `code` holds the register id (catalogue §6, "C07").
    Conflict,
    /// A human must confirm; the value is not settled law.
    NeedsReview,
    /// The value rests on a commentary page, not a corpus text (seed 004: the 2025 deposit rule).
    CommentaryOnly,
    /// A date fell outside the years of the official holiday calendar: weekends only were used.
    CalendarOutsideCoverage,
    /// The user brought a superseded or unsupported premise; the outcome states the current law.
    SupersededPremise,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Flag {
    pub kind: FlagKind,
    /// Plain Chinese for the reader: no register ids, section numbers or page ids.
    pub detail: String,
    /// For machines: the catalogue's register id ("C34" of §6, "§8 Q3") or the commentary page
    /// ("seed004") the flag rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Flag {
    fn new(kind: FlagKind, d: &str) -> Flag {
        Flag {
            kind,
            detail: d.into(),
            code: None,
        }
    }
    /// The same flag carrying a register id (see [`Flag::code`]).
    pub fn with_code(mut self, code: &str) -> Flag {
        self.code = Some(code.into());
        self
    }
    pub fn interpretation(d: &str) -> Flag {
        Flag::new(FlagKind::Interpretation, d)
    }
    /// A conflict of the catalogue's register: `id` ("C07") goes to `code`, `d` alone to `detail`.
    pub fn conflict(id: &str, d: &str) -> Flag {
        Flag::new(FlagKind::Conflict, d).with_code(id)
    }
    pub fn review(d: &str) -> Flag {
        Flag::new(FlagKind::NeedsReview, d)
    }
    /// A review tied to a register id ("C12", "§8 Q3"), which goes to `code`.
    pub fn review_code(code: &str, d: &str) -> Flag {
        Flag::review(d).with_code(code)
    }
    /// A value resting on commentary page(s) `seed` ("004", "002/003"): `code` "seed004".
    pub fn commentary(seed: &str) -> Flag {
        let detail = if seed == "004" {
            "依据评论页转引的《公安部关于规范取保候审保证金管理的若干规定》（2025），语料中无官方文本，非官方"
        } else {
            "仅见于评论页，非法律依据"
        };
        Flag::new(FlagKind::CommentaryOnly, detail).with_code(&format!("seed{seed}"))
    }
    pub fn superseded(d: &str) -> Flag {
        Flag::new(FlagKind::SupersededPremise, d)
    }
}

/// The common result of every rule.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outcome {
    /// "R07".
    pub rule: String,
    /// snake_case name, "guarantor_liability".
    pub name: String,
    /// Machine-readable verdict; "needs_input" when facts are missing.
    pub verdict: String,
    /// Short Chinese explanation.
    pub summary: String,
    /// Figures, dates, lists.
    #[schema(value_type = Object)]
    pub details: Value,
    /// Input fields that are missing: the engine never guesses a fact.
    pub needs: Vec<String>,
    /// Input fields without which the answer is a bound, not a figure: it holds as stated (a
    /// new term ends by the latest day the decision may be made), and told, they make it exact.
    /// A follow-up asks for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bounded_by: Vec<String>,
    pub citations: Vec<Citation>,
    pub flags: Vec<Flag>,
}

/// A registered rule, as listed by [`list`].
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RuleInfo {
    pub id: String,
    pub name: String,
    /// Chinese title.
    pub title: String,
    pub description: String,
    /// The task the rule belongs to, in words (the calculators page groups by it).
    pub group: String,
    /// JSON-schema-like description of the input object.
    #[schema(value_type = Object)]
    pub inputs: Value,
}

/// The tasks the rules serve, in catalogue order: (last rule id of the task, its name). A rule
/// belongs to the first task whose last id is not before its own.
const GROUPS: &[(&str, &str)] = &[
    ("R07", "取保候审：决定、条件与保证人"),
    ("R15", "保证金与违反规定的后果"),
    ("R27", "取保候审的期限、执行与程序"),
    ("R32", "监视居住"),
    ("R38", "拘留与逮捕"),
    ("R44", "羁押期限、审理期限与刑期折抵"),
];

fn group_of(id: &str) -> &'static str {
    GROUPS
        .iter()
        .find(|(last, _)| id <= *last)
        .map(|(_, name)| *name)
        .unwrap_or("其他")
}

// ---------------------------------------------------------------------------------------------
// Internal machinery shared by the rule files.

/// A static citation line of a rule's table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cite {
    pub key: &'static str,
    pub law: &'static str,
    pub number: &'static str,
    pub para: Option<u32>,
    pub item: Option<u32>,
    pub quote: &'static str,
    pub seed004: bool,
}

impl Cite {
    pub(crate) const fn new(
        key: &'static str,
        law: &'static str,
        number: &'static str,
        para: Option<u32>,
        item: Option<u32>,
        quote: &'static str,
    ) -> Cite {
        Cite {
            key,
            law,
            number,
            para,
            item,
            quote,
            seed004: false,
        }
    }
    /// A quote of the 2025 公安部 deposit rule, known only from seed 004.
    pub(crate) const fn seed004(
        key: &'static str,
        number: &'static str,
        para: Option<u32>,
        item: Option<u32>,
        quote: &'static str,
    ) -> Cite {
        Cite {
            key,
            law: SEED004_LAW,
            number,
            para,
            item,
            quote,
            seed004: true,
        }
    }
    fn citation(&self) -> Citation {
        Citation {
            law: self.law.into(),
            number: self.number.into(),
            paragraph: self.para,
            item: self.item,
            quote: self.quote.into(),
            source_note: self.seed004.then(|| SEED004_NOTE.to_string()),
        }
    }
}

/// Evaluation context.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub today: Option<NaiveDate>,
    pub cal: Calendar,
}

/// One registered rule.
pub(crate) struct RuleDef {
    pub id: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Input fields: (name, type, required, meaning). Types: "boolean", "integer", "date",
    /// "datetime", "string", "enum:a|b|c", "array:<type>", "object{member:type,optional?:type}"
    /// (the grammar is in [`schema`]).
    pub fields: &'static [(&'static str, &'static str, bool, &'static str)],
    pub cites: &'static [Cite],
    /// The rule uses [`period`] (its citations belong to the rule too).
    pub uses_period: bool,
    pub eval: fn(Value, &Ctx) -> Result<Outcome>,
}

/// Outcome under construction.
pub(crate) struct Out {
    def: &'static RuleDef,
    needs: Vec<String>,
    bounded_by: Vec<String>,
    citations: Vec<Citation>,
    flags: Vec<Flag>,
}

impl Out {
    pub fn new(def: &'static RuleDef) -> Out {
        Out {
            def,
            needs: Vec::new(),
            bounded_by: Vec::new(),
            citations: Vec::new(),
            flags: Vec::new(),
        }
    }

    /// Attach the citation with this key from the rule's table (or the period table).
    pub fn cite(&mut self, key: &str) -> &mut Self {
        if self.def.cites.iter().any(|c| c.key == key) {
            let table = self.def.cites;
            self.cite_from(table, key)
        } else {
            self.cite_from(period::CITES, key)
        }
    }

    pub fn cite_from(&mut self, table: &[Cite], key: &str) -> &mut Self {
        match table.iter().find(|c| c.key == key) {
            Some(c) => {
                let cit = c.citation();
                if c.seed004 {
                    self.flag(Flag::commentary("004"));
                }
                if !self.citations.contains(&cit) {
                    self.citations.push(cit);
                }
            }
            None => self.flag(
                Flag::review("内部错误：规则引用的条文不在其引文表中")
                    .with_code(&format!("internal: citation key {key} missing")),
            ),
        }
        self
    }

    pub fn flag(&mut self, f: Flag) {
        if !self.flags.contains(&f) {
            self.flags.push(f);
        }
    }

    pub fn calendar_outside_coverage(&mut self) {
        let (a, b) = Calendar::coverage();
        self.flag(Flag::new(
            FlagKind::CalendarOutsideCoverage,
            &format!("节假日表只覆盖{a}–{b}年；此外仅按周六、周日计算"),
        ));
    }

    /// A required fact: records it in `needs` when missing.
    pub fn req<T>(&mut self, v: Option<T>, name: &str) -> Option<T> {
        if v.is_none() && !self.needs.iter().any(|n| n == name) {
            self.needs.push(name.to_string());
        }
        v
    }

    /// A fact the answer is given without as a bound (see [`Outcome::bounded_by`]).
    pub fn bounded_by(&mut self, name: &str) {
        if !self.bounded_by.iter().any(|n| n == name) {
            self.bounded_by.push(name.to_string());
        }
    }

    pub fn needs_is_empty(&self) -> bool {
        self.needs.is_empty()
    }

    /// The outcome when required facts are missing.
    pub fn missing(self) -> Outcome {
        let named: Vec<&str> = self.needs.iter().map(|n| vocab::label(n)).collect();
        let summary = format!("缺少必要事实：{}；引擎不作推测", named.join("、"));
        self.done("needs_input", &summary, json!({}))
    }

    pub fn done(self, verdict: &str, summary: &str, details: Value) -> Outcome {
        Outcome {
            rule: self.def.id.into(),
            name: self.def.name.into(),
            verdict: verdict.into(),
            summary: summary.into(),
            details,
            needs: self.needs,
            bounded_by: self.bounded_by,
            citations: self.citations,
            flags: self.flags,
        }
    }
}

/// What chrono says of a string that is not a date (its `ParseErrorKind` messages).
const CHRONO_PARSE_ERRORS: [&str; 6] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for a unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
];

/// Deserialize a rule input, mapping serde errors to the crate's error kinds: impossible dates and
/// negative amounts are `InvalidInput`, anything else malformed is `BadRequest`. The message names
/// the field and the value given: `start: "2025-02-30" is not a valid date (…)`.
pub(crate) fn parse<T: DeserializeOwned>(v: Value) -> Result<T> {
    serde_path_to_error::deserialize(&v).map_err(|e| {
        let path = e.path().to_string();
        let m = e.inner().to_string();
        // `segments[0].start` → `/segments/0/start`
        let pointer: String = path
            .replace('[', ".")
            .replace(']', "")
            .split('.')
            .map(|p| format!("/{p}"))
            .collect();
        let value = v
            .pointer(&pointer)
            .filter(|_| path != ".")
            .map(|x| x.to_string());
        let field = if path == "." || m.starts_with("unknown field") {
            String::new()
        } else {
            format!("{path}: ")
        };
        if CHRONO_PARSE_ERRORS.iter().any(|c| m.contains(c)) {
            let value = value.unwrap_or_default();
            Error::InvalidInput(format!(
                "{field}{value} is not a valid date ({m}); dates are YYYY-MM-DD"
            ))
        } else if m.contains("integer `-") || m.contains("float `-") {
            Error::InvalidInput(format!("{field}{m}: amounts and counts cannot be negative"))
        } else {
            Error::BadRequest(format!("{field}{m}"))
        }
    })
}

/// Deciding / handling authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Authority {
    #[serde(alias = "公安", alias = "公安机关", alias = "police")]
    PublicSecurity,
    #[serde(alias = "国安", alias = "国家安全机关")]
    StateSecurity,
    #[serde(alias = "检察院", alias = "人民检察院")]
    Procuratorate,
    #[serde(alias = "法院", alias = "人民法院")]
    Court,
}

impl Authority {
    pub fn zh(self) -> &'static str {
        match self {
            Authority::PublicSecurity => "公安机关",
            Authority::StateSecurity => "国家安全机关",
            Authority::Procuratorate => "人民检察院",
            Authority::Court => "人民法院",
        }
    }
}

/// Procedural stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Stage {
    #[serde(alias = "侦查")]
    Investigation,
    #[serde(alias = "审查起诉")]
    ProsecutionReview,
    #[serde(alias = "审判")]
    Trial,
}

pub(crate) const STAGE: &str = "enum:investigation|prosecution_review|trial";

pub(crate) const AUTHORITY: &str = "enum:public_security|state_security|procuratorate|court";

/// 应当 / 可以 / 不得.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Modality {
    Shall,
    May,
    ShallNot,
}

// ---------------------------------------------------------------------------------------------
// Registry.

static RULES: &[&RuleDef] = &[
    &r01_authority_roles::RULE,
    &r02_bail_eligibility::RULE,
    &r03_recidivism_check::RULE,
    &r04_guarantee_form::RULE,
    &r05_guarantor_qualification::RULE,
    &r06_guarantor_withdrawal::RULE,
    &r07_guarantor_liability::RULE,
    &r08_deposit_amount::RULE,
    &r09_deposit_approval::RULE,
    &r10_deposit_payment::RULE,
    &r11_obligations::RULE,
    &r12_leave_residence::RULE,
    &r13_violation_consequence::RULE,
    &r14_deposit_forfeiture::RULE,
    &r15_new_crime_deposit::RULE,
    &r16_bail_term::RULE,
    &r17_term_end_date::RULE,
    &r18_stage_transfer::RULE,
    &r19_expiry_handling::RULE,
    &r20_automatic_release::RULE,
    &r21_deposit_refund::RULE,
    &r22_execution_place::RULE,
    &r23_remote_execution::RULE,
    &r24_application_answer::RULE,
    &r25_change_of_measure::RULE,
    &r26_minors::RULE,
    &r27_summons::RULE,
    &r28_rsdl_eligibility::RULE,
    &r29_rsdl_place::RULE,
    &r30_rsdl_term::RULE,
    &r31_rsdl_credit::RULE,
    &r32_rsdl_obligations::RULE,
    &r33_detention_first_24h::RULE,
    &r34_arrest_request_deadline::RULE,
    &r35_arrest_approval_decision::RULE,
    &r36_violator_detention::RULE,
    &r37_arrest_first_24h::RULE,
    &r38_custody_necessity_review::RULE,
    &r39_investigation_custody_term::RULE,
    &r40_prosecution_review_term::RULE,
    &r41_trial_term::RULE,
    &r42_custody_term_expiry::RULE,
    &r43_custody_timeline::RULE,
    &r44_custody_sentence_credit::RULE,
];

/// Every registered rule with its input description.
pub fn list() -> Vec<RuleInfo> {
    infos().to_vec()
}

/// The rules with their input descriptions, built once (the answer path reads them per request).
pub fn infos() -> &'static [RuleInfo] {
    static INFOS: std::sync::LazyLock<Vec<RuleInfo>> = std::sync::LazyLock::new(|| {
        RULES
            .iter()
            .map(|d| RuleInfo {
                id: d.id.into(),
                name: d.name.into(),
                title: d.title.into(),
                description: d.description.into(),
                group: group_of(d.id).into(),
                inputs: schema::of(d),
            })
            .collect()
    });
    &INFOS
}

/// One rule's description, by id ("R07") or name ("guarantor_liability").
pub fn info(name_or_id: &str) -> Option<&'static RuleInfo> {
    let k = name_or_id.trim();
    infos()
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(k) || r.name == k)
}

fn lookup(name_or_id: &str) -> Option<&'static RuleDef> {
    let k = name_or_id.trim();
    RULES
        .iter()
        .copied()
        .find(|d| d.id.eq_ignore_ascii_case(k) || d.name == k)
}

/// Evaluate a rule by id ("R07") or name ("guarantor_liability").
/// `today` is used by rules that compare with the current date when the input gives none.
pub fn evaluate(name_or_id: &str, input: Value, today: Option<NaiveDate>) -> Result<Outcome> {
    let def = lookup(name_or_id).ok_or_else(|| Error::UnknownRule(name_or_id.to_string()))?;
    let mut input = match input {
        Value::Object(m) => m,
        Value::Null => serde_json::Map::new(),
        _ => return Err(Error::BadRequest("rule input must be a JSON object".into())),
    };
    let cal = match input.remove("calendar") {
        None | Some(Value::Null) => Calendar::Official,
        Some(Value::String(s)) => Calendar::from_name(&s).ok_or_else(|| {
            Error::BadRequest(format!("unknown calendar {s:?}: use official or c0"))
        })?,
        Some(_) => return Err(Error::BadRequest("calendar must be a string".into())),
    };
    (def.eval)(Value::Object(input), &Ctx { today, cal })
}

/// The articles a rule's own citation table quotes, as (law, number) pairs, in table order (the
/// shared date arithmetic's are left out: they belong to no one rule).
pub fn articles_of(name_or_id: &str) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for c in lookup(name_or_id).map(|d| d.cites).unwrap_or(&[]) {
        if !out.contains(&(c.law, c.number)) {
            out.push((c.law, c.number));
        }
    }
    out
}

/// The first `n` citations of a rule's table, one per article: what the rule rests on, cited where
/// it is stated in words because a date or an amount to compute with is missing.
pub fn key_citations(name_or_id: &str, n: usize) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    for c in lookup(name_or_id).map(|d| d.cites).unwrap_or(&[]) {
        if out.len() >= n {
            break;
        }
        if !out.iter().any(|o| o.law == c.law && o.number == c.number) {
            out.push(c.citation());
        }
    }
    out
}

/// The citations of several outcomes, each once, in the order met.
pub fn union_citations<'a>(cs: impl IntoIterator<Item = &'a Citation>) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    for c in cs {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

/// How a rule's statement in words names each law (刑诉法67, 检察规则87, 规定(2022)3).
const SHORT_NAMES: &[(&str, &str)] = &[
    (XSF, "刑诉法"),
    (JS, "刑诉解释"),
    (JC, "检察规则"),
    (GA, "公安部规定"),
    (GD, "规定(2022)"),
    (XF, "刑法"),
];

/// The articles of a rule's table that its statement in words names (刑诉法67、检察规则87 in
/// R02's): what an answer that states the rule rests on. One citation per article, the first of
/// the table's for it.
pub fn described_citations(name_or_id: &str) -> Vec<Citation> {
    let Some(d) = lookup(name_or_id) else {
        return Vec::new();
    };
    let named = |law: &str, number: &str| {
        SHORT_NAMES.iter().any(|(title, short)| {
            *title == law
                && d.description.match_indices(short).any(|(i, _)| {
                    let after = &d.description[i + short.len()..];
                    let after = after.strip_prefix('第').unwrap_or(after);
                    after.starts_with(number)
                        && !after[number.len()..].starts_with(|c: char| c.is_ascii_digit())
                })
        })
    };
    let mut out: Vec<Citation> = Vec::new();
    for c in d.cites {
        if named(c.law, c.number) && !out.iter().any(|o| o.law == c.law && o.number == c.number) {
            out.push(c.citation());
        }
    }
    out
}

/// Every citation any registered rule can output (deduplicated), for checking against the corpus.
pub fn all_citations() -> Vec<Citation> {
    let all: Vec<Citation> = RULES
        .iter()
        .flat_map(|d| {
            let extra: &[Cite] = if d.uses_period { period::CITES } else { &[] };
            d.cites.iter().chain(extra).map(Cite::citation)
        })
        .collect();
    union_citations(&all)
}

#[cfg(test)]
mod described_tests {
    #[test]
    fn a_statement_in_words_cites_the_articles_it_names() {
        let c = super::described_citations("R02");
        let names: Vec<String> = c.iter().map(|c| format!("{}{}", c.law, c.number)).collect();
        assert!(
            names.iter().any(|n| n == "人民检察院刑事诉讼规则87"),
            "{names:?}"
        );
        assert!(
            names.iter().any(|n| n == "公安机关办理刑事案件程序规定82"),
            "{names:?}"
        );
    }
}
