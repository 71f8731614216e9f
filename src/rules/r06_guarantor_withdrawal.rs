//! R06 `guarantor_duties_and_withdrawal`: the guarantor's duties; when a guarantor withdraws or stops
//! qualifying, who must act and by when.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Event {
    Unwilling,
    LostQualification,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    event: Option<Event>,
    /// The executing 公安 discovered or was told of the withdrawal.
    executor_learned_on: Option<NaiveDate>,
    /// The court/procuratorate received the guarantor's application or the police notice, or
    /// discovered the loss of qualification.
    decider_informed_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "70-1-1",
        XSF,
        "70",
        Some(1),
        Some(1),
        "监督被保证人遵守本法第七十一条的规定",
    ),
    Cite::new(
        "70-1-2",
        XSF,
        "70",
        Some(1),
        Some(2),
        "应当及时向执行机关报告",
    ),
    Cite::new(
        "gd22-2",
        GD,
        "22",
        Some(2),
        None,
        "保证人不愿继续保证或者丧失保证条件的",
    ),
    Cite::new(
        "gd22-2b",
        GD,
        "22",
        Some(2),
        None,
        "执行机关应当在发现或者被告知该情形之日起三日以内通知决定机关",
    ),
    Cite::new("gd18-2", GD, "18", Some(2), None, "并由其出具保证书"),
    Cite::new(
        "ga86-2",
        GA,
        "86",
        Some(2),
        None,
        "保证人应当填写保证书，并在保证书上签名、捺指印",
    ),
    Cite::new(
        "ga106-2",
        GA,
        "106",
        Some(2),
        None,
        "自发现保证人不愿继续担保或者丧失担保条件之日起三日以内通知决定取保候审的机关",
    ),
    Cite::new(
        "js155",
        JS,
        "155",
        None,
        None,
        "人民法院应当在收到保证人的申请或者公安机关的书面通知后三日以内",
    ),
    Cite::new(
        "jc96",
        JC,
        "96",
        None,
        None,
        "或者发现其丧失保证条件后三日以内",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R06",
    name: "guarantor_duties_and_withdrawal",
    title: "保证人的义务；不愿继续保证或丧失保证条件",
    description: "保证人应当监督被保证人遵守刑诉法71条的规定，发现其可能或者已经违反的，应当及时向执行机关报告（刑诉法70）；保证人不愿继续保证或者丧失保证条件的，执行机关应当在发现或者被告知之日起3日以内通知决定机关，决定机关应当责令重新提出保证人或者交纳保证金，或者变更强制措施（规定(2022)22）；法院、检察院应当在收到申请、通知或者发现后3日以内作出处理（刑诉解释155、检察规则96）",
    fields: &[
        ("decider", AUTHORITY, true, "决定取保候审的机关"),
        ("event", "enum:unwilling|lost_qualification", true, "保证人不愿继续保证 / 丧失保证条件"),
        ("executor_learned_on", "date", false, "执行机关发现或被告知之日"),
        ("decider_informed_on", "date", false, "法院/检察院收到保证人申请或公安机关书面通知（或发现丧失条件）之日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(decider), Some(event)) = (o.req(i.decider, "decider"), o.req(i.event, "event"))
    else {
        return Ok(o.missing());
    };
    if i.executor_learned_on.is_none() && i.decider_informed_on.is_none() {
        o.req(None::<()>, "executor_learned_on");
        return Ok(o.missing());
    }
    // 1. Duties (刑诉法70 ¶1; 规定(2022) 18 ¶2; 公安部规定86 ¶2).
    o.cite("70-1-1").cite("70-1-2").cite("gd18-2");
    let letter = match decider {
        Authority::PublicSecurity | Authority::StateSecurity => {
            o.cite("ga86-2");
            "保证书须签名、捺指印"
        }
        Authority::Procuratorate => "保证书须签名或者盖章（检察规则91②）",
        Authority::Court => "保证书",
    };
    // 2–3. The executor notifies the decider within 3 days (规定(2022) 22 ¶2).
    o.cite("gd22-2").cite("gd22-2b");
    let notify = match i.executor_learned_on {
        Some(d) => {
            if matches!(decider, Authority::Court | Authority::Procuratorate) {
                o.cite("ga106-2");
            }
            Some(period::days_for(&mut o, d, 3, false, ctx.cal)?)
        }
        None => None,
    };
    // 4. The decider's own duty.
    let options = ["NewGuarantor", "Deposit", "ChangeMeasure"];
    let act = match decider {
        Authority::Court => {
            o.cite("js155");
            match i.decider_informed_on {
                Some(d) => Some(period::days_for(&mut o, d, 3, false, ctx.cal)?),
                None => None,
            }
        }
        Authority::Procuratorate => {
            o.cite("jc96");
            o.flag(Flag::conflict(
                "C30",
                "检察规则96只列重新提出保证人、交纳保证金；规定(2022)22②另有变更强制措施，三者并列",
            ));
            match i.decider_informed_on {
                Some(d) => Some(period::days_for(&mut o, d, 3, false, ctx.cal)?),
                None => None,
            }
        }
        Authority::PublicSecurity | Authority::StateSecurity => {
            o.flag(Flag::interpretation(
                "公安机关自行作出决定的期限没有规定（公安部规定第106条第1款未规定日数）",
            ));
            None
        }
    };
    let mut parts = Vec::new();
    if let Some(p) = &notify {
        parts.push(format!("执行机关应于{}前通知决定机关", p.expiry_day));
    }
    if let Some(p) = &act {
        parts.push(format!(
            "{}应于{}前责令重新提出保证人、交纳保证金或变更强制措施",
            decider.zh(),
            p.expiry_day
        ));
    }
    if parts.is_empty() {
        parts.push(format!(
            "{}应当责令重新提出保证人、交纳保证金或变更强制措施（无日数规定）",
            decider.zh()
        ));
    }
    let details = json!({
        "event": match event { Event::Unwilling => "不愿继续保证", Event::LostQualification => "丧失保证条件" },
        "duties": ["监督被保证人遵守刑诉法71条", "发现可能或已经违反的，及时向执行机关报告", letter],
        "executor_notify_by": notify.map(|p| p.expiry_day),
        "executor_notify": notify.map(|p| p.json()),
        "decider_act_by": act.map(|p| p.expiry_day),
        "decider_act": act.map(|p| p.json()),
        "options": options,
    });
    Ok(o.done("deadlines", &parts.join("；"), details))
}
