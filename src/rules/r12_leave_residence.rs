//! R12 `leave_residence`: a request to leave the city or county of residence.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Reason {
    Work,
    Study,
    Medical,
    Other,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    reason: Option<Reason>,
    reason_is_proper: Option<bool>,
    urgent: Option<bool>,
    written_application_complete: Option<bool>,
    decider_consent: Option<bool>,
    frequent_cross_city: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd19-2",
        GD,
        "19",
        Some(2),
        None,
        "应当向负责执行的派出所提出书面申请",
    ),
    Cite::new(
        "gd19-2b",
        GD,
        "19",
        Some(2),
        None,
        "可以先通过电话、短信等方式提出申请",
    ),
    Cite::new(
        "gd19-3",
        GD,
        "19",
        Some(3),
        None,
        "具有工作、学习、就医等正当合理事由的，由派出所负责人批准",
    ),
    Cite::new(
        "gd19-4-2",
        GD,
        "19",
        Some(4),
        Some(2),
        "严格按照批准的地点、路线、往返日期出行",
    ),
    Cite::new(
        "gd19-5",
        GD,
        "19",
        Some(5),
        None,
        "可以根据情况，简化批准程序",
    ),
    Cite::new("gd20-5", GD, "20", Some(5), None, "应当征得决定机关同意"),
    Cite::new(
        "ga95-1",
        GA,
        "95",
        Some(1),
        None,
        "应当经负责执行的派出所负责人批准",
    ),
    Cite::new(
        "jc95-1",
        JC,
        "95",
        Some(1),
        None,
        "应当事先征得人民检察院同意",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R12",
    name: "leave_residence",
    title: "离开所居住的市、县的审批",
    description: "被取保候审人未经批准不得离开所居住的市、县；需要离开的，应当向负责执行的派出所提出书面申请，注明事由、目的地、路线、交通方式、往返日期、联系方式；有紧急事由来不及提出书面申请的，可以先通过电话、短信等方式提出申请，并及时补办书面申请手续；具有工作、学习、就医等正当合理事由的，由派出所负责人批准（规定(2022)19、公安部规定95）；人民法院、人民检察院决定取保候审的，派出所批准前应当征得决定机关同意（规定(2022)20、公安部规定95）；因正常工作和生活需要经常性跨市、县活动的，可以简化批准程序（规定(2022)19）",
    fields: &[
        ("decider", AUTHORITY, true, "决定机关"),
        ("reason", "enum:work|study|medical|other", true, "事由"),
        ("reason_is_proper", "boolean", false, "事由正当合理（事由为其他时必填）"),
        ("urgent", "boolean", true, "紧急情况"),
        ("written_application_complete", "boolean", false, "书面申请载明事由、目的地、路线、交通方式、往返日期、联系方式（非紧急时必填）"),
        ("decider_consent", "boolean", false, "法院/检察院是否同意（尚未答复则不填）"),
        ("frequent_cross_city", "boolean", false, "因正常工作生活需要经常跨市、县"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(decider), Some(reason), Some(urgent)) = (
        o.req(i.decider, "decider"),
        o.req(i.reason, "reason"),
        o.req(i.urgent, "urgent"),
    ) else {
        return Ok(o.missing());
    };
    let proper = match reason {
        Reason::Other => o.req(i.reason_is_proper, "reason_is_proper"),
        _ => Some(i.reason_is_proper.unwrap_or(true)),
    };
    let complete = if urgent {
        Some(i.written_application_complete.unwrap_or(false))
    } else {
        o.req(
            i.written_application_complete,
            "written_application_complete",
        )
    };
    let (Some(proper), Some(complete)) = (proper, complete) else {
        return Ok(o.missing());
    };
    let conditions = [
        "保持联系方式畅通，并在传讯的时候及时到案",
        "严格按照批准的地点、路线、往返日期出行",
        "不得从事妨害诉讼的活动",
        "返回居住地后及时向执行机关报告",
    ];
    let deny = |o: Out, why: &str, zh: &str| {
        o.done("denied", zh, json!({"outcome": "Denied", "reason": why}))
    };
    // 1. A proper reason (leaving needs approval: 刑诉法71①(一)).
    o.cite_from(super::r11_obligations::CITES, "71-1-1")
        .cite("gd19-3")
        .cite("ga95-1");
    if !proper {
        return Ok(deny(o, "没有正当合理事由", "不予批准：没有正当合理事由"));
    }
    // 2. Application.
    o.cite("gd19-2");
    if urgent {
        o.cite("gd19-2b");
    } else if !complete {
        return Ok(deny(
            o,
            "书面申请内容不完整",
            "不予批准：书面申请未载明事由、目的地、路线、交通方式、往返日期、联系方式",
        ));
    }
    // 5. Simplified procedure.
    let simplified = i.frequent_cross_city == Some(true);
    if simplified {
        o.cite("gd19-5");
    }
    // 3. Consent of a court/procuratorate decider first.
    if matches!(decider, Authority::Court | Authority::Procuratorate) {
        o.cite("gd20-5");
        if decider == Authority::Procuratorate {
            o.cite("jc95-1");
        }
        match i.decider_consent {
            None => {
                let d = json!({"outcome": "PendingConsent", "approver": "负责执行的派出所负责人", "must_notify_decider": true,
                               "written_application_to_follow": urgent, "simplified_procedure_possible": simplified});
                return Ok(o.done(
                    "pending_consent",
                    &format!(
                        "派出所批准前应当征得{}同意{}{}",
                        decider.zh(),
                        if urgent {
                            "；紧急申请的书面申请须及时补办"
                        } else {
                            ""
                        },
                        if simplified {
                            "；因正常工作和生活需要经常性跨市、县活动的，可以根据情况简化批准程序"
                        } else {
                            ""
                        }
                    ),
                    d,
                ));
            }
            Some(false) => {
                return Ok(deny(
                    o,
                    "决定机关不同意",
                    &format!("不予批准：{}不同意", decider.zh()),
                ))
            }
            Some(true) => {}
        }
    }
    // 4. Approvable by the head of the executing 派出所; notify the decider; four conditions.
    o.cite("gd19-4-2");
    let d = json!({"outcome": "Approvable", "approver": "负责执行的派出所负责人", "must_notify_decider": true,
                   "conditions": conditions, "simplified_procedure_possible": simplified,
                   "written_application_to_follow": urgent});
    let simplified_words = if simplified {
        "；因正常工作和生活需要经常性跨市、县活动的，可以根据情况简化批准程序，不必每次单独审批"
    } else {
        ""
    };
    Ok(o.done(
        "approvable",
        &format!("可由负责执行的派出所负责人批准，并通知决定机关；告知出行期间的四项要求{simplified_words}"),
        d,
    ))
}
