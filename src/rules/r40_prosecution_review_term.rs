//! R40 `prosecution_review_term`: the 审查起诉 term of a detained suspect — 1 month, 15 days more
//! for a major, complex case; 10 (or 15) days under 速裁; each 退回补充侦查 at most 1 month, at most
//! twice, and the term counted afresh when the case comes back. Specification:
//! `src/rules/custody.md` R40. In custody: no holiday extension.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    /// The day the 检察院 received the case (again, after a 补充侦查).
    review_received_on: Option<NaiveDate>,
    /// The day the case came back after a 补充侦查: the term counts afresh from it (刑诉法175③).
    resubmitted_on: Option<NaiveDate>,
    /// 认罪认罚 and the conditions of 速裁程序.
    fast_track: Option<bool>,
    /// The day the case was returned for 补充侦查.
    returned_on: Option<NaiveDate>,
    /// How many times the case has been returned for 补充侦查 already.
    returns_so_far: Option<u32>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "172-1a",
        XSF,
        "172",
        Some(1),
        None,
        "应当在一个月以内作出决定，重大、复杂的案件，可以延长十五日",
    ),
    Cite::new(
        "172-1b",
        XSF,
        "172",
        Some(1),
        None,
        "应当在十日以内作出决定，对可能判处的有期徒刑超过一年的，可以延长至十五日",
    ),
    Cite::new(
        "175-3a",
        XSF,
        "175",
        Some(3),
        None,
        "对于补充侦查的案件，应当在一个月以内补充侦查完毕",
    ),
    Cite::new("175-3b", XSF, "175", Some(3), None, "补充侦查以二次为限"),
    Cite::new(
        "175-3c",
        XSF,
        "175",
        Some(3),
        None,
        "补充侦查完毕移送人民检察院后，人民检察院重新计算审查起诉期限",
    ),
    Cite::new(
        "175-4",
        XSF,
        "175",
        Some(4),
        None,
        "对于二次补充侦查的案件，人民检察院仍然认为证据不足，不符合起诉条件的",
    ),
    Cite::new(
        "jc351-1",
        JC,
        "351",
        Some(1),
        None,
        "重大、复杂的案件，一个月以内不能作出决定的，可以延长十五日",
    ),
    Cite::new(
        "jc273-1",
        JC,
        "273",
        Some(1),
        None,
        "应当在十日以内作出是否提起公诉的决定",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R40",
    name: "prosecution_review_term",
    title: "审查起诉期限与退回补充侦查",
    description: "检察院对移送起诉的案件，应当在1个月以内作出决定，重大、复杂的案件可以延长15日；认罪认罚符合速裁程序条件的，10日以内作出决定，可能判处的有期徒刑超过一年的可以延长至15日（刑诉法第172条）；退回补充侦查的，应当在1个月以内补充侦查完毕，以二次为限，补充侦查完毕移送后重新计算审查起诉期限；二次补充侦查后仍然证据不足的，应当作出不起诉决定（刑诉法第175条）；在押期间不得因节假日而延长",
    fields: &[
        ("review_received_on", "date", false, "检察院收到移送审查起诉的案件之日（补充侦查后为重新收到之日）"),
        ("resubmitted_on", "date", false, "补充侦查完毕重新移送之日"),
        ("fast_track", "boolean", false, "是否认罪认罚并符合速裁程序条件"),
        ("returned_on", "date", false, "退回补充侦查之日"),
        ("returns_so_far", "integer", false, "已经退回补充侦查的次数"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let mut parts = Vec::new();
    let mut details = json!({});
    if let Some(received) = i.resubmitted_on.or(i.review_received_on) {
        if i.fast_track == Some(true) {
            o.cite("172-1b").cite("jc273-1");
            let ten = period::days_for(&mut o, received, 10, true, ctx.cal)?.expiry_day;
            let fifteen = period::days_for(&mut o, received, 15, true, ctx.cal)?.expiry_day;
            details["end"] = json!(ten);
            details["end_extended"] = json!(fifteen);
            parts.push(format!(
                "认罪认罚、符合速裁程序条件的，检察院应当在10日以内作出是否起诉的决定，最后一日为{ten}；可能判处的有期徒刑超过一年的，可以延长至15日，即{fifteen}"
            ));
        } else {
            o.cite("172-1a").cite("jc351-1");
            let end = period::months_for(&mut o, received, 1, true, ctx.cal)?.expiry_day;
            let extended = period::days_for(&mut o, end, 15, true, ctx.cal)?.expiry_day;
            details["end"] = json!(end);
            details["end_extended"] = json!(extended);
            let from = if i.resubmitted_on.is_some() {
                "从补充侦查完毕重新移送之日重新计算"
            } else {
                "从检察院收到案件之日起算"
            };
            parts.push(format!(
                "审查起诉期限为1个月，{from}，到{end}届满；重大、复杂的案件可以延长15日，到{extended}"
            ));
        }
    }
    if let Some(back) = i.returned_on {
        o.cite("175-3a");
        let by = period::months_for(&mut o, back, 1, true, ctx.cal)?.expiry_day;
        details["supplementary_by"] = json!(by);
        parts.push(format!(
            "退回补充侦查的，应当在1个月以内（{by}前）补充侦查完毕"
        ));
    }
    o.cite("175-3b").cite("175-3c").cite("175-4");
    let left = 2u32.saturating_sub(i.returns_so_far.unwrap_or(0));
    if let Some(n) = i.returns_so_far {
        details["returns_left"] = json!(left);
        parts.push(format!("已退回{n}次，还可以退回{left}次"));
    }
    parts.push("补充侦查以二次为限，每次补充侦查完毕移送后重新计算审查起诉期限；二次补充侦查后仍然证据不足、不符合起诉条件的，应当作出不起诉决定".into());
    if i.review_received_on.is_none() && i.resubmitted_on.is_none() && i.returned_on.is_none() {
        o.cite("172-1a");
        parts.insert(
            0,
            "检察院审查起诉的期限为1个月，重大、复杂的案件可以延长15日；认罪认罚、符合速裁程序条件的为10日，可能判处的有期徒刑超过一年的可以延长至15日".into(),
        );
    }
    Ok(o.done("computed", &parts.join("；"), details))
}
