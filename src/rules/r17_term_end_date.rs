//! R17 `term_end_date`: the last day of one bail (12 months) or 监视居住 (6 months) decision.

use super::*;

/// 取保候审 or 监视居住 (the `measure` input; also read by R36).
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Measure {
    Bail,
    Rsdl,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    measure: Option<Measure>,
    start: Option<NaiveDate>,
    /// Who decided: each authority's own provision on the cap is cited beside 刑诉法79.
    decider: Option<Authority>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "jc93-1",
        JC,
        "93",
        Some(1),
        None,
        "载明取保候审开始的时间、保证方式",
    ),
    Cite::new(
        "jc100-4",
        JC,
        "100",
        Some(4),
        None,
        "监视居住的期限应当自执行监视居住决定之日起计算并告知犯罪嫌疑人",
    ),
    Cite::new(
        "js202-2",
        JS,
        "202",
        Some(2),
        None,
        "以年计算的刑期，自本年本月某日至次年同月同日的前一日为一年",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R17",
    name: "term_end_date",
    title: "单个取保候审/监视居住决定的期限届满日",
    description: "取保候审最长12个月、监视居住最长6个月，自决定（监视居住自执行）之日起算，至期满月的同日；最后一日为节假日的顺延至节假日后第一日；不适用刑期“前一日”的算法",
    fields: &[
        ("measure", "enum:bail|rsdl", true, "取保候审（12个月）或监视居住（6个月）"),
        ("start", "date", true, "决定书载明的开始日；监视居住为执行之日"),
        ("decider", AUTHORITY, false, "决定机关"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(m), Some(start)) = (o.req(i.measure, "measure"), o.req(i.start, "start")) else {
        // the rule said in words rests on 刑诉法105's holiday rule whatever the start
        o.cite_from(period::CITES, "105-4b");
        return Ok(o.missing());
    };
    // the cap itself: 刑诉法79①, and the deciding authority's own provision
    let (months, caps, own) = match m {
        Measure::Bail => {
            o.cite("jc93-1");
            let own = i.decider.and_then(super::r16_bail_term::own_cap);
            (12, super::r16_bail_term::CITES, own)
        }
        Measure::Rsdl => {
            o.cite("jc100-4");
            let own = i.decider.and_then(super::r30_rsdl_term::own_cap);
            (6, super::r30_rsdl_term::CITES, own)
        }
    };
    o.cite_from(caps, "79-1");
    if let Some(key) = own {
        o.cite_from(caps, key);
    }
    let p = period::months_for(&mut o, start, months, false, ctx.cal)?;
    if p.extended_by_holiday {
        o.flag(Flag::conflict(
            "C34",
            "节假日顺延适用于最长期限系按刑诉法105④字面适用，同时给出名义最后一日",
        ));
    }
    // 3. Never the 刑期 formula (C29).
    o.cite("js202-2");
    o.flag(Flag::conflict(
        "C29",
        "刑期按“至同日的前一日”计算（202②），不适用于取保候审、监视居住期限",
    ));
    let wrong = p.nominal_last_day.pred_opt();
    let mut d = p.json();
    d["not_the_sentence_formula"] = json!(wrong);
    let summary = format!(
        "{}个月期限最后一日为{}{}",
        months,
        p.nominal_last_day,
        if p.extended_by_holiday {
            format!("，节假日顺延至{}", p.expiry_day)
        } else {
            String::new()
        }
    );
    Ok(o.done("computed", &summary, d))
}
