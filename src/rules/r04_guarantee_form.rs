//! R04 `guarantee_form`: the form of guarantee (保证人 or 保证金, never both) and the number of
//! guarantors.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    authority: Option<Authority>,
    requested_guarantor_count: Option<u8>,
    requested_deposit: Option<u64>,
    is_minor: Option<bool>,
    aged_75_plus: Option<bool>,
    unable_to_pay: Option<bool>,
    unsuitable_for_deposit: Option<bool>,
    no_fixed_residence: Option<bool>,
    cannot_provide_guarantor: Option<bool>,
    /// The form is still to be chosen (a question asking which, or whether both): the choice is
    /// stated instead of reading the absence of both as neither offered.
    form_undecided: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "68",
        XSF,
        "68",
        None,
        None,
        "应当责令犯罪嫌疑人、被告人提出保证人或者交纳保证金",
    ),
    Cite::new(
        "gd4-2",
        GD,
        "4",
        Some(2),
        None,
        "不得同时使用保证人保证和保证金保证",
    ),
    Cite::new(
        "gd4-2b",
        GD,
        "4",
        Some(2),
        None,
        "对未成年人取保候审的，应当优先适用保证人保证",
    ),
    Cite::new(
        "ga84-2",
        GA,
        "84",
        Some(2),
        None,
        "不得同时责令其提出保证人和交纳保证金",
    ),
    Cite::new(
        "js150-2",
        JS,
        "150",
        Some(2),
        None,
        "不得同时使用保证人保证与保证金保证",
    ),
    Cite::new(
        "js151",
        JS,
        "151",
        None,
        None,
        "可以责令其提出一至二名保证人",
    ),
    Cite::new(
        "js151-1-2",
        JS,
        "151",
        Some(1),
        Some(2),
        "未成年或者已满七十五周岁的",
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
        "jc89-2",
        JC,
        "89",
        Some(2),
        None,
        "不得同时使用保证人保证和保证金保证方式",
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
    Cite::new(
        "74-2",
        XSF,
        "74",
        Some(2),
        None,
        "也不交纳保证金的，可以监视居住",
    ),
    Cite::new(
        "gd6-1",
        GD,
        "6",
        Some(1),
        None,
        "不能提出保证人也不交纳保证金的，可以监视居住",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R04",
    name: "guarantee_form",
    title: "保证方式与保证人人数",
    description: "决定取保候审的，应当责令提出保证人或者交纳保证金（刑诉法68）；对同一犯罪嫌疑人、被告人不得同时使用保证人保证和保证金保证，对未成年人应当优先适用保证人保证（规定(2022)4）；无力交纳保证金、未成年或者已满75周岁、不宜收取保证金的，法院、检察院可以责令提出一至二名保证人（刑诉解释151、检察规则89）；未成年人无固定住所、无法提供保证人的，法院应当、检察院可以指定合适成年人作为保证人（刑诉解释554、检察规则463）",
    fields: &[
        ("authority", AUTHORITY, true, "决定机关"),
        ("requested_guarantor_count", "integer", false, "拟提出的保证人人数"),
        ("requested_deposit", "integer", false, "拟交纳的保证金（元）"),
        ("is_minor", "boolean", true, "决定时未满十八周岁"),
        ("aged_75_plus", "boolean", false, "已满七十五周岁"),
        ("unable_to_pay", "boolean", false, "无力交纳保证金"),
        ("unsuitable_for_deposit", "boolean", false, "不宜收取保证金"),
        ("no_fixed_residence", "boolean", false, "无固定住所（未成年人）"),
        ("cannot_provide_guarantor", "boolean", false, "无法提出保证人（未成年人）"),
        ("form_undecided", "boolean", false, "尚未确定保证方式"),
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
    let guarantors = i.requested_guarantor_count.filter(|&n| n > 0);
    let deposit = i.requested_deposit;
    o.cite("68");
    let one_form_cite = |o: &mut Out| {
        o.cite("gd4-2");
        match auth {
            Authority::PublicSecurity | Authority::StateSecurity => o.cite("ga84-2"),
            Authority::Procuratorate => o.cite("jc89-2"),
            Authority::Court => o.cite("js150-2"),
        };
    };
    // 1. Both forms requested.
    if guarantors.is_some() && deposit.is_some() {
        one_form_cite(&mut o);
        let hint = if minor {
            "；未成年人应优先选择保证人保证"
        } else {
            ""
        };
        let d = json!({"error": "BothForms", "requested_guarantor_count": guarantors, "requested_deposit": deposit});
        return Ok(o.done(
            "both_forms",
            &format!("不得同时使用保证人保证和保证金保证，请决定机关择一{hint}"),
            d,
        ));
    }
    // 3 (b). Minor without residence or guarantor: appropriate adult.
    let appropriate_adult = if minor
        && i.no_fixed_residence == Some(true)
        && i.cannot_provide_guarantor == Some(true)
    {
        match auth {
            Authority::Court => {
                o.cite("js554");
                Some("shall")
            }
            Authority::Procuratorate => {
                o.cite("jc463-3");
                Some("may")
            }
            _ => {
                o.flag(Flag::review(
                    "公安机关指定合适成年人作保证人的规定不在语料中",
                ));
                None
            }
        }
    } else {
        None
    };
    let listed = minor
        || i.aged_75_plus == Some(true)
        || i.unable_to_pay == Some(true)
        || i.unsuitable_for_deposit == Some(true);
    // The form still to be chosen: the choice the statutes leave, for this decider and person.
    if guarantors.is_none() && deposit.is_none() && i.form_undecided == Some(true) {
        one_form_cite(&mut o);
        let mut s =
            String::from("保证人保证和保证金保证只能选择一种，不得同时使用（规定(2022)4②）");
        if minor {
            o.cite("gd4-2b");
            s.push_str("；对未成年人应当优先适用保证人保证");
        }
        let count_rule = listed && matches!(auth, Authority::Court | Authority::Procuratorate);
        if count_rule {
            if auth == Authority::Court {
                o.cite("js151");
                if minor || i.aged_75_plus == Some(true) {
                    o.cite("js151-1-2");
                }
                s.push_str("；人民法院可以责令其提出一至二名保证人（刑诉解释151）");
            } else {
                o.cite("jc89-3");
                s.push_str("；人民检察院可以责令其提供一至二名保证人（检察规则89③）");
            }
        }
        o.cite("74-2");
        s.push_str("；既提不出保证人也不交纳保证金的，可以监视居住（刑诉法74②）");
        let d =
            json!({"choose_one": true, "count_rule": if count_rule { Some([1, 2]) } else { None }});
        return Ok(o.done("choose_one", &s, d));
    }
    // 2. Neither form.
    if guarantors.is_none() && deposit.is_none() {
        if let Some(m) = appropriate_adult {
            let d = json!({"appropriate_adult_guarantor": m});
            let s = if m == "shall" {
                "应当指定合适成年人作为保证人（刑诉解释554）"
            } else {
                "可以指定合适的成年人作为保证人（检察规则463③）"
            };
            return Ok(o.done("appoint_appropriate_adult", s, d));
        }
        o.cite("74-2").cite("gd6-1");
        let d =
            json!({"error": "NoForm", "alternative": {"measure": "监视居住", "modality": "may"}});
        return Ok(o.done(
            "no_form",
            "未提出保证人也未交纳保证金：可以监视居住（刑诉法74②、规定(2022)6①）",
            d,
        ));
    }
    one_form_cite(&mut o);
    if let Some(n) = guarantors {
        // 4. Number of guarantors.
        let mut count_rule = None;
        if matches!(auth, Authority::Court | Authority::Procuratorate) {
            if listed {
                if auth == Authority::Court {
                    o.cite("js151");
                    if minor || i.aged_75_plus == Some(true) {
                        o.cite("js151-1-2");
                    }
                } else {
                    o.cite("jc89-3");
                }
                count_rule = Some([1, 2]);
                if !(1..=2).contains(&n) {
                    let d = json!({"error": "GuarantorCountOutOfRange", "min": 1, "max": 2, "requested": n});
                    return Ok(o.done(
                        "guarantor_count_out_of_range",
                        &format!("{}在列举情形下责令一至二名保证人，{n}名超出范围", auth.zh()),
                        d,
                    ));
                }
            } else {
                o.flag(Flag::interpretation(
                    "一至二名保证人的人数只对列举情形作出规定，其他情形的人数未作规定",
                ));
            }
        }
        if minor {
            o.cite("gd4-2b");
        }
        let d = json!({"form": {"guarantor": {"count": n}}, "count_rule": count_rule, "appropriate_adult_guarantor": appropriate_adult});
        return Ok(o.done("ok_guarantor", &format!("保证人保证，{n}名"), d));
    }
    let amount = deposit.unwrap_or(0);
    let mut warning = None;
    if minor {
        // 3 (a). Minor with a deposit: allowed, but the guarantor has priority.
        o.cite("gd4-2b");
        if matches!(auth, Authority::PublicSecurity | Authority::StateSecurity) {
            o.cite("ga84-2");
        }
        warning = Some("MinorGuarantorPriority");
    }
    let d = json!({"form": {"deposit": {"amount_yuan": amount}}, "preference_warning": warning});
    let s = if minor {
        format!(
            "保证金保证{amount}元；但对未成年人应当优先适用保证人保证，须记载不适用保证人的理由"
        )
    } else {
        format!("保证金保证{amount}元（数额依保证金数额的规定确定）")
    };
    Ok(o.done("ok_deposit", &s, d))
}
