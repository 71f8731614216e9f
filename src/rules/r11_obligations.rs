//! R11 `obligations`: the five statutory obligations of a person on bail, plus the optional ones the
//! decider imposes (validated against the 规定(2022) 7–9 categories).

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum CondType {
    NoEntry,
    NoContact,
    NoActivity,
    SurrenderDocuments,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptCond {
    #[serde(rename = "type")]
    ty: CondType,
    #[serde(default)]
    categories: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    #[serde(default)]
    optional: Vec<OptCond>,
    /// Time of a change of address, employer or contact details (M2's 24 hours).
    changed_at: Option<String>,
    remote_execution: Option<bool>,
}

pub(super) const CITES: &[Cite] = &[
    Cite::new(
        "71-1-1",
        XSF,
        "71",
        Some(1),
        Some(1),
        "未经执行机关批准不得离开所居住的市、县",
    ),
    Cite::new(
        "71-1-2",
        XSF,
        "71",
        Some(1),
        Some(2),
        "在二十四小时以内向执行机关报告",
    ),
    Cite::new(
        "71-1-3",
        XSF,
        "71",
        Some(1),
        Some(3),
        "在传讯的时候及时到案",
    ),
    Cite::new(
        "71-1-4",
        XSF,
        "71",
        Some(1),
        Some(4),
        "不得以任何形式干扰证人作证",
    ),
    Cite::new(
        "71-1-5",
        XSF,
        "71",
        Some(1),
        Some(5),
        "不得毁灭、伪造证据或者串供",
    ),
    Cite::new("71-2", XSF, "71", Some(2), None, "遵守以下一项或者多项规定"),
    Cite::new(
        "71-2-4",
        XSF,
        "71",
        Some(2),
        Some(4),
        "将护照等出入境证件、驾驶证件交执行机关保存",
    ),
    Cite::new(
        "gd7-1-3",
        GD,
        "7",
        Some(1),
        Some(3),
        "与其所涉嫌犯罪活动有关联的场所",
    ),
    Cite::new(
        "gd8-1-1",
        GD,
        "8",
        Some(1),
        Some(1),
        "证人、鉴定人、被害人及其法定代理人和近亲属",
    ),
    Cite::new(
        "gd8-2",
        GD,
        "8",
        Some(2),
        None,
        "通过网络平台或者网络应用服务交流信息等各种方式直接或者间接通信",
    ),
    Cite::new(
        "gd9-1-3",
        GD,
        "9",
        Some(1),
        Some(3),
        "与所涉嫌犯罪相关联的活动",
    ),
    Cite::new(
        "gd18-4",
        GD,
        "18",
        Some(4),
        None,
        "配合执行机关定期了解有关情况",
    ),
    Cite::new(
        "ga90-1-1",
        GA,
        "90",
        Some(1),
        Some(1),
        "不得进入与其犯罪活动等相关联的特定场所",
    ),
    Cite::new(
        "ga90-2",
        GA,
        "90",
        Some(2),
        None,
        "确定特定场所、特定人员和特定活动的范围",
    ),
    Cite::new(
        "gd18-1",
        GD,
        "18",
        Some(1),
        None,
        "以及违反规定或者在取保候审期间重新犯罪的法律后果",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R11",
    name: "obligations",
    title: "被取保候审人应当遵守的规定",
    description: "刑诉法71条第1款五项必守义务；第2款可选的特定场所、特定人员、特定活动、交存证件（按规定(2022)7–9条类别校验）；24小时报告期限",
    fields: &[
        ("decider", AUTHORITY, true, "决定机关"),
        ("optional", "array:object{type:enum:no_entry|no_contact|no_activity|surrender_documents,categories?:array:enum:re_offending|public_order|linked_to_crime|obstruct_proceedings|obstruct_execution|witness_expert_victim|co_offender_or_linked|may_be_harmed|may_obstruct_execution}", false, "决定机关另外要求遵守的规定，每项一种：不得进入的场所、不得会见或通信的人员、不得从事的活动（各选其类别），或者交存证件"),
        ("changed_at", "datetime", false, "住址、工作单位或联系方式发生变动的时间"),
        ("remote_execution", "boolean", false, "异地执行（增加五日内报到义务）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

/// 规定(2022) 7 ¶1 (一)–(五).
const PLACES: [(&str, &str); 5] = [
    ("re_offending", "可能导致其再次实施犯罪的场所"),
    (
        "public_order",
        "可能导致其实施妨害社会秩序、干扰他人正常活动行为的场所",
    ),
    ("linked_to_crime", "与其所涉嫌犯罪活动有关联的场所"),
    (
        "obstruct_proceedings",
        "可能导致其实施毁灭证据、干扰证人作证等妨害诉讼活动的场所",
    ),
    ("obstruct_execution", "其他可能妨害取保候审执行的特定场所"),
];
/// 规定(2022) 9 ¶1 (一)–(五).
const ACTIVITIES: [(&str, &str); 5] = [
    ("re_offending", "可能导致其再次实施犯罪的活动"),
    (
        "public_order",
        "可能对国家安全、公共安全、社会秩序造成不良影响的活动",
    ),
    ("linked_to_crime", "与所涉嫌犯罪相关联的活动"),
    ("obstruct_proceedings", "可能妨害诉讼的活动"),
    ("obstruct_execution", "其他可能妨害取保候审执行的特定活动"),
];
/// 规定(2022) 8 ¶1 (一)–(四).
const PERSONS: [(&str, &str); 4] = [
    (
        "witness_expert_victim",
        "证人、鉴定人、被害人及其法定代理人和近亲属",
    ),
    (
        "co_offender_or_linked",
        "同案违法行为人、犯罪嫌疑人、被告人以及与案件有关联的其他人员",
    ),
    ("may_be_harmed", "可能遭受被取保候审人侵害、滋扰的人员"),
    (
        "may_obstruct_execution",
        "可能实施妨害取保候审执行、影响诉讼活动的人员",
    ),
];

fn person_alias(c: &str) -> &str {
    match c {
        "victim" | "witness" | "expert" | "被害人" | "证人" | "鉴定人" => {
            "witness_expert_victim"
        }
        "co_offender" | "同案犯" => "co_offender_or_linked",
        other => other,
    }
}

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(decider) = o.req(i.decider, "decider") else {
        return Ok(o.missing());
    };
    // 1. M1–M5 (刑诉法71 ¶1).
    o.cite("71-1-1")
        .cite("71-1-2")
        .cite("71-1-3")
        .cite("71-1-4")
        .cite("71-1-5");
    let mut list = vec![
        json!({"code": "M1", "text": "未经执行机关批准不得离开所居住的市、县", "mandatory": true}),
        json!({"code": "M2", "text": "住址、工作单位和联系方式发生变动的，在二十四小时以内向执行机关报告", "mandatory": true}),
        json!({"code": "M3", "text": "在传讯的时候及时到案", "mandatory": true}),
        json!({"code": "M4", "text": "不得以任何形式干扰证人作证", "mandatory": true}),
        json!({"code": "M5", "text": "不得毁灭、伪造证据或者串供", "mandatory": true}),
    ];
    // 2–3. Optional conditions (刑诉法71 ¶2), categories of 规定(2022) 7–9 (C05).
    let mut warnings: Vec<Value> = Vec::new();
    if !i.optional.is_empty() {
        o.cite("71-2");
        if matches!(
            decider,
            Authority::PublicSecurity | Authority::StateSecurity
        ) {
            o.cite("ga90-1-1").cite("ga90-2");
            o.flag(Flag::conflict(
                "C05",
                "公安部规定90的类别较窄；采用规定(2022)7–9条的类别",
            ));
        }
    }
    for c in &i.optional {
        let (code, table, art, key): (&str, &[(&str, &str)], &str, &str) = match c.ty {
            CondType::NoEntry => ("O1", &PLACES, "CategoryNotInArt7", "gd7-1-3"),
            CondType::NoContact => ("O2", &PERSONS, "CategoryNotInArt8", "gd8-1-1"),
            CondType::NoActivity => ("O3", &ACTIVITIES, "CategoryNotInArt9", "gd9-1-3"),
            CondType::SurrenderDocuments => ("O4", &[], "", "71-2-4"),
        };
        o.cite(key);
        if c.ty == CondType::NoContact {
            o.cite("gd8-2");
        }
        if c.ty == CondType::SurrenderDocuments {
            list.push(json!({"code": code, "text": "将护照等出入境证件、驾驶证件交执行机关保存", "mandatory": false}));
            continue;
        }
        let mut cats = Vec::new();
        for cat in &c.categories {
            let k = if c.ty == CondType::NoContact {
                person_alias(cat)
            } else {
                cat.as_str()
            };
            match table.iter().find(|(n, _)| *n == k) {
                Some((_, zh)) => cats.push(*zh),
                None => warnings.push(json!({"warning": art, "category": cat})),
            }
        }
        let text = match c.ty {
            CondType::NoEntry => format!("不得进入特定场所：{}", cats.join("；")),
            CondType::NoContact => format!("不得与特定人员会见或者通信：{}", cats.join("；")),
            _ => format!("不得从事特定活动：{}", cats.join("；")),
        };
        list.push(
            json!({"code": code, "text": text, "mandatory": false, "categories": c.categories}),
        );
    }
    // 4. Supervision duty (规定(2022) 18 ¶4); remote execution adds the 5-day report (R23).
    o.cite("gd18-4").cite("gd18-1");
    let mut duties = vec!["接受执行机关监督管理，配合执行机关定期了解有关情况"];
    if i.remote_execution == Some(true) {
        duties.push("异地执行的，收到取保候审决定书后五日以内向执行机关报到");
    }
    // 5. M2 deadline (24 hours).
    let mut report = Value::Null;
    if let Some(s) = i.changed_at.as_deref() {
        let t = period::parse_datetime(s)
            .ok_or_else(|| Error::InvalidInput(format!("changed_at: not a date-time: {s}")))?;
        let (stat, cons) = period::hours(t, 24)
            .ok_or_else(|| Error::InvalidInput("changed_at out of range".into()))?;
        o.cite("105-2");
        o.flag(Flag::interpretation(
            "按小时计算：起算的时不计入，自下一整点起算；另给出保守时限",
        ));
        report = json!({"statutory": stat.format("%Y-%m-%d %H:%M").to_string(), "conservative": cons.format("%Y-%m-%d %H:%M").to_string()});
    }
    let n = list.len();
    let details = json!({"obligations": list, "count": n, "supervision_duties": duties, "warnings": warnings, "report_deadline": report});
    let verdict = if warnings.is_empty() {
        "obligations"
    } else {
        "obligations_with_warnings"
    };
    // the obligations themselves, each a clause, the 24 hours in figures
    let items: Vec<String> = list
        .iter()
        .enumerate()
        .map(|(k, x)| {
            let t = x["text"]
                .as_str()
                .unwrap_or_default()
                .replace("二十四小时", "24小时");
            format!("（{}）{t}", crate::numerals::format(k as u32 + 1))
        })
        .collect();
    let mut summary = format!(
        "应当遵守{n}项规定（五项法定义务{}）：{}；并须告知违反规定及重新犯罪的法律后果",
        if n > 5 {
            format!("及{}项决定机关附加的规定", n - 5)
        } else {
            String::new()
        },
        items.join("；")
    );
    // no further conditions told: say which the decider may add (a passport is not always kept)
    if i.optional.is_empty() {
        o.cite("71-2").cite("71-2-4");
        summary.push_str("；此外，决定机关可以根据案件情况，责令遵守以下一项或者多项规定：不得进入特定的场所，不得与特定的人员会见或者通信，不得从事特定的活动，将护照等出入境证件、驾驶证件交执行机关保存（刑诉法71②）——未被责令的，不必遵守");
    }
    // a deadline computed is the figure asked for: it comes first
    if let Some(t) = report["statutory"].as_str() {
        summary = format!(
            "住址、工作单位或者联系方式变动后，最迟应在{t}前（24小时以内）向执行机关报告；{summary}"
        );
    }
    Ok(o.done(verdict, &summary, details))
}
