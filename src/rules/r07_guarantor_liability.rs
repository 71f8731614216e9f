//! R07 `guarantor_liability`: is the guarantor fined, is the amount lawful, the 复议/复核 timeline,
//! possible criminal liability.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    bailee_violated_71: Option<bool>,
    guarantor_failed_duty: Option<bool>,
    verified: Option<bool>,
    helped_obstruct_or_abscond: Option<bool>,
    proposed_fine: Option<u64>,
    decision_on: Option<NaiveDate>,
    served_on: Option<NaiveDate>,
    reconsideration_filed_on: Option<NaiveDate>,
    reconsideration_decision_received_on: Option<NaiveDate>,
    review_filed_on: Option<NaiveDate>,
    bailee_in_custody: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "70-2",
        XSF,
        "70",
        Some(2),
        None,
        "保证人未履行保证义务的，对保证人处以罚款",
    ),
    Cite::new(
        "ga103",
        GA,
        "103",
        None,
        None,
        "对保证人处一千元以上二万元以下罚款",
    ),
    Cite::new("ga104-1", GA, "104", Some(1), None, "在三日以内送达保证人"),
    Cite::new(
        "ga104-1b",
        GA,
        "104",
        Some(1),
        None,
        "可以在收到决定书之日起五日以内向作出决定的公安机关申请复议",
    ),
    Cite::new(
        "ga104-1c",
        GA,
        "104",
        Some(1),
        None,
        "公安机关应当在收到复议申请后七日以内作出决定",
    ),
    Cite::new(
        "ga104-2",
        GA,
        "104",
        Some(2),
        None,
        "可以在收到复议决定书后五日以内向上一级公安机关申请复核一次",
    ),
    Cite::new(
        "ga104-2b",
        GA,
        "104",
        Some(2),
        None,
        "上一级公安机关应当在收到复核申请后七日以内作出决定",
    ),
    Cite::new(
        "gd31-1",
        GD,
        "31",
        Some(1),
        None,
        "保证人未及时报告或者隐瞒不报告的，经查证属实后",
    ),
    Cite::new("gd32-1", GD, "32", Some(1), None, "在三日以内向保证人宣布"),
    Cite::new(
        "gd33-1",
        GD,
        "33",
        Some(1),
        None,
        "并应当在三日以内通知决定机关",
    ),
    Cite::new(
        "gd31-2",
        GD,
        "31",
        Some(2),
        None,
        "保证人帮助被取保候审人实施妨害诉讼等行为，构成犯罪的",
    ),
    Cite::new(
        "js156",
        JS,
        "156",
        None,
        None,
        "应当书面通知公安机关依法处理",
    ),
    Cite::new("js157", JS, "157", None, None, "如果系保证人协助被告人逃匿"),
    Cite::new(
        "jc99",
        JC,
        "99",
        None,
        None,
        "要求公安机关对保证人作出罚款决定",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R07",
    name: "guarantor_liability",
    title: "保证人罚款与责任",
    description: "被保证人违反刑诉法71条、保证人未履行保证义务的，对保证人处以罚款，构成犯罪的依法追究刑事责任（刑诉法70）；罚款由公安机关查证属实后经县级以上公安机关负责人批准，数额为1000元以上20000元以下（公安部规定103）；罚款决定书3日以内送达，不服的可以在收到之日起5日以内申请复议，7日以内作出决定；对复议决定不服的，可以在收到复议决定书后5日以内向上一级公安机关申请复核一次，7日以内作出决定（公安部规定104）",
    fields: &[
        ("decider", AUTHORITY, false, "决定取保候审的机关"),
        ("bailee_violated_71", "boolean", true, "被保证人有违反刑诉法71条的行为"),
        ("guarantor_failed_duty", "boolean", true, "保证人未履行保证义务（未监督/未及时报告/隐瞒）"),
        ("verified", "boolean", false, "经查证属实（前两项均为是时必填）"),
        ("helped_obstruct_or_abscond", "boolean", false, "保证人帮助实施妨害诉讼、逃匿等行为"),
        ("proposed_fine", "integer", false, "拟处罚款（元）"),
        ("decision_on", "date", false, "罚款决定之日"),
        ("served_on", "date", false, "决定书送达/宣布之日"),
        ("reconsideration_filed_on", "date", false, "申请复议之日"),
        ("reconsideration_decision_received_on", "date", false, "收到复议决定书之日"),
        ("review_filed_on", "date", false, "申请复核之日"),
        ("bailee_in_custody", "boolean", false, "被取保候审人在押（决定节假日是否顺延）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

/// The periods of the fine procedure from the days given (公安部规定104; 规定(2022)32): serving the
/// decision within 3 days, reconsideration within 5, its decision within 7, review within 5, its
/// decision within 7. They run whatever the fine's grounds are.
fn timeline(o: &mut Out, i: &Input, cal: Calendar) -> Result<serde_json::Map<String, Value>> {
    let custody = i.bailee_in_custody.unwrap_or(false);
    if i.bailee_in_custody.is_some() || i.decision_on.is_some() {
        o.flag(Flag::interpretation(
            "105④的在押例外按被取保候审人是否在押判断",
        ));
    }
    let mut tl = serde_json::Map::new();
    if let Some(d) = i.decision_on {
        o.cite("ga104-1").cite("gd32-1");
        tl.insert(
            "serve_by".into(),
            json!(period::days_for(o, d, 3, custody, cal)?.expiry_day),
        );
    }
    if let Some(d) = i.served_on {
        o.cite("ga104-1b");
        tl.insert(
            "reconsideration_apply_by".into(),
            json!(period::days_for(o, d, 5, custody, cal)?.expiry_day),
        );
    }
    if let Some(d) = i.reconsideration_filed_on {
        o.cite("ga104-1c");
        tl.insert(
            "reconsideration_decision_by".into(),
            json!(period::days_for(o, d, 7, custody, cal)?.expiry_day),
        );
    }
    if let Some(d) = i.reconsideration_decision_received_on {
        o.cite("ga104-2");
        tl.insert(
            "review_apply_by".into(),
            json!(period::days_for(o, d, 5, custody, cal)?.expiry_day),
        );
    }
    if let Some(d) = i.review_filed_on {
        o.cite("ga104-2b");
        tl.insert(
            "review_decision_by".into(),
            json!(period::days_for(o, d, 7, custody, cal)?.expiry_day),
        );
    }
    if !tl.is_empty() {
        o.flag(Flag::conflict(
            "C35",
            "规定(2022)30、32未规定复议、复核决定期限；适用公安部规定104的7日",
        ));
    }
    Ok(tl)
}

/// The periods in words: 申请复议的最后一日为2025年5月6日.
fn timeline_text(tl: &serde_json::Map<String, Value>) -> String {
    let first = [("serve_by", "送达罚款决定书的最后一日为")];
    let steps: Vec<(&str, &str)> = first.into_iter().chain(period::REVIEW_STEPS).collect();
    period::steps_text(tl, &steps)
}

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let dated = i.decision_on.is_some()
        || i.served_on.is_some()
        || i.reconsideration_filed_on.is_some()
        || i.reconsideration_decision_received_on.is_some()
        || i.review_filed_on.is_some();
    let (Some(viol), Some(failed)) = (
        o.req(i.bailee_violated_71, "bailee_violated_71"),
        o.req(i.guarantor_failed_duty, "guarantor_failed_duty"),
    ) else {
        // the periods run from the days told whatever the grounds: said, with the grounds asked
        if dated {
            let tl = timeline(&mut o, &i, ctx.cal)?;
            let summary = timeline_text(&tl);
            return Ok(o.done(
                "timeline",
                &summary,
                json!({ "deadlines": Value::Object(tl) }),
            ));
        }
        return Ok(o.missing());
    };
    let verified = if viol && failed {
        o.req(i.verified, "verified")
    } else {
        Some(false)
    };
    let Some(verified) = verified else {
        return Ok(o.missing());
    };
    // 1. Trigger: violation AND failure of duty AND verified (刑诉法70 ¶2 prevails over 规定31 ¶1).
    o.cite("70-2");
    let fine = viol && failed && verified;
    if failed && !viol {
        o.cite("gd31-1");
        o.flag(Flag::conflict("C09", "规定(2022)31①可能被读作仅未履行监督义务即可罚款；刑诉法70②要求被保证人违反71条，以法律为准"));
    }
    let mut details = json!({
        "fine": if fine { "shall" } else { "none" },
        "fine_range": [1000, 20000],
        "approver": "县级以上公安机关负责人",
    });
    let mut summary = Vec::new();
    if fine {
        // 2. Decided by 公安 whoever decided the bail.
        o.cite("gd31-1").cite("ga103");
        match i.decider {
            Some(Authority::Court) => {
                o.cite("js156");
            }
            Some(Authority::Procuratorate) => {
                o.cite("jc99");
            }
            _ => {}
        }
        summary
            .push("应当对保证人处以罚款，由公安机关决定（县级以上公安机关负责人批准）".to_string());
        // 3. Amount 1,000–20,000 (公安部规定103).
        if i.proposed_fine.is_none() {
            summary.push("罚款数额为1000元以上20000元以下".to_string());
        }
    } else if viol && failed && !verified {
        summary.push("须经查证属实后才能罚款".into());
    } else {
        summary.push(
            "不具备罚款条件（刑诉法70条第2款要求被保证人违反规定且保证人未履行保证义务）".into(),
        );
    }
    // 3. A fine proposed is held to the range whether or not one is due: the range binds any
    // fine on a guarantor (公安部规定103), so an amount outside it is unlawful in every case.
    if let Some(f) = i.proposed_fine {
        o.cite("ga103");
        let valid = (1000..=20000).contains(&f);
        details["fine_valid"] = json!(valid);
        summary.push(if valid {
            format!("拟处罚款{f}元在1000元以上20000元以下的范围内")
        } else {
            format!("拟处罚款{f}元超出1000元以上20000元以下的范围")
        });
    }
    // 4. Timeline (公安部规定104; 规定(2022) 32).
    let tl = timeline(&mut o, &i, ctx.cal)?;
    if !tl.is_empty() {
        summary.push(timeline_text(&tl));
        details["deadlines"] = Value::Object(tl);
    } else if fine || i.proposed_fine.is_some() {
        // no day told: the review periods in words (公安部规定104)
        o.cite("ga104-1b")
            .cite("ga104-1c")
            .cite("ga104-2")
            .cite("ga104-2b");
        summary.push("不服罚款决定的，可以在收到决定书之日起5日以内向作出决定的公安机关申请复议，公安机关7日以内作出决定；对复议决定不服的，可以在收到复议决定书后5日以内向上一级公安机关申请复核一次，7日以内作出决定".into());
    }
    if fine {
        // 5. Paid to the treasury after the review period; notify the decider within 3 days.
        o.cite("gd33-1");
    }
    // 6. Criminal liability.
    let referral = i.helped_obstruct_or_abscond == Some(true);
    if referral {
        o.cite("gd31-2");
        if i.decider == Some(Authority::Court) {
            o.cite("js157");
        }
        summary.push("保证人帮助妨害诉讼或逃匿，构成犯罪的依法追究刑事责任".into());
    }
    details["criminal_referral"] = json!(referral);
    details["civil_liability"] = json!("语料中无保证人民事赔偿责任的规定，引擎不计算");
    Ok(o.done(
        if fine { "fine_required" } else { "no_fine" },
        &summary.join("；"),
        details,
    ))
}
