//! R28 `rsdl_eligibility`: is 监视居住 available?

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    authority: Option<Authority>,
    meets_arrest_conditions: Option<bool>,
    serious_illness_or_cannot_care: Option<bool>,
    pregnant_or_breastfeeding: Option<bool>,
    sole_caretaker_of_dependent: Option<bool>,
    special_case_need: Option<bool>,
    custody_limit_expired_case_pending: Option<bool>,
    meets_bail_conditions: Option<bool>,
    cannot_offer_guarantor_nor_deposit: Option<bool>,
    arrest_refused_investigation_continues: Option<bool>,
    bail_violation: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "74-1",
        XSF,
        "74",
        Some(1),
        None,
        "对符合逮捕条件，有下列情形之一的犯罪嫌疑人、被告人，可以监视居住",
    ),
    Cite::new(
        "74-1-3",
        XSF,
        "74",
        Some(1),
        Some(3),
        "系生活不能自理的人的唯一扶养人",
    ),
    Cite::new(
        "74-1-4",
        XSF,
        "74",
        Some(1),
        Some(4),
        "采取监视居住措施更为适宜的",
    ),
    Cite::new(
        "74-2",
        XSF,
        "74",
        Some(2),
        None,
        "也不交纳保证金的，可以监视居住",
    ),
    Cite::new(
        "gd6-1",
        GD,
        "6",
        Some(1),
        None,
        "不能提出保证人也不交纳保证金的，可以监视居住",
    ),
    Cite::new("74-3", XSF, "74", Some(3), None, "监视居住由公安机关执行"),
    Cite::new(
        "jc107-2",
        JC,
        "107",
        Some(2),
        None,
        "以及配偶、兄弟姐妹之间的相互扶养",
    ),
    Cite::new(
        "ga109-2",
        GA,
        "109",
        Some(2),
        None,
        "对人民检察院决定不批准逮捕的犯罪嫌疑人，需要继续侦查",
    ),
    Cite::new(
        "ga109-4",
        GA,
        "109",
        Some(4),
        None,
        "对于被取保候审人违反本规定第八十九条、第九十条规定的，可以监视居住",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R28",
    name: "rsdl_eligibility",
    title: "监视居住的适用条件",
    description: "符合逮捕条件且有刑诉法74条第1款五种情形之一，或符合取保候审条件但不能提出保证人也不交纳保证金的，可以监视居住；公安另有两种途径；由公安机关执行",
    fields: &[
        ("authority", AUTHORITY, false, "决定机关（公安的两种途径需要）"),
        ("meets_arrest_conditions", "boolean", false, "符合逮捕条件（刑诉法81）；未走刑诉法74条第2款途径时需要"),
        ("serious_illness_or_cannot_care", "boolean", false, "患有严重疾病、生活不能自理"),
        ("pregnant_or_breastfeeding", "boolean", false, "怀孕或者正在哺乳自己婴儿的妇女"),
        ("sole_caretaker_of_dependent", "boolean", false, "系生活不能自理的人的唯一扶养人"),
        ("special_case_need", "boolean", false, "因案件的特殊情况或办案需要，采取监视居住更为适宜"),
        ("custody_limit_expired_case_pending", "boolean", false, "羁押期限届满，案件尚未办结"),
        ("meets_bail_conditions", "boolean", false, "符合取保候审条件"),
        ("cannot_offer_guarantor_nor_deposit", "boolean", false, "不能提出保证人也不交纳保证金"),
        ("arrest_refused_investigation_continues", "boolean", false, "公安：检察院不批准逮捕，需要继续侦查"),
        ("bail_violation", "boolean", false, "公安：被取保候审人违反规定"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let y = |b: Option<bool>| b == Some(true);
    let mut basis: Vec<&str> = Vec::new();
    // 1. Arrest conditions + a 74 ¶1 situation.
    if i.meets_arrest_conditions == Some(true) {
        let items = [
            (y(i.serious_illness_or_cannot_care), "74①(一)"),
            (y(i.pregnant_or_breastfeeding), "74①(二)"),
            (y(i.sole_caretaker_of_dependent), "74①(三)"),
            (y(i.special_case_need), "74①(四)"),
            (y(i.custody_limit_expired_case_pending), "74①(五)"),
        ];
        for (ok, id) in items {
            if ok {
                basis.push(id);
            }
        }
        if !basis.is_empty() {
            o.cite("74-1");
            if y(i.sole_caretaker_of_dependent) {
                o.cite("74-1-3").cite("jc107-2");
            }
            if y(i.special_case_need) {
                o.cite("74-1-4");
            }
        }
    }
    // 2. Bail-eligible but no guarantee: open to every authority, whatever the arrest conditions.
    if y(i.meets_bail_conditions) && y(i.cannot_offer_guarantor_nor_deposit) {
        o.cite("74-2").cite("gd6-1");
        basis.push("74②");
    }
    // 3. 公安 pathways (公安部规定109 ¶2, ¶4): only these need the authority.
    let ps_path = y(i.arrest_refused_investigation_continues) || y(i.bail_violation);
    if ps_path && basis.is_empty() {
        o.req(i.authority, "authority");
    }
    if i.authority == Some(Authority::PublicSecurity) {
        if y(i.arrest_refused_investigation_continues) {
            o.cite("ga109-2");
            o.flag(Flag::review(
                "公安部规定109②另要求“符合监视居住条件”，引擎不评估该条件",
            ));
            basis.push("公安部规定109②");
        }
        if y(i.bail_violation) {
            o.cite("ga109-4");
            basis.push("公安部规定109④");
        }
    }
    if basis.is_empty() {
        // Only now is the arrest-conditions fact decisive.
        o.req(i.meets_arrest_conditions, "meets_arrest_conditions");
        if !o.needs_is_empty() {
            return Ok(o.missing());
        }
    }
    o.cite("74-3");
    let d = json!({"modality": if basis.is_empty() { "shall_not" } else { "may" }, "basis": basis, "executor": "公安机关"});
    if basis.is_empty() {
        let s = if i.meets_arrest_conditions == Some(true) {
            "符合逮捕条件但无刑诉法74条第1款情形：不适用监视居住，应依法逮捕"
        } else {
            "不符合监视居住的条件"
        };
        return Ok(o.done("shall_not", s, d));
    }
    // each ground in its own words, with where it stands
    let words = |b: &str| -> String {
        let what = match b {
            "74①(一)" => "患有严重疾病、生活不能自理",
            "74①(二)" => "怀孕或者正在哺乳自己的婴儿",
            "74①(三)" => "是生活不能自理的人的唯一扶养人（扶养包括父母子女、祖孙之间，以及配偶、兄弟姐妹之间的相互扶养）",
            "74①(四)" => "因为案件的特殊情况或者办理案件的需要",
            "74①(五)" => "羁押期限届满、案件尚未办结",
            "74②" => "符合取保候审条件，但提不出保证人、也不交纳保证金",
            "公安部规定109②" => "检察院不批准逮捕、需要继续侦查",
            "公安部规定109④" => "违反取保候审规定",
            other => other,
        };
        match b.starts_with(|c: char| c.is_ascii_digit()) {
            true => format!("{what}（刑诉法{b}）"),
            false => format!("{what}（{b}）"),
        }
    };
    let grounds: Vec<String> = basis.iter().map(|b| words(b)).collect();
    Ok(o.done(
        "may",
        &format!("可以监视居住：{}；由公安机关执行", grounds.join("；")),
        d,
    ))
}
