//! R39 `investigation_custody_term`: 侦查羁押期限 after an arrest — 2 months, + 1 month (上一级
//! 检察院), + 2 months (省级检察院, four kinds of case), + 2 months more (省级, 十年以上) — each end
//! with its approver and the day the request is due (7 days before), and the restart on another
//! major crime or on identity established. Specification: `src/rules/custody.md` R39. Months run
//! from the anchor directly (刑诉解释202①); in custody, no holiday extension.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    /// The day the arrest was executed.
    arrested_on: Option<NaiveDate>,
    /// 另有重要罪行 found on this day: the term restarts (刑诉法160①).
    other_major_crime_found_on: Option<NaiveDate>,
    /// 身份不明: the term runs from the day the identity is established (刑诉法160②).
    identity_established_on: Option<NaiveDate>,
    /// 刑诉法158: 边远地区, 重大的犯罪集团, 流窜作案, 涉及面广取证困难.
    listed_complex_case: Option<bool>,
    /// 刑诉法159: may be sentenced to ten years or more.
    likely_ten_years_plus: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "156a",
        XSF,
        "156",
        None,
        None,
        "对犯罪嫌疑人逮捕后的侦查羁押期限不得超过二个月",
    ),
    Cite::new(
        "156b",
        XSF,
        "156",
        None,
        None,
        "案情复杂、期限届满不能终结的案件，可以经上一级人民检察院批准延长一个月",
    ),
    Cite::new(
        "158",
        XSF,
        "158",
        Some(1),
        None,
        "经省、自治区、直辖市人民检察院批准或者决定，可以延长二个月",
    ),
    Cite::new(
        "159a",
        XSF,
        "159",
        None,
        None,
        "对犯罪嫌疑人可能判处十年有期徒刑以上刑罚",
    ),
    Cite::new(
        "159b",
        XSF,
        "159",
        None,
        None,
        "经省、自治区、直辖市人民检察院批准或者决定，可以再延长二个月",
    ),
    Cite::new(
        "160-1",
        XSF,
        "160",
        Some(1),
        None,
        "自发现之日起依照本法第一百五十六条的规定重新计算侦查羁押期限",
    ),
    Cite::new(
        "160-2",
        XSF,
        "160",
        Some(2),
        None,
        "侦查羁押期限自查清其身份之日起计算",
    ),
    Cite::new(
        "149",
        XSF,
        "149",
        None,
        None,
        "对犯罪嫌疑人作精神病鉴定的期间不计入办案期限",
    ),
    Cite::new(
        "ga148",
        GA,
        "148",
        None,
        None,
        "在期限届满七日前送请同级人民检察院转报上一级人民检察院批准延长一个月",
    ),
    Cite::new(
        "ga149",
        GA,
        "149",
        Some(1),
        None,
        "在期限届满七日前送请同级人民检察院层报省、自治区、直辖市人民检察院批准",
    ),
    Cite::new(
        "ga151",
        GA,
        "151",
        Some(1),
        None,
        "应当自发现之日起五日以内报县级以上公安机关负责人批准后",
    ),
    Cite::new(
        "jc309-3",
        JC,
        "309",
        Some(3),
        None,
        "对于超过法定羁押期限提请延长侦查羁押期限的，不予受理",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R39",
    name: "investigation_custody_term",
    title: "逮捕后的侦查羁押期限及其延长",
    description: "逮捕后的侦查羁押期限不得超过2个月；案情复杂、期限届满不能终结的，经上一级人民检察院批准延长1个月；交通十分不便的边远地区、重大的犯罪集团、流窜作案、涉及面广取证困难的重大复杂案件，经省级人民检察院批准再延长2个月；可能判处十年有期徒刑以上刑罚的，经省级人民检察院批准再延长2个月，合计最长7个月（刑诉法第156、158、159条）；公安机关应在期限届满7日前提请；发现另有重要罪行的自发现之日起重新计算；精神病鉴定的期间不计入",
    fields: &[
        ("arrested_on", "date", true, "执行逮捕之日"),
        ("other_major_crime_found_on", "date", false, "发现另有重要罪行之日"),
        ("identity_established_on", "date", false, "身份不明的，查清身份之日"),
        ("listed_complex_case", "boolean", false, "交通十分不便的边远地区、重大的犯罪集团、流窜作案、涉及面广取证困难的重大复杂案件"),
        ("likely_ten_years_plus", "boolean", false, "可能判处十年有期徒刑以上刑罚"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (anchor, from) = match (
        i.other_major_crime_found_on,
        i.identity_established_on,
        i.arrested_on,
    ) {
        (Some(f), _, _) => {
            o.cite("160-1").cite("ga151");
            (f, format!("自发现另有重要罪行之日（{f}）重新计算"))
        }
        (None, Some(d), _) => {
            o.cite("160-2");
            (d, format!("自查清身份之日（{d}）起计算"))
        }
        (None, None, Some(d)) => (d, format!("自逮捕之日（{d}）起计算")),
        (None, None, None) => {
            o.req(None::<NaiveDate>, "arrested_on");
            return Ok(o.missing());
        }
    };
    o.cite("156a")
        .cite("156b")
        .cite("158")
        .cite("159a")
        .cite("159b");
    let end = |o: &mut Out, months: u32| -> Result<NaiveDate> {
        Ok(period::months_for(o, anchor, months, true, ctx.cal)?.expiry_day)
    };
    let (two, three, five, seven) = (
        end(&mut o, 2)?,
        end(&mut o, 3)?,
        end(&mut o, 5)?,
        end(&mut o, 7)?,
    );
    let due = |d: NaiveDate| period::before(d, 7).unwrap_or(d);
    o.cite("ga148").cite("ga149").cite("jc309-3").cite("149");
    // The longest term the stated circumstances allow: 159 extends only a term 158 extended.
    let longest = match (i.listed_complex_case, i.likely_ten_years_plus) {
        (Some(true), Some(true)) => Some((
            seven,
            "7个月",
            "属于第一百五十八条所列重大复杂案件、又可能判处十年有期徒刑以上刑罚的",
        )),
        (Some(true), Some(false)) => Some((
            five,
            "5个月",
            "属于第一百五十八条所列重大复杂案件、不可能判处十年有期徒刑以上刑罚的",
        )),
        (Some(false), _) => Some((three, "3个月", "不属于第一百五十八条所列重大复杂案件的")),
        _ => None,
    };
    let conclusion = match longest {
        Some((day, months, when)) => format!("{when}，侦查羁押期限最长可至{day}（共{months}）。"),
        None => String::new(),
    };
    let summary = format!(
        "{conclusion}侦查羁押期限{from}，不得超过2个月，到{two}届满；案情复杂、期限届满不能终结的，经上一级人民检察院批准延长1个月，到{three}（公安机关应在{}前提请）；属于交通十分不便的边远地区、重大的犯罪集团、流窜作案、涉及面广取证困难的重大复杂案件的，经省级人民检察院批准再延长2个月，到{five}（{}前提请）；可能判处十年有期徒刑以上刑罚的，经省级人民检察院批准再延长2个月，到{seven}（{}前提请）。在押期间不得因节假日而延长；过了期限才提请延长的不予受理；精神病鉴定的期间不计入",
        due(two),
        due(three),
        due(five)
    );
    let mut details = json!({
        "anchor": anchor,
        "ends": {"two_months": two, "three_months": three, "five_months": five, "seven_months": seven},
        "request_by": {"three_months": due(two), "five_months": due(three), "seven_months": due(five)},
    });
    if let Some((day, _, _)) = longest {
        details["longest_end"] = json!(day);
    }
    Ok(o.done("computed", &summary, details))
}
