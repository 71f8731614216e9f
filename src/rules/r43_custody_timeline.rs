//! R43 `custody_timeline`: from one 拘留, every custody deadline in order — the first 24 hours
//! (R33), the request for arrest (R34), the 检察院's decision (R35), the 侦查羁押 months after the
//! arrest (R39), and the 审查起诉 term once the case is transferred (R40). A date not told is taken
//! as the latest lawful one and said so ("最迟"). Specification: `src/rules/custody.md` R43. The
//! steps are the outcomes of those rules, evaluated here on one input; their citations are its own.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    detained_on: Option<NaiveDate>,
    detained_at: Option<String>,
    serious_suspect: Option<bool>,
    special_extension_days: Option<u32>,
    request_received_on: Option<NaiveDate>,
    arrested_on: Option<NaiveDate>,
    review_received_on: Option<NaiveDate>,
}

pub(super) static RULE: RuleDef = RuleDef {
    id: "R43",
    name: "custody_timeline",
    title: "从刑事拘留起的羁押期限时间表",
    description: "从刑事拘留之日起依次计算：24小时内送看守所、通知家属和讯问；3日内（特殊情况延长1至4日，流窜、多次、结伙作案的重大嫌疑分子至30日）提请批准逮捕；检察院7日内决定；逮捕后侦查羁押2个月，经批准可延长1个月、2个月、2个月；移送审查起诉后1个月（可延长15日）。没有给出的日期按法律允许的最晚日期推算；在押期间的期限都不得因节假日而延长",
    fields: &[
        ("detained_on", "date", true, "刑事拘留之日"),
        ("detained_at", "datetime", false, "刑事拘留的时间（到分钟）"),
        ("serious_suspect", "boolean", false, "是否流窜作案、多次作案、结伙作案的重大嫌疑分子"),
        ("special_extension_days", "integer", false, "特殊情况下经批准延长的日数（1至4日）"),
        ("request_received_on", "date", false, "检察院收到提请批准逮捕书之日"),
        ("arrested_on", "date", false, "执行逮捕之日"),
        ("review_received_on", "date", false, "检察院收到移送审查起诉的案件之日"),
    ],
    cites: &[],
    uses_period: true,
    eval,
};

/// One step's rule outcome; its citations and flags become the timeline's.
fn step(o: &mut Out, rule: &str, input: Value, ctx: &Ctx) -> Result<Outcome> {
    let out = evaluate(rule, input, ctx.today)?;
    for c in &out.citations {
        if !o.citations.contains(c) {
            o.citations.push(c.clone());
        }
    }
    for f in &out.flags {
        o.flag(f.clone());
    }
    Ok(out)
}

fn day(v: &Value) -> Option<NaiveDate> {
    v.as_str().and_then(|s| s.parse().ok())
}

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(detained) = o.req(i.detained_on, "detained_on") else {
        return Ok(o.missing());
    };
    let mut steps: Vec<(String, String)> = Vec::new();
    let mut timeline = serde_json::Map::new();

    // 1. The first 24 hours.
    let first = step(
        &mut o,
        "R33",
        json!({"detained_at": i.detained_at, "detained_on": detained}),
        ctx,
    )?;
    let by = first.details["handover"]["by"]
        .as_str()
        .map(|t| t.replace('T', " ")[..16].to_string())
        .or_else(|| {
            day(&first.details["handover"]["by_day"]).map(|d| format!("{d}拘留时的同一时刻"))
        });
    if let Some(by) = by {
        steps.push(("送看守所、通知家属、讯问".into(), format!("{by}前")));
        timeline.insert("first_24_hours".into(), json!(by));
    }

    // 2. The request for arrest.
    let request = step(
        &mut o,
        "R34",
        json!({"detained_on": detained, "serious_suspect": i.serious_suspect,
               "special_extension_days": i.special_extension_days}),
        ctx,
    )?;
    let d = &request.details;
    let (request_by, how) = if i.serious_suspect == Some(true) {
        (
            day(&d["request_by_thirty_days"]),
            "（结伙、流窜、多次作案，延长至30日）",
        )
    } else if i.special_extension_days.is_some() {
        (day(&d["request_by_extended"]), "（特殊情况经批准延长）")
    } else {
        (day(&d["request_by"]), "")
    };
    let Some(request_by) = request_by else {
        return Ok(o.done("computed", &request.summary, request.details.clone()));
    };
    steps.push((format!("提请批准逮捕{how}"), format!("最迟{request_by}")));
    timeline.insert("request_by".into(), json!(request_by));

    // 3. The 检察院's decision, from the day it received the request (the latest, if not told).
    let received = i.request_received_on.unwrap_or(request_by);
    let decision = step(&mut o, "R35", json!({"request_received_on": received}), ctx)?;
    let Some(decide_by) = day(&decision.details["decide_by"]) else {
        return Ok(o.done("computed", &decision.summary, decision.details.clone()));
    };
    let assumed = if i.request_received_on.is_none() {
        "（按最后一日提请推算）"
    } else {
        ""
    };
    steps.push((
        format!("检察院作出是否批准逮捕的决定{assumed}"),
        format!("最迟{decide_by}"),
    ));
    timeline.insert("decide_by".into(), json!(decide_by));

    // 4. 侦查羁押 after the arrest (executed on the day of the decision, if not told).
    let arrested = i.arrested_on.unwrap_or(decide_by);
    let term = step(&mut o, "R39", json!({"arrested_on": arrested}), ctx)?;
    let ends = &term.details["ends"];
    if let (Some(two), Some(three), Some(five), Some(seven)) = (
        day(&ends["two_months"]),
        day(&ends["three_months"]),
        day(&ends["five_months"]),
        day(&ends["seven_months"]),
    ) {
        let assumed = if i.arrested_on.is_none() {
            "（按批准当日执行逮捕推算）"
        } else {
            ""
        };
        steps.push((
            format!("逮捕后的侦查羁押期限{assumed}"),
            format!(
                "2个月到{two}；经批准延长1个月到{three}，再延长2个月到{five}，再延长2个月到{seven}"
            ),
        ));
        timeline.insert("investigation_custody".into(), term.details["ends"].clone());
    }

    // 5. 审查起诉, once the case is transferred.
    if let Some(r) = i.review_received_on {
        let review = step(&mut o, "R40", json!({"review_received_on": r}), ctx)?;
        if let (Some(end), Some(ext)) = (
            day(&review.details["end"]),
            day(&review.details["end_extended"]),
        ) {
            steps.push((
                "审查起诉".into(),
                format!("1个月到{end}；重大、复杂的延长15日到{ext}"),
            ));
            timeline.insert(
                "prosecution_review".into(),
                json!({"end": end, "end_extended": ext}),
            );
        }
    }
    let summary = format!(
        "从{detained}刑事拘留起的时间表：{}。在押期间的期限都不得因节假日而延长",
        steps
            .iter()
            .enumerate()
            .map(|(n, (what, when))| format!("{}. {what}：{when}", n + 1))
            .collect::<Vec<_>>()
            .join("；")
    );
    Ok(o.done("computed", &summary, Value::Object(timeline)))
}
