//! R30 `rsdl_term`: the 6-month cap of 监视居住, per stage, computed like R16.

use super::r16_bail_term::{term, Segment};
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    /// The day the decision was executed (single decision).
    executed_on: Option<NaiveDate>,
    /// Or several segments (as R16).
    segments: Option<Vec<Segment>>,
    decision_end: Option<NaiveDate>,
}

pub(super) const CITES: &[Cite] = &[
    Cite::new(
        "79-1",
        XSF,
        "79",
        Some(1),
        None,
        "监视居住最长不得超过六个月",
    ),
    Cite::new(
        "ga122-2",
        GA,
        "122",
        Some(2),
        None,
        "监视居住最长不得超过六个月",
    ),
    Cite::new(
        "jc112",
        JC,
        "112",
        None,
        None,
        "人民检察院决定对犯罪嫌疑人监视居住，最长不得超过六个月",
    ),
    Cite::new(
        "jc113",
        JC,
        "113",
        None,
        None,
        "监视居住的期限应当重新计算并告知犯罪嫌疑人",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R30",
    name: "rsdl_term",
    title: "监视居住期限（最长六个月）",
    description: "监视居住最长6个月，自执行之日起算；新阶段重新计算；同阶段累计按取保候审期限的算法类推；指定居所监视居住不视为在押",
    fields: &[
        ("executed_on", "date", false, "执行监视居住之日（单一决定）"),
        ("segments", r16_bail_term::SEGMENTS, false, "按时间顺序的每一段监视居住：诉讼阶段、决定机关、开始日、结束日（仍在进行的不填）、因何开始"),
        ("decision_end", "date", false, "决定书载明的截止日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

/// The key of the deciding authority's own provision on the 6-month cap (公安部规定122②,
/// 检察规则112); a court has none beside 刑诉法79.
pub(super) fn own_cap(decider: Authority) -> Option<&'static str> {
    match decider {
        Authority::PublicSecurity | Authority::StateSecurity => Some("ga122-2"),
        Authority::Procuratorate => Some("jc112"),
        Authority::Court => None,
    }
}

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let segs = match (i.segments, i.executed_on) {
        (Some(s), _) => s,
        (None, Some(d)) => vec![Segment {
            stage: Stage::Investigation,
            decider: Authority::PublicSecurity,
            start: d,
            end: None,
            start_reason: super::r16_bail_term::StartReason::Initial,
        }],
        (None, None) => {
            o.req(None::<()>, "executed_on");
            return Ok(o.missing());
        }
    };
    o.cite("79-1").cite("ga122-2").cite("jc112");
    if segs
        .iter()
        .any(|s| s.start_reason == super::r16_bail_term::StartReason::NewStageDecision)
    {
        o.cite("jc113");
    }
    if segs.len() > 1 {
        o.flag(Flag::interpretation(
            "取保候审期限在同一阶段累计计算的做法，类推适用于监视居住",
        ));
    }
    o.flag(Flag::interpretation(
        "指定居所监视居住不视为刑诉法105④的“在押”（不得在羁押场所执行），期满日适用节假日顺延",
    ));
    let (verdict, summary, mut details) = term(&mut o, &segs, 6, ctx.cal, i.decision_end)?;
    if let Some(obj) = details.as_object_mut() {
        obj.remove("stage");
    }
    Ok(o.done(
        &verdict,
        &summary.replace("本阶段期限", "监视居住期限"),
        details,
    ))
}
