//! Facts stated in a plain-Chinese question, and the rule families it touches.
//!
//! [`extract`] normalises the question (traditional → simplified, full-width → half-width, a few
//! same-length fixes of common typos such as 检查院 → 检察院, 取保侯审 → 取保候审) and then reads,
//! each with the span of the original question it came from:
//!
//! - amounts in yuan (`3万元`, `五千块`, `2.5万`, `一万五`, `10000元`, `两千`) tagged by the nearest
//!   cue (保证金 → deposit, 诈骗/价值/涉案 → case amount, 罚金, 罚款, 赔偿 …);
//! - ages (`17岁`, `不满十八周岁`) and whether the person is a minor (`未成年`);
//! - dates (absolute, month-day with the year of `today`, `去年十月`, `上个月`, `前天`, `三天前`,
//!   `2024-03-01`, `2024.3.1`); impossible dates become [`InvalidDate`] entries, never a panic;
//! - durations (`取保候审了8个月`, `关了20天`, `3个半月`, `快一年了`) tagged bail / custody / sentence;
//! - stage (侦查 / 审查起诉 / 审判, or inferred from the authority last named) and authorities;
//! - crimes from the table of [`crate::understand::crimes`];
//! - prior record / 累犯, pregnancy, nursing, serious illness, sole carer, violations of bail and
//!   their count, guarantor vs deposit, new crime, custody events (拘留, 逮捕, 看守所, released on bail).
//!
//! Everything is keyword and pattern based: no fact is guessed where no cue is present. Statements
//! framed as a question or hypothesis (`可以出省吗`) are not recorded as violations. Only the first
//! [`MAX_CHARS`] characters are read (flagged `truncated`).

use std::sync::LazyLock;

