//! A question understood once: the one value retrieval, rule choice and rule inputs all read.
//!
//! [`Question::read`] normalises the text (traditional → simplified, full-width → half-width, the
//! typo table of [`facts`]), reads its facts with their spans, the legal concepts it asks about
//! and what kind of answer it asks for ([`Asked`]). Nothing downstream normalises or re-reads the
//! question text.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use super::concepts::{self, ConceptMatch};
use super::facts::{self, Facts};

/// What kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Asked {
    /// A day: 哪天到期, 最晚到几号.
    Date,
    /// A sum of money or a figure: 交多少, 罚多少钱, 起点.
    Amount,
    /// Who decides, approves or executes: 谁批准, 找谁, 哪一级.
    Approver,
    /// A length of time or a time limit: 多久, 几天, 多少小时, 最长.
    Duration,
    /// Whether something is allowed or will happen: 能不能, 可以…吗, 会不会.
    YesNo,
    /// How to do it: 怎么退, 如何申请, 流程.
    Procedure,
    /// What follows: 会怎么样, 怎么处理, 后果.
    Consequence,
    /// What they are: 有哪些, 要遵守什么.
    List,
}

/// Cues of each kind of answer, over the normalised question. Reviewed by hand; a question may ask
/// for several kinds (多久内要报告，不报告会怎样).
const ASKED_CUES: &[(Asked, &str)] = &[
    (
        Asked::Date,
        r"哪天|哪一天|几号|几月几[日号]|什么时候(到期|届满|期满|结束|截止|满)|最晚(到|是)?(哪|几|什么时候)|截止(日期|到)|到期日|期满日|届满日|最后一[天日]|哪一日",
    ),
    (
        Asked::Amount,
        r"多少钱|多少元|(达到|超过|满)多少|(交|缴|罚|退|收|押|付)多少|数额|金额|几万|几千|起点|最低(交|缴|要|得)?多少|最少(交|缴|要|得)?多少|多少(保证金|罚款)|折抵(多少|几)|抵多少|能抵|算多少",
    ),
    (
        Asked::Approver,
        r"谁(来)?(批|决定|审批|批准|执行|负责|管|说了算|看着|看管|监视|盯着)|找谁|向谁|由谁|哪个(机关|部门|单位|级别|派出所)|哪一?级|什么机关|哪些机关|什么级别|经过?谁|的人(来)?(看着|看管|监视|盯着|管着)|(院长|检察长|合议庭|独任审判员|负责人|局长|所长)[^，。？]{0,6}(决定|批准|审批|签字)",
    ),
    (
        Asked::Duration,
        r"多久|多长时间|多长|多少天|几天|几个月|几小时|多少小时|多少日|多少个月|期限|最长|时限",
    ),
    (
        Asked::YesNo,
        r"能不能|可不可以|能否|可否|是否|会不会|要不要|算不算|行不行|有没有|可以.{0,20}[吗么嘛]|能.{0,20}[吗么嘛]|[吗么嘛][?？]?$|[吗么嘛][,，。?？]",
    ),
    (
        Asked::Procedure,
        r"怎么(办|退|交|申请|弄|做|处理手续|送达|通知|找|写|领|拿|取|要回|打|转)|如何|流程|程序|手续|怎样|步骤",
    ),
    (
        Asked::Consequence,
        r"会怎么?样|怎么处理|如何处理|什么后果|后果|会被|会不会被|怎么处罚|怎么办",
    ),
    (
        Asked::List,
        r"有哪些|哪几[种项个条类]|哪些(人|情形|情况|犯罪嫌疑人|被告人|规定|条件|义务|机关)|什么规定|要遵守|什么义务|什么条件|什么要求",
    ),
];

static ASKED: LazyLock<Vec<(Asked, Regex)>> = LazyLock::new(|| {
    ASKED_CUES
        .iter()
        .map(|(a, re)| (*a, Regex::new(re).expect("ASKED_CUES are valid regexes")))
        .collect()
});

/// What kinds of answer a normalised question asks for, in the order of the table.
pub fn asked(normalized: &str) -> Vec<Asked> {
    ASKED
        .iter()
        .filter(|(_, re)| re.is_match(normalized))
        .map(|(a, _)| *a)
        .collect()
}

/// The measure a question is about: 取保候审 or 监视居住.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Bail,
    Rsdl,
}

impl Measure {
    /// The code the rules take (`measure`: bail | rsdl).
    pub fn code(self) -> &'static str {
        match self {
            Measure::Bail => "bail",
            Measure::Rsdl => "rsdl",
        }
    }
}

/// A question, read once.
#[derive(Debug, Clone)]
pub struct Question {
    /// The text as asked.
    pub text: String,
    /// Normalised: simplified, half-width, typos fixed (取保侯审 → 取保候审). What search reads.
    pub normalized: String,
    /// The day relative dates are read from.
    pub today: NaiveDate,
    /// The facts it states, with spans into `text`.
    pub facts: Facts,
    /// The legal concepts it asks about, in the order their cues occur.
    pub concepts: Vec<ConceptMatch>,
    /// The kinds of answer it asks for.
    pub asked: Vec<Asked>,
    /// An exam item: its stem (normalised) …
    pub stem: String,
    /// … and its options (letter, normalised text); none for a question that lists none.
    pub options: Vec<(char, String)>,
}

