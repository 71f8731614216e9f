//! R26 `minors`: every special rule for a suspect or defendant under 18, and minor status on a date.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    birth_date: Option<NaiveDate>,
    /// Decision date.
    on: Option<NaiveDate>,
    /// Minor status stated without a birth date (an age told, 未成年人): used where the birth
    /// date and decision day are not both given.
    is_minor: Option<bool>,
    #[serde(default)]
    offence_dates: Vec<NaiveDate>,
    authority: Option<Authority>,
    no_fixed_residence: Option<bool>,
    cannot_provide_guarantor: Option<bool>,
    proposed_deposit: Option<u64>,
}

const CITES: &[Cite] = &[
    Cite::new("wcn2", WCN, "2", None, None, "从周岁生日的第二天起算"),
    Cite::new(
        "280-1",
        XSF,
        "280",
        Some(1),
        None,
        "对未成年犯罪嫌疑人、被告人应当严格限制适用逮捕措施",
    ),
    Cite::new(
        "js553-1",
        JS,
        "553",
        Some(1),
        None,
        "对未成年被告人应当严格限制适用逮捕措施",
    ),
    Cite::new("jc462", JC, "462", None, None, "严格限制适用逮捕措施"),
    Cite::new(
        "ga327-1",
        GA,
        "327",
        Some(1),
        None,
        "对未成年犯罪嫌疑人应当严格限制和尽量减少使用逮捕措施",
    ),
    Cite::new(
        "ga84-2",
        GA,
        "84",
        Some(2),
        None,
        "对未成年人取保候审，应当优先适用保证人保证",
    ),
    Cite::new(
        "xf17-4",
        XF,
        "17",
        Some(4),
        None,
        "对依照前三款规定追究刑事责任的不满十八周岁的人",
    ),
    Cite::new(
        "js151-1",
        JS,
        "151",
        Some(1),
        None,
        "可以责令其提出一至二名保证人",
    ),
    Cite::new(
        "jc89-3",
        JC,
        "89",
        Some(3),
        None,
        "可以责令其提供一至二名保证人",
    ),
    Cite::new(
        "js554",
        JS,
        "554",
        None,
        None,
        "应当指定合适成年人作为保证人",
    ),
    Cite::new(
        "jc463-3",
        JC,
        "463",
        Some(3),
        None,
        "可以指定合适的成年人作为保证人",
    ),
    Cite::seed004(
        "s6-1-3",
        "6",
        Some(1),
        Some(3),
        "收取保证金数额原则上为五百元至三千元",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R26",
    name: "minors",
    title: "未成年人取保候审的特别规定",
    description: "周岁从生日次日起算；保证人优先、保证金起点500元、公安指导区间500–3000元（仅见于评论页）、一至二名保证人、合适成年人作保证人、严格限制逮捕、不满十八周岁犯罪不构成累犯",
    fields: &[
        ("birth_date", "date", true, "出生日期"),
        ("on", "date", true, "决定日"),
        ("is_minor", "boolean", false, "决定时未满十八周岁（未给出生日期和决定日时使用）"),
        ("offence_dates", "array:date", false, "犯罪行为实施日"),
        ("authority", AUTHORITY, true, "决定机关"),
        ("no_fixed_residence", "boolean", false, "无固定住所"),
        ("cannot_provide_guarantor", "boolean", false, "无法提出保证人"),
        ("proposed_deposit", "integer", false, "拟收取的保证金"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

/// Completed years (周岁) on `d`: the Nth year is completed from the day after the Nth birthday.
fn age_on(birth: NaiveDate, d: NaiveDate) -> u32 {
    let mut n = 0;
    while n < 200 {
        match period::add_months(birth, 12 * (n + 1)) {
            Some(b) if b < d => n += 1,
            _ => break,
        }
    }
    n
}

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    // 1. Age (未成年人解释2 by analogy), or the minor status stated.
    let (minor, age, mut d) = match (i.birth_date, i.on, i.is_minor) {
        (Some(birth), Some(on), _) => {
            if on < birth || i.offence_dates.iter().any(|d| *d < birth) {
                return Err(Error::InvalidInput("a date precedes the birth date".into()));
            }
            o.cite("wcn2");
            o.flag(Flag::interpretation(
                "周岁自生日次日起算（未成年人解释2），类推适用于程序上的未成年人身份",
            ));
            o.flag(Flag::review(
                "2006年未成年人解释在目录中标为有效，目录可能过时",
            ));
            let age = age_on(birth, on);
            let ages: Vec<u32> = i.offence_dates.iter().map(|d| age_on(birth, *d)).collect();
            let recidivism_excluded = ages.iter().any(|&a| a < 18);
            let mut d = json!({"age_on_decision": age, "is_minor_on_decision": age < 18,
                               "age_at_offences": ages, "recidivism_excluded": recidivism_excluded});
            if recidivism_excluded {
                o.cite("xf17-4");
                d["recidivism_note"] = json!("不满十八周岁时犯罪不构成累犯（刑法第65条），公安部规定第82条的累犯禁止情形不适用；但刑诉法第81条第3款“曾经故意犯罪”无年龄除外，能否取保候审须人工复核");
            }
            (age < 18, Some(age), d)
        }
        (_, _, Some(minor)) => (minor, None, json!({"is_minor_on_decision": minor})),
        _ => {
            o.req(i.birth_date, "birth_date");
            o.req(i.on, "on");
            return Ok(o.missing());
        }
    };
    let age_text = age.map(|a| format!("（{a}周岁）")).unwrap_or_default();
    if !minor {
        d["deposit_floor"] = json!(1000);
        o.flag(Flag::interpretation(
            "年满十八周岁后重新作出的决定适用成年人标准；未成年时作出的决定仍然有效",
        ));
        return Ok(o.done(
            "adult",
            &format!("决定时已满十八周岁{age_text}：适用成年人标准，保证金起点1000元"),
            d,
        ));
    }
    let Some(auth) = o.req(i.authority, "authority") else {
        return Ok(o.missing());
    };
    // 2. Minor.
    o.cite("ga84-2").cite("280-1");
    d["guarantor_priority"] = json!(true);
    d["deposit_floor"] = json!(500);
    d["arrest_strictly_limited"] = json!(true);
    match auth {
        Authority::Court => {
            o.cite("js553-1");
        }
        Authority::Procuratorate => {
            o.cite("jc462");
        }
        _ => {
            o.cite("ga327-1");
        }
    }
    if auth == Authority::PublicSecurity {
        o.cite("s6-1-3");
        d["guideline_band_ps"] = json!([500, 3000]);
    }
    // what the court and the procuratorate say of guarantors for a minor
    let mut more = String::new();
    if matches!(auth, Authority::Court | Authority::Procuratorate) {
        d["guarantor_count"] = json!([1, 2]);
        o.cite(if auth == Authority::Court {
            "js151-1"
        } else {
            "jc89-3"
        });
        more.push_str("；可以责令提出一至二名保证人");
    }
    if i.no_fixed_residence == Some(true) && i.cannot_provide_guarantor == Some(true) {
        d["appropriate_adult_guarantor"] = match auth {
            Authority::Court => json!("shall"),
            Authority::Procuratorate => json!("may"),
            _ => Value::Null,
        };
        match auth {
            Authority::Court => {
                o.cite("js554");
                more.push_str("；无固定住所、无法提供保证人的，应当指定合适成年人作为保证人");
            }
            Authority::Procuratorate => {
                o.cite("jc463-3");
                more.push_str("；无固定住所、无法提供保证人的，可以指定合适的成年人作为保证人");
            }
            _ => {}
        }
    }
    let mut verdict = "minor";
    if let Some(p) = i.proposed_deposit {
        if p < 500 {
            d["issue"] = json!("BelowFloor");
            verdict = "below_floor";
        }
    }
    let s = format!(
        "决定时未满十八周岁{age_text}：优先适用保证人保证，保证金起点500元，严格限制适用逮捕{more}{}",
        if verdict == "below_floor" {
            "；拟收取的保证金低于500元起点"
        } else {
            ""
        }
    );
    Ok(o.done(verdict, &s, d))
}
