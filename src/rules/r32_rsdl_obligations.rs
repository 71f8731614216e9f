//! R32 `rsdl_obligations_and_violation`: the six obligations of 监视居住 and the consequences of a
//! violation, per authority.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    LeftResidence,
    UnauthorisedMeeting,
    MissedSummons,
    NewIntentionalCrime,
    AttemptedSuicideOrFlight,
    DestroyedEvidenceOrInterfered,
    RetaliationOrHarassment,
    IllnessCuredOrNursingOver,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct Violation {
    kind: Kind,
    occurrence: Option<u8>,
    serious_consequence: Option<bool>,
    affects_trial: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    #[serde(default)]
    violations: Vec<Violation>,
    /// 情节严重 (刑诉法77 ¶2).
    serious: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "77-1-1",
        XSF,
        "77",
        Some(1),
        Some(1),
        "未经执行机关批准不得离开执行监视居住的处所",
    ),
    Cite::new(
        "77-1-2",
        XSF,
        "77",
        Some(1),
        Some(2),
        "未经执行机关批准不得会见他人或者通信",
    ),
    Cite::new(
        "77-1-6",
        XSF,
        "77",
        Some(1),
        Some(6),
        "将护照等出入境证件、身份证件、驾驶证件交执行机关保存",
    ),
    Cite::new("77-2", XSF, "77", Some(2), None, "情节严重的，可以予以逮捕"),
    Cite::new(
        "78",
        XSF,
        "78",
        None,
        None,
        "可以采取电子监控、不定期检查等监视方法",
    ),
    Cite::new(
        "jc111-2-1",
        JC,
        "111",
        Some(2),
        Some(1),
        "或者两次未经批准，擅自离开执行监视居住的处所",
    ),
    Cite::new(
        "js165-1-4",
        JS,
        "165",
        Some(1),
        Some(4),
        "疾病痊愈或者哺乳期已满的",
    ),
    Cite::new(
        "ga121-1",
        GA,
        "121",
        Some(1),
        None,
        "责令被监视居住人具结悔过或者给予治安管理处罚",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R32",
    name: "rsdl_obligations_and_violation",
    title: "被监视居住人的义务与违反的后果",
    description: "被监视居住人未经执行机关批准不得离开执行监视居住的处所、不得会见他人或者通信，在传讯时及时到案，不得干扰证人作证，不得毁灭、伪造证据或者串供，将护照等出入境证件、身份证件、驾驶证件交执行机关保存（刑诉法77）；执行机关可以采取电子监控、不定期检查等监视方法（刑诉法78）；违反规定情节严重的可以逮捕，需要逮捕的可以先行拘留（刑诉法77）；法院、检察院、公安机关的具体处理分别见刑诉解释165、检察规则111、公安部规定121",
    fields: &[
        ("decider", AUTHORITY, true, "决定机关"),
        ("violations", "array:object{kind:enum:left_residence|unauthorised_meeting|missed_summons|new_intentional_crime|attempted_suicide_or_flight|destroyed_evidence_or_interfered|retaliation_or_harassment|illness_cured_or_nursing_over,occurrence?:integer,serious_consequence?:boolean,affects_trial?:boolean}", false, "每一项违反监视居住规定的行为：行为种类、第几次、是否造成严重后果、是否影响审判"),
        ("serious", "boolean", false, "情节严重"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(decider) = o.req(i.decider, "decider") else {
        return Ok(o.missing());
    };
    // 1–2. Obligations and monitoring.
    o.cite("77-1-1").cite("77-1-2").cite("77-1-6").cite("78");
    let obligations = [
        "未经执行机关批准不得离开执行监视居住的处所",
        "未经执行机关批准不得会见他人或者通信",
        "在传讯的时候及时到案",
        "不得以任何形式干扰证人作证",
        "不得毁灭、伪造证据或者串供",
        "将护照等出入境证件、身份证件、驾驶证件交执行机关保存",
    ];
    let mut d = json!({"obligations": obligations, "monitoring": "电子监控、不定期检查；侦查期间可以对通信进行监控",
                       "approval": "离开处所、会见他人须经执行机关批准；法院、检察院决定的须先征得其同意（公安部规定120）"});
    if i.violations.is_empty() {
        let items: Vec<String> = obligations
            .iter()
            .enumerate()
            .map(|(k, t)| format!("（{}）{t}", crate::numerals::format(k as u32 + 1)))
            .collect();
        let summary = format!(
            "被监视居住人应当遵守刑诉法77条六项规定：{}；执行机关可以采取电子监控、不定期检查等监视方法，侦查期间可以对其通信进行监控（刑诉法78）",
            items.join("；")
        );
        return Ok(o.done("obligations", &summary, d));
    }
    // 3. Violations.
    o.cite("77-2");
    let vs = &i.violations;
    let any = |f: &dyn Fn(&Violation) -> bool| vs.iter().any(f);
    // "两次": the n-th time of a kind, or two entries of that kind, whichever says more.
    let times = |k: Kind| {
        let entries = vs.iter().filter(|v| v.kind == k).count();
        let highest = vs
            .iter()
            .filter(|v| v.kind == k)
            .map(|v| v.occurrence.unwrap_or(1) as usize)
            .max()
            .unwrap_or(0);
        entries.max(highest)
    };
    let occ = |v: &Violation| times(v.kind);
    let serious = |v: &Violation| v.serious_consequence == Some(true);
    let (arrest, basis) = match decider {
        Authority::Procuratorate => {
            let shall = any(&|v| {
                matches!(
                    v.kind,
                    Kind::NewIntentionalCrime
                        | Kind::AttemptedSuicideOrFlight
                        | Kind::RetaliationOrHarassment
                ) || (v.kind == Kind::DestroyedEvidenceOrInterfered && serious(v))
            });
            let may = any(&|v| {
                matches!(
                    v.kind,
                    Kind::LeftResidence | Kind::UnauthorisedMeeting | Kind::MissedSummons
                ) && (serious(v) || occ(v) >= 2)
            });
            if shall {
                ("shall", "检察规则111①")
            } else if may {
                o.cite("jc111-2-1");
                ("may", "检察规则111②")
            } else {
                ("may_if_serious", "刑诉法77②")
            }
        }
        Authority::Court => {
            let affects = |v: &Violation| v.affects_trial == Some(true);
            let shall = any(&|v| {
                matches!(
                    v.kind,
                    Kind::NewIntentionalCrime
                        | Kind::AttemptedSuicideOrFlight
                        | Kind::RetaliationOrHarassment
                        | Kind::DestroyedEvidenceOrInterfered
                        | Kind::IllnessCuredOrNursingOver
                ) || (v.kind == Kind::MissedSummons && affects(v))
                    || (matches!(v.kind, Kind::LeftResidence | Kind::UnauthorisedMeeting)
                        && (affects(v) || occ(v) >= 2))
            });
            if any(&|v| v.kind == Kind::IllnessCuredOrNursingOver) {
                o.cite("js165-1-4");
            }
            if shall {
                ("shall", "刑诉解释165")
            } else {
                ("may_if_serious", "刑诉法77②")
            }
        }
        _ => {
            o.cite("ga121-1");
            d["options"] = json!(["具结悔过", "治安管理处罚", "情节严重的提请批准逮捕"]);
            ("may_if_serious", "刑诉法77②、公安部规定121")
        }
    };
    let arrest = if arrest == "may_if_serious" && i.serious == Some(true) {
        "may"
    } else {
        arrest
    };
    d["arrest"] = json!(arrest);
    d["arrest_basis"] = json!(basis);
    d["prior_detention_possible"] = json!(arrest != "shall");
    let s = match arrest {
        "shall" => format!("应当逮捕（{basis}）"),
        "may" => format!("可以逮捕（{basis}），需要时可以先行拘留"),
        _ => format!("情节严重的可以逮捕（{basis}）；否则可责令具结悔过或给予治安管理处罚"),
    };
    Ok(o.done(&format!("arrest_{arrest}"), &s, d))
}
