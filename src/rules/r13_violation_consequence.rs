//! R13 `violation_consequence`: consequences of violating bail conditions, per authority.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub(super) enum VKind {
    LeftWithoutApproval,
    Failed24hReport,
    MissedSummons,
    InterferedWitness,
    DestroyedEvidenceOrCollusion,
    EnteredPlace,
    ContactedPerson,
    ForbiddenActivity,
    DocumentsNotSurrendered,
    ChangedContactOrResidenceUnreachable,
    NewIntentionalCrime,
    AttemptedSuicideOrFlight,
    RetaliationOrHarassment,
}

impl VKind {
    /// A violation of 刑诉法71 (a new crime alone is handled by R15).
    pub(super) fn is_71_violation(self) -> bool {
        !matches!(self, VKind::NewIntentionalCrime)
    }
    fn specific(self) -> bool {
        matches!(
            self,
            VKind::EnteredPlace | VKind::ContactedPerson | VKind::ForbiddenActivity
        )
    }
}

/// The type of R13's and R14's `violations` field: a list of [`Violation`]s.
pub(super) const VIOLATIONS: &str = "array:object{kind:enum:left_without_approval|failed24h_report|missed_summons|interfered_witness|destroyed_evidence_or_collusion|entered_place|contacted_person|forbidden_activity|documents_not_surrendered|changed_contact_or_residence_unreachable|new_intentional_crime|attempted_suicide_or_flight|retaliation_or_harassment,occurrence?:integer,serious_consequence?:boolean,affects_trial?:boolean}";

/// One violation (shared with R14).
#[derive(Deserialize, Clone, Copy, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct Violation {
    pub kind: VKind,
    /// 1st, 2nd … violation of this kind (default 1).
    pub occurrence: Option<u8>,
    pub serious_consequence: Option<bool>,
    pub affects_trial: Option<bool>,
}