use chrono::{Datelike, Duration as ChronoDuration, Months, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::normalize::{normalize, Normalized};
use crate::numerals;
use crate::understand::crimes;

/// Questions longer than this many characters are read only up to here.
pub const MAX_CHARS: usize = 4000;

/// Where a fact came from: a byte range of the original question and the normalised text there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    /// 保证金 / 押金 / 保释金.
    Deposit,
    /// Amount of the case: 涉案金额, 诈骗了, 价值, 偷了 …
    CaseAmount,
    /// 罚金 (criminal fine).
    CriminalFine,
    /// 罚款 (administrative fine, e.g. of a guarantor).
    Fine,
    /// 赔偿 / 退赔 / 谅解金.
    Compensation,
    /// 律师费 and other fees.
    Fee,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub yuan: u64,
    pub kind: AmountKind,
    /// The cue the kind was read from.
    pub cue: Option<String>,
    /// 以上 / 以下 / 左右 / 多 written after the amount.
    pub qualifier: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBound {
    /// 17岁.
    Exact,
    /// 70多岁.
    About,
    /// 不满/未满十八周岁: younger than `years`.
    Under,
    /// 已满/年满十六周岁: at least `years`.
    AtLeast,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Age {
    pub years: u32,
    pub bound: AgeBound,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    /// Only the month is known; `date` is its first day.
    Month,
    /// Only the year is known; `date` is 1 January.
    Year,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateFact {
    pub date: NaiveDate,
    pub precision: DatePrecision,
    /// Computed from `today` (昨天, 三天前, 上个月 …).
    pub relative: bool,
    /// The question gave no year; the year of `today` (or 去年 …) was used.
    pub year_assumed: bool,
    pub span: Span,
}

/// A date that does not exist (2月30日, 13月1日).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidDate {
    pub reason: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationKind {
    /// Time on bail (取保候审了8个月).
    Bail,
    /// Time detained / arrested / in a detention centre (关了20天, 拘留33天, 羁押两个月).
    Custody,
    /// 监视居住.
    ResidentialSurveillance,
    /// A sentence imposed or served (判1年4个月, 做了五年).
    Sentence,
    /// Time left (还有10天就到期).
    Remaining,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// 一年多, 二十多天.
    MoreThan,
    /// 快一年, 将近两个月.
    AlmostReached,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duration {
    pub value: u32,
    /// 半: 3个半月 is value 3 + half; 半年 is value 0 + half.
    pub half: bool,
    pub unit: DurationUnit,
    pub approx: Option<Approx>,
    pub kind: DurationKind,
    pub cue: Option<String>,
    pub span: Span,
}

impl Duration {
    /// Length in days (months as 30 days, years as 365): for comparisons only, never for deadlines.
    pub fn approx_days(&self) -> f64 {
        let per = match self.unit {
            DurationUnit::Hour => 1.0 / 24.0,
            DurationUnit::Day => 1.0,
            DurationUnit::Week => 7.0,
            DurationUnit::Month => 30.0,
            DurationUnit::Year => 365.0,
        };
        (self.value as f64 + if self.half { 0.5 } else { 0.0 }) * per
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 侦查.
    Investigation,
    /// 审查起诉.
    ProsecutionReview,
    /// 审判.
    Trial,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// 公安机关 (公安, 派出所, 警察).
    PublicSecurity,
    /// 国家安全机关.
    StateSecurity,
    /// 人民检察院.
    Procuratorate,
    /// 人民法院.
    Court,
}

impl Authority {
    fn stage(self) -> Stage {
        match self {
            Authority::PublicSecurity | Authority::StateSecurity => Stage::Investigation,
            Authority::Procuratorate => Stage::ProsecutionReview,
            Authority::Court => Stage::Trial,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrimeFact {
    /// 罪名.
    pub name: String,
    /// 刑法 article defining it ("133-1").
    pub article: String,
    /// 刑法 article carrying its penalty.
    pub penalty_article: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    /// Left the city/county without approval (离开市县, 出省, 到外地).
    LeftArea,
    /// Did not report as required (没按时报到).
    MissedReport,
    /// Did not appear when summoned (传讯没到).
    MissedSummons,
    /// Contacted witnesses / the victim against an order.
    ContactedPersons,
    /// 串供, 毁灭/伪造证据, 干扰证人.
    Evidence,
    /// Changed address / phone / work unit without reporting.
    UnreportedChange,
    /// Committed a new crime (又犯新罪).
    NewCrime,
    /// Absconded (逃跑, 失联).
    Absconded,
    /// Met someone or wrote to them without approval (未经批准会见他人): a breach under 监视居住
    /// (刑诉法77①(二)), not in itself under bail.
    UnapprovedMeeting,
    /// The ground of 监视居住 instead of arrest is gone (哺乳期满, 病治好了): 公安部规定 / 刑诉解释
    /// treat it with the violations.
    GroundEnded,
    /// 违反取保候审规定, unspecified.
    General,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationCount {
    pub count: u32,
    /// 又违反, 多次: at least `count`.
    pub at_least: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeKind {
    Guarantor,
    Deposit,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyEvent {
    /// 拘留 / 刑拘.
    Detained,
    /// 逮捕 / 批捕 / 收监.
    Arrested,
    /// 看守所 / 关押 / 羁押 / 被抓.
    InCustody,
    /// On bail or released (取保候审出来, 放出来, 取保候审期间).
    OnBail,
}

/// A rule family a question touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// 能不能取保 (R02, R03).
    Eligibility,
    /// 保证金多少 (R08).
    DepositAmount,
    /// 期限, 多久, 到期 (R16–R19).
    Term,
    /// Obligations, leaving the city (R11, R12).
    Obligations,
    /// Violations and their consequences (R13, R15).
    Violation,
    /// 没收保证金 (R14).
    Forfeiture,
    /// 退还保证金 (R21).
    Refund,
    /// 保证人 (R05–R07).
    Guarantor,
    /// 解除 / 撤销 (R20, R25).
    Release,
    /// 监视居住 (R28–R32).
    ResidentialSurveillance,
    /// Custody and arrest time limits (拘留多久, 羁押期限, 批捕).
    CustodyLimits,
    /// Minors (R26).
    Minors,
    /// Likely sentence / probation (判几年, 缓刑).
    Sentence,
}

/// A topic and the cue that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicHit {
    pub topic: Topic,
    pub cue: String,
}

/// Everything read from one question. Every field is optional or a list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// The normalised question (what spans' `text` refers to).
    pub normalized: String,
    /// Only the first [`MAX_CHARS`] characters were read.
    pub truncated: bool,
    pub amounts: Vec<Amount>,
    pub ages: Vec<Age>,
    pub is_minor: Option<Fact<bool>>,
    pub dates: Vec<DateFact>,
    pub invalid_dates: Vec<InvalidDate>,
    pub durations: Vec<Duration>,
    pub stage: Option<Fact<Stage>>,
    /// The stage was inferred from the authority last named, not stated.
    pub stage_inferred: bool,
    /// Authorities in the order named.
    pub authorities: Vec<Fact<Authority>>,
    /// The authority named last (the one the case is with now, as people tell it).
    pub authority: Option<Fact<Authority>>,
    pub crimes: Vec<CrimeFact>,
    /// 前科 (true) or 初犯 / 无前科 (false).
    pub prior_record: Option<Fact<bool>>,
    /// 累犯 stated.
    pub recidivist: Option<Fact<bool>>,
    pub pregnant: Option<Fact<bool>>,
    pub nursing: Option<Fact<bool>>,
    pub serious_illness: Option<Fact<bool>>,
    /// 唯一扶养人.
    pub sole_carer: Option<Fact<bool>>,
    pub violations: Vec<Fact<ViolationKind>>,
    pub violation_count: Option<Fact<ViolationCount>>,
    pub guarantee_form: Option<Fact<GuaranteeKind>>,
    /// How many guarantors are named (3名保证人, 两个担保人).
    pub guarantor_count: Option<Fact<u32>>,
    /// 又犯新罪.
    pub new_crime: Option<Fact<bool>>,
    /// Custody events in the order told.
    pub custody_events: Vec<Fact<CustodyEvent>>,
    /// In custody now, from the last custody event.
    pub in_custody: Option<Fact<bool>>,
    /// On bail now (取保候审期间, 取保候审出来了 …).
    pub on_bail: Option<Fact<bool>>,
    pub topics: Vec<TopicHit>,
}

impl Facts {
    /// The first amount of a kind.
    pub fn amount(&self, kind: AmountKind) -> Option<u64> {
        self.amounts.iter().find(|a| a.kind == kind).map(|a| a.yuan)
    }

    pub fn has_topic(&self, topic: Topic) -> bool {
        self.topics.iter().any(|t| t.topic == topic)
    }

    pub fn has_violation(&self, kind: ViolationKind) -> bool {
        self.violations.iter().any(|v| v.value == kind)
    }
}

// ---------------------------------------------------------------------------------------------
// text helpers

/// Same-length typo fixes applied after normalisation (byte lengths equal, so spans stay exact).
const TYPOS: &[(&str, &str)] = &[
    ("检查院", "检察院"),
    ("检查机关", "检察机关"),
    ("公案机关", "公安机关"),
    ("公案局", "公安局"),
    ("取保侯审", "取保候审"),
    ("取保后审", "取保候审"),
    ("取保候申", "取保候审"),
    ("批逋", "批捕"),
    ("批扑", "批捕"),
    ("刑句", "刑拘"),
    ("压金", "押金"),
    ("保正金", "保证金"),
    ("监视居往", "监视居住"),
    ("看手所", "看守所"),
    ("醉架", "醉驾"),
];

/// A normalised text with the typo table applied (取保侯审 → 取保候审): the fixes keep every byte
/// offset, so spans found in it are spans of the normalised text.
pub fn fix_typos(normalized: &str) -> String {
    let mut text = normalized.to_string();
    for (bad, good) in TYPOS {
        if bad.len() == good.len() {
            text = text.replace(bad, good);
        }
    }
    text
}

struct Text {
    norm: Normalized,
    text: String,
}

impl Text {
    fn new(question: &str) -> (Text, bool) {
        let mut truncated = false;
        let q = match question.char_indices().nth(MAX_CHARS) {
            Some((i, _)) => {
                truncated = true;
                &question[..i]
            }
            None => question,
        };
        let norm = normalize(q);
        let text = fix_typos(&norm.text);
        (Text { norm, text }, truncated)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let (s, e) = self.norm.original_range(start, end);
        Span {
            start: s,
            end: e,
            text: self.text.get(start..end).unwrap_or("").to_string(),
        }
    }
}

/// Up to `n` chars before byte `pos`.
fn before(text: &str, pos: usize, n: usize) -> &str {
    let head = &text[..pos];
    match head.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &head[i..],
        _ if n == 0 => "",
        _ => head,
    }
}

/// Up to `n` chars from byte `pos`.
fn after(text: &str, pos: usize, n: usize) -> &str {
    let tail = &text[pos..];
    match tail.char_indices().nth(n) {
        Some((i, _)) => &tail[..i],
        None => tail,
    }
}

const SENTENCE_END: &[char] = &['。', '?', '!', '？', '！', ';', '；', '\n'];

/// The nearest cue around `[start, end)`: within `back` chars before (same sentence) or `fwd` chars
/// after. Returns the cue's value and text.
fn nearest_cue<K: Copy>(
    text: &str,
    start: usize,
    end: usize,
    cues: &[(&'static str, K)],
    back: usize,
    fwd: usize,
) -> Option<(K, &'static str)> {
    let mut win_b = before(text, start, back);
    if let Some(i) = win_b.rfind(SENTENCE_END) {
        let c = win_b[i..].chars().next().map_or(1, char::len_utf8);
        win_b = &win_b[i + c..];
    }
    let mut win_a = after(text, end, fwd);
    if let Some(i) = win_a.find(SENTENCE_END) {
        win_a = &win_a[..i];
    }
    let mut best: Option<(usize, K, &'static str)> = None;
    for &(cue, k) in cues {
        if let Some(i) = win_b.rfind(cue) {
            let d = win_b[i + cue.len()..].chars().count();
            if best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, k, cue));
            }
        }
        if let Some(i) = win_a.find(cue) {
            let d = win_a[..i].chars().count();
            if best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, k, cue));
            }
        }
    }
    best.map(|(_, k, c)| (k, c))
}

/// All occurrences of the cues, longest cue first, non-overlapping, in text order.
fn find_cues<K: Copy>(
    text: &str,
    cues: &[(&'static str, K)],
) -> Vec<(usize, usize, K, &'static str)> {
    let mut sorted: Vec<&(&'static str, K)> = cues.iter().collect();
    sorted.sort_by_key(|(c, _)| std::cmp::Reverse(c.len()));
    let mut out: Vec<(usize, usize, K, &'static str)> = Vec::new();
    for &&(cue, k) in &sorted {
        for (s, _) in text.match_indices(cue) {
            let e = s + cue.len();
            if out.iter().any(|&(a, b, _, _)| s < b && a < e) {
                continue;
            }
            out.push((s, e, k, cue));
        }
    }
    out.sort_by_key(|x| x.0);
    out
}

fn negated(text: &str, pos: usize) -> bool {
    // 没有被羁押, 未被拘留: the passive 被 stands between the negation and the verb
    let b3 = before(text, pos, 3);
    let b = match b3.strip_suffix('被') {
        Some(x) => x,
        None => before(text, pos, 2),
    };
    b.ends_with('没')
        || b.ends_with('未')
        || b.ends_with('无')
        || b.ends_with("没有")
        || b.ends_with("不是")
        || b.ends_with('不')
        || b.ends_with("并非")
}

/// Framed as a question or a hypothesis: 能不能出省, 可以离开吗, 如果违反.
fn hypothetical(text: &str, start: usize, end: usize) -> bool {
    let b = before(text, start, 5);
    let a = after(text, end, 4);
    [
        "能",
        "可以",
        "可不可以",
        "可否",
        "能否",
        "如果",
        "要是",
        "假如",
        "想",
        "会",
        "怎么",
        "申请",
        "是否",
    ]
    .iter()
    .any(|w| b.contains(w))
        || ['吗', '么', '嘛', '呢', '?'].iter().any(|c| a.contains(*c))
}

fn overlaps(taken: &[(usize, usize)], s: usize, e: usize) -> bool {
    taken.iter().any(|&(a, b)| s < b && a < e)
}

/// Parses a number: Arabic digits, Chinese numerals, with the colloquial tail (一万五 = 15000,
/// 三千五 = 3500) and 亿.
fn cn_number(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    if let Some((hi, lo)) = s.split_once('亿') {
        let hi = cn_number(hi)?;
        let lo = if lo.is_empty() {
            0
        } else {
            cn_number(lo.trim_start_matches('零'))?
        };
        return hi.checked_mul(100_000_000)?.checked_add(lo);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut owned = s.to_string();
    if chars.len() >= 2 {
        let last = chars[chars.len() - 1];
        let unit = chars[chars.len() - 2];
        if !matches!(last, '十' | '百' | '千' | '万' | '零' | '〇') {
            let lower = match unit {
                '万' => Some('千'),
                '千' => Some('百'),
                '百' => Some('十'),
                _ => None,
            };
            if let Some(l) = lower {
                owned.push(l);
            }
        }
    }
    numerals::parse(&owned).map(u64::from)
}

const CN_NUM: &str = "[零〇一二两三四五六七八九十百千万亿]";

// ---------------------------------------------------------------------------------------------
// dates

/// A number of guarantors: 3名保证人, 两个担保人, 一位保证人.
static GUARANTOR_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2}|[一二两三四五六七八九十])(?:名|个|位)(?:保证人|担保人)")
        .expect("valid regex")
});

static DATE_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]").unwrap()
});
static DATE_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})([-./])(\d{1,2})([-./])(\d{1,2})").unwrap());
static DATE_YM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(份)?").unwrap()
});
static DATE_MD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(去年|今年|前年|明年)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]").unwrap()
});
/// A month and day written with a dot or slash (11.2被刑拘, 3/15那天): only where an event or a
/// day word follows, so that 1.5万元 or 3.5年 are never dates.
static DATE_MD_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})[./](\d{1,2})\s*(?:[日号]|(?:那天|当天|晚上|早上|上午|下午|凌晨|晚|早|被|在|开始|起|决定|送|执行|批准|逮捕|拘留|刑拘|抓|进去|交|取保))").unwrap()
});
static DATE_M: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(去年|今年|前年|明年)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(份|初|底|中旬|上旬|下旬|末)?").unwrap()
});
static DATE_AGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(\d+|{CN_NUM}+|半)\s*(个)?\s*(天|日|星期|周|月|年)\s*(前|以前|之前)"
    ))
    .unwrap()
});
static DATE_D: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{1,2})\s*[日号]").unwrap());