impl Question {
    /// Reads a question. Never panics; an empty question has no facts, concepts or kinds.
    pub fn read(text: &str, today: NaiveDate) -> Question {
        let mut facts = facts::extract(text, today);
        let normalized = facts.normalized.clone();
        let (stem, options) = super::options::split(&normalized);
        let stem = stem.to_string();
        // an exam item states its facts in the stem; its options are alternatives (the stem is a
        // prefix of the text, so the spans stay true)
        let (raw_stem, raw_options) = super::options::split(text);
        if !options.is_empty() && !raw_options.is_empty() {
            let whole = facts;
            facts = facts::extract(raw_stem, today);
            facts.normalized = whole.normalized;
            facts.truncated = whole.truncated;
        }
        // what an exam item asks about is in its stem; its options only where the stem names none
        let mut found = concepts::find(&stem);
        if found.is_empty() {
            found = concepts::find(&normalized);
        }
        Question {
            text: text.to_string(),
            concepts: found,
            // what is asked, too: an option's 期限届满 is not a question of a term
            asked: asked(&stem),
            normalized,
            today,
            stem,
            options,
            facts,
        }
    }

    /// The concepts the question asks about: a concept named by its bare name (监视居住) only
    /// sets the scene where the question names another as well (监视居住期间能不能见律师 →
    /// 辩护律师会见).
    pub fn concepts_asked(&self) -> impl Iterator<Item = &ConceptMatch> {
        let several = self.concepts.len() > 1;
        self.concepts
            .iter()
            .filter(move |m| !(several && m.cue == m.concept.name))
    }

    pub fn asks(&self, kind: Asked) -> bool {
        self.asked.contains(&kind)
    }

    /// Whether the days of the person's case decide what is asked: it asks for a day (哪天到期),
    /// for the time left (还剩多久, 还能关几天), or tells when something happened (a date, a
    /// length of time, a day count: 拘留第5天). A question of the rule itself (取保候审最长多久,
    /// 期限怎么算) is answered by the rule whatever the days are.
    pub fn days_decide(&self) -> bool {
        static TIME_TOLD_OR_LEFT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"还(剩|有|能|可以|要|得|会)[^，,。？?]{0,8}(多久|多长|多少天|几天|几个月|多少小时|几小时)|剩(下|余)|还差|第[0-9零一二三四五六七八九十两]+(天|日|个月)|(今天|昨天|前天|明天|上周|上个?月|下个?月|去年|今年)",
            )
            .expect("valid regex")
        });
        self.asks(Asked::Date)
            || !self.facts.dates.is_empty()
            || !self.facts.invalid_dates.is_empty()
            || !self.facts.durations.is_empty()
            || TIME_TOLD_OR_LEFT.is_match(&self.stem)
    }

    /// The one measure the question names: 取保候审 and not 监视居住 (指定居所), or the other way
    /// round; `None` when it names both or neither.
    pub fn measure_named(&self) -> Option<Measure> {
        let n = &self.normalized;
        let bail = n.contains("取保") || n.contains("保释");
        let rsdl = n.contains("监视居住") || n.contains("指定居所") || n.contains("指居");
        match (bail, rsdl) {
            (true, false) => Some(Measure::Bail),
            (false, true) => Some(Measure::Rsdl),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<Asked> {
        Question::read(q, NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()).asked
    }

    #[test]
    fn an_exam_item_states_its_facts_in_its_stem() {
        let q = Question::read(
            "单选：甲被取保候审，关于保证金，下列说法正确的是：A. 甲17岁的，可以交500元 B. 取保候审期限届满的，应当退还",
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        );
        assert_eq!(q.options.len(), 2);
        assert!(q.stem.ends_with("下列说法正确的是:"), "{}", q.stem);
        // the options' age, amount and term are alternatives, not what the question tells
        assert!(q.facts.ages.is_empty() && q.facts.amounts.is_empty());
        assert!(!q.asks(Asked::Duration));
    }

    #[test]
    fn what_is_asked() {
        assert!(kinds("取保候审最晚到哪天").contains(&Asked::Date));
        assert!(kinds("保证金最低交多少").contains(&Asked::Amount));
        assert!(kinds("过年回老家找谁批").contains(&Asked::Approver));
        assert!(kinds("换了手机号多久内报告").contains(&Asked::Duration));
        assert!(kinds("犯罪集团的主犯能办取保吗").contains(&Asked::YesNo));
        assert!(kinds("保证金怎么退").contains(&Asked::Procedure));
        assert!(!kinds("保证金怎么退").contains(&Asked::Amount));
        assert!(kinds("没经批准去了外地，法院会怎么处理").contains(&Asked::Consequence));
    }

    #[test]
    fn typos_are_fixed_once() {
        let q = Question::read(
            "取保侯审的保正金能退吗",
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        );
        assert!(q.normalized.contains("取保候审") && q.normalized.contains("保证金"));
        assert!(q.concepts.iter().any(|c| c.concept.name == "保证金的退还"));
    }
}
