//! R18 `stage_transfer`: bail when the case moves to 审查起诉 or to 审判.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Decision {
    ContinueBail,
    ChangeForm,
    ChangeMeasure,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    received_on: Option<NaiveDate>,
    receiver: Option<Authority>,
    /// Expiry of the old decision (R16).
    current_expiry: Option<NaiveDate>,
    decided_on: Option<NaiveDate>,
    decision: Option<Decision>,
    /// The receiver's decision (or the new measure) started execution on this day.
    executed_on: Option<NaiveDate>,
    deposit_continued: Option<bool>,
    violated_71: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd26-1",
        GD,
        "26",
        Some(1),
        None,
        "受案机关应当在七日内作出决定",
    ),
    Cite::new(
        "gd26-2",
        GD,
        "26",
        Some(2),
        None,
        "原取保候审措施自动解除，不再办理解除手续",
    ),
    Cite::new(
        "gd26-2b",
        GD,
        "26",
        Some(2),
        None,
        "原则上不变更保证金数额，不再重新收取保证金",
    ),
    Cite::new(
        "gd26-3",
        GD,
        "26",
        Some(3),
        None,
        "移送案件的机关应当在期限届满十五日前书面通知受案机关",
    ),
    Cite::new(
        "gd26-3b",
        GD,
        "26",
        Some(3),
        None,
        "受案机关应当在取保候审期限届满前作出决定",
    ),
    Cite::new(
        "js162-1",
        JS,
        "162",
        Some(1),
        None,
        "人民法院应当在七日以内作出决定",
    ),
    Cite::new(
        "js162-2",
        JS,
        "162",
        Some(2),
        None,
        "继续使用保证金保证的，不再收取保证金",
    ),
    Cite::new(
        "jc103",
        JC,
        "103",
        None,
        None,
        "不变更保证金数额，不再重新收取保证金",
    ),
    Cite::new(
        "ga163",
        GA,
        "163",
        None,
        None,
        "对原强制措施不再办理解除法律手续",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R18",
    name: "stage_transfer",
    title: "移送审查起诉、起诉时的取保候审衔接",
    description: "案件移送审查起诉或者审判，需要继续取保候审、变更保证方式或者变更强制措施的，受案机关应当在7日内作出决定（规定(2022)26①、刑诉解释162）；期限即将届满仍未决定的，移送案件的机关应当在期限届满15日前书面通知受案机关，受案机关应当在期限届满前作出决定（规定(2022)26③）；继续取保候审的决定执行后原措施自动解除，期限重新计算，继续采取保证金保证的原则上不变更数额、不再收取保证金（规定(2022)26②、检察规则103、刑诉解释162②）",
    fields: &[
        ("received_on", "date", true, "受案机关收到案件之日"),
        ("receiver", AUTHORITY, true, "受案机关"),
        ("current_expiry", "date", false, "原取保候审期限届满日"),
        ("decided_on", "date", false, "受案机关作出决定之日"),
        ("decision", "enum:continue_bail|change_form|change_measure", false, "受案机关的决定"),
        ("executed_on", "date", false, "新决定/新措施开始执行之日"),
        ("deposit_continued", "boolean", false, "继续使用保证金保证"),
        ("violated_71", "boolean", false, "有违反刑诉法71条的行为（决定继续保证金时必填）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    // Without the day the case was received, the expiry of the running term still dates the
    // notice and the last day to decide (step 2).
    let received = match i.current_expiry {
        Some(_) => i.received_on,
        None => o.req(i.received_on, "received_on"),
    };
    let (Some(receiver), true) = (
        o.req(i.receiver, "receiver"),
        received.is_some() || i.current_expiry.is_some(),
    ) else {
        return Ok(o.missing());
    };
    // 1. Decide within 7 days (规定(2022) 26 ¶1; 刑诉解释162 ¶1).
    o.cite("gd26-1");
    match receiver {
        Authority::Court => {
            o.cite("js162-1");
        }
        Authority::Procuratorate => {
            o.cite("jc103");
        }
        _ => {}
    }
    let mut d = json!({});
    let mut summary = Vec::new();
    let decide_by = match received {
        Some(received) => Some(period::days_for(&mut o, received, 7, false, ctx.cal)?.expiry_day),
        None => None,
    };
    match decide_by {
        Some(decide_by) => {
            d["decide_by"] = json!(decide_by);
            summary.push(match i.decided_on {
                // the decision told: whether it kept to the seven days
                Some(on) => format!(
                    "{}于{on}作出决定，{}七日期限（应于{decide_by}前作出）",
                    receiver.zh(),
                    if on <= decide_by {
                        "未超过"
                    } else {
                        "已超过"
                    }
                ),
                None => format!(
                    "{}应于{decide_by}前作出是否继续取保候审的决定",
                    receiver.zh()
                ),
            });
        }
        None => summary.push(format!(
            "{}应当在收到移送的案件后7日以内作出是否继续取保候审的决定",
            receiver.zh()
        )),
    }
    // 2. Notice 15 days before expiry; decide before expiry (规定(2022) 26 ¶3).
    if let Some(exp) = i.current_expiry {
        o.cite("gd26-3").cite("gd26-3b");
        let notice = period::before(exp, 15)
            .ok_or_else(|| Error::InvalidInput("date out of range".into()))?;
        o.flag(Flag::interpretation(
            "“期限届满十五日前”为倒计期间，不作节假日顺延",
        ));
        d["transferor_notice_by"] = json!(notice);
        d["must_decide_before"] = json!(exp);
        summary.push(format!(
            "移送机关应于{notice}前书面通知，受案机关应在{exp}期限届满前作出决定"
        ));
    }
    // 3–4. On the decision.
    if let Some(dec) = i.decision {
        match dec {
            Decision::ContinueBail | Decision::ChangeForm => {
                o.cite("gd26-2").cite("ga163");
                d["old_measure"] = json!(if i.executed_on.is_some() {
                    "AutoReleasedOnExecution"
                } else {
                    "StillRunning"
                });
                if let Some(start) = i.decided_on {
                    o.cite("js162-2");
                    let p = period::months_for(&mut o, start, 12, false, ctx.cal)?;
                    d["new_term"] = json!({"start": start, "nominal_last_day": p.nominal_last_day, "expiry_day": p.expiry_day});
                    summary.push(format!(
                        "继续取保候审的期限重新计算，至{}",
                        p.nominal_last_day
                    ));
                } else if let (Some(received), Some(by)) = (received, decide_by) {
                    // The new term runs from the decision's day, which falls within the seven
                    // days: its last day lies between 12 months from the day the case was
                    // received and 12 months from the last day to decide — the answer, as a
                    // bound, until the day is told.
                    let term = super::r16_bail_term::CITES;
                    o.cite_from(term, "79-1");
                    match receiver {
                        Authority::Court => o.cite_from(term, "js162-2"),
                        _ => o.cite_from(term, "jc102").cite_from(term, "jc103"),
                    };
                    let first = period::months_for(&mut o, received, 12, false, ctx.cal)?;
                    let last = period::months_for(&mut o, by, 12, false, ctx.cal)?;
                    d["new_term_bounds"] = json!({
                        "earliest_expiry_day": first.expiry_day,
                        "latest_expiry_day": last.expiry_day,
                    });
                    o.bounded_by("decided_on");
                    // what was asked (the new term) before the day to decide by
                    summary.insert(
                        0,
                        format!(
                            "继续取保候审的期限自{}作出决定之日起重新计算，最长12个月：{received}当日决定的至{}，在七日期限的最后一天{by}决定的至{}，以决定书载明的日期为准",
                            receiver.zh(),
                            first.expiry_day,
                            last.expiry_day
                        ),
                    );
                }
                if dec == Decision::ContinueBail && i.deposit_continued == Some(true) {
                    let Some(viol) = o.req(i.violated_71, "violated_71") else {
                        return Ok(o.missing());
                    };
                    o.cite("gd26-2b");
                    if viol {
                        d["deposit"] = json!("Review");
                        o.flag(Flag::review("检察规则103以未违反71条为不重新收取的条件：已有违反的，保证金依没收保证金的规定处理"));
                    } else {
                        d["deposit"] = json!("KeepNoRecollect");
                        summary.push("原则上不变更保证金数额，不再收取保证金".into());
                    }
                } else if dec == Decision::ContinueBail && i.deposit_continued.is_none() {
                    // the form kept is the new decision's to say: the rule for a deposit, in words
                    o.cite("gd26-2b");
                    summary.push(
                        "继续采取保证金保证、没有违反取保候审规定的，原则上不变更保证金数额，不再重新收取保证金"
                            .into(),
                    );
                } else if dec == Decision::ChangeForm {
                    d["deposit"] = json!("Refund");
                    o.flag(Flag::interpretation(
                        "改为保证人保证的，保证金依退还保证金的规定退还",
                    ));
                }
            }
            Decision::ChangeMeasure => {
                o.cite("gd26-2");
                d["old_measure"] = json!(if i.executed_on.is_some() {
                    "AutoReleasedOnExecution"
                } else {
                    "StillRunning"
                });
                d["deposit"] = json!(if i.violated_71 == Some(true) {
                    "SeeR14"
                } else {
                    "Refund"
                });
                if let Some(e) = i.executed_on {
                    d["old_measure_ended_on"] = json!(e);
                    summary.push(format!(
                        "原取保候审于新措施执行之日（{e}）自动解除，保证金退还（未违反规定的）"
                    ));
                }
            }
        }
    }
    Ok(o.done("transfer", &summary.join("；"), d))
}