fn small(s: &str) -> Option<u32> {
    numerals::parse(s)
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such date: {y:04}-{m:02}-{d:02}"))
}

/// A date told without a year is taken to be in the past: the year of `today`, or the year before
/// when that would put it after `today` (11月16日 asked in March means last November).
fn past(d: NaiveDate, today: NaiveDate) -> NaiveDate {
    if d > today {
        d.with_year(d.year() - 1).unwrap_or(d)
    } else {
        d
    }
}

/// A date told without its year after one told with it is in that year (公安2025年3月3日决定，
/// 8月20日移送 → 2025-08-20), or the next when it would fall before it (2025年12月1日…1月5日).
fn years_from_context(f: &mut Facts) {
    let mut order: Vec<usize> = (0..f.dates.len()).collect();
    order.sort_by_key(|&i| f.dates[i].span.start);
    let mut anchor: Option<NaiveDate> = None;
    for i in order {
        let d = &mut f.dates[i];
        if d.relative {
            continue;
        }
        if !d.year_assumed {
            anchor = Some(d.date);
            continue;
        }
        let Some(a) = anchor else { continue };
        let year = |y: i32| NaiveDate::from_ymd_opt(y, d.date.month(), d.date.day());
        if let Some(mut x) = year(a.year()) {
            if x < a {
                x = year(a.year() + 1).unwrap_or(x);
            }
            d.date = x;
            anchor = Some(x);
        }
    }
}

fn year_prefix(p: Option<&str>, today: NaiveDate) -> (i32, bool) {
    match p {
        Some("去年") => (today.year() - 1, false),
        Some("前年") => (today.year() - 2, false),
        Some("明年") => (today.year() + 1, false),
        Some("今年") => (today.year(), false),
        _ => (today.year(), true),
    }
}

fn extract_dates(t: &Text, today: NaiveDate, f: &mut Facts, taken: &mut Vec<(usize, usize)>) {
    let text = &t.text;
    let push = |f: &mut Facts,
                taken: &mut Vec<(usize, usize)>,
                s: usize,
                e: usize,
                r: Result<NaiveDate, String>,
                p: DatePrecision,
                rel: bool,
                ya: bool| {
        if overlaps(taken, s, e) {
            return;
        }
        taken.push((s, e));
        match r {
            Ok(date) => f.dates.push(DateFact {
                date,
                precision: p,
                relative: rel,
                year_assumed: ya,
                span: t.span(s, e),
            }),
            Err(reason) => f.invalid_dates.push(InvalidDate {
                reason,
                span: t.span(s, e),
            }),
        }
    };
    for c in DATE_YMD.captures_iter(text) {
        let m = c.get(0).unwrap();
        let r = match (c[1].parse::<i32>().ok(), small(&c[2]), small(&c[3])) {
            (Some(y), Some(mo), Some(d)) => ymd(y, mo, d),
            _ => Err(format!("unreadable date: {}", m.as_str())),
        };
        push(
            f,
            taken,
            m.start(),
            m.end(),
            r,
            DatePrecision::Day,
            false,
            false,
        );
    }
    for c in DATE_SEP.captures_iter(text) {
        let m = c.get(0).unwrap();
        if c[2] != c[4]
            || after(text, m.end(), 1)
                .chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_digit())
        {
            continue;
        }
        let r = match (
            c[1].parse::<i32>().ok(),
            c[3].parse::<u32>().ok(),
            c[5].parse::<u32>().ok(),
        ) {
            (Some(y), Some(mo), Some(d)) => ymd(y, mo, d),
            _ => Err(format!("unreadable date: {}", m.as_str())),
        };
        push(
            f,
            taken,
            m.start(),
            m.end(),
            r,
            DatePrecision::Day,
            false,
            false,
        );
    }
    for c in DATE_YM.captures_iter(text) {
        let m = c.get(0).unwrap();
        let r = match (c[1].parse::<i32>().ok(), small(&c[2])) {
            (Some(y), Some(mo)) => {
                ymd(y, mo, 1).map_err(|_| format!("no such month: {}", m.as_str()))
            }
            _ => Err(format!("unreadable date: {}", m.as_str())),
        };
        push(
            f,
            taken,
            m.start(),
            m.end(),
            r,
            DatePrecision::Month,
            false,
            false,
        );
    }
    for c in DATE_MD.captures_iter(text) {
        let m = c.get(0).unwrap();
        let (y, assumed) = year_prefix(c.get(1).map(|x| x.as_str()), today);
        let r = match (small(&c[2]), small(&c[3])) {
            (Some(mo), Some(d)) => {
                ymd(y, mo, d).map(|dt| if assumed { past(dt, today) } else { dt })
            }
            _ => Err(format!("unreadable date: {}", m.as_str())),
        };
        push(
            f,
            taken,
            m.start(),
            m.end(),
            r,
            DatePrecision::Day,
            c.get(1).is_some(),
            assumed,
        );
    }
    for c in DATE_MD_SHORT.captures_iter(text) {
        let m = c.get(0).unwrap();
        // not the tail of a longer number (2025.11.2, 1.11.2)
        if text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit() || ch == '.' || ch == '/')
        {
            continue;
        }
        let (Some(mo), Some(d)) = (small(&c[1]), small(&c[2])) else {
            continue;
        };
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
            continue;
        }
        let (y, _) = year_prefix(None, today);
        let end = c.get(2).unwrap().end();
        let r = ymd(y, mo, d).map(|dt| past(dt, today));
        push(f, taken, m.start(), end, r, DatePrecision::Day, false, true);
    }
    // relative words
    const REL: &[(&str, i64)] = &[
        ("大前天", -3),
        ("前天", -2),
        ("昨天", -1),
        ("昨日", -1),
        ("今天", 0),
        ("今日", 0),
        ("明天", 1),
        ("后天", 2),
        ("大后天", 3),
    ];
    for (s, e, d, _) in find_cues(text, REL) {
        let r = today
            .checked_add_signed(ChronoDuration::days(d))
            .ok_or_else(|| "out of range".to_string());
        push(f, taken, s, e, r, DatePrecision::Day, true, false);
    }
    for c in DATE_AGO.captures_iter(text) {
        let m = c.get(0).unwrap();
        let n: Option<u32> = if &c[1] == "半" {
            Some(0)
        } else {
            cn_number(&c[1]).and_then(|v| u32::try_from(v).ok())
        };
        let unit = &c[3];
        if unit == "月" && c.get(2).is_none() && &c[1] != "半" {
            continue; // 3月前 is a date, not "three months ago"
        }
        let Some(n) = n else { continue };
        let n = n.min(10_000);
        let (date, p) = match unit {
            "天" | "日" => (
                today.checked_sub_signed(ChronoDuration::days(n as i64)),
                DatePrecision::Day,
            ),
            "星期" | "周" => (
                today.checked_sub_signed(ChronoDuration::weeks(n as i64)),
                DatePrecision::Day,
            ),
            "月" if &c[1] == "半" => (
                today.checked_sub_signed(ChronoDuration::days(15)),
                DatePrecision::Day,
            ),
            "月" => (today.checked_sub_months(Months::new(n)), DatePrecision::Day),
            _ if &c[1] == "半" => (
                today.checked_sub_months(Months::new(6)),
                DatePrecision::Month,
            ),
            _ => (
                today.checked_sub_months(Months::new(n.saturating_mul(12))),
                DatePrecision::Year,
            ),
        };
        let r = date.ok_or_else(|| format!("out of range: {}", m.as_str()));
        push(f, taken, m.start(), m.end(), r, p, true, false);
    }
    const MONTH_REL: &[(&str, i32)] = &[
        ("上个月", -1),
        ("上月", -1),
        ("这个月", 0),
        ("本月", 0),
        ("下个月", 1),
        ("下月", 1),
        ("上上个月", -2),
    ];
    // a day written after it (上个月10号) makes it a day of that month
    static DAY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)").expect("valid regex")
    });
    for (s, e, d, _) in find_cues(text, MONTH_REL) {
        let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let month = if d < 0 {
            first.checked_sub_months(Months::new(d.unsigned_abs()))
        } else {
            first.checked_add_months(Months::new(d as u32))
        };
        let day = DAY_AFTER
            .captures(text.get(e..).unwrap_or(""))
            .and_then(|c| Some((small(&c[1])?, c.get(0)?.end())));
        let (date, end, precision) = match (month, day) {
            (Some(m), Some((dd, len))) => (
                m.with_day(dd)
                    .ok_or_else(|| format!("no such day: {}", &text[s..e + len])),
                e + len,
                DatePrecision::Day,
            ),
            (m, _) => (
                m.ok_or_else(|| "out of range".to_string()),
                e,
                DatePrecision::Month,
            ),
        };
        push(f, taken, s, end, date, precision, true, false);
    }
    for c in DATE_M.captures_iter(text) {
        let m = c.get(0).unwrap();
        // 2个月 / 第3月 / 1年4月 are not months of a calendar
        let prev = before(text, m.start(), 1);
        if prev == "个"
            || prev == "第"
            || prev == "年"
            || prev.chars().next().is_some_and(|ch| ch.is_ascii_digit())
        {
            continue;
        }
        let Some(mo) = small(&c[2]) else { continue };
        let next = after(text, m.end(), 1);
        if c.get(1).is_none()
            && c.get(3).is_none()
            && (mo == 0 || mo > 12 || next == "了" || next == "多")
        {
            continue;
        }
        let (y, assumed) = year_prefix(c.get(1).map(|x| x.as_str()), today);
        let r = ymd(y, mo, 1)
            .map(|dt| if assumed { past(dt, today) } else { dt })
            .map_err(|_| format!("no such month: {}", m.as_str()));
        push(
            f,
            taken,
            m.start(),
            m.end(),
            r,
            DatePrecision::Month,
            c.get(1).is_some(),
            assumed,
        );
    }
    const YEAR_REL: &[(&str, i32)] = &[("去年", -1), ("前年", -2), ("今年", 0)];
    for (s, e, d, _) in find_cues(text, YEAR_REL) {
        let r = NaiveDate::from_ymd_opt(today.year() + d, 1, 1)
            .ok_or_else(|| "out of range".to_string());
        push(f, taken, s, e, r, DatePrecision::Year, true, false);
    }
    // a bare day (18日收到) takes the month of the date told just before it
    let mut extra = Vec::new();
    for c in DATE_D.captures_iter(text) {
        let m = c.get(0).unwrap();
        // a number of days (监视居住91日, 关了20日) is a duration, not a day of the month
        let prev_char = before(text, m.start(), 1).chars().next();
        if overlaps(taken, m.start(), m.end())
            || prev_char.is_some_and(|ch| ch.is_ascii_digit() || "住留押了共满计".contains(ch))
            || small(&c[1]).is_some_and(|d| d > 31)
        {
            continue;
        }
        let prev = f
            .dates
            .iter()
            .filter(|d| {
                d.precision == DatePrecision::Day
                    && !d.relative
                    && t.norm.original_offset(m.start()) > d.span.end
            })
            .max_by_key(|d| d.span.end);
        let (Some(prev), Some(day)) = (prev, small(&c[1])) else {
            continue;
        };
        extra.push((
            m.start(),
            m.end(),
            ymd(prev.date.year(), prev.date.month(), day),
            prev.year_assumed,
        ));
    }
    for (s, e, r, ya) in extra {
        push(f, taken, s, e, r, DatePrecision::Day, false, ya);
    }
    f.dates.sort_by_key(|d| d.span.start);
}

