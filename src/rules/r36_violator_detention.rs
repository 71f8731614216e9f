//! R36 `violator_detention`: a person who breaks the rules of 取保候审 or 监视居住 and needs to be
//! arrested may first be 拘留ed (先行拘留), by whom, and the clock that then runs (R33, R34).
//! Specification: `src/rules/custody.md` R36.

use super::r17_term_end_date::Measure;
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    measure: Option<Measure>,
    decider: Option<Authority>,
    /// 监视居住: the violation is 情节严重 (刑诉法77②).
    serious_violation: Option<bool>,
    /// The day of the 先行拘留.
    detained_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "71-4",
        XSF,
        "71",
        Some(4),
        None,
        "对违反取保候审规定，需要予以逮捕的，可以对犯罪嫌疑人、被告人先行拘留",
    ),
    Cite::new(
        "77-2a",
        XSF,
        "77",
        Some(2),
        None,
        "情节严重的，可以予以逮捕",
    ),
    Cite::new(
        "77-2b",
        XSF,
        "77",
        Some(2),
        None,
        "需要予以逮捕的，可以对犯罪嫌疑人、被告人先行拘留",
    ),
    Cite::new(
        "ga96-1",
        GA,
        "96",
        Some(1),
        None,
        "需要予以逮捕的，可以对其先行拘留",
    ),
    Cite::new(
        "ga121-1a",
        GA,
        "121",
        Some(1),
        None,
        "情节严重的，可以予以逮捕；需要予以逮捕的，可以对其先行拘留",
    ),
    Cite::new(
        "ga121-1b",
        GA,
        "121",
        Some(1),
        None,
        "责令被监视居住人具结悔过或者给予治安管理处罚",
    ),
    Cite::new(
        "ga162",
        GA,
        "162",
        None,
        None,
        "取保候审、监视居住变更为拘留、逮捕的，对原强制措施不再办理解除法律手续",
    ),
    Cite::new(
        "jc101-3a",
        JC,
        "101",
        Some(3),
        None,
        "需要对犯罪嫌疑人予以逮捕的，可以先行拘留",
    ),
    Cite::new(
        "jc101-3b",
        JC,
        "101",
        Some(3),
        None,
        "已交纳保证金的，同时书面通知公安机关没收保证金",
    ),
    Cite::new(
        "jc111-3",
        JC,
        "111",
        Some(3),
        None,
        "需要对犯罪嫌疑人予以逮捕的，可以先行拘留",
    ),
    Cite::new(
        "js164",
        JS,
        "164",
        Some(1),
        None,
        "被取保候审的被告人具有下列情形之一的，人民法院应当决定逮捕",
    ),
    Cite::new(
        "91-1",
        XSF,
        "91",
        Some(1),
        None,
        "应当在拘留后的三日以内，提请人民检察院审查批准",
    ),
    Cite::new(
        "85-2",
        XSF,
        "85",
        Some(2),
        None,
        "应当在拘留后二十四小时以内，通知被拘留人的家属",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R36",
    name: "violator_detention",
    title: "违反取保候审、监视居住规定的先行拘留",
    description: "违反取保候审规定、需要予以逮捕的，可以先行拘留（刑诉法第71条第4款）；违反监视居住规定、情节严重的，可以逮捕，需要逮捕的可以先行拘留，情节不严重的责令具结悔过或者给予治安管理处罚（刑诉法第77条第2款，公安部规定第121条）；先行拘留后按刑事拘留的期限办理：24小时内通知家属，3日内提请批准逮捕；原取保候审、监视居住不再办理解除手续；人民法院没有先行拘留的规定，直接决定逮捕",
    fields: &[
        ("measure", "enum:bail|rsdl", false, "取保候审或监视居住"),
        ("decider", AUTHORITY, false, "决定取保候审或监视居住的机关"),
        ("serious_violation", "boolean", false, "违反监视居住规定是否情节严重"),
        ("detained_on", "date", false, "先行拘留之日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let mut parts: Vec<String> = Vec::new();
    let mut details = json!({});
    match (i.measure, i.serious_violation) {
        (Some(Measure::Rsdl), Some(false)) => {
            o.cite("77-2a").cite("ga121-1b");
            let summary = "违反监视居住规定但情节不严重的，不能以此逮捕或先行拘留，公安机关可以责令具结悔过或者给予治安管理处罚";
            return Ok(o.done("computed", summary, json!({"may_detain_first": false})));
        }
        (Some(Measure::Rsdl), _) => {
            o.cite("77-2a").cite("77-2b").cite("ga121-1a");
            parts.push("违反监视居住规定、情节严重的，可以逮捕；需要逮捕的，可以先行拘留（情节不严重的，只能责令具结悔过或者给予治安管理处罚）".into());
        }
        _ => {
            o.cite("71-4").cite("ga96-1");
            parts.push("违反取保候审规定、需要予以逮捕的，可以先行拘留；是否需要逮捕看违反的情形（见违反规定的后果）".into());
        }
    }
    match i.decider {
        Some(Authority::Court) => {
            o.cite("js164");
            parts.push(
                "人民法院决定的，没有先行拘留的规定，由法院直接决定逮捕、公安机关执行".into(),
            );
        }
        Some(Authority::Procuratorate) => {
            o.cite("jc101-3a").cite("jc111-3").cite("jc101-3b");
            parts.push("检察院决定的，检察院可以先行拘留（由公安机关执行），已交保证金的同时书面通知公安机关没收".into());
        }
        _ => {}
    }
    o.cite("ga162").cite("85-2").cite("91-1");
    let clock = match i.detained_on {
        Some(d) => {
            let p = period::days_for(&mut o, d, 3, true, ctx.cal)?;
            details["request_by"] = json!(p.expiry_day);
            format!(
                "先行拘留后，24小时内通知家属，公安机关应在拘留后3日内（{}前）提请批准逮捕",
                p.expiry_day
            )
        }
        None => {
            "先行拘留后按刑事拘留的期限办理：24小时内送看守所、通知家属和讯问，3日内提请批准逮捕"
                .into()
        }
    };
    parts.push(clock);
    parts.push("原来的取保候审、监视居住不再办理解除手续".into());
    details["may_detain_first"] = json!(i.decider != Some(Authority::Court));
    Ok(o.done("computed", &parts.join("；"), details))
}
