//! R44 `custody_sentence_credit`: days held before the judgment is executed count against the
//! sentence — 管制 two days for one day held, 拘役 and 有期徒刑 one for one (刑法41, 44, 47) — and
//! the last day of the sentence by the 刑期 rule of 刑诉解释202②. Specification:
//! `src/rules/custody.md` R44. 取保候审 is never credited.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Sentence {
    Surveillance,
    CriminalDetention,
    FixedTerm,
    Other,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    sentence: Option<Sentence>,
    /// Days held before the judgment was executed (both the first and the last day counted).
    custody_days: Option<u32>,
    /// Or the first day of custody, when it ran without a break into the execution of the sentence.
    custody_started_on: Option<NaiveDate>,
    /// The length of the sentence, in months.
    sentence_months: Option<u32>,
    /// The day the judgment was executed.
    executed_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "xf41",
        XF,
        "41",
        None,
        None,
        "判决执行以前先行羁押的，羁押一日折抵刑期二日",
    ),
    Cite::new(
        "xf44",
        XF,
        "44",
        None,
        None,
        "判决执行以前先行羁押的，羁押一日折抵刑期一日",
    ),
    Cite::new(
        "xf47a",
        XF,
        "47",
        None,
        None,
        "有期徒刑的刑期，从判决执行之日起计算",
    ),
    Cite::new(
        "xf47b",
        XF,
        "47",
        None,
        None,
        "判决执行以前先行羁押的，羁押一日折抵刑期一日",
    ),
    Cite::new(
        "js202-2a",
        JS,
        "202",
        Some(2),
        None,
        "以年计算的刑期，自本年本月某日至次年同月同日的前一日为一年",
    ),
    Cite::new(
        "js202-2b",
        JS,
        "202",
        Some(2),
        None,
        "以月计算的刑期，自本月某日至下月同日的前一日为一个月",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R44",
    name: "custody_sentence_credit",
    title: "判决前羁押折抵刑期",
    description: "判决执行以前先行羁押的，判处管制的羁押一日折抵刑期二日（刑法第41条），判处拘役、有期徒刑的羁押一日折抵刑期一日（刑法第44条、第47条）；刑期从判决执行之日起计算，按刑诉解释第202条第2款“至次年（下月）同月同日的前一日”计算；取保候审的期间不折抵刑期",
    fields: &[
        ("sentence", "enum:surveillance|criminal_detention|fixed_term|other", false, "所判刑罚"),
        ("custody_days", "integer", false, "判决执行前被羁押的天数"),
        ("custody_started_on", "date", false, "一直羁押到判决执行的，羁押开始之日"),
        ("sentence_months", "integer", false, "刑期（月数）"),
        ("executed_on", "date", false, "判决执行之日"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

/// The last day of a sentence of `months` from `start` (刑诉解释202②: the day before the same day).
fn sentence_end(start: NaiveDate, months: u32) -> Result<NaiveDate> {
    period::add_months(start, months)
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Error::InvalidInput(format!("date out of range: {start} + {months} months")))
}

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let ratio = match i.sentence {
        Some(Sentence::Surveillance) => {
            o.cite("xf41");
            2
        }
        Some(Sentence::CriminalDetention) => {
            o.cite("xf44");
            1
        }
        Some(Sentence::FixedTerm) => {
            o.cite("xf47a").cite("xf47b");
            1
        }
        Some(Sentence::Other) | None => 0,
    };
    let rule_words = "判决执行以前先行羁押的，判处管制的羁押一日折抵刑期二日，判处拘役、有期徒刑的羁押一日折抵刑期一日；取保候审的期间不折抵";
    if ratio == 0 {
        o.cite("xf41").cite("xf44").cite("xf47b");
        let mut s = rule_words.to_string();
        if let Some(n) = i.custody_days {
            s.push_str(&format!(
                "；羁押{n}日，判处拘役或有期徒刑的折抵{n}日，判处管制的折抵{}日",
                n * 2
            ));
        }
        return Ok(o.done("computed", &s, json!({})));
    }
    let mut parts = vec![rule_words.to_string()];
    let mut details = json!({"ratio": ratio});
    if let Some(n) = i.custody_days {
        details["credit_days"] = json!(n * ratio);
        parts.push(format!("羁押{n}日折抵刑期{}日", n * ratio));
    }
    if let Some(months) = i.sentence_months {
        o.cite("js202-2a").cite("js202-2b");
        if let (Some(first), 1) = (i.custody_started_on, ratio) {
            let last = sentence_end(first, months)?;
            details["sentence_last_day"] = json!(last);
            parts.push(format!(
                "从羁押之日（{first}）起一直羁押至判决执行的，刑期自{first}起算，到{last}届满"
            ));
        } else if let Some(exec) = i.executed_on {
            let nominal = sentence_end(exec, months)?;
            let credit = i64::from(i.custody_days.unwrap_or(0) * ratio);
            let last = nominal - chrono::Duration::days(credit);
            details["sentence_last_day"] = json!(last);
            parts.push(format!(
                "刑期从判决执行之日（{exec}）起计算，折抵后到{last}届满"
            ));
        }
    }
    Ok(o.done("computed", &parts.join("；"), details))
}