// ---------------------------------------------------------------------------------------------
// durations

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(\d+|{CN_NUM}+)\s*(多)?\s*(个)?\s*(半)?\s*(多)?|(半)\s*(个)?)\s*(小时|天|日|星期|周|月|年)(多)?"
    ))
    .unwrap()
});

const DURATION_CUES: &[(&str, DurationKind)] = &[
    ("取保候审", DurationKind::Bail),
    ("取保", DurationKind::Bail),
    ("保释", DurationKind::Bail),
    ("监视居住", DurationKind::ResidentialSurveillance),
    ("关了", DurationKind::Custody),
    ("关押", DurationKind::Custody),
    ("羁押", DurationKind::Custody),
    ("看守所", DurationKind::Custody),
    ("拘留", DurationKind::Custody),
    ("刑拘", DurationKind::Custody),
    ("关在", DurationKind::Custody),
    ("被关", DurationKind::Custody),
    ("进去", DurationKind::Custody),
    ("抓", DurationKind::Custody),
    ("判了", DurationKind::Sentence),
    ("判处", DurationKind::Sentence),
    ("判", DurationKind::Sentence),
    ("刑期", DurationKind::Sentence),
    ("服刑", DurationKind::Sentence),
    ("做了", DurationKind::Sentence),
    ("坐牢", DurationKind::Sentence),
    ("实刑", DurationKind::Sentence),
    ("缓刑", DurationKind::Sentence),
    ("开庭", DurationKind::Other),
    ("法院", DurationKind::Other),
    ("起诉", DurationKind::Other),
];

fn extract_durations(t: &Text, f: &mut Facts, taken: &mut Vec<(usize, usize)>) {
    let text = &t.text;
    let mut found: Vec<(usize, usize, u32, bool, DurationUnit, Option<Approx>)> = Vec::new();
    for c in DURATION.captures_iter(text) {
        let m = c.get(0).unwrap();
        if overlaps(taken, m.start(), m.end()) {
            continue;
        }
        let ge = c.get(3).is_some() || c.get(7).is_some();
        let half = c.get(4).is_some() || c.get(6).is_some();
        let value = match c.get(1) {
            Some(n) => match cn_number(n.as_str()).and_then(|v| u32::try_from(v).ok()) {
                Some(v) => v,
                None => continue,
            },
            None => 0,
        };
        let unit = match &c[8] {
            "小时" => DurationUnit::Hour,
            "天" => DurationUnit::Day,
            // a day of the month (18日) is taken by the dates before; what is left is a count
            "日" if c.get(1).is_some() => DurationUnit::Day,
            "日" => continue,
            "星期" | "周" => DurationUnit::Week,
            "月" if ge => DurationUnit::Month,
            "月" => continue, // 3月 is a month of the calendar
            _ => DurationUnit::Year,
        };
        if unit == DurationUnit::Year && value >= 1000 {
            continue; // 2024年
        }
        if unit == DurationUnit::Week && &c[8] == "周" && after(text, m.end(), 1) == "岁" {
            continue; // 十六周岁
        }
        if c.get(1).is_some() && ["第", "这", "那", "前"].contains(&before(text, m.start(), 1))
        {
            continue; // 第三天, 这两天 (these days)
        }
        let mut approx = if c.get(2).is_some() || c.get(5).is_some() || c.get(9).is_some() {
            Some(Approx::MoreThan)
        } else {
            None
        };
        let b = before(text, m.start(), 3);
        if ["快", "将近", "近", "差不多", "接近", "马上"]
            .iter()
            .any(|w| b.ends_with(w))
        {
            approx = Some(Approx::AlmostReached);
        }
        found.push((m.start(), m.end(), value, half, unit, approx));
    }
    // 1年4个月 → 16 months
    let mut merged: Vec<(usize, usize, u32, bool, DurationUnit, Option<Approx>)> = Vec::new();
    for d in found {
        if let Some(last) = merged.last_mut() {
            if last.4 == DurationUnit::Year
                && d.4 == DurationUnit::Month
                && last.1 == d.0
                && !last.3
            {
                *last = (
                    last.0,
                    d.1,
                    last.2.saturating_mul(12).saturating_add(d.2),
                    d.3,
                    DurationUnit::Month,
                    d.5.or(last.5),
                );
                continue;
            }
        }
        merged.push(d);
    }
    for (s, e, value, half, unit, approx) in merged {
        taken.push((s, e));
        let b = before(text, s, 4);
        let (kind, cue) = if ["还有", "还剩", "剩下", "剩", "还差"]
            .iter()
            .any(|w| b.contains(w))
        {
            (DurationKind::Remaining, Some("还有"))
        } else {
            match nearest_cue(text, s, e, DURATION_CUES, 14, 4) {
                Some((k, c)) => (k, Some(c)),
                None => (DurationKind::Other, None),
            }
        };
        f.durations.push(Duration {
            value,
            half,
            unit,
            approx,
            kind,
            cue: cue.map(String::from),
            span: t.span(s, e),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// ages and minors

static AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(不满|未满|未达到|不到|已满|年满|刚满|满)?\s*(\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(多)?\s*(周岁|岁)").unwrap()
});

fn extract_ages(t: &Text, f: &mut Facts, taken: &mut Vec<(usize, usize)>) {
    let text = &t.text;
    for c in AGE.captures_iter(text) {
        let m = c.get(0).unwrap();
        if overlaps(taken, m.start(), m.end()) {
            continue;
        }
        let Some(years) = small(&c[2]) else { continue };
        if years > 130 {
            continue;
        }
        let bound = match c.get(1).map(|x| x.as_str()) {
            Some("不满" | "未满" | "未达到" | "不到") => AgeBound::Under,
            Some(_) => AgeBound::AtLeast,
            None if c.get(3).is_some() => AgeBound::About,
            None => AgeBound::Exact,
        };
        taken.push((m.start(), m.end()));
        f.ages.push(Age {
            years,
            bound,
            span: t.span(m.start(), m.end()),
        });
    }
    const MINOR: &[(&str, bool)] = &[
        ("未成年人", true),
        ("未成年", true),
        ("未满十八", true),
        ("未满18", true),
        ("不满十八周岁", true),
        ("不满18周岁", true),
        ("不满18岁", true),
        ("少年", true),
        ("少女", true),
        ("已成年", false),
        ("成年人", false),
        ("满十八周岁", false),
    ];
    let cue = find_cues(text, MINOR)
        .into_iter()
        .find(|&(s, _, v, cue)| !(v && cue == "少年" && before(text, s, 1) == "青"));
    if let Some((s, e, v, _)) = cue {
        f.is_minor = Some(Fact {
            value: v,
            span: t.span(s, e),
        });
        return;
    }
    // the first age told is taken to be the suspect's
    if let Some(a) = f.ages.first() {
        let minor = match a.bound {
            AgeBound::Under => Some(a.years <= 18),
            AgeBound::Exact | AgeBound::About => Some(a.years < 18),
            AgeBound::AtLeast => (a.years >= 18).then_some(false),
        };
        if let Some(v) = minor {
            f.is_minor = Some(Fact {
                value: v,
                span: a.span.clone(),
            });
        }
        return;
    }
    // no age told: a parent, spouse or grandparent who is the one held or on bail (我爸被取保候审了)
    // is of age
    if let Some(m) = ADULT_RELATIVE.find(text) {
        f.is_minor = Some(Fact {
            value: false,
            span: t.span(m.start(), m.end()),
        });
    }
}

/// A relative of a generation that is of age, as the one the measure is taken against: the
/// relation followed closely by what happened to them (被…, 涉嫌, 取保, 刑拘 …).
static ADULT_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(我|俺)?(爸爸|爸|老爸|父亲|妈妈|妈|老妈|母亲|老公|丈夫|老婆|妻子|媳妇|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|岳父|岳母)(因为|因|今天|昨天|前天|上周|上个月|去年)?[^，,。？?！!]{0,4}?(被|涉嫌|取保|刑拘|拘留|逮捕|监视居住|抓)",
    )
    .expect("valid regex")
});

