//! R20 `automatic_release`: events that end bail without release formalities.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Event {
    ChangedTo,
    NonProsecution,
    AcquittalOrExemptionOrNotResponsibleEffective,
    ControlOrProbation,
    AdditionalPenaltyOnlyEffective,
    CustodialSentence,
    NewStageBailExecuted,
    TermExpired,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    event: Option<Event>,
    /// 监视居住 / detention / arrest (ChangedTo).
    new_measure: Option<String>,
    decided_on: Option<NaiveDate>,
    /// The new measure / penalty / community correction started, or the judgment became effective.
    executed_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd24-1",
        GD,
        "24",
        Some(1),
        None,
        "决定机关应当作出解除取保候审或者变更强制措施的决定",
    ),
    Cite::new(
        "gd24-3",
        GD,
        "24",
        Some(3),
        None,
        "取保候审自动解除，不再办理解除手续",
    ),
    Cite::new(
        "gd24-3-1",
        GD,
        "24",
        Some(3),
        Some(1),
        "变更后的强制措施已经开始执行的",
    ),
    Cite::new(
        "gd24-3-2",
        GD,
        "24",
        Some(3),
        Some(2),
        "人民检察院作出不起诉决定的",
    ),
    Cite::new(
        "gd24-3-4",
        GD,
        "24",
        Some(3),
        Some(4),
        "被判处管制或者适用缓刑，社区矫正已经开始执行的",
    ),
    Cite::new(
        "gd24-3-5",
        GD,
        "24",
        Some(3),
        Some(5),
        "被单处附加刑，判决、裁定已经发生法律效力的",
    ),
    Cite::new(
        "gd24-3-6",
        GD,
        "24",
        Some(3),
        Some(6),
        "被判处监禁刑，刑罚已经开始执行的",
    ),
    Cite::new(
        "js172",
        JS,
        "172",
        None,
        None,
        "在社区矫正开始后，强制措施自动解除",
    ),
    Cite::new(
        "jc154",
        JC,
        "154",
        None,
        None,
        "在变更的同时原强制措施自动解除，不再办理解除法律手续",
    ),
    Cite::new(
        "ga162",
        GA,
        "162",
        None,
        None,
        "对原强制措施不再办理解除法律手续",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R20",
    name: "automatic_release",
    title: "取保候审自动解除",
    description: "有下列情形之一的，取保候审自动解除，不再办理解除手续：变更为监视居住、拘留、逮捕，变更后的措施已经开始执行；检察院作出不起诉决定；无罪、免予刑事处罚或者不负刑事责任的判决、裁定生效；被判处管制或者适用缓刑，社区矫正已经开始执行；单处附加刑的判决、裁定生效；监禁刑已经开始执行（规定(2022)24③）；移送后受案机关继续取保候审的决定执行（规定(2022)26②）；期限届满不在其列",
    fields: &[
        ("event", "enum:changed_to|non_prosecution|acquittal_or_exemption_or_not_responsible_effective|control_or_probation|additional_penalty_only_effective|custodial_sentence|new_stage_bail_executed|term_expired", true, "事件"),
        ("new_measure", "string", false, "变更后的强制措施"),
        ("decided_on", "date", false, "作出决定/判决之日"),
        ("executed_on", "date", false, "开始执行/社区矫正开始/判决生效之日"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(ev) = o.req(i.event, "event") else {
        return Ok(o.missing());
    };
    if ev == Event::TermExpired {
        let d = json!({"released": false, "see": "R19"});
        o.flag(Flag::conflict("C11", "期满不是自动解除情形"));
        o.cite("gd24-1");
        return Ok(o.done(
            "not_released",
            "期限届满不自动解除：决定机关应当作出解除或变更决定",
            d,
        ));
    }
    o.cite("gd24-3");
    // Whether the trigger needs a start of execution, and its citation.
    let (key, needs_date, what) = match ev {
        Event::ChangedTo => ("gd24-3-1", true, "变更后的强制措施开始执行"),
        Event::NonProsecution => ("gd24-3-2", false, "人民检察院作出不起诉决定"),
        Event::AcquittalOrExemptionOrNotResponsibleEffective => (
            "gd24-3",
            false,
            "无罪、免予刑事处罚或不负刑事责任的判决、裁定生效",
        ),
        Event::ControlOrProbation => ("gd24-3-4", true, "社区矫正开始执行"),
        Event::AdditionalPenaltyOnlyEffective => ("gd24-3-5", false, "单处附加刑的判决、裁定生效"),
        Event::CustodialSentence => ("gd24-3-6", true, "监禁刑开始执行"),
        Event::NewStageBailExecuted => (
            "gd24-3",
            false,
            "新阶段继续取保候审的决定执行（规定(2022)26②）",
        ),
        Event::TermExpired => unreachable_free(),
    };
    o.cite(key);
    match ev {
        Event::ChangedTo => {
            o.cite("jc154").cite("ga162");
            o.flag(Flag::conflict(
                "C10",
                "检察规则154“在变更的同时”；规定(2022)24③(一)以新措施开始执行为准",
            ));
        }
        Event::ControlOrProbation => {
            o.cite("js172");
        }
        Event::NewStageBailExecuted => {
            o.cite("ga162");
        }
        _ => {}
    }
    if needs_date && i.executed_on.is_none() {
        let d = json!({"released": false, "waiting_for": what});
        return Ok(o.done("not_yet", &format!("尚未自动解除：须待{what}"), d));
    }
    let effective = i.executed_on.or(i.decided_on);
    let d = json!({
        "released": true,
        "effective_on": effective,
        "decider_must_notify_executor": true,
        "triggers_refund_check": true,
        "new_measure": i.new_measure,
    });
    let s = match effective {
        Some(e) => format!("{what}：取保候审于{e}自动解除，不再办理解除手续；决定机关应及时通知执行机关，保证金依退还保证金的规定处理"),
        None => format!("{what}：取保候审自动解除，不再办理解除手续；保证金依退还保证金的规定处理"),
    };
    Ok(o.done("released", &s, d))
}

/// `TermExpired` returns early above; this keeps the match total without a panic.
fn unreachable_free() -> (&'static str, bool, &'static str) {
    ("gd24-3", false, "")
}
