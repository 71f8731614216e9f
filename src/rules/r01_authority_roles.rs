//! R01 `authority_roles`: who decides bail, who approves inside the authority, who executes it, and
//! who handles deposits and guarantor fines.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    stage: Option<Stage>,
    /// The 检察院/法院 case was transferred by 国家安全机关 (asked only for those deciders).
    case_from_state_security: Option<bool>,
    procuratorate_self_investigation: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd2-1",
        GD,
        "2",
        Some(1),
        None,
        "由公安机关、国家安全机关、人民检察院、人民法院根据案件的具体情况依法作出决定",
    ),
    Cite::new(
        "gd2-2",
        GD,
        "2",
        Some(2),
        None,
        "公安机关、人民检察院、人民法院决定取保候审的，由公安机关执行",
    ),
    Cite::new(
        "gd2-2b",
        GD,
        "2",
        Some(2),
        None,
        "人民法院办理国家安全机关移送的刑事案件决定取保候审的，由国家安全机关执行",
    ),
    Cite::new("67-2", XSF, "67", Some(2), None, "取保候审由公安机关执行"),
    Cite::new(
        "ga83",
        GA,
        "83",
        None,
        None,
        "经县级以上公安机关负责人批准，制作取保候审决定书",
    ),
    Cite::new(
        "js147-2",
        JS,
        "147",
        Some(2),
        None,
        "对被告人采取、撤销或者变更强制措施的，由院长决定",
    ),
    Cite::new(
        "js147-2b",
        JS,
        "147",
        Some(2),
        None,
        "可以由合议庭或者独任审判员决定",
    ),
    Cite::new(
        "jc178-2",
        JC,
        "178",
        Some(2),
        None,
        "对犯罪嫌疑人采取强制措施，应当经检察长批准",
    ),
    Cite::new(
        "gd27-1",
        GD,
        "27",
        Some(1),
        None,
        "由公安机关作出没收部分或者全部保证金的决定",
    ),
    Cite::new(
        "gd37",
        GD,
        "37",
        None,
        None,
        "适用本规定中关于公安机关职责的规定",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R01",
    name: "authority_roles",
    title: "取保候审的决定、批准与执行机关",
    description: "决定机关、内部批准人、执行机关（公安/国安）、没收保证金与保证人罚款的决定机关、离开居住地是否需征得决定机关同意",
    fields: &[
        ("decider", AUTHORITY, true, "本阶段办理案件的机关"),
        ("stage", STAGE, true, "诉讼阶段"),
        ("case_from_state_security", "boolean", false, "检察院/法院办理的案件系国家安全机关移送（决定机关为检察院或法院时必填）"),
        ("procuratorate_self_investigation", "boolean", false, "检察院自行侦查的案件（决定机关为检察院时必填）"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let decider = o.req(i.decider, "decider");
    let stage = o.req(i.stage, "stage");
    // The 国安-transfer and 自侦 facts are asked only where they matter.
    let from_ss = match decider {
        Some(Authority::Procuratorate | Authority::Court) => {
            o.req(i.case_from_state_security, "case_from_state_security")
        }
        _ => Some(false),
    };
    let self_inv = match decider {
        Some(Authority::Procuratorate) => o.req(
            i.procuratorate_self_investigation,
            "procuratorate_self_investigation",
        ),
        _ => Some(false),
    };
    let (Some(decider), Some(stage), Some(from_ss), Some(self_inv)) =
        (decider, stage, from_ss, self_inv)
    else {
        return Ok(o.missing());
    };
    // 1. The decider is the authority handling the stage (规定(2022) 2 ¶1).
    o.cite("gd2-1");
    let stage_ok = match (decider, stage) {
        (Authority::Procuratorate, Stage::Investigation) => self_inv,
        (Authority::PublicSecurity | Authority::StateSecurity, Stage::Investigation) => true,
        (Authority::Procuratorate, Stage::ProsecutionReview) => true,
        (Authority::Court, Stage::Trial) => true,
        _ => false,
    };
    if !stage_ok {
        o.flag(Flag::review(
            "该机关通常不在此诉讼阶段作出取保候审决定，请核对决定机关与阶段",
        ));
    }
    // 2. Internal approver.
    let approver = match decider {
        Authority::PublicSecurity => {
            o.cite("ga83");
            "县级以上公安机关负责人"
        }
        Authority::StateSecurity => {
            o.cite("ga83").cite("gd37");
            o.flag(Flag::review(
                "国家安全机关的内部审批规定不在语料中；依规定(2022)第37条参照公安机关",
            ));
            "县级以上国家安全机关负责人（参照公安机关）"
        }
        Authority::Court => {
            o.cite("js147-2").cite("js147-2b");
            "院长（决定继续取保候审的，可以由合议庭或者独任审判员决定）"
        }
        Authority::Procuratorate => {
            if self_inv {
                o.cite("jc178-2");
                "检察长"
            } else {
                o.flag(Flag::interpretation(
                    "检察院非自侦案件：按检察规则第4条的一般分工（重大办案事项由检察长决定，其他可授权）",
                ));
                "检察长或其授权的检察官（检察规则第4条）"
            }
        }
    };
    // 3. Executor (刑诉法67 ¶2; 规定(2022) 2 ¶2).
    let by_ss = decider == Authority::StateSecurity
        || (from_ss && matches!(decider, Authority::Procuratorate | Authority::Court));
    o.cite("67-2");
    let executor = if by_ss {
        o.cite("gd2-2b").cite("gd37");
        "国家安全机关"
    } else {
        o.cite("gd2-2");
        "公安机关"
    };
    // 4. Forfeiture and guarantor fines by the executing authority (规定(2022) 27 ¶1, 31 ¶1, 37).
    o.cite("gd27-1");
    let consent = matches!(decider, Authority::Court | Authority::Procuratorate);
    let summary =
        format!(
        "由{}决定（内部批准：{}），由{}执行（居住地派出所）；没收保证金、对保证人罚款由{}决定{}",
        decider.zh(),
        approver,
        executor,
        executor,
        if consent { "；被取保候审人离开所居住的市、县须先征得决定机关同意" } else { "" }
    );
    let details = json!({
        "decider": decider.zh(),
        "internal_approver": approver,
        "executor": executor,
        "executing_unit": "居住地派出所",
        "handover": match decider {
            Authority::PublicSecurity | Authority::StateSecurity => "直接通知居住地派出所执行",
            _ => "送交所在地同级公安机关，由县级公安机关在24小时内指定派出所",
        },
        "deposit_forfeiture_by": executor,
        "guarantor_fine_by": executor,
        "leave_approval_needs_decider_consent": consent,
    });
    Ok(o.done(
        if by_ss {
            "executor_state_security"
        } else {
            "executor_public_security"
        },
        &summary,
        details,
    ))
}