// ---------------------------------------------------------------------------------------------
// amounts

static AMOUNT_AR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?)\s*(亿|万|千|百)?(\d)?\s*(元|块钱|块|圆|rmb|RMB)?").unwrap()
});
static AMOUNT_CN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"({CN_NUM}+)\s*(元|块钱|块|圆)?")).unwrap());

const STRONG_CUES: &[(&str, AmountKind)] = &[
    ("保证金", AmountKind::Deposit),
    ("押金", AmountKind::Deposit),
    ("保释金", AmountKind::Deposit),
    ("取保金", AmountKind::Deposit),
    ("罚金", AmountKind::CriminalFine),
    ("罚款", AmountKind::Fine),
    // someone fined (罚我5万): an administrative fine; a court's is 罚金
    ("罚我", AmountKind::Fine),
    ("罚他", AmountKind::Fine),
    ("罚她", AmountKind::Fine),
    ("赔偿", AmountKind::Compensation),
    ("赔了", AmountKind::Compensation),
    ("赔付", AmountKind::Compensation),
    ("退赔", AmountKind::Compensation),
    ("谅解金", AmountKind::Compensation),
    ("律师费", AmountKind::Fee),
    ("涉案", AmountKind::CaseAmount),
    ("金额", AmountKind::CaseAmount),
    ("价值", AmountKind::CaseAmount),
    ("诈骗", AmountKind::CaseAmount),
    ("骗了", AmountKind::CaseAmount),
    ("骗取", AmountKind::CaseAmount),
    ("盗窃", AmountKind::CaseAmount),
    ("偷了", AmountKind::CaseAmount),
    ("赃物", AmountKind::CaseAmount),
    ("赃款", AmountKind::CaseAmount),
    ("所得", AmountKind::CaseAmount),
    ("吸收", AmountKind::CaseAmount),
    ("集资", AmountKind::CaseAmount),
    ("挪用", AmountKind::CaseAmount),
    ("侵占", AmountKind::CaseAmount),
    ("贪污", AmountKind::CaseAmount),
    ("受贿", AmountKind::CaseAmount),
    ("收受", AmountKind::CaseAmount),
    ("损失", AmountKind::CaseAmount),
    ("透支", AmountKind::CaseAmount),
    ("数额", AmountKind::CaseAmount),
    ("流水", AmountKind::CaseAmount),
];

const WEAK_DEPOSIT: &[(&str, AmountKind)] = &[
    ("交了", AmountKind::Deposit),
    ("交纳", AmountKind::Deposit),
    ("缴纳", AmountKind::Deposit),
    ("缴了", AmountKind::Deposit),
    ("交", AmountKind::Deposit),
];

/// Characters after a number that make it something other than money.
const NOT_MONEY_AFTER: &[char] = &[
    '岁', '年', '月', '日', '号', '天', '个', '周', '次', '克', '人', '名', '斤', '米', '层', '楼',
    '条', '款', '项', '级', '%', '点', '公', '小', '分', '度', '毫', '期', '-', '/', '.', ':',
    '倍', '辆', '部', '台', '家', '位', '只', '头', '张', '份', '星', '秒',
];

