//! R08 `deposit_amount`: the binding floor and factors of a deposit; for 公安 decisions the 2025
//! guideline band (source: commentary page (seed 004), official text not in corpus).

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum OffenceKind {
    PropertyLoss,
    Other,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum StatMax {
    Surveillance,
    CriminalDetention,
    FixedTerm,
    Life,
    Death,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    authority: Option<Authority>,
    is_minor: Option<bool>,
    offence_kind: Option<OffenceKind>,
    /// A 财产刑 (罚金/没收财产) is possible for the offence: the 财产刑 limb of 2025 art. 6 (一).
    property_penalty_possible: Option<bool>,
    statutory_max: Option<StatMax>,
    statutory_max_months: Option<u32>,
    /// 刑法 article of the offence, e.g. "245" (only to cite the penalty clause).
    offence_article: Option<String>,
    illegal_gains: Option<u64>,
    direct_loss: Option<u64>,
    compensation: Option<u64>,
    likely_property_penalty: Option<u64>,
    provincial_cap: Option<u64>,
    proposed: Option<u64>,
    case_major_complex: Option<bool>,
    /// A figure or rule the user brought (e.g. "一至三倍", "2000元以上50000元以下").
    claimed_rule: Option<String>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd5-1",
        GD,
        "5",
        Some(1),
        None,
        "保证金的起点数额为人民币一千元",
    ),
    Cite::new(
        "gd5-1b",
        GD,
        "5",
        Some(1),
        None,
        "保证金的起点数额为人民币五百元",
    ),
    Cite::new(
        "gd5-2",
        GD,
        "5",
        Some(2),
        None,
        "可能判处刑罚的轻重，被取保候审人的经济状况等情况",
    ),
    Cite::new(
        "72-1",
        XSF,
        "72",
        Some(1),
        None,
        "综合考虑保证诉讼活动正常进行的需要",
    ),
    Cite::new(
        "ga87",
        GA,
        "87",
        None,
        None,
        "犯罪嫌疑人为未成年人的，保证金起点数额为人民币五百元",
    ),
    Cite::new(
        "jc92",
        JC,
        "92",
        None,
        None,
        "责令犯罪嫌疑人交纳一千元以上的保证金",
    ),
    Cite::new(
        "jc92b",
        JC,
        "92",
        None,
        None,
        "可以责令交纳五百元以上的保证金",
    ),
    Cite::new(
        "js153",
        JS,
        "153",
        None,
        None,
        "依照刑事诉讼法第七十二条第一款的规定确定保证金的具体数额",
    ),
    Cite::seed004(
        "s6-1-1",
        "6",
        Some(1),
        Some(1),
        "结合违法所得数额或者直接财产损失、赔偿金、可能判处财产刑的金额收取保证金",
    ),
    Cite::seed004(
        "s6-1-2",
        "6",
        Some(1),
        Some(2),
        "收取保证金数额原则上为一千元至五千元",
    ),
    Cite::seed004(
        "s6-1-2b",
        "6",
        Some(1),
        Some(2),
        "法定最高刑为三年以上有期徒刑的",
    ),
    Cite::seed004(
        "s6-1-2c",
        "6",
        Some(1),
        Some(2),
        "收取保证金数额原则上为五千元至五万元",
    ),
    Cite::seed004(
        "s6-1-3",
        "6",
        Some(1),
        Some(3),
        "收取保证金数额原则上为五百元至三千元",
    ),
    Cite::seed004("s6-2", "6", Some(2), None, "适当上浮收取保证金的数额上限"),
    Cite::new(
        "xf245-1",
        XF,
        "245",
        Some(1),
        None,
        "或者非法侵入他人住宅的，处三年以下有期徒刑或者拘役",
    ),
    Cite::new(
        "xf260-1",
        XF,
        "260",
        Some(1),
        None,
        "虐待家庭成员，情节恶劣的，处二年以下有期徒刑、拘役或者管制",
    ),
    Cite::new(
        "xf252",
        XF,
        "252",
        None,
        None,
        "情节严重的，处一年以下有期徒刑或者拘役",
    ),
    Cite::new("xf133-1-1", XF, "133-1", Some(1), None, "处拘役，并处罚金"),
    Cite::new("xf34-1-1", XF, "34", Some(1), Some(1), "罚金"),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R08",
    name: "deposit_amount",
    title: "保证金数额",
    description: "起点1000元（未成年人500元）及法定考量因素；公安机关另附2025年规定的指导区间（仅见于评论页，原则上、仅作提示）",
    fields: &[
        ("authority", AUTHORITY, true, "决定机关"),
        ("is_minor", "boolean", true, "决定时未满十八周岁"),
        ("offence_kind", "enum:property_loss|other", false, "经济/财产犯罪或造成财产损失负有赔偿义务（公安机关时必填）"),
        ("property_penalty_possible", "boolean", false, "可能判处罚金、没收财产（公安机关时必填）"),
        ("statutory_max", "enum:surveillance|criminal_detention|fixed_term|life|death", false, "适用量刑幅度的法定最高刑（公安机关、成年人、非财产类时必填）"),
        ("statutory_max_months", "integer", false, "法定最高刑为有期徒刑时的月数（三年=36）"),
        ("offence_article", "string", false, "刑法条文号，如 245、133-1（仅用于引用）"),
        ("illegal_gains", "integer", false, "违法所得数额"),
        ("direct_loss", "integer", false, "直接财产损失"),
        ("compensation", "integer", false, "赔偿金"),
        ("likely_property_penalty", "integer", false, "可能判处的财产刑金额"),
        ("provincial_cap", "integer", false, "省级公安机关上浮后的上限"),
        ("proposed", "integer", false, "拟收取的保证金（元）"),
        ("case_major_complex", "boolean", false, "案件重大、复杂（影响由谁批准保证金数额）"),
        ("claimed_rule", "string", false, "用户援引的数额规则（如“一至三倍”“2000元以上50000元以下”），引擎说明现行规定"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(auth), Some(minor)) = (
        o.req(i.authority, "authority"),
        o.req(i.is_minor, "is_minor"),
    ) else {
        return Ok(o.missing());
    };
    let ps = auth == Authority::PublicSecurity;
    let mut kind = OffenceKind::Other;
    if ps {
        // A possible 财产刑 alone puts the offence under 6(一): its kind is then not needed.
        let pp = o.req(i.property_penalty_possible, "property_penalty_possible");
        let k = match (pp, i.offence_kind) {
            (Some(true), None) => Some(OffenceKind::Other),
            _ => o.req(i.offence_kind, "offence_kind"),
        };
        let (Some(k), Some(pp)) = (k, pp) else {
            return Ok(o.missing());
        };
        kind = k;
        if k == OffenceKind::Other && pp {
            kind = OffenceKind::PropertyLoss;
            o.cite("xf34-1-1");
            o.flag(Flag::interpretation(
                "2025规定第6条第（一）项的财产刑情形：可能判处罚金、没收财产的犯罪按第（一）项处理，不适用第（二）项的区间",
            ));
        }
        if !minor && kind == OffenceKind::Other {
            let Some(m) = o.req(i.statutory_max, "statutory_max") else {
                return Ok(o.missing());
            };
            if m == StatMax::FixedTerm
                && o.req(i.statutory_max_months, "statutory_max_months")
                    .is_none()
            {
                return Ok(o.missing());
            }
        }
    }
    if let Some(a) = i.offence_article.as_deref() {
        let a = a
            .trim()
            .trim_start_matches('第')
            .trim_end_matches('条')
            .replace("之一", "-1")
            .replace("之二", "-2")
            .replace("之三", "-3")
            .replace("之", "-");
        if let Some(c) = CITES.iter().find(|c| c.law == XF && c.number == a) {
            o.cite(c.key);
        }
    }
    // 1. Floor (binding).
    let floor: u64 = if minor { 500 } else { 1000 };
    o.cite(if minor { "gd5-1b" } else { "gd5-1" });
    match auth {
        Authority::PublicSecurity | Authority::StateSecurity => {
            if minor {
                o.cite("ga87");
            }
        }
        Authority::Procuratorate => {
            o.cite(if minor { "jc92b" } else { "jc92" });
        }
        Authority::Court => {
            o.cite("js153");
            o.flag(Flag::conflict(
                "C32",
                "刑诉解释153未规定数额；规定(2022)第5条（最高法共同制定）的起点适用于法院",
            ));
        }
    }
    o.flag(Flag::interpretation(
        "以上含本数（刑法99的读法用于程序规定和2025规定）",
    ));
    // 2. Factors (binding, no formula).
    o.cite("72-1").cite("gd5-2");
    let factors = [
        "保证诉讼活动正常进行的需要",
        "被取保候审人的社会危险性",
        "案件的性质、情节",
        "可能判处刑罚的轻重",
        "被取保候审人的经济状况",
    ];
    let mut issues: Vec<Value> = Vec::new();
    if let Some(p) = i.proposed {
        if p < floor {
            issues.push(json!({"issue": "BelowFloor", "severity": "error", "floor": floor}));
        }
    }
    // 3. Guideline band (公安 only; seed 004).
    let mut band: Option<(u64, u64)> = None;
    let mut references: Vec<Value> = Vec::new();
    if ps {
        if kind == OffenceKind::PropertyLoss {
            o.cite("s6-1-1");
            for (n, v) in [
                ("illegal_gains", i.illegal_gains),
                ("direct_loss", i.direct_loss),
                ("compensation", i.compensation),
                ("likely_property_penalty", i.likely_property_penalty),
            ] {
                if let Some(v) = v {
                    references.push(json!({"kind": n, "amount": v}));
                }
            }
        }
        if minor {
            o.cite("s6-1-3");
            band = Some((500, 3000));
            if kind == OffenceKind::PropertyLoss {
                o.flag(Flag::review(
                    "2025规定第6条第（一）项与第（三）项：未成年人且涉财产的，文本未规定适用的先后",
                ));
            }
        } else if kind == OffenceKind::Other {
            match (i.statutory_max, i.statutory_max_months) {
                (Some(StatMax::Life | StatMax::Death), _) => {
                    o.flag(Flag::review(
                        "2025规定第6条第（二）项只规定了三年以上有期徒刑：法定最高刑为无期徒刑、死刑的，没有指导区间",
                    ));
                }
                (Some(StatMax::FixedTerm), Some(m)) if m >= 36 => {
                    o.cite("s6-1-2b").cite("s6-1-2c");
                    band = Some((5000, 50_000));
                }
                _ => {
                    o.cite("s6-1-2");
                    band = Some((1000, 5000));
                }
            }
            o.flag(Flag::interpretation(
                "法定最高刑按所适用的量刑幅度确定（由调用方判断）",
            ));
        }
        if let (Some((lo, hi)), Some(cap)) = (band, i.provincial_cap) {
            if cap > hi {
                o.cite("s6-2");
                band = Some((lo, cap));
            }
        }
        if let (Some((lo, hi)), Some(p)) = (band, i.proposed) {
            if p < lo || p > hi {
                issues.push(json!({"issue": "OutsideGuidelineBand", "severity": "warning", "band": [lo, hi]}));
                o.flag(Flag::conflict(
                    "C28",
                    "2025规定的区间为“原则上”，仅为提示，不是硬性限制",
                ));
            }
        }
    }
    // 4. Superseded premises the user may bring (C02).
    let mut premise = None;
    if let Some(c) = i.claimed_rule.as_deref() {
        if c.contains('倍')
            || c.contains("2000")
            || c.contains("50000")
            || c.contains("五万")
            || c.contains("两千")
            || c.contains("二千")
        {
            o.flag(
                Flag::superseded(
                    "“一至三倍”“2000元以上50000元以下”“一千元至五万元”不见于任何现行规定（此说见于评论页）",
                )
                .with_code("seed001"),
            );
            o.flag(Flag::conflict(
                "C02",
                "现行规定只有起点（1000元/未成年人500元）和考量因素，无上限、无倍数",
            ));
            premise = Some(
                "该数额规则不见于任何现行规定：刑诉法72条、规定(2022)第5条只规定起点和考量因素",
            );
        }
    }
    // 5. Approval (R09).
    let approval = i
        .proposed
        .map(|p| super::r09_deposit_approval::approval(&mut o, auth, p, i.case_major_complex).1);
    let has_error = issues.iter().any(|x| x["severity"] == "error");
    let has_warning = !issues.is_empty();
    let verdict = if has_error {
        "below_floor"
    } else if has_warning {
        "outside_guideline_band"
    } else if i.proposed.is_some() {
        "ok"
    } else {
        "guidance"
    };
    let mut summary = format!(
        "起点{floor}元（以上含本数），综合考虑{}等因素确定",
        factors.join("、")
    );
    if let Some((lo, hi)) = band {
        summary.push_str(&format!(
            "；公安部2025年保证金规定原则上{lo}元至{hi}元（仅见于评论页，作提示）"
        ));
    } else if ps && kind == OffenceKind::PropertyLoss {
        summary.push_str(
            "；公安部2025年保证金规定（仅见于评论页）：结合违法所得、损失、赔偿金或可能判处的财产刑金额收取，无固定区间",
        );
    }
    if has_error {
        summary.push_str(&format!("；拟收取{}元低于起点", i.proposed.unwrap_or(0)));
    } else if let Some(p) = i.proposed {
        // the amount asked about: above the floor, and no provision sets a ceiling
        summary.push_str(&format!(
            "；拟收取{p}元不低于起点，现行规定没有上限，数额是否适当看上述因素"
        ));
        if let Some(a) = approval.as_ref() {
            if let Some(who) = a["approver"].as_str() {
                summary.push_str(&format!("，由{who}批准"));
            }
            if let Some(to) = a["filing_with"].as_str() {
                summary.push_str(&format!("并报{to}备案"));
            }
        }
    }
    if let Some(p) = premise {
        summary.push_str(&format!("；{p}"));
    }
    let details = json!({
        "floor": floor,
        "factors": factors,
        "band": band.map(|(a, b)| [a, b]),
        "references": references,
        "issues": issues,
        "approval": approval,
    });
    Ok(o.done(verdict, &summary, details))
}