/// How many times a kind of violation happened: the highest `occurrence` given, or the number of
/// entries of that kind, whichever is larger (two entries of one kind are "两次"). Shared with R14.
pub(super) fn times(vs: &[Violation], k: VKind) -> usize {
    let of_kind = || vs.iter().filter(|v| v.kind == k);
    let highest = of_kind()
        .map(|v| v.occurrence.unwrap_or(1) as usize)
        .max()
        .unwrap_or(0);
    of_kind().count().max(highest)
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Form {
    Guarantor,
    Deposit,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    form: Option<Form>,
    violations: Option<Vec<Violation>>,
    deposit: Option<u64>,
    likely_below_fixed_term: Option<bool>,
    guarantor_failed_duty: Option<bool>,
    /// The court/procuratorate received 公安's forfeiture notice or opinion.
    notice_received_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "71-3",
        XSF,
        "71",
        Some(3),
        None,
        "已交纳保证金的，没收部分或者全部保证金",
    ),
    Cite::new(
        "71-3b",
        XSF,
        "71",
        Some(3),
        None,
        "重新交纳保证金、提出保证人，或者监视居住、予以逮捕",
    ),
    Cite::new(
        "71-4",
        XSF,
        "71",
        Some(4),
        None,
        "可以对犯罪嫌疑人、被告人先行拘留",
    ),
    Cite::new(
        "81-4",
        XSF,
        "81",
        Some(4),
        None,
        "违反取保候审、监视居住规定，情节严重的，可以予以逮捕",
    ),
    Cite::new(
        "js158-2",
        JS,
        "158",
        Some(2),
        None,
        "在五日以内责令被告人具结悔过",
    ),
    Cite::new(
        "js164-1-7",
        JS,
        "164",
        Some(1),
        Some(7),
        "或者两次未经批准，擅自离开所居住的市、县的",
    ),
    Cite::new(
        "js164-1-5",
        JS,
        "164",
        Some(1),
        Some(5),
        "经传唤，无正当理由不到案，影响审判活动正常进行的",
    ),
    Cite::new(
        "js164-1-8",
        JS,
        "164",
        Some(1),
        Some(8),
        "影响审判活动正常进行，或者两次违反有关规定的",
    ),
    Cite::new(
        "js166",
        JS,
        "166",
        None,
        None,
        "严重影响诉讼活动正常进行的，可以决定逮捕",
    ),
    Cite::new("jc101-1-1", JC, "101", Some(1), Some(1), "故意实施新的犯罪"),
    Cite::new(
        "jc101-2-1",
        JC,
        "101",
        Some(2),
        Some(1),
        "或者两次未经批准，擅自离开所居住的市、县",
    ),
    Cite::new(
        "jc101-2-2",
        JC,
        "101",
        Some(2),
        Some(2),
        "经传讯不到案，造成严重后果，或者经两次传讯不到案",
    ),
    Cite::new(
        "jc100-2",
        JC,
        "100",
        Some(2),
        None,
        "人民检察院应当在收到意见后五日以内作出决定",
    ),
    Cite::new(
        "jc137-2",
        JC,
        "137",
        Some(2),
        None,
        "严重影响诉讼活动正常进行的，可以予以逮捕",
    ),
    Cite::new(
        "ga96-1",
        GA,
        "96",
        Some(1),
        None,
        "变更强制措施或者给予治安管理处罚",
    ),
    Cite::new(
        "ga109-4",
        GA,
        "109",
        Some(4),
        None,
        "对于被取保候审人违反本规定第八十九条、第九十条规定的，可以监视居住",
    ),
    Cite::new("gd28", GD, "28", None, None, "依法给予治安管理处罚"),
    Cite::new(
        "za60",
        ZA,
        "60",
        None,
        None,
        "处五日以上十日以下拘留，并处二百元以上五百元以下罚款",
    ),
    Cite::new(
        "za60-1-4",
        ZA,
        "60",
        Some(1),
        Some(4),
        "被依法采取刑事强制措施的人",
    ),
    Cite::new(
        "gd34",
        GD,
        "34",
        None,
        None,
        "可以对被取保候审人先行拘留，并提请人民检察院、人民法院依法作出逮捕决定",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R13",
    name: "violation_consequence",
    title: "违反取保候审规定的后果",
    description: "违反刑诉法71条规定、已交纳保证金的，没收部分或者全部保证金，并区别情形责令具结悔过，重新交纳保证金、提出保证人，或者监视居住、予以逮捕，需要逮捕的可以先行拘留（刑诉法71）；没收由公安机关决定（规定(2022)27），法院、检察院收到公安机关通知或者意见后5日以内作出处理（刑诉解释158、检察规则100）；情节严重的可以逮捕（刑诉法81④），法院应当逮捕的情形见刑诉解释164，检察院应当、可以逮捕的情形见检察规则101；构成治安管理处罚法60条第4项行为的，依法给予治安管理处罚（规定(2022)28）",
    fields: &[
        ("decider", AUTHORITY, true, "决定机关"),
        ("form", "enum:guarantor|deposit", true, "保证方式"),
        ("violations", VIOLATIONS, true, "每一项违反规定的行为：行为种类、第几次、是否造成严重后果、是否影响审判"),
        ("deposit", "integer", false, "已交纳的保证金（给出时附没收数额的指导档次）"),
        ("likely_below_fixed_term", "boolean", false, "可能判处徒刑以下刑罚"),
        ("guarantor_failed_duty", "boolean", false, "保证人未履行保证义务（保证人保证时）"),
        ("notice_received_on", "date", false, "法院/检察院收到公安机关没收保证金通知或意见之日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(decider), Some(form), Some(vs)) = (
        o.req(i.decider, "decider"),
        o.req(i.form, "form"),
        o.req(i.violations, "violations"),
    ) else {
        return Ok(o.missing());
    };
    if vs.is_empty() {
        return Err(Error::BadRequest("violations must not be empty".into()));
    }
    let any = |f: &dyn Fn(&Violation) -> bool| vs.iter().any(f);
    let serious = |v: &Violation| v.serious_consequence == Some(true);
    let affects = |v: &Violation| v.affects_trial == Some(true);
    let occ = |v: &Violation| times(&vs, v.kind);
    let is71 = any(&|v| v.kind.is_71_violation());
    // 1. Base rule (刑诉法71 ¶3–¶4).
    o.cite("71-3b").cite("71-4");
    let forfeiture = form == Form::Deposit && is71;
    let mut tier = None;
    if forfeiture {
        o.cite("71-3").cite("ga96-1");
        if let Some(d) = i.deposit.filter(|&d| d > 0) {
            tier = super::r14_deposit_forfeiture::tier(&mut o, d, &vs)
                .map(|(n, lo, hi)| json!({"tier": n, "range": [lo, hi]}));
        }
    }
    let new_crime_only = !is71 && any(&|v| v.kind == VKind::NewIntentionalCrime);
    // 4. Arrest modality.
    let specific_count: usize = [
        VKind::EnteredPlace,
        VKind::ContactedPerson,
        VKind::ForbiddenActivity,
    ]
    .iter()
    .map(|k| times(&vs, *k))
    .sum();
    let (arrest, basis): (&str, &str) = match decider {
        Authority::Court => {
            let shall = any(&|v| {
                matches!(
                    v.kind,
                    VKind::NewIntentionalCrime
                        | VKind::AttemptedSuicideOrFlight
                        | VKind::DestroyedEvidenceOrCollusion
                        | VKind::InterferedWitness
                        | VKind::RetaliationOrHarassment
                ) || (matches!(
                    v.kind,
                    VKind::MissedSummons | VKind::ChangedContactOrResidenceUnreachable
                ) && affects(v))
                    || (v.kind == VKind::LeftWithoutApproval && (affects(v) || occ(v) >= 2))
                    || (v.kind.specific() && (affects(v) || specific_count >= 2))
            });
            if shall {
                if any(&|v| v.kind == VKind::LeftWithoutApproval && (affects(v) || occ(v) >= 2)) {
                    o.cite("js164-1-7");
                    o.flag(Flag::conflict("C18", "第二次擅自离开：法院应当逮捕（刑诉解释164(七)），检察院可以逮捕（检察规则101②(一)）"));
                }
                if any(&|v| v.kind == VKind::MissedSummons && affects(v)) {
                    o.cite("js164-1-5");
                }
                if any(&|v| v.kind.specific()) {
                    o.cite("js164-1-8");
                    if specific_count >= 2 {
                        o.flag(Flag::interpretation(
                            "“两次违反有关规定”不要求同一种类：特定场所、人员、活动合并计数",
                        ));
                    }
                }
                ("shall", "刑诉解释164")
            } else if i.likely_below_fixed_term == Some(true) && any(&|v| serious(v) || affects(v))
            {
                o.cite("js166");
                ("may", "刑诉解释166")
            } else {
                o.cite("81-4");
                if any(&|v| v.kind == VKind::MissedSummons) {
                    o.cite("js164-1-5");
                }
                ("may_if_serious", "刑诉法81④")
            }
        }
        Authority::Procuratorate => {
            let shall = any(&|v| {
                matches!(
                    v.kind,
                    VKind::NewIntentionalCrime
                        | VKind::AttemptedSuicideOrFlight
                        | VKind::RetaliationOrHarassment
                ) || (matches!(
                    v.kind,
                    VKind::DestroyedEvidenceOrCollusion | VKind::InterferedWitness
                ) && serious(v))
            });
            let may = any(&|v| {
                (matches!(v.kind, VKind::LeftWithoutApproval | VKind::MissedSummons)
                    && (serious(v) || occ(v) >= 2))
                    || (v.kind == VKind::Failed24hReport && serious(v))
                    || (v.kind.specific() && serious(v))
            });
            if shall {
                o.cite("jc101-1-1");
                ("shall", "检察规则101①")
            } else if may {
                if any(&|v| v.kind == VKind::LeftWithoutApproval) {
                    o.cite("jc101-2-1");
                    if any(&|v| v.kind == VKind::LeftWithoutApproval && occ(v) >= 2) {
                        o.flag(Flag::conflict(
                            "C18",
                            "第二次擅自离开：检察院可以逮捕，法院应当逮捕",
                        ));
                    }
                }
                if any(&|v| v.kind == VKind::MissedSummons) {
                    o.cite("jc101-2-2");
                }
                ("may", "检察规则101②")
            } else if i.likely_below_fixed_term == Some(true) && any(&serious) {
                o.cite("jc137-2");
                ("may", "检察规则137②")
            } else {
                o.cite("81-4");
                ("may_if_serious", "刑诉法81④")
            }
        }
        Authority::PublicSecurity | Authority::StateSecurity => {
            o.cite("81-4").cite("ga96-1").cite("ga109-4");
            if decider == Authority::StateSecurity {
                o.flag(Flag::review(
                    "国家安全机关的相应规定不在语料中，参照公安机关",
                ));
            }
            ("may_if_serious", "刑诉法81④（须提请检察院批准逮捕）")
        }
    };
    // 2–3. Who acts and the decider's deadline.
    let mut decider_deadline = Value::Null;
    if forfeiture && matches!(decider, Authority::Court | Authority::Procuratorate) {
        if decider == Authority::Court {
            o.cite("js158-2");
        } else {
            o.cite("jc100-2");
        }
        if let Some(d) = i.notice_received_on {
            decider_deadline = json!(period::days_for(&mut o, d, 5, false, ctx.cal)?.expiry_day);
        }
    }
    if matches!(decider, Authority::Court | Authority::Procuratorate) {
        o.cite("gd34");
    }
    // 5. 治安管理处罚 (规定(2022) 28 → 治安管理处罚法60 (四)).
    o.cite("gd28").cite("za60").cite("za60-1-4");
    let mut options = vec![
        "具结悔过",
        "重新交纳保证金",
        "提出保证人",
        "监视居住",
        "逮捕",
        "治安管理处罚（公安机关）",
    ];
    if matches!(
        decider,
        Authority::PublicSecurity | Authority::StateSecurity
    ) {
        options.push("变更为监视居住（公安部规定109④）");
    }
    // 6. Guarantor.
    let guarantor = form == Form::Guarantor && i.guarantor_failed_duty == Some(true);
    let verdict = format!("arrest_{arrest}");
    let mut summary = Vec::new();
    if forfeiture {
        summary.push("应当没收部分或者全部保证金（由公安机关决定）".to_string());
    } else if new_crime_only && form == Form::Deposit {
        summary.push("未违反刑诉法71条而涉嫌故意犯新罪：保证金依涉嫌新罪的规定暂扣".into());
    }
    if guarantor {
        summary.push("保证人未履行保证义务：依法对保证人处以罚款".into());
    }
    summary.push(match arrest {
        "shall" => format!("应当逮捕（{basis}）"),
        "may" => format!("可以逮捕（{basis}）"),
        _ => format!("情节严重的可以逮捕（{basis}）；需要逮捕的可以先行拘留"),
    });
    let details = json!({
        "forfeiture_required": forfeiture,
        "forfeiture_guideline": tier,
        "deposit_rule": if new_crime_only { json!("R15") } else if forfeiture { json!("R14") } else { Value::Null },
        "guarantor_liability": if guarantor { json!("R07") } else { Value::Null },
        "arrest": arrest,
        "arrest_basis": basis,
        "prior_detention_possible": true,
        "options": options,
        "decider_deadline": decider_deadline,
        "term_effect": "继续取保候审的，期限连续/累计计算",
    });
    Ok(o.done(&verdict, &summary.join("；"), details))
}
