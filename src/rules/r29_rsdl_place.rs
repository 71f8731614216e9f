//! R29 `rsdl_place_and_notice`: the place of 监视居住 and the duty to notify the family.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
/// The kind of offence: 危害国家安全犯罪, 恐怖活动犯罪, or another (also read by R33).
pub(crate) enum OffenceClass {
    StateSecurity,
    Terrorism,
    Other,
}

pub(crate) const OFFENCE_CLASS: &str = "enum:state_security|terrorism|other";

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Site {
    Home,
    DesignatedResidence,
    DetentionFacility,
    CaseHandlingPremises,
    Office,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    fixed_residence_in_handling_city: Option<bool>,
    offence_class: Option<OffenceClass>,
    home_execution_obstructs_investigation: Option<bool>,
    upper_level_ps_approved: Option<bool>,
    proposed_site: Option<Site>,
    executed_at: Option<String>,
    family_unreachable: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "75-1",
        XSF,
        "75",
        Some(1),
        None,
        "监视居住应当在犯罪嫌疑人、被告人的住处执行",
    ),
    Cite::new(
        "75-1b",
        XSF,
        "75",
        Some(1),
        None,
        "经上一级公安机关批准，也可以在指定的居所执行",
    ),
    Cite::new(
        "75-1c",
        XSF,
        "75",
        Some(1),
        None,
        "不得在羁押场所、专门的办案场所执行",
    ),
    Cite::new(
        "75-2",
        XSF,
        "75",
        Some(2),
        None,
        "应当在执行监视居住后二十四小时以内，通知被监视居住人的家属",
    ),
    Cite::new(
        "75-4",
        XSF,
        "75",
        Some(4),
        None,
        "人民检察院对指定居所监视居住的决定和执行是否合法实行监督",
    ),
    Cite::new(
        "ga112-1",
        GA,
        "112",
        Some(1),
        None,
        "在办案机关所在的市、县内生活的合法住处",
    ),
    Cite::new(
        "ga112-3",
        GA,
        "112",
        Some(3),
        None,
        "公安机关不得在羁押场所、专门的办案场所或者办公场所执行监视居住",
    ),
    Cite::new(
        "ga111-3",
        GA,
        "111",
        Some(3),
        None,
        "指定居所监视居住的，不得要求被监视居住人支付费用",
    ),
    Cite::new(
        "ga113-1",
        GA,
        "113",
        Some(1),
        None,
        "在执行监视居住后二十四小时以内，由决定机关通知被监视居住人的家属",
    ),
    Cite::new(
        "jc108-2",
        JC,
        "108",
        Some(2),
        None,
        "指定居所监视居住的，不得要求被监视居住人支付费用",
    ),
    Cite::new(
        "jc116-2",
        JC,
        "116",
        Some(2),
        None,
        "在办案机关所在地的市、县内工作、生活的合法居所",
    ),
    Cite::new(
        "jc116-4",
        JC,
        "116",
        Some(4),
        None,
        "不得在看守所、拘留所、监狱等羁押、监管场所",
    ),
    Cite::new(
        "js160-2",
        JS,
        "160",
        Some(2),
        None,
        "没有固定住处的，应当为其指定居所",
    ),
    Cite::new(
        "105-2",
        XSF,
        "105",
        Some(2),
        None,
        "期间开始的时和日不算在期间以内",
    ),
    Cite::new(
        "js161-2",
        JS,
        "161",
        Some(2),
        None,
        "人民法院应当在二十四小时以内，将监视居住的原因和处所通知其家属",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R29",
    name: "rsdl_place_and_notice",
    title: "监视居住的执行处所与通知家属",
    description: "监视居住应当在住处执行；无固定住处的，可以在指定的居所执行；涉嫌危害国家安全犯罪、恐怖活动犯罪，在住处执行可能有碍侦查的，经上一级公安机关批准，也可以在指定的居所执行；不得在羁押场所、专门的办案场所执行（刑诉法75①）；指定居所的，除无法通知的以外，应当在执行后24小时以内通知家属（刑诉法75②），不得要求被监视居住人支付费用（公安部规定111、检察规则108）；固定住处指在办案机关所在市、县内的合法住处（公安部规定112）",
    fields: &[
        ("decider", AUTHORITY, false, "决定机关"),
        ("fixed_residence_in_handling_city", "boolean", true, "在办案机关所在市、县有固定住处"),
        ("offence_class", OFFENCE_CLASS, false, "涉嫌犯罪类别（有固定住处时需要）"),
        ("home_execution_obstructs_investigation", "boolean", false, "在住处执行可能有碍侦查"),
        ("upper_level_ps_approved", "boolean", false, "经上一级公安机关批准"),
        ("proposed_site", "enum:home|designated_residence|detention_facility|case_handling_premises|office", false, "拟执行处所"),
        ("executed_at", "datetime", false, "执行监视居住的时间"),
        ("family_unreachable", "boolean", false, "无法通知家属"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(fixed) = o.req(
        i.fixed_residence_in_handling_city,
        "fixed_residence_in_handling_city",
    ) else {
        return Ok(o.missing());
    };
    // The offence class matters only for a person with a fixed residence (75 ¶1, second sentence):
    // without one the designated residence is open whatever the offence.
    let class = if fixed {
        let Some(c) = o.req(i.offence_class, "offence_class") else {
            return Ok(o.missing());
        };
        c
    } else {
        i.offence_class.unwrap_or(OffenceClass::Other)
    };
    o.cite("75-1").cite("75-4");
    match i.decider {
        Some(Authority::Procuratorate) => {
            o.cite("jc116-2");
        }
        Some(Authority::Court) => {}
        _ => {
            o.cite("ga112-1");
        }
    }
    // 4. Forbidden sites.
    if let Some(site) = i.proposed_site {
        if matches!(
            site,
            Site::DetentionFacility | Site::CaseHandlingPremises | Site::Office
        ) {
            o.cite("75-1c").cite("ga112-3");
            if i.decider == Some(Authority::Procuratorate) {
                o.cite("jc116-4");
            }
            return Ok(o.done(
                "invalid_site",
                "不得在羁押场所、专门的办案场所或者办公场所执行监视居住",
                json!({"valid": false}),
            ));
        }
    }
    // 1–3. Home or designated residence.
    let special = matches!(class, OffenceClass::StateSecurity | OffenceClass::Terrorism)
        && i.home_execution_obstructs_investigation == Some(true);
    let (place, valid, note) = if !fixed {
        if i.decider == Some(Authority::Court) {
            o.cite("js160-2");
        }
        ("designated", true, "无固定住处的，可以在指定的居所执行")
    } else if special {
        o.cite("75-1b");
        if i.upper_level_ps_approved == Some(true) {
            ("designated", true, "危害国家安全、恐怖活动犯罪在住处执行可能有碍侦查，经上一级公安机关批准在指定的居所执行")
        } else {
            (
                "home",
                i.proposed_site != Some(Site::DesignatedResidence),
                "未经上一级公安机关批准：不得指定居所，应在住处执行或采取其他措施",
            )
        }
    } else {
        (
            "home",
            i.proposed_site != Some(Site::DesignatedResidence),
            "在住处执行",
        )
    };
    let mut d = json!({"place": place, "valid": valid, "fee_chargeable": false, "supervision": "人民检察院"});
    // 5–6. Designated residence: family notice within 24 h; no fee.
    if place == "designated" {
        o.cite("75-2");
        // no fee: each authority's own rule (公安部规定111③, 检察规则108②)
        match i.decider {
            Some(Authority::Procuratorate) => {
                o.cite("jc108-2");
            }
            Some(Authority::PublicSecurity | Authority::StateSecurity) => {
                o.cite("ga111-3").cite("ga113-1");
            }
            _ => {
                o.cite("ga111-3").cite("ga113-1").cite("jc108-2");
            }
        }
        if i.decider == Some(Authority::Court) {
            o.cite("js161-2");
        }
        if let Some(t) = i.executed_at.as_deref() {
            let t = period::parse_datetime(t)
                .ok_or_else(|| Error::InvalidInput(format!("executed_at: not a date-time: {t}")))?;
            let (stat, cons) = period::hours(t, 24)
                .ok_or_else(|| Error::InvalidInput("date out of range".into()))?;
            o.cite("105-2");
            o.flag(Flag::interpretation(
                "按小时计算：起算的时不计入，自下一整点起算；另给出保守时限",
            ));
            if i.family_unreachable == Some(true) {
                d["notify_family"] = json!("无法通知的除外；障碍消除后立即通知");
            } else {
                d["notify_family_by"] = json!({"statutory": stat.format("%Y-%m-%d %H:%M").to_string(), "conservative": cons.format("%Y-%m-%d %H:%M").to_string()});
            }
        }
    }
    let verdict = match (place, valid) {
        (_, false) => "designated_not_allowed",
        ("designated", _) => "designated",
        _ => "home",
    };
    // what holds wherever it is executed, and what a designated residence adds
    o.cite("75-1c");
    let mut summary = format!("{note}；不得在羁押场所、专门的办案场所执行（刑诉法75①）");
    if place == "designated" {
        summary.push_str(
            "；除无法通知的以外，应当在执行后24小时以内通知家属（刑诉法75②）；不得要求被监视居住人支付费用（公安部规定111）",
        );
        // a deadline computed is the figure asked for: it comes first
        if let Some(t) = d["notify_family_by"]["statutory"].as_str() {
            summary = format!("最迟应在{t}前通知家属（执行后24小时以内）；{summary}");
        }
    }
    Ok(o.done(verdict, &summary, d))
}
