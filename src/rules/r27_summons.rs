//! R27 `summons`: whether a summons was validly served, so that a missed summons may be found.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Method {
    Document,
    DocumentToAdultCohabitingRelative,
    PhoneUrgent,
    ViaExecutorRemote,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    method: Option<Method>,
    noted_in_document: Option<bool>,
    executor_informed: Option<bool>,
    confirmed_with_bailee: Option<bool>,
    served: Option<bool>,
    appeared: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd21-1",
        GD,
        "21",
        Some(1),
        None,
        "也可以交与其同住的成年亲属代收，并与被取保候审人联系确认告知",
    ),
    Cite::new(
        "gd21-2",
        GD,
        "21",
        Some(2),
        None,
        "可以通过电话通知等方式传讯被取保候审人",
    ),
    Cite::new(
        "gd21-3",
        GD,
        "21",
        Some(3),
        None,
        "可以委托执行机关代为送达",
    ),
    Cite::new(
        "gd21-4",
        GD,
        "21",
        Some(4),
        None,
        "人民法院传讯被取保候审的被告人，依照其他有关规定执行",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R27",
    name: "summons",
    title: "传讯的送达（是否构成经传讯不到案）",
    description: "公安机关、检察院传讯被取保候审人，应当制作法律文书送达本人，本人不在场的可以交同住的成年亲属代收，并与本人联系确认告知；情况紧急的可以电话通知等方式传讯，但应当在法律文书上注明并通知执行机关；异地传讯的可以委托执行机关代为送达；无法送达或者未按规定接受传讯的，应当在文书上注明并通知执行机关（规定(2022)21）；法院传讯依照其他有关规定",
    fields: &[
        ("decider", AUTHORITY, true, "决定机关"),
        ("method", "enum:document|document_to_adult_cohabiting_relative|phone_urgent|via_executor_remote", true, "传讯方式"),
        ("noted_in_document", "boolean", false, "已在相关文书上注明"),
        ("executor_informed", "boolean", false, "已告知执行机关"),
        ("confirmed_with_bailee", "boolean", false, "已与被取保候审人联系确认告知"),
        ("served", "boolean", false, "委托执行机关送达是否送达成功"),
        ("appeared", "boolean", true, "按时到案"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let r = (
        o.req(i.decider, "decider"),
        o.req(i.method, "method"),
        o.req(i.appeared, "appeared"),
    );
    let (Some(decider), Some(method), Some(appeared)) = r else {
        return Ok(o.missing());
    };
    if decider == Authority::Court {
        o.cite("gd21-4");
        o.flag(Flag::review(
            "法院传讯被告人依照其他有关规定执行（规定21④），本规则不判断",
        ));
        return Ok(o.done(
            "not_covered",
            "人民法院传讯被取保候审的被告人，依照其他有关规定执行",
            json!({"valid": null}),
        ));
    }
    let mut issues: Vec<&str> = Vec::new();
    let valid = match method {
        Method::Document => {
            o.cite("gd21-1");
            true
        }
        // what the service needs is asked for, never assumed left undone
        Method::DocumentToAdultCohabitingRelative => {
            o.cite("gd21-1");
            let Some(confirmed) = o.req(i.confirmed_with_bailee, "confirmed_with_bailee") else {
                return Ok(o.missing());
            };
            if !confirmed {
                issues.push("未与被取保候审人联系确认告知");
            }
            confirmed
        }
        Method::PhoneUrgent => {
            o.cite("gd21-2");
            let (Some(noted), Some(informed)) = (
                o.req(i.noted_in_document, "noted_in_document"),
                o.req(i.executor_informed, "executor_informed"),
            ) else {
                return Ok(o.missing());
            };
            if !noted {
                issues.push("未在文书上注明");
            }
            if !informed {
                issues.push("未告知执行机关");
            }
            noted && informed
        }
        Method::ViaExecutorRemote => {
            o.cite("gd21-3");
            let Some(served) = o.req(i.served, "served") else {
                return Ok(o.missing());
            };
            if !served {
                issues.push("执行机关无法送达：注明并告知决定机关");
            }
            served
        }
    };
    let missed = valid && !appeared;
    let d = json!({"valid": valid, "missed": missed, "issues": issues,
                   "note": if !valid || !appeared { "未送达或未到案的，应在文书上注明并告知执行机关" } else { "" }});
    let (verdict, s) = if missed {
        (
            "missed",
            "传讯有效送达而未到案：构成经传讯不到案，按违反取保候审规定处理".to_string(),
        )
    } else if !valid {
        // what made it invalid, in the words of 规定(2022)21
        let why = if issues.is_empty() {
            String::new()
        } else {
            format!("（{}）", issues.join("、"))
        };
        (
            "not_validly_served",
            format!("传讯未有效送达{why}：不构成经传讯不到案"),
        )
    } else {
        ("appeared", "传讯有效，已到案".to_string())
    };
    Ok(o.done(verdict, &s, d))
}
