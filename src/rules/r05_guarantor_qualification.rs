//! R05 `guarantor_qualification`: one proposed guarantor against the four conditions of 刑诉法69.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    connected_to_case: Option<bool>,
    able_to_perform: Option<bool>,
    has_political_rights: Option<bool>,
    liberty_restricted: Option<bool>,
    fixed_residence: Option<bool>,
    fixed_income: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new("69-1-1", XSF, "69", Some(1), Some(1), "与本案无牵连"),
    Cite::new("69-1-2", XSF, "69", Some(1), Some(2), "有能力履行保证义务"),
    Cite::new(
        "69-1-3",
        XSF,
        "69",
        Some(1),
        Some(3),
        "享有政治权利，人身自由未受到限制",
    ),
    Cite::new("69-1-4", XSF, "69", Some(1), Some(4), "有固定的住处和收入"),
    Cite::new("ga85", GA, "85", None, None, "并经公安机关审查同意"),
    Cite::new("jc90", JC, "90", None, None, "并经人民检察院审查同意"),
    Cite::new(
        "js152",
        JS,
        "152",
        None,
        None,
        "人民法院应当审查保证人是否符合法定条件",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R05",
    name: "guarantor_qualification",
    title: "保证人条件",
    description: "刑诉法69条四项条件逐项审查；由决定机关审查同意，保证人出具保证书",
    fields: &[
        (
            "decider",
            AUTHORITY,
            false,
            "决定机关（确定审查机关及依据）",
        ),
        ("connected_to_case", "boolean", true, "与本案有牵连"),
        ("able_to_perform", "boolean", true, "有能力履行保证义务"),
        ("has_political_rights", "boolean", true, "享有政治权利"),
        ("liberty_restricted", "boolean", true, "人身自由受到限制"),
        ("fixed_residence", "boolean", true, "有固定的住处"),
        ("fixed_income", "boolean", true, "有固定的收入"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let r = (
        o.req(i.connected_to_case, "connected_to_case"),
        o.req(i.able_to_perform, "able_to_perform"),
        o.req(i.has_political_rights, "has_political_rights"),
        o.req(i.liberty_restricted, "liberty_restricted"),
        o.req(i.fixed_residence, "fixed_residence"),
        o.req(i.fixed_income, "fixed_income"),
    );
    let (Some(conn), Some(able), Some(pol), Some(lib), Some(res), Some(inc)) = r else {
        return Ok(o.missing());
    };
    let mut failed = Vec::new();
    o.cite("69-1-1");
    if conn {
        failed.push("C1");
    }
    o.cite("69-1-2");
    if !able {
        failed.push("C2");
    }
    o.cite("69-1-3");
    if !pol || lib {
        failed.push("C3");
    }
    o.cite("69-1-4");
    if !res || !inc {
        failed.push("C4");
    }
    let reviewer = match i.decider {
        Some(Authority::PublicSecurity) | Some(Authority::StateSecurity) => {
            o.cite("ga85");
            "公安机关审查同意"
        }
        Some(Authority::Procuratorate) => {
            o.cite("jc90");
            "人民检察院审查同意"
        }
        Some(Authority::Court) => {
            o.cite("js152");
            "人民法院审查"
        }
        None => "决定机关审查（同意）",
    };
    let qualified = failed.is_empty();
    let details = json!({"qualified": qualified, "failed": failed, "reviewer": reviewer, "must_sign_guarantee_letter": true});
    let s = if qualified {
        "保证人符合刑诉法69条全部条件，经决定机关审查同意后出具保证书".to_string()
    } else {
        let why: Vec<&str> = failed
            .iter()
            .map(|c| match *c {
                "C1" => "与本案有牵连",
                "C2" => "没有能力履行保证义务",
                "C3" => "不享有政治权利或者人身自由受到限制",
                _ => "不具备固定的住处和收入",
            })
            .collect();
        format!("保证人不符合刑诉法69条的条件：{}", why.join("；"))
    };
    Ok(o.done(
        if qualified {
            "qualified"
        } else {
            "not_qualified"
        },
        &s,
        details,
    ))
}
