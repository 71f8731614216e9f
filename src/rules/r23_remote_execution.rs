//! R23 `remote_execution_deadlines`: hand-over, reporting and feedback deadlines of execution,
//! especially in another area.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    /// The county-level 公安 received the court/procuratorate documents.
    docs_received_at: Option<String>,
    /// The bailee received the 取保候审决定书 (remote execution).
    decision_received_on: Option<NaiveDate>,
    reported_on: Option<NaiveDate>,
    /// Checked day: the bailee has not reported by then.
    not_reported_by: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd17-2",
        GD,
        "17",
        Some(2),
        None,
        "被取保候审人应当在收到取保候审决定书后五日以内向执行机关报到",
    ),
    Cite::new(
        "gd17-2b",
        GD,
        "17",
        Some(2),
        None,
        "执行机关应当在被取保候审人报到后三日以内向决定机关反馈",
    ),
    Cite::new(
        "gd17-3",
        GD,
        "17",
        Some(3),
        None,
        "决定机关应当依法传讯被取保候审人",
    ),
    Cite::new(
        "gd20-3",
        GD,
        "20",
        Some(3),
        None,
        "应当在收到法律文书和有关材料后二十四小时以内",
    ),
    Cite::new(
        "gd20-2",
        GD,
        "20",
        Some(2),
        None,
        "可以采用电子方式向公安机关送交法律文书和有关材料",
    ),
    Cite::new(
        "ga92",
        GA,
        "92",
        None,
        None,
        "指定被取保候审人居住地派出所核实情况后执行",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R23",
    name: "remote_execution_deadlines",
    title: "交付执行与异地执行的期限",
    description: "法院、检察院决定取保候审的，负责执行的县级公安机关应当在收到法律文书和有关材料后24小时以内指定被取保候审人居住地派出所执行，并通知决定机关（规定(2022)20、公安部规定92）；异地执行的，被取保候审人应当在收到取保候审决定书后5日以内向执行机关报到，执行机关应当在报到后3日以内向决定机关反馈；未按期报到且无正当事由的，决定机关应当依法传讯（规定(2022)17）",
    fields: &[
        ("decider", AUTHORITY, true, "决定机关"),
        ("docs_received_at", "datetime", false, "县级公安机关收到法律文书和材料的时间"),
        ("decision_received_on", "date", false, "被取保候审人收到取保候审决定书之日"),
        ("reported_on", "date", false, "报到之日"),
        ("not_reported_by", "date", false, "检查日：至该日仍未报到"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(decider) = o.req(i.decider, "decider") else {
        return Ok(o.missing());
    };
    if i.docs_received_at.is_none() && i.decision_received_on.is_none() && i.reported_on.is_none() {
        o.req(None::<()>, "decision_received_on");
        return Ok(o.missing());
    }
    let mut d = json!({});
    let mut s = Vec::new();
    // 1. Designation within 24 h (法院/检察院 decisions).
    if let Some(t) = i.docs_received_at.as_deref() {
        let t = period::parse_datetime(t).ok_or_else(|| {
            Error::InvalidInput(format!("docs_received_at: not a date-time: {t}"))
        })?;
        if matches!(
            decider,
            Authority::PublicSecurity | Authority::StateSecurity
        ) {
            o.flag(Flag::review(
                "24小时指定派出所的期限适用于法院、检察院决定的取保候审",
            ));
        }
        o.cite("gd20-3").cite("gd20-2").cite("ga92").cite("105-2");
        let (stat, cons) =
            period::hours(t, 24).ok_or_else(|| Error::InvalidInput("date out of range".into()))?;
        o.flag(Flag::interpretation(
            "按小时计算：起算的时不计入，自下一整点起算；另给出保守时限",
        ));
        d["designate_by"] = json!({"statutory": stat.format("%Y-%m-%d %H:%M").to_string(), "conservative": cons.format("%Y-%m-%d %H:%M").to_string()});
        s.push(format!(
            "县级公安机关应当在收到法律文书和材料后24小时以内，即于{}前指定被取保候审人居住地派出所执行，并告知决定机关",
            stat.format("%Y-%m-%d %H:%M")
        ));
    }
    // 2. Remote execution: report within 5 days, feedback within 3 days.
    if let Some(r) = i.decision_received_on {
        o.cite("gd17-2");
        let p = period::days_for(&mut o, r, 5, false, ctx.cal)?;
        d["report_by"] = json!(p.expiry_day);
        d["report"] = p.json();
        s.push(format!("被取保候审人应于{}前向执行机关报到", p.expiry_day));
        // 3. Failure to report.
        if let Some(c) = i.not_reported_by {
            if c > p.expiry_day && i.reported_on.is_none() {
                o.cite("gd17-3");
                d["on_failure"] = json!([
                    "执行机关通知决定机关",
                    "决定机关依法传讯",
                    "经传讯不到案的，按违反取保候审规定处理"
                ]);
                s.push("逾期未报到：执行机关通知决定机关，决定机关应当依法传讯".into());
            }
        }
    }
    if let Some(r) = i.reported_on {
        o.cite("gd17-2b");
        let p = period::days_for(&mut o, r, 3, false, ctx.cal)?;
        d["feedback_by"] = json!(p.expiry_day);
        d["feedback"] = p.json();
        s.push(format!("执行机关应于{}前向决定机关反馈", p.expiry_day));
    }
    Ok(o.done("deadlines", &s.join("；"), d))
}
