//! R24 `application_answer_deadline`: answering an application for bail, a change of measure, or
//! release after expiry. Always 3 days (never 7: C01).

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    BailApplication,
    ChangeOfMeasure,
    ReleaseAfterExpiry,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    authority: Option<Authority>,
    kind: Option<Kind>,
    received_on: Option<NaiveDate>,
    applicant_person_in_custody: Option<bool>,
    /// A deadline the user believes applies (e.g. 7 from seed 001).
    claimed_days: Option<u32>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "97",
        XSF,
        "97",
        None,
        None,
        "收到申请后，应当在三日以内作出决定",
    ),
    Cite::new(
        "97b",
        XSF,
        "97",
        None,
        None,
        "不同意变更强制措施的，应当告知申请人，并说明不同意的理由",
    ),
    Cite::new(
        "jc88",
        JC,
        "88",
        None,
        None,
        "人民检察院应当在三日以内作出是否同意的答复",
    ),
    Cite::new(
        "jc151-1",
        JC,
        "151",
        Some(1),
        None,
        "人民检察院应当在收到申请后三日以内作出决定",
    ),
    Cite::new(
        "ga160",
        GA,
        "160",
        None,
        None,
        "公安机关应当在收到申请后三日以内作出决定",
    ),
    Cite::new(
        "js174",
        JS,
        "174",
        None,
        None,
        "申请变更、解除强制措施的，应当说明理由",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R24",
    name: "application_answer_deadline",
    title: "申请取保候审、变更、解除强制措施的答复期限",
    description: "犯罪嫌疑人、被告人及其法定代理人、近亲属或者辩护人申请取保候审或者变更、解除强制措施的，法院、检察院和公安机关应当在收到申请后3日以内作出决定，不同意的应当告知申请人并说明理由（刑诉法97、检察规则88、公安部规定160、刑诉解释174）；强制措施期限届满要求公安机关解除的，经审查属实应当立即解除或者变更（公安部规定161）；犯罪嫌疑人、被告人在押的，期满日不因节假日延长（刑诉法105）",
    fields: &[
        ("authority", AUTHORITY, true, "受理申请的机关"),
        ("kind", "enum:bail_application|change_of_measure|release_after_expiry", true, "申请类型"),
        ("received_on", "date", true, "收到申请之日"),
        ("applicant_person_in_custody", "boolean", true, "犯罪嫌疑人、被告人在押"),
        ("claimed_days", "integer", false, "用户认为的答复期限（如“7天”）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let r = (
        o.req(i.authority, "authority"),
        o.req(i.kind, "kind"),
        o.req(i.received_on, "received_on"),
        o.req(i.applicant_person_in_custody, "applicant_person_in_custody"),
    );
    let (Some(auth), Some(kind), Some(recv), Some(custody)) = r else {
        return Ok(o.missing());
    };
    o.cite("97").cite("97b");
    match auth {
        Authority::Procuratorate => {
            o.cite(if kind == Kind::BailApplication {
                "jc88"
            } else {
                "jc151-1"
            });
        }
        Authority::Court => {
            o.cite("js174");
        }
        _ => {
            if kind != Kind::ReleaseAfterExpiry {
                o.cite("ga160");
            }
        }
    }
    let mut d = json!({"refusal_requires_reasons": true});
    if let Some(c) = i.claimed_days.filter(|&c| c != 3) {
        o.flag(
            Flag::superseded(&format!(
                "“{c}天”答复之说不见于现行规定（评论页所说的7天无出处）：刑诉法97条为三日"
            ))
            .with_code("seed001"),
        );
        o.flag(Flag::conflict("C01", "答复期限为三日"));
    }
    let ps = matches!(auth, Authority::PublicSecurity | Authority::StateSecurity);
    if ps && kind == Kind::ReleaseAfterExpiry {
        o.flag(Flag::interpretation(
            "公安部规定161②“立即解除或者变更”：答复期限为收到当日",
        ));
        d["answer_by"] = json!(recv);
        return Ok(o.done(
            "immediate",
            &format!("公安机关应当立即审查并解除或变更（{recv}）"),
            d,
        ));
    }
    let p = period::days_for(&mut o, recv, 3, custody, ctx.cal)?;
    d["answer_by"] = json!(p.expiry_day);
    d["period"] = p.json();
    let premise = match i.claimed_days.filter(|&c| c != 3) {
        Some(c) => format!("答复期限是三日而不是{c}日（刑诉法97条；“7天”见于评论页，无出处）；"),
        None => String::new(),
    };
    let s = premise
        + &format!(
            "应于{}前作出决定{}；不同意的应告知申请人并说明理由",
            p.expiry_day,
            if custody {
                "（在押，不因节假日顺延）"
            } else if p.extended_by_holiday {
                "（节假日顺延）"
            } else {
                ""
            }
        );
    Ok(o.done("three_days", &s, d))
}
