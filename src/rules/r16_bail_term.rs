//! R16 `bail_term`: the 12-month cap per stage, cumulative within a stage, restarted in a new stage.
//! The same computation serves 监视居住 (R30, 6 months).

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(super) enum StartReason {
    Initial,
    ContinuedAfterViolation,
    ReimposedSameStage,
    NewStageDecision,
}

/// The type of R16's and R30's `segments` field: a list of [`Segment`]s.
pub(super) const SEGMENTS: &str = "array:object{stage:enum:investigation|prosecution_review|trial,decider:enum:public_security|state_security|procuratorate|court,start:date,end?:date,start_reason:enum:initial|continued_after_violation|reimposed_same_stage|new_stage_decision}";

#[derive(Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub(super) struct Segment {
    pub stage: Stage,
    pub decider: Authority,
    pub start: NaiveDate,
    /// None = still running.
    pub end: Option<NaiveDate>,
    pub start_reason: StartReason,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    segments: Option<Vec<Segment>>,
    /// End date written in the current decision, checked against the cap.
    decision_end: Option<NaiveDate>,
}

pub(super) const CITES: &[Cite] = &[
    Cite::new(
        "79-1",
        XSF,
        "79",
        Some(1),
        None,
        "取保候审最长不得超过十二个月",
    ),
    Cite::new(
        "ga107-2",
        GA,
        "107",
        Some(2),
        None,
        "取保候审最长不得超过十二个月",
    ),
    Cite::new(
        "jc102",
        JC,
        "102",
        None,
        None,
        "人民检察院决定对犯罪嫌疑人取保候审，最长不得超过十二个月",
    ),
    Cite::new(
        "jc100-3",
        JC,
        "100",
        Some(3),
        None,
        "对犯罪嫌疑人继续取保候审的，取保候审的时间应当累计计算",
    ),
    Cite::new(
        "js158-3",
        JS,
        "158",
        Some(3),
        None,
        "取保候审的期限连续计算",
    ),
    Cite::new(
        "jc103",
        JC,
        "103",
        None,
        None,
        "取保候审的期限应当重新计算并告知犯罪嫌疑人",
    ),
    Cite::new(
        "js162-2",
        JS,
        "162",
        Some(2),
        None,
        "决定继续取保候审、监视居住的，应当重新办理手续，期限重新计算",
    ),
    Cite::new(
        "79-2",
        XSF,
        "79",
        Some(2),
        None,
        "在取保候审、监视居住期间，不得中断对案件的侦查、起诉和审理",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R16",
    name: "bail_term",
    title: "取保候审期限（每一诉讼阶段最长十二个月）",
    description: "取保候审每一诉讼阶段最长12个月；同一阶段内继续取保的累计计算，移送后受案机关重新决定的重新计算；最后一日为节假日的顺延至节假日后第一日",
    fields: &[
        ("segments", SEGMENTS, true, "按时间顺序的每一段：诉讼阶段、决定机关、开始日、结束日（仍在进行的不填）、因何开始"),
        ("decision_end", "date", false, "决定书载明的截止日（核对是否超过上限）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

/// Shared with R30: the term across segments, `months` = 12 (bail) or 6 (监视居住).
pub(super) fn term(
    o: &mut Out,
    segs: &[Segment],
    months: u32,
    cal: Calendar,
    decision_end: Option<NaiveDate>,
) -> Result<(String, String, Value)> {
    if segs.is_empty() {
        return Err(Error::BadRequest("segments must not be empty".into()));
    }
    for w in segs.windows(2) {
        if w[1].start < w[0].start {
            return Err(Error::InvalidInput(
                "segments must be in chronological order".into(),
            ));
        }
    }
    for s in segs {
        if let Some(e) = s.end {
            if e < s.start {
                return Err(Error::InvalidInput(format!(
                    "segment ends ({e}) before it starts ({})",
                    s.start
                )));
            }
        }
    }
    // 2. Current-stage window.
    let last_new = segs
        .iter()
        .rposition(|s| s.start_reason == StartReason::NewStageDecision);
    let window: Vec<&Segment> = match last_new {
        Some(k) => segs[k..].iter().collect(),
        None => {
            let stage = segs[segs.len() - 1].stage;
            segs.iter().filter(|s| s.stage == stage).collect()
        }
    };
    let anchor = window[0].start;
    let restarted = last_new.is_some();
    if restarted {
        o.cite_from(CITES, "jc103").cite_from(CITES, "js162-2");
    }
    // 4. Accumulation within the stage.
    for s in &window {
        match s.start_reason {
            StartReason::ContinuedAfterViolation => {
                o.cite_from(CITES, "jc100-3").cite_from(CITES, "js158-3");
                if matches!(
                    s.decider,
                    Authority::PublicSecurity | Authority::StateSecurity
                ) {
                    o.flag(Flag::interpretation(
                        "公安继续取保候审无明文，参照检察规则100③、刑诉解释158③累计计算",
                    ));
                }
            }
            StartReason::ReimposedSameStage => {
                o.flag(Flag::commentary("002/003"));
                o.flag(Flag::review_code(
                    "C12",
                    "同一阶段再次取保候审是否累计计算无法律明文，仅有评论页观点",
                ));
                o.flag(Flag::conflict("C12", "累计计算之说仅见于评论页"));
            }
            _ => {}
        }
    }
    // 5. Day-sum arithmetic.
    o.flag(Flag::interpretation("按日累加计算：上限天数为起算日至加上月数之日的天数；已用天数为各已结束区段（起日不计、止日计）之和"));
    let cap_end = period::add_months(anchor, months)
        .ok_or_else(|| Error::InvalidInput("date out of range".into()))?;
    let cap_days = (cap_end - anchor).num_days();
    let used: i64 = window
        .iter()
        .filter_map(|s| s.end.map(|e| (e - s.start).num_days()))
        .sum();
    let open = window.iter().rev().find(|s| s.end.is_none());
    let mut details = json!({
        "stage": window[0].stage,
        "anchor": anchor,
        "cap_days": cap_days,
        "used_days": used,
        "restarted": restarted,
    });
    let Some(open) = open else {
        details["remaining_days"] = json!((cap_days - used).max(0));
        return Ok((
            "no_open_segment".into(),
            format!("本阶段已用{used}日，剩余{}日", (cap_days - used).max(0)),
            details,
        ));
    };
    let remaining = cap_days - used;
    if remaining <= 0 {
        details["remaining_days"] = json!(0);
        return Ok(("cap_exhausted".into(), "本阶段期限已用尽".into(), details));
    }
    let nominal = open.start + chrono::Duration::days(remaining);
    let p = period::holiday_rule(nominal, false, cal);
    period::annotate(o, &p, false, true);
    if p.extended_by_holiday {
        o.flag(Flag::conflict(
            "C34",
            "节假日顺延适用于最长期限系按刑诉法105④字面适用，同时给出名义最后一日",
        ));
    }
    details["nominal_last_day"] = json!(p.nominal_last_day);
    details["expiry_day"] = json!(p.expiry_day);
    details["extended_by_holiday"] = json!(p.extended_by_holiday);
    details["note"] = json!(
        "二审、发回重审、退回补充侦查是否重新计算无明文：除非新决定载明重新计算，引擎不重新起算"
    );
    o.flag(Flag::review_code(
        "§8 Q3",
        "二审、发回重审、退回补充侦查是否重新计算期限，语料无规定；引擎未重新起算",
    ));
    let mut verdict = "running".to_string();
    if let Some(end) = decision_end {
        if end > p.nominal_last_day {
            details["issue"] = json!("ExceedsCap");
            verdict = "exceeds_cap".into();
        }
    }
    let continued = window
        .iter()
        .any(|s| s.start_reason == StartReason::ContinuedAfterViolation);
    let how = if restarted {
        "新阶段重新作出决定的，期限重新计算；"
    } else if continued {
        "同一阶段继续采取该措施的，期限连续计算（累计计算）；"
    } else {
        ""
    };
    let summary = format!(
        "{how}本阶段期限自{anchor}起算，最后一日{}{}",
        p.nominal_last_day,
        if p.extended_by_holiday {
            format!("（节假日顺延至{}）", p.expiry_day)
        } else {
            String::new()
        }
    );
    Ok((verdict, summary, details))
}

/// The key of the deciding authority's own provision on the 12-month cap (公安部规定107②,
/// 检察规则102); a court has none beside 刑诉法79.
pub(super) fn own_cap(decider: Authority) -> Option<&'static str> {
    match decider {
        Authority::PublicSecurity | Authority::StateSecurity => Some("ga107-2"),
        Authority::Procuratorate => Some("jc102"),
        Authority::Court => None,
    }
}

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(segs) = o.req(i.segments, "segments") else {
        return Ok(o.missing());
    };
    // 1. Cap: 12 months (刑诉法79 ¶1; 公安部规定107 ¶2; 检察规则102).
    o.cite("79-1").cite("79-2");
    if let Some(key) = segs.last().and_then(|s| own_cap(s.decider)) {
        o.cite(key);
    }
    let (verdict, mut summary, details) = term(&mut o, &segs, 12, ctx.cal, i.decision_end)?;
    if verdict == "exceeds_cap" {
        summary.push_str("；决定书载明的截止日超过十二个月上限");
    }
    Ok(o.done(&verdict, &summary, details))
}