fn extract_amounts(t: &Text, f: &mut Facts, taken: &mut Vec<(usize, usize)>) {
    let text = &t.text;
    let bail_context = text.contains("取保") || text.contains("保证金") || text.contains("保释");
    let mut found: Vec<(usize, usize, u64)> = Vec::new();
    for c in AMOUNT_AR.captures_iter(text) {
        let m = c.get(0).unwrap();
        let mut end = m.end();
        // trailing whitespace is not part of the amount
        while let Some(ch) = text[..end]
            .chars()
            .next_back()
            .filter(|ch| ch.is_whitespace())
        {
            end -= ch.len_utf8();
        }
        if overlaps(taken, m.start(), end) {
            continue;
        }
        let prev = before(text, m.start(), 1);
        if prev
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '第' || ch == '.')
        {
            continue;
        }
        let mag = c.get(2).map(|x| x.as_str());
        let currency = c.get(4).is_some();
        let next = after(text, end, 1).chars().next();
        if !currency && next.is_some_and(|ch| NOT_MONEY_AFTER.contains(&ch)) {
            continue;
        }
        let num: f64 = match c[1].parse() {
            Ok(v) => v,
            Err(_) => continue,
        };
        let unit = match mag {
            Some("亿") => 100_000_000.0,
            Some("万") => 10_000.0,
            Some("千") => 1_000.0,
            Some("百") => 100.0,
            _ => 1.0,
        };
        let tail = c
            .get(3)
            .and_then(|d| d.as_str().parse::<f64>().ok())
            .map_or(0.0, |d| d * unit / 10.0);
        let value = num * unit + tail;
        if !value.is_finite() || !(1.0..=1e15).contains(&value) {
            continue;
        }
        if !currency && mag.is_none() {
            // a bare number is money only right after a money cue (保证金5000, 交了3000)
            let strong = nearest_cue(text, m.start(), end, STRONG_CUES, 4, 0).is_some();
            let weak =
                bail_context && nearest_cue(text, m.start(), end, WEAK_DEPOSIT, 2, 0).is_some();
            if !(strong || weak) || value < 100.0 || c[1].contains('.') {
                continue;
            }
        }
        found.push((m.start(), end, value.round() as u64));
    }
    for c in AMOUNT_CN.captures_iter(text) {
        let m = c.get(0).unwrap();
        let mut end = m.end();
        while let Some(ch) = text[..end]
            .chars()
            .next_back()
            .filter(|ch| ch.is_whitespace())
        {
            end -= ch.len_utf8();
        }
        if overlaps(taken, m.start(), end)
            || found.iter().any(|&(s, e, _)| m.start() < e && s < end)
        {
            continue;
        }
        let currency = c.get(2).is_some();
        let digits = &c[1];
        let next = after(text, end, 1).chars().next();
        if !currency
            && (next.is_some_and(|ch| NOT_MONEY_AFTER.contains(&ch))
                || !(digits.contains('万') || digits.contains('千') || digits.contains('亿')))
        {
            continue;
        }
        if before(text, m.start(), 1) == "第" {
            continue;
        }
        let Some(v) = cn_number(digits) else { continue };
        if v == 0 {
            continue;
        }
        found.push((m.start(), end, v));
    }
    found.sort_by_key(|x| x.0);
    for (s, e, yuan) in found {
        taken.push((s, e));
        let a = after(text, e, 3);
        let qualifier = ["以上", "以下", "左右", "多", "余", "出头", "以内"]
            .iter()
            .find(|w| {
                a.starts_with(*w)
                    || a.starts_with(&format!("元{w}"))
                    || a.starts_with(&format!("块{w}"))
            })
            .map(|w| w.to_string());
        let (kind, cue) = match nearest_cue(text, s, e, STRONG_CUES, 12, 5) {
            Some((k, c)) => (k, Some(c)),
            None if bail_context => match nearest_cue(text, s, e, WEAK_DEPOSIT, 4, 0) {
                Some((k, c)) => (k, Some(c)),
                None => (AmountKind::Unknown, None),
            },
            None => (AmountKind::Unknown, None),
        };
        f.amounts.push(Amount {
            yuan,
            kind,
            cue: cue.map(String::from),
            qualifier,
            span: t.span(s, e),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// stage, authority

const AUTHORITY_CUES: &[(&str, Authority)] = &[
    ("公安机关", Authority::PublicSecurity),
    ("公安局", Authority::PublicSecurity),
    ("公安", Authority::PublicSecurity),
    ("派出所", Authority::PublicSecurity),
    ("警察", Authority::PublicSecurity),
    ("民警", Authority::PublicSecurity),
    ("刑警", Authority::PublicSecurity),
    ("警方", Authority::PublicSecurity),
    ("警察局", Authority::PublicSecurity),
    ("国家安全机关", Authority::StateSecurity),
    ("国安", Authority::StateSecurity),
    ("人民检察院", Authority::Procuratorate),
    ("检察院", Authority::Procuratorate),
    // the common homophone misspelling
    ("检查院", Authority::Procuratorate),
    ("检察机关", Authority::Procuratorate),
    ("检察官", Authority::Procuratorate),
    ("人民法院", Authority::Court),
    ("法院", Authority::Court),
    ("法官", Authority::Court),
];

const STAGE_CUES: &[(&str, Stage)] = &[
    ("侦查", Stage::Investigation),
    ("立案侦查", Stage::Investigation),
    ("审查起诉", Stage::ProsecutionReview),
    ("移送起诉", Stage::ProsecutionReview),
    ("移送审查起诉", Stage::ProsecutionReview),
    ("起诉阶段", Stage::ProsecutionReview),
    ("公诉", Stage::ProsecutionReview),
    ("提起公诉", Stage::Trial),
    ("起诉到法院", Stage::Trial),
    ("审判", Stage::Trial),
    ("开庭", Stage::Trial),
    ("判决", Stage::Trial),
    ("宣判", Stage::Trial),
    ("一审", Stage::Trial),
    ("二审", Stage::Trial),
    ("庭审", Stage::Trial),
    ("传票", Stage::Trial),
];

/// The authorities a normalised text names (公安, 派出所, 检察院, 法院 …), in the order named.
pub fn authorities_named(normalized: &str) -> Vec<Authority> {
    find_cues(normalized, AUTHORITY_CUES)
        .into_iter()
        .map(|(_, _, a, _)| a)
        .collect()
}

fn extract_stage(t: &Text, f: &mut Facts) {
    let text = &t.text;
    // The authority of the case is the one told to decide (检察院决定取保候审的), else the last named:
    // 执行的派出所 later in the question executes, it does not decide.
    let mut deciding: Option<Fact<Authority>> = None;
    for (s, e, a, _) in find_cues(text, AUTHORITY_CUES) {
        let fact = Fact {
            value: a,
            span: t.span(s, e),
        };
        let next = after(text, e, 4);
        if deciding.is_none()
            && ["决定", "已决定", "已经决定", "依法决定", "作出"]
                .iter()
                .any(|w| next.starts_with(w))
        {
            deciding = Some(fact.clone());
        }
        f.authorities.push(fact);
    }
    f.authority = deciding.or_else(|| f.authorities.last().cloned());
    let mut best: Option<(usize, usize, Stage, bool)> = None;
    for (s, e, st, _) in find_cues(text, STAGE_CUES) {
        best = Some((s, e, st, false));
    }
    for (s, e, a, _) in find_cues(text, AUTHORITY_CUES) {
        // 检察院批捕 is the arrest approval during the investigation, not the prosecution stage
        if a == Authority::Procuratorate
            && ["批捕", "批准逮捕", "下的批捕", "批了"]
                .iter()
                .any(|w| after(text, e, 4).contains(w))
        {
            continue;
        }
        if best.is_none_or(|b| s > b.0) {
            best = Some((s, e, a.stage(), true));
        }
    }
    if let Some((s, e, st, inferred)) = best {
        f.stage = Some(Fact {
            value: st,
            span: t.span(s, e),
        });
        f.stage_inferred = inferred;
    }
}

// ---------------------------------------------------------------------------------------------
// person and case circumstances

fn first_fact(t: &Text, cues: &[(&'static str, bool)], negatable: bool) -> Option<Fact<bool>> {
    let text = &t.text;
    find_cues(text, cues)
        .into_iter()
        .next()
        .map(|(s, e, v, _)| {
            let v = if negatable && v && negated(text, s) {
                false
            } else {
                v
            };
            Fact {
                value: v,
                span: t.span(s, e),
            }
        })
}

fn extract_circumstances(t: &Text, f: &mut Facts) {
    let text = &t.text;
    // negative cues are listed so that 无前科 beats 前科; a negative anywhere wins
    const PRIOR: &[(&str, bool)] = &[
        ("无前科", false),
        ("没有前科", false),
        ("没前科", false),
        ("无犯罪记录", false),
        ("初犯", false),
        ("第一次犯罪", false),
        ("第一次进去", false),
        ("首次犯罪", false),
        ("偶犯", false),
        ("前科", true),
        ("判过刑", true),
        ("以前判过", true),
        ("以前被判", true),
        ("之前被判", true),
        ("坐过牢", true),
        ("服过刑", true),
        ("刑满释放", true),
        ("案底", true),
        ("二进宫", true),
        ("犯罪记录", true),
    ];
    let hits = find_cues(text, PRIOR);
    let pick = hits.iter().find(|h| !h.2).or(hits.first());
    if let Some(&(s, e, v, _)) = pick {
        let v = if v && negated(text, s) { false } else { v };
        f.prior_record = Some(Fact {
            value: v,
            span: t.span(s, e),
        });
    }
    f.recidivist = first_fact(t, &[("累犯", true)], true);
    f.pregnant = first_fact(
        t,
        &[
            ("怀孕", true),
            ("孕妇", true),
            ("有身孕", true),
            ("怀有身孕", true),
            ("妊娠", true),
            ("怀了孩子", true),
        ],
        true,
    );
    f.nursing = first_fact(
        t,
        &[
            ("哺乳", true),
            ("喂奶", true),
            ("刚生完孩子", true),
            ("刚生了孩子", true),
            ("刚生孩子", true),
            ("坐月子", true),
        ],
        true,
    );
    f.serious_illness = first_fact(
        t,
        &[
            ("严重疾病", true),
            ("重病", true),
            ("病重", true),
            ("生活不能自理", true),
            ("癌症", true),
            ("尿毒症", true),
            ("绝症", true),
            ("瘫痪", true),
            ("白血病", true),
            ("严重的肝病", true),
            ("严重的心脏病", true),
            ("肝硬化", true),
            ("晚期", true),
            ("保外就医", true),
        ],
        true,
    );
    f.sole_carer = first_fact(
        t,
        &[
            ("唯一扶养人", true),
            ("唯一抚养人", true),
            ("唯一赡养人", true),
            ("唯一的扶养人", true),
        ],
        true,
    );

    // guarantee form
    const GUAR: &[(&str, GuaranteeKind)] = &[
        ("保证人", GuaranteeKind::Guarantor),
        ("担保人", GuaranteeKind::Guarantor),
        ("找人担保", GuaranteeKind::Guarantor),
        ("人保", GuaranteeKind::Guarantor),
        ("保证金", GuaranteeKind::Deposit),
        ("押金", GuaranteeKind::Deposit),
        ("保释金", GuaranteeKind::Deposit),
        ("财保", GuaranteeKind::Deposit),
    ];
    if let Some(c) = GUARANTOR_COUNT.captures(text) {
        let m = c.get(0).expect("whole match");
        if let Some(n) = cn_number(&c[1]).and_then(|n| u32::try_from(n).ok()) {
            f.guarantor_count = Some(Fact {
                value: n,
                span: t.span(m.start(), m.end()),
            });
        }
    }
    let g = find_cues(text, GUAR);
    if let Some(&(s, e, k, _)) = g.first() {
        let both = g.iter().any(|x| x.2 != k);
        f.guarantee_form = Some(Fact {
            value: if both { GuaranteeKind::Both } else { k },
            span: t.span(s, e),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// violations, new crime, custody

const VIOLATION_CUES: &[(&str, ViolationKind)] = &[
    ("离开市县", ViolationKind::LeftArea),
    ("离开所居住的市", ViolationKind::LeftArea),
    ("离开本市", ViolationKind::LeftArea),
    ("离开本县", ViolationKind::LeftArea),
    ("离开居住地", ViolationKind::LeftArea),
    ("离开了居住地", ViolationKind::LeftArea),
    ("出省", ViolationKind::LeftArea),
    ("出市", ViolationKind::LeftArea),
    ("出县", ViolationKind::LeftArea),
    ("去外地", ViolationKind::LeftArea),
    ("到外地", ViolationKind::LeftArea),
    ("去了外地", ViolationKind::LeftArea),
    ("跑外地", ViolationKind::LeftArea),
    ("出国", ViolationKind::LeftArea),
    ("出境", ViolationKind::LeftArea),
    ("未经批准离开", ViolationKind::LeftArea),
    ("擅自离开", ViolationKind::LeftArea),
    ("离开所居住的县", ViolationKind::LeftArea),
    ("跑去外地", ViolationKind::LeftArea),
    ("跑到外地", ViolationKind::LeftArea),
    ("去外省", ViolationKind::LeftArea),
    ("没按时报到", ViolationKind::MissedReport),
    ("没有按时报到", ViolationKind::MissedReport),
    ("未按时报到", ViolationKind::MissedReport),
    ("没报到", ViolationKind::MissedReport),
    ("没有报到", ViolationKind::MissedReport),
    ("未报到", ViolationKind::MissedReport),
    ("没去报到", ViolationKind::MissedReport),
    ("忘了报到", ViolationKind::MissedReport),
    ("忘记报到", ViolationKind::MissedReport),
    ("没签到", ViolationKind::MissedReport),
    ("没有签到", ViolationKind::MissedReport),
    ("传讯没到", ViolationKind::MissedSummons),
    ("传讯未到", ViolationKind::MissedSummons),
    ("传唤没去", ViolationKind::MissedSummons),
    ("没有到案", ViolationKind::MissedSummons),
    ("未到案", ViolationKind::MissedSummons),
    ("未及时到案", ViolationKind::MissedSummons),
    ("不到案", ViolationKind::MissedSummons),
    ("会见证人", ViolationKind::ContactedPersons),
    ("未经批准会见", ViolationKind::UnapprovedMeeting),
    ("擅自会见", ViolationKind::UnapprovedMeeting),
    ("未经批准通信", ViolationKind::UnapprovedMeeting),
    ("联系证人", ViolationKind::ContactedPersons),
    ("找证人", ViolationKind::ContactedPersons),
    ("找被害人", ViolationKind::ContactedPersons),
    ("联系被害人", ViolationKind::ContactedPersons),
    ("纠缠被害人", ViolationKind::ContactedPersons),
    ("威胁被害人", ViolationKind::ContactedPersons),
    ("骚扰被害人", ViolationKind::ContactedPersons),
    ("会见被害人", ViolationKind::ContactedPersons),
    ("串供", ViolationKind::Evidence),
    ("毁灭证据", ViolationKind::Evidence),
    ("伪造证据", ViolationKind::Evidence),
    ("干扰证人", ViolationKind::Evidence),
    ("搬家没报告", ViolationKind::UnreportedChange),
    ("换了手机号", ViolationKind::UnreportedChange),
    ("换手机号没", ViolationKind::UnreportedChange),
    ("住址变动没", ViolationKind::UnreportedChange),
    ("没有报告", ViolationKind::UnreportedChange),
    ("未报告", ViolationKind::UnreportedChange),
    ("又犯新罪", ViolationKind::NewCrime),
    ("期间涉嫌", ViolationKind::NewCrime),
    ("实施新的犯罪", ViolationKind::NewCrime),
    ("期间又涉嫌", ViolationKind::NewCrime),
    ("犯新罪", ViolationKind::NewCrime),
    ("重新犯罪", ViolationKind::NewCrime),
    ("又犯罪", ViolationKind::NewCrime),
    ("又犯了", ViolationKind::NewCrime),
    ("又涉嫌", ViolationKind::NewCrime),
    ("又出了点事", ViolationKind::NewCrime),
    ("出了点事进看守所", ViolationKind::NewCrime),
    ("又被抓", ViolationKind::NewCrime),
    ("又打架", ViolationKind::NewCrime),
    ("逃跑", ViolationKind::Absconded),
    ("跑路", ViolationKind::Absconded),
    // the person on bail ran off (被保证人跑了, 他跑了)
    ("人跑了", ViolationKind::Absconded),
    ("他跑了", ViolationKind::Absconded),
    ("她跑了", ViolationKind::Absconded),
    ("失联", ViolationKind::Absconded),
    ("潜逃", ViolationKind::Absconded),
    ("外逃", ViolationKind::Absconded),
    ("哺乳期满", ViolationKind::GroundEnded),
    ("哺乳期已满", ViolationKind::GroundEnded),
    ("哺乳期已经满", ViolationKind::GroundEnded),
    ("哺乳期结束", ViolationKind::GroundEnded),
    ("哺乳期已经结束", ViolationKind::GroundEnded),
    ("哺乳期过了", ViolationKind::GroundEnded),
    ("病治好", ViolationKind::GroundEnded),
    ("病好了", ViolationKind::GroundEnded),
    ("疾病痊愈", ViolationKind::GroundEnded),
    ("病已痊愈", ViolationKind::GroundEnded),
    ("违反取保候审规定", ViolationKind::General),
    ("违反取保候审", ViolationKind::General),
    ("违反取保规定", ViolationKind::General),
    ("违反规定", ViolationKind::General),
    ("违反了规定", ViolationKind::General),
    ("违反了取保候审", ViolationKind::General),
    ("违反", ViolationKind::General),
    ("违规", ViolationKind::General),
];

static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(第)?(\d{1,2}|[一二两三四五六七八九十]{1,2})\s*次").unwrap());

fn extract_violations(t: &Text, f: &mut Facts) {
    let text = &t.text;
    for (s, e, k, cue) in find_cues(text, VIOLATION_CUES) {
        let self_negative = cue.starts_with('没') || cue.starts_with('未') || cue.starts_with("忘");
        if !self_negative && negated(text, s) {
            continue;
        }
        if hypothetical(text, s, e) {
            continue;
        }
        if k == ViolationKind::General && after(text, e, 6).contains("怎么") {
            // 违反了会怎么样 is asked, not told
            continue;
        }
        f.violations.push(Fact {
            value: k,
            span: t.span(s, e),
        });
    }
    // 又犯新罪 also when told as 取保候审期间…又
    if let Some(v) = f
        .violations
        .iter()
        .find(|v| v.value == ViolationKind::NewCrime)
    {
        f.new_crime = Some(Fact {
            value: true,
            span: v.span.clone(),
        });
    }
    if f.violations.is_empty() {
        return;
    }
    let mut best: Option<(usize, usize, ViolationCount)> = None;
    for c in COUNT.captures_iter(text) {
        let m = c.get(0).unwrap();
        let Some(n) = small(&c[2]) else { continue };
        if n < 2 {
            continue;
        }
        if best.is_none_or(|b| n > b.2.count) {
            best = Some((
                m.start(),
                m.end(),
                ViolationCount {
                    count: n,
                    at_least: false,
                },
            ));
        }
    }
    for (s, e, _, cue) in find_cues(
        text,
        &[
            ("又违反", ()),
            ("再次违反", ()),
            ("多次", ()),
            ("又一次", ()),
            ("屡次", ()),
        ],
    ) {
        let vc = ViolationCount {
            count: 2,
            at_least: true,
        };
        if best.is_none() {
            best = Some((s, e, vc));
        } else if cue == "多次" {
            if let Some(b) = best.as_mut() {
                b.2.at_least = true;
            }
        }
    }
    if let Some((s, e, vc)) = best {
        f.violation_count = Some(Fact {
            value: vc,
            span: t.span(s, e),
        });
    }
}

const CUSTODY_CUES: &[(&str, CustodyEvent)] = &[
    ("刑事拘留", CustodyEvent::Detained),
    ("被拘留", CustodyEvent::Detained),
    ("拘留", CustodyEvent::Detained),
    ("刑拘", CustodyEvent::Detained),
    ("逮捕", CustodyEvent::Arrested),
    ("批捕", CustodyEvent::Arrested),
    ("收监", CustodyEvent::Arrested),
    ("看守所", CustodyEvent::InCustody),
    ("在押", CustodyEvent::InCustody),
    ("关在", CustodyEvent::InCustody),
    ("关押", CustodyEvent::InCustody),
    ("羁押", CustodyEvent::InCustody),
    ("关了", CustodyEvent::InCustody),
    ("被关", CustodyEvent::InCustody),
    ("被抓", CustodyEvent::InCustody),
    ("抓进去", CustodyEvent::InCustody),
    ("抓起来", CustodyEvent::InCustody),
    ("取保候审出来", CustodyEvent::OnBail),
    ("取保出来", CustodyEvent::OnBail),
    ("保出来", CustodyEvent::OnBail),
    ("放出来", CustodyEvent::OnBail),
    ("被释放", CustodyEvent::OnBail),
    ("取保候审期间", CustodyEvent::OnBail),
    ("被取保候审", CustodyEvent::OnBail),
    ("办了取保", CustodyEvent::OnBail),
    ("取保候审了", CustodyEvent::OnBail),
    ("在取保", CustodyEvent::OnBail),
    ("是取保候审", CustodyEvent::OnBail),
    ("已取保", CustodyEvent::OnBail),
    ("取保候审中", CustodyEvent::OnBail),
    ("取保候审后", CustodyEvent::OnBail),
    ("办理了取保", CustodyEvent::OnBail),
    ("办的取保", CustodyEvent::OnBail),
];

fn extract_custody(t: &Text, f: &mut Facts) {
    let text = &t.text;
    let mut denied: Option<(usize, usize)> = None;
    for (s, e, ev, cue) in find_cues(text, CUSTODY_CUES) {
        if hypothetical(text, s, e) && !matches!(cue, "取保候审期间" | "取保候审后") {
            continue;
        }
        if negated(text, s) && ev != CustodyEvent::OnBail {
            // 没有被羁押 says the person is not in custody
            denied.get_or_insert((s, e));
            continue;
        }
        // 拘留多久 / 逮捕的条件 are asked about, not told
        if after(text, e, 3).contains("多久")
            || after(text, e, 3).contains("期限")
            || after(text, e, 2).contains('、')
        {
            continue;
        }
        f.custody_events.push(Fact {
            value: ev,
            span: t.span(s, e),
        });
    }
    if let Some(last) = f.custody_events.last() {
        f.in_custody = Some(Fact {
            value: last.value != CustodyEvent::OnBail,
            span: last.span.clone(),
        });
    }
    // a denial told after every custody event told: not in custody now
    if let Some((s, e)) = denied {
        let span = t.span(s, e);
        if f.custody_events.iter().all(|ev| ev.span.start < span.start) {
            f.in_custody = Some(Fact { value: false, span });
        }
    }
    if let Some(b) = f
        .custody_events
        .iter()
        .rev()
        .find(|e| e.value == CustodyEvent::OnBail)
    {
        // on bail unless a later event took the person back into custody
        let later_custody = f
            .custody_events
            .iter()
            .any(|e| e.value != CustodyEvent::OnBail && e.span.start > b.span.start);
        f.on_bail = Some(Fact {
            value: !later_custody,
            span: b.span.clone(),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// topics

const TOPIC_CUES: &[(&str, Topic)] = &[
    ("能不能取保", Topic::Eligibility),
    ("能否取保", Topic::Eligibility),
    ("可以取保", Topic::Eligibility),
    ("能取保", Topic::Eligibility),
    ("可不可以取保", Topic::Eligibility),
    ("可以被取保", Topic::Eligibility),
    ("能被取保", Topic::Eligibility),
    ("能办取保", Topic::Eligibility),
    ("能不能办取保", Topic::Eligibility),
    ("可以办取保", Topic::Eligibility),
    ("能办理取保", Topic::Eligibility),
    ("能办理取保", Topic::Eligibility),
    ("可以办理取保", Topic::Eligibility),
    ("能保释", Topic::Eligibility),
    ("可以保释", Topic::Eligibility),
    ("能不能保释", Topic::Eligibility),
    ("申请取保", Topic::Eligibility),
    ("取保条件", Topic::Eligibility),
    ("取保的条件", Topic::Eligibility),
    ("取保候审的条件", Topic::Eligibility),
    ("取保需要什么条件", Topic::Eligibility),
    ("符合取保", Topic::Eligibility),
    ("能出来吗", Topic::Eligibility),
    ("可以出来吗", Topic::Eligibility),
    ("能不能出来", Topic::Eligibility),
    ("保出来", Topic::Eligibility),
    ("保释出来", Topic::Eligibility),
    ("再取保", Topic::Eligibility),
    ("多少钱", Topic::DepositAmount),
    ("交多少", Topic::DepositAmount),
    ("多少保证金", Topic::DepositAmount),
    ("保证金多少", Topic::DepositAmount),
    ("保证金是多少", Topic::DepositAmount),
    ("保证金标准", Topic::DepositAmount),
    ("保证金数额", Topic::DepositAmount),
    ("保证金金额", Topic::DepositAmount),
    ("保证金的数额", Topic::DepositAmount),
    ("保证金怎么算", Topic::DepositAmount),
    ("保证金一般", Topic::DepositAmount),
    ("减少保证金", Topic::DepositAmount),
    ("期限", Topic::Term),
    ("多久", Topic::Term),
    ("多长时间", Topic::Term),
    ("到期", Topic::Term),
    ("期满", Topic::Term),
    ("届满", Topic::Term),
    ("最长", Topic::Term),
    ("几个月", Topic::Term),
    ("一年多", Topic::Term),
    ("快一年", Topic::Term),
    ("超过一年", Topic::Term),
    ("12个月", Topic::Term),
    ("十二个月", Topic::Term),
    ("离开", Topic::Obligations),
    ("出省", Topic::Obligations),
    ("外地", Topic::Obligations),
    ("出差", Topic::Obligations),
    ("报到", Topic::Obligations),
    ("义务", Topic::Obligations),
    ("遵守", Topic::Obligations),
    ("旅游", Topic::Obligations),
    ("出国", Topic::Obligations),
    ("护照", Topic::Obligations),
    ("出市", Topic::Obligations),
    ("出县", Topic::Obligations),
    ("坐飞机", Topic::Obligations),
    ("坐火车", Topic::Obligations),
    ("打工", Topic::Obligations),
    ("违反", Topic::Violation),
    ("违规", Topic::Violation),
    ("没按时", Topic::Violation),
    ("未经批准", Topic::Violation),
    ("串供", Topic::Violation),
    ("逃跑", Topic::Violation),
    ("失联", Topic::Violation),
    ("又犯", Topic::Violation),
    ("重新犯罪", Topic::Violation),
    ("没收", Topic::Forfeiture),
    ("罚没", Topic::Forfeiture),
    ("退还", Topic::Refund),
    ("退回", Topic::Refund),
    ("拿回", Topic::Refund),
    ("取回", Topic::Refund),
    ("返还", Topic::Refund),
    ("退保证金", Topic::Refund),
    ("退钱", Topic::Refund),
    ("要回", Topic::Refund),
    ("领回", Topic::Refund),
    ("退给", Topic::Refund),
    ("保证人", Topic::Guarantor),
    ("担保人", Topic::Guarantor),
    ("人保", Topic::Guarantor),
    ("解除", Topic::Release),
    ("撤销取保", Topic::Release),
    ("取保结束", Topic::Release),
    ("撤案", Topic::Release),
    ("不起诉", Topic::Release),
    ("终止", Topic::Release),
    ("监视居住", Topic::ResidentialSurveillance),
    ("羁押期限", Topic::CustodyLimits),
    ("拘留期限", Topic::CustodyLimits),
    ("延长羁押", Topic::CustodyLimits),
    ("批捕", Topic::CustodyLimits),
    ("提请逮捕", Topic::CustodyLimits),
    ("批准逮捕", Topic::CustodyLimits),
    ("三十七天", Topic::CustodyLimits),
    ("37天", Topic::CustodyLimits),
    ("判几年", Topic::Sentence),
    ("判多久", Topic::Sentence),
    ("判几个月", Topic::Sentence),
    ("会判", Topic::Sentence),
    ("判刑", Topic::Sentence),
    ("缓刑", Topic::Sentence),
    ("实刑", Topic::Sentence),
    ("量刑", Topic::Sentence),
    ("判实", Topic::Sentence),
];

/// Being held and how long: 关 alone counts as being locked up, not as the last character of a
/// word (机关, 海关, 相关, 有关: 公安机关决定的取保候审最长多久 asks about bail, not custody).
static CUSTODY_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(拘留|刑拘|羁押|关押|看守所|(?:^|[^机海相有攸])关)[^。?!]{0,15}(多久|多少天|几天|期限|多长)")
        .unwrap()
});
static ELIGIBLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(能|可以|可否|能否|可不可以)[^。?!,]{0,4}(取保|保释)").unwrap());

/// The rule families a question touches, each with the cue that triggered it, in [`Topic`] order.
/// Keyword and pattern based: a topic is listed when one of its cues occurs (the table `TOPIC_CUES`
/// plus two patterns: `能/可以 … 取保` → Eligibility, `拘留/羁押 … 多久/期限` → CustodyLimits), or
/// when the facts imply it: a minor → Minors, a violation told → Violation, illness / pregnancy /
/// nursing / sole carer → Eligibility, bail of ten months or more → Term.
pub fn topic_hits(question: &str) -> Vec<TopicHit> {
    // topics never depend on dates, so any `today` will do
    extract(
        question,
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
    )
    .topics
}

/// The rule families a question touches (see [`topic_hits`]).
pub fn topics(question: &str) -> Vec<Topic> {
    topic_hits(question).into_iter().map(|h| h.topic).collect()
}

fn topic_hits_in(text: &str) -> Vec<TopicHit> {
    let mut hits: Vec<TopicHit> = Vec::new();
    let mut add = |topic: Topic, cue: &str| {
        if !hits.iter().any(|h| h.topic == topic) {
            hits.push(TopicHit {
                topic,
                cue: cue.to_string(),
            });
        }
    };
    for (_, _, topic, cue) in find_cues(text, TOPIC_CUES) {
        add(topic, cue);
    }
    if let Some(m) = CUSTODY_TIME.find(text) {
        add(Topic::CustodyLimits, m.as_str());
    }
    if let Some(m) = ELIGIBLE.find(text) {
        add(Topic::Eligibility, m.as_str());
    }
    hits.sort_by_key(|h| h.topic);
    hits
}

// ---------------------------------------------------------------------------------------------

/// Reads the facts of a question. `today` anchors relative dates (昨天, 三天前) and month-day dates
/// without a year. Never panics.
pub fn extract(question: &str, today: NaiveDate) -> Facts {
    let (t, truncated) = Text::new(question);
    let mut f = Facts {
        normalized: t.text.clone(),
        truncated,
        ..Facts::default()
    };
    let mut taken: Vec<(usize, usize)> = Vec::new();
    extract_dates(&t, today, &mut f, &mut taken);
    years_from_context(&mut f);
    extract_durations(&t, &mut f, &mut taken);
    extract_ages(&t, &mut f, &mut taken);
    extract_amounts(&t, &mut f, &mut taken);
    extract_stage(&t, &mut f);
    for m in crimes::find_crimes(&t.text) {
        f.crimes.push(CrimeFact {
            name: m.crime.name.clone(),
            article: m.crime.article.clone(),
            penalty_article: m.crime.penalty_article.clone(),
            span: t.span(m.start, m.end),
        });
    }
    extract_circumstances(&t, &mut f);
    extract_violations(&t, &mut f);
    extract_custody(&t, &mut f);

    let mut hits = topic_hits_in(&t.text);
    let mut add = |topic: Topic, cue: &str| {
        if !hits.iter().any(|h| h.topic == topic) {
            hits.push(TopicHit {
                topic,
                cue: cue.to_string(),
            });
        }
    };
    if let Some(m) = f.is_minor.as_ref().filter(|m| m.value) {
        add(Topic::Minors, &m.span.text);
    }
    if let Some(v) = f.violations.first() {
        add(Topic::Violation, &v.span.text);
    }
    for c in [&f.serious_illness, &f.pregnant, &f.nursing, &f.sole_carer]
        .into_iter()
        .flatten()
    {
        if c.value {
            add(Topic::Eligibility, &c.span.text);
        }
    }
    if f.durations.iter().any(|d| {
        d.kind == DurationKind::Bail && d.unit != DurationUnit::Hour && d.approx_days() >= 300.0
    }) {
        add(Topic::Term, "取保候审 ≥ 10 months");
    }
    hits.sort_by_key(|h| h.topic);
    f.topics = hits;
    f
}
