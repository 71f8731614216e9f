//! R41 `trial_term`: the trial terms that bound custody — first instance 2 months, at most 3, 3 more
//! with the 上一级法院's approval for the cases the law names; second instance 2 months, 2 more with
//! the 高级法院's approval; the count afresh after a change of court, a 补充侦查 or a 发回重审.
//! Specification: `src/rules/custody.md` R41. Detained defendant: no holiday extension.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Instance {
    First,
    Second,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    instance: Option<Instance>,
    /// The day the court accepted the case (受理), or received it again.
    accepted_on: Option<NaiveDate>,
    /// The day the case came back after a 补充侦查 (or 发回重审): the term counts afresh from it.
    resubmitted_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "208-1a",
        XSF,
        "208",
        Some(1),
        None,
        "应当在受理后二个月以内宣判，至迟不得超过三个月",
    ),
    Cite::new(
        "208-1b",
        XSF,
        "208",
        Some(1),
        None,
        "经上一级人民法院批准，可以延长三个月",
    ),
    Cite::new(
        "208-1c",
        XSF,
        "208",
        Some(1),
        None,
        "因特殊情况还需要延长的，报请最高人民法院批准",
    ),
    Cite::new(
        "208-3",
        XSF,
        "208",
        Some(3),
        None,
        "补充侦查完毕移送人民法院后，人民法院重新计算审理期限",
    ),
    Cite::new(
        "243-1a",
        XSF,
        "243",
        Some(1),
        None,
        "第二审人民法院受理上诉、抗诉案件，应当在二个月以内审结",
    ),
    Cite::new(
        "243-1b",
        XSF,
        "243",
        Some(1),
        None,
        "经省、自治区、直辖市高级人民法院批准或者决定，可以延长二个月",
    ),
    Cite::new(
        "241",
        XSF,
        "241",
        None,
        None,
        "原审人民法院从收到发回的案件之日起，重新计算审理期限",
    ),
    Cite::new(
        "js210-2",
        JS,
        "210",
        Some(2),
        None,
        "申请批准延长审理期限的，应当在期限届满十五日以前层报",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R41",
    name: "trial_term",
    title: "一审、二审的审理期限",
    description: "一审公诉案件应当在受理后2个月以内宣判，至迟不得超过3个月；可能判处死刑的案件、附带民事诉讼的案件以及交通十分不便的边远地区、重大犯罪集团、流窜作案、涉及面广取证困难的重大复杂案件，经上一级人民法院批准可以延长3个月，特殊情况报请最高人民法院批准（刑诉法第208条）；二审应当在2个月以内审结，有上述情形的经高级人民法院批准或者决定可以延长2个月（刑诉法第243条）；改变管辖、补充侦查完毕移送、发回重审的，重新计算审理期限；被告人在押期间不得因节假日而延长",
    fields: &[
        ("instance", "enum:first|second", false, "一审或二审"),
        ("accepted_on", "date", false, "法院受理案件之日"),
        ("resubmitted_on", "date", false, "补充侦查完毕重新移送（或发回重审后收到案件）之日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let instance = i.instance.unwrap_or(Instance::First);
    let mut details = json!({});
    let summary = match (instance, i.resubmitted_on.or(i.accepted_on)) {
        (Instance::First, Some(d)) => {
            o.cite("208-1a")
                .cite("208-1b")
                .cite("208-1c")
                .cite("js210-2");
            let two = period::months_for(&mut o, d, 2, true, ctx.cal)?.expiry_day;
            let three = period::months_for(&mut o, d, 3, true, ctx.cal)?.expiry_day;
            let six = period::months_for(&mut o, d, 6, true, ctx.cal)?.expiry_day;
            let apply_by = period::before(three, 15).unwrap_or(three);
            details = json!({"target_end": two, "max_end": three, "extended_end": six, "apply_by": apply_by});
            format!(
                "一审应当在受理后2个月以内宣判，即{two}前，至迟不得超过3个月，即{three}；可能判处死刑、附带民事诉讼或者属于重大复杂案件的，经上一级人民法院批准可以延长3个月，到{six}（应当在期限届满15日以前、{apply_by}前申请）；特殊情况报请最高人民法院批准。被告人在押的，期限不得因节假日而延长"
            )
        }
        (Instance::Second, Some(d)) => {
            o.cite("243-1a").cite("243-1b");
            let two = period::months_for(&mut o, d, 2, true, ctx.cal)?.expiry_day;
            let four = period::months_for(&mut o, d, 4, true, ctx.cal)?.expiry_day;
            details = json!({"target_end": two, "extended_end": four});
            format!(
                "二审应当在受理后2个月以内审结，即{two}前；可能判处死刑、附带民事诉讼或者属于重大复杂案件的，经高级人民法院批准或者决定可以延长2个月，到{four}。被告人在押的，期限不得因节假日而延长"
            )
        }
        (Instance::First, None) => {
            o.cite("208-1a").cite("208-1b").cite("208-1c");
            "一审公诉案件应当在受理后2个月以内宣判，至迟不得超过3个月；可能判处死刑、附带民事诉讼或者属于重大复杂案件的，经上一级人民法院批准可以延长3个月；特殊情况报请最高人民法院批准".to_string()
        }
        (Instance::Second, None) => {
            o.cite("243-1a").cite("243-1b");
            "二审应当在2个月以内审结；可能判处死刑、附带民事诉讼或者属于重大复杂案件的，经高级人民法院批准或者决定可以延长2个月".to_string()
        }
    };
    o.cite("208-3").cite("241");
    Ok(o.done(
        "computed",
        &format!("{summary}；补充侦查完毕移送或者发回重审的，从收到案件之日起重新计算审理期限"),
        details,
    ))
}
