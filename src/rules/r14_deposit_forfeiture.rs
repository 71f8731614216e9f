//! R14 `deposit_forfeiture`: forfeiture range, guideline tier (2025 rule, seed 004), approval level,
//! reading and review timeline.

use super::r13_violation_consequence::{VKind, Violation};
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    deposit: Option<u64>,
    violations: Option<Vec<Violation>>,
    proposed: Option<u64>,
    decision_on: Option<NaiveDate>,
    read_on: Option<NaiveDate>,
    reconsideration_filed_on: Option<NaiveDate>,
    reconsideration_decision_received_on: Option<NaiveDate>,
    review_filed_on: Option<NaiveDate>,
    bailee_in_custody: Option<bool>,
}

pub(super) const CITES: &[Cite] = &[
    Cite::new(
        "71-3",
        XSF,
        "71",
        Some(3),
        None,
        "已交纳保证金的，没收部分或者全部保证金",
    ),
    Cite::new(
        "ga96-1",
        GA,
        "96",
        Some(1),
        None,
        "决定没收部分或者全部保证金",
    ),
    Cite::new(
        "ga97-2",
        GA,
        "97",
        Some(2),
        None,
        "决定没收五万元以上保证金的，应当经设区的市一级以上公安机关负责人批准",
    ),
    Cite::new(
        "ga97-1",
        GA,
        "97",
        Some(1),
        None,
        "报县级以上公安机关负责人批准，制作没收保证金决定书",
    ),
    Cite::new(
        "ga98-1",
        GA,
        "98",
        Some(1),
        None,
        "公安机关应当在三日以内向被取保候审人宣读",
    ),
    Cite::new(
        "ga99-1",
        GA,
        "99",
        Some(1),
        None,
        "被取保候审人或者其法定代理人可以在五日以内向作出决定的公安机关申请复议",
    ),
    Cite::new(
        "ga99-1b",
        GA,
        "99",
        Some(1),
        None,
        "公安机关应当在收到复议申请后七日以内作出决定",
    ),
    Cite::new(
        "ga99-2",
        GA,
        "99",
        Some(2),
        None,
        "可以在收到复议决定书后五日以内向上一级公安机关申请复核一次",
    ),
    Cite::new(
        "ga100",
        GA,
        "100",
        None,
        None,
        "还应当在三日以内通知决定取保候审的机关",
    ),
    Cite::new(
        "gd30-1",
        GD,
        "30",
        Some(1),
        None,
        "在三日以内向被取保候审人宣读",
    ),
    Cite::new(
        "gd27-3",
        GD,
        "27",
        Some(3),
        None,
        "重新交纳保证金的，适用本规定第十一条、第十二条、第十三条的规定",
    ),
    Cite::seed004("s14-1", "14", Some(1), None, "公安机关可以没收部分保证金"),
    Cite::seed004(
        "s14-1b",
        "14",
        Some(1),
        None,
        "没收保证金的数额原则上不超过保证金数额的一半",
    ),
    Cite::seed004("s14-2", "14", Some(2), None, "或者两次未经批准"),
    Cite::seed004("s14-2b", "14", Some(2), None, "以及经两次传讯不到案的"),
    Cite::seed004(
        "s14-2c",
        "14",
        Some(2),
        None,
        "可以根据具体情形没收一半以上直至全部保证金",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R14",
    name: "deposit_forfeiture",
    title: "没收保证金",
    description: "违反刑诉法71条规定、已交纳保证金的，没收部分或者全部保证金（刑诉法71）；经县级以上公安机关负责人批准，没收5万元以上的须经设区的市一级以上公安机关负责人批准（公安部规定97）；决定书3日以内向被取保候审人宣读，不服的可以在5日以内申请复议（规定(2022)30），7日以内作出决定；对复议决定不服的，收到复议决定书后5日以内可以向上一级公安机关申请复核一次，7日以内作出决定（公安部规定99）；未造成严重后果的原则上不超过一半，造成严重后果或者两次擅自离开、两次传讯不到案的可以没收一半以上直至全部（仅见于评论页）",
    fields: &[
        ("deposit", "integer", true, "已交纳的保证金（元）"),
        ("violations", r13_violation_consequence::VIOLATIONS, true, "每一项违反规定的行为：行为种类、第几次、是否造成严重后果、是否影响审判"),
        ("proposed", "integer", false, "拟没收数额（元）"),
        ("decision_on", "date", false, "没收决定之日"),
        ("read_on", "date", false, "向被取保候审人宣读之日"),
        ("reconsideration_filed_on", "date", false, "申请复议之日"),
        ("reconsideration_decision_received_on", "date", false, "收到复议决定书之日"),
        ("review_filed_on", "date", false, "申请复核之日"),
        ("bailee_in_custody", "boolean", false, "被取保候审人在押（期限不因节假日顺延；有日期时必填）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

const LISTED: [VKind; 7] = [
    VKind::LeftWithoutApproval,
    VKind::MissedSummons,
    VKind::Failed24hReport,
    VKind::EnteredPlace,
    VKind::ContactedPerson,
    VKind::ForbiddenActivity,
    VKind::DocumentsNotSurrendered,
];

/// The guideline tier of 2025 art. 14 (seed 004): (tier, range). Shared with R13.
pub(super) fn tier(o: &mut Out, deposit: u64, violations: &[Violation]) -> Option<(u8, u64, u64)> {
    let listed: Vec<&Violation> = violations
        .iter()
        .filter(|v| LISTED.contains(&v.kind))
        .collect();
    if listed.is_empty() {
        if !violations.is_empty() {
            o.flag(Flag::review(
                "2025规定第14条未列举的违反行为：没收数额无指导档次，仅适用法定范围",
            ));
        }
        return None;
    }
    let tier2 = listed.iter().any(|v| {
        v.serious_consequence == Some(true)
            || (matches!(v.kind, VKind::LeftWithoutApproval | VKind::MissedSummons)
                && super::r13_violation_consequence::times(violations, v.kind) >= 2)
    });
    if tier2 {
        o.cite_from(CITES, "s14-2")
            .cite_from(CITES, "s14-2b")
            .cite_from(CITES, "s14-2c");
        o.flag(Flag::conflict("C21", "“一半以上”包含一半本数"));
        Some((2, deposit.div_ceil(2), deposit))
    } else {
        o.cite_from(CITES, "s14-1").cite_from(CITES, "s14-1b");
        o.flag(Flag::conflict(
            "C08",
            "2025规定“可以没收”不减轻刑诉法71③的应当没收；档次只指导数额",
        ));
        o.flag(Flag::conflict(
            "C37",
            "第一档的条件是“尚未造成严重后果”，不是“首次”",
        ));
        Some((1, 1.min(deposit), deposit / 2))
    }
}

/// The periods of the forfeiture procedure from the days given (公安部规定98–99; 规定(2022)30):
/// reading the decision within 3 days, reconsideration within 5, its decision within 7, review
/// within 5, its decision within 7.
fn timeline(
    o: &mut Out,
    i: &Input,
    custody: bool,
    cal: Calendar,
) -> Result<serde_json::Map<String, Value>> {
    let mut tl = serde_json::Map::new();
    if let Some(d) = i.decision_on {
        o.cite("ga98-1").cite("gd30-1");
        let by = period::days_for(o, d, 3, custody, cal)?.expiry_day;
        tl.insert("read_by".into(), json!(by));
        if let Some(r) = i.read_on {
            tl.insert("read_timely".into(), json!(r <= by));
        }
    }
    if let Some(d) = i.read_on {
        o.cite("ga99-1");
        let by = period::days_for(o, d, 5, custody, cal)?.expiry_day;
        tl.insert("reconsideration_apply_by".into(), json!(by));
        if let Some(f) = i.reconsideration_filed_on {
            tl.insert("reconsideration_timely".into(), json!(f <= by));
        }
    }
    if let Some(d) = i.reconsideration_filed_on {
        o.cite("ga99-1b");
        tl.insert(
            "reconsideration_decision_by".into(),
            json!(period::days_for(o, d, 7, custody, cal)?.expiry_day),
        );
    }
    if let Some(d) = i.reconsideration_decision_received_on {
        o.cite("ga99-2");
        let by = period::days_for(o, d, 5, custody, cal)?.expiry_day;
        tl.insert("review_apply_by".into(), json!(by));
        if let Some(f) = i.review_filed_on {
            tl.insert("review_timely".into(), json!(f <= by));
        }
    }
    if let Some(d) = i.review_filed_on {
        tl.insert(
            "review_decision_by".into(),
            json!(period::days_for(o, d, 7, custody, cal)?.expiry_day),
        );
    }
    if !tl.is_empty() {
        o.flag(Flag::conflict("C35", "复议、复核决定期限7日依公安部规定99"));
    }
    Ok(tl)
}

/// The periods in words: 申请复议的最后一日为2024年10月8日.
fn timeline_text(tl: &serde_json::Map<String, Value>) -> String {
    let first = [("read_by", "向被取保候审人宣读没收保证金决定书的最后一日为")];
    let steps: Vec<(&str, &str)> = first.into_iter().chain(period::REVIEW_STEPS).collect();
    period::steps_text(tl, &steps)
}

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let dated = i.decision_on.is_some()
        || i.read_on.is_some()
        || i.reconsideration_filed_on.is_some()
        || i.reconsideration_decision_received_on.is_some()
        || i.review_filed_on.is_some();
    let custody = if dated {
        o.req(i.bailee_in_custody, "bailee_in_custody")
    } else {
        Some(false)
    };
    let Some(custody) = custody else {
        return Ok(o.missing());
    };
    if dated && custody {
        period::flag_custody_own_deadline(&mut o);
    }
    // The periods of the forfeiture procedure run from its documents whatever was deposited or
    // violated: a day told gives them even when the rest is not told.
    let (deposit, violations) = match (i.deposit, i.violations.clone()) {
        (Some(d), Some(v)) => (d, v),
        (d, v) if dated => {
            let tl = timeline(&mut o, &i, custody, ctx.cal)?;
            let summary = timeline_text(&tl);
            // what the periods do not need is still asked for the forfeiture itself
            o.req(d, "deposit");
            o.req(v, "violations");
            return Ok(o.done(
                "timeline",
                &summary,
                json!({ "timeline": Value::Object(tl) }),
            ));
        }
        (d, v) => {
            o.req(d, "deposit");
            o.req(v, "violations");
            return Ok(o.missing());
        }
    };
    if deposit == 0 {
        return Err(Error::InvalidInput("deposit must be positive".into()));
    }
    // 1. Required whenever a 71 violation occurred (刑诉法71 ¶3; 公安部规定96).
    let required = violations.iter().any(|v| v.kind.is_71_violation());
    o.cite("71-3").cite("ga96-1");
    // 2. Guideline tier (seed 004).
    let t = if required {
        tier(&mut o, deposit, &violations)
    } else {
        None
    };
    let mut issues: Vec<Value> = Vec::new();
    if let Some(p) = i.proposed {
        if p == 0 || p > deposit {
            issues.push(json!({"issue": "OutsideStatutoryRange", "severity": "error", "range": [1, deposit]}));
        } else if let Some((_, lo, hi)) = t {
            if p < lo || p > hi {
                issues.push(
                    json!({"issue": "OutsideGuideline", "severity": "warning", "range": [lo, hi]}),
                );
            }
        }
    }
    // 3. Approval (公安部规定97): by the forfeited amount (Interpretation).
    let approver = i.proposed.map(|p| {
        if p >= 50_000 {
            o.cite("ga97-2");
            "设区的市一级以上公安机关负责人"
        } else {
            o.cite("ga97-1");
            "县级以上公安机关负责人"
        }
    });
    if i.proposed.is_some() {
        o.flag(Flag::interpretation("5万元的审批门槛按没收数额计算"));
    }
    // 4. Timeline (公安部规定98–99; 规定(2022) 30).
    let tl = timeline(&mut o, &i, custody, ctx.cal)?;
    let timeline_said = timeline_text(&tl);
    // 5. After: treasury, notify the decider within 3 days, then the decider orders next steps.
    if required {
        o.cite("ga100").cite("gd27-3");
    }
    let verdict = if !required {
        "not_required"
    } else if issues.iter().any(|x| x["severity"] == "error") {
        "invalid_amount"
    } else if !issues.is_empty() {
        "outside_guideline"
    } else {
        "required"
    };
    let mut summary = if required {
        format!("应当没收部分或者全部保证金（1至{deposit}元）")
    } else {
        "没有违反刑诉法71条的行为，不适用没收（涉嫌故意犯新罪的，保证金另依暂扣的规定处理）"
            .to_string()
    };
    if let Some((n, lo, hi)) = t {
        summary.push_str(&format!(
            "；2025规定第{}档指导范围{lo}至{hi}元（仅见于评论页）",
            if n == 1 { "一" } else { "二" }
        ));
    }
    if let Some(a) = approver {
        summary.push_str(&format!("；由{a}批准"));
    }
    if !timeline_said.is_empty() {
        summary.push('；');
        summary.push_str(&timeline_said);
    } else if required {
        // no day told: the review periods in words (规定(2022)30, 公安部规定99)
        o.cite("gd30-1")
            .cite("ga99-1")
            .cite("ga99-1b")
            .cite("ga99-2");
        summary.push_str("；没收决定书应当在三日以内宣读，不服的可以在五日以内向作出决定的公安机关申请复议，公安机关七日以内作出决定；对复议决定不服的，可以在收到复议决定书后五日以内向上一级公安机关申请复核一次");
    }
    let details = json!({
        "required": required,
        "statutory_range": [1, deposit],
        "guideline_tier": t.map(|x| x.0),
        "guideline_range": t.map(|x| [x.1, x.2]),
        "issues": issues,
        "approver": approver,
        "timeline": Value::Object(tl),
        "after": ["复核期满或维持/变更后上缴国库", "三日以内通知决定机关", "决定机关责令具结悔过、重新交纳保证金、提出保证人或变更强制措施", "重新交纳保证金适用规定(2022)11–13条"],
    });
    Ok(o.done(verdict, &summary, details))
}
