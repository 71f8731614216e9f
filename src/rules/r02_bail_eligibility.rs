//! R02 `bail_eligibility`: is bail legally available for this authority, and is it 应当, 可以 or 不得?

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Role {
    Suspect,
    Defendant,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Penalty {
    Surveillance,
    CriminalDetention,
    AdditionalOnly,
    FixedTermOrMore,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Tri {
    Yes,
    No,
    Unknown,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Recidivism {
    General65,
    Special66,
    NotRecidivist,
    Uncertain,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Input {
    authority: Option<Authority>,
    person_role: Option<Role>,
    likely_penalty: Option<Penalty>,
    no_social_danger: Option<Tri>,
    // Needed for 刑诉法81 ¶3 when the likely penalty is 有期徒刑以上.
    evidence_of_crime: Option<bool>,
    likely_ten_years_plus: Option<bool>,
    prior_intentional_crime: Option<bool>,
    identity_unknown: Option<bool>,
    // Needed for the 公安 bar (公安部规定82).
    recidivist: Option<Recidivism>,
    // Facts that count only when asserted (absent = not asserted; listed in details).
    serious_illness: Option<bool>,
    cannot_care_for_self: Option<bool>,
    pregnant: Option<bool>,
    breastfeeding_own_infant: Option<bool>,
    custody_limit_expired_case_pending: Option<bool>,
    principal_of_criminal_group: Option<bool>,
    self_injury_to_evade: Option<bool>,
    serious_violent_or_other_serious: Option<bool>,
    serious_threat_to_public_order: Option<bool>,
    vile_nature_serious_circumstances: Option<bool>,
    detained_and_arrest_not_met_or_not_approved: Option<bool>,
    is_minor: Option<bool>,
    cannot_provide_guarantor_or_deposit: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "67-1-1",
        XSF,
        "67",
        Some(1),
        Some(1),
        "可能判处管制、拘役或者独立适用附加刑的",
    ),
    Cite::new(
        "67-1-2",
        XSF,
        "67",
        Some(1),
        Some(2),
        "可能判处有期徒刑以上刑罚，采取取保候审不致发生社会危险性的",
    ),
    Cite::new(
        "67-1-3",
        XSF,
        "67",
        Some(1),
        Some(3),
        "怀孕或者正在哺乳自己婴儿的妇女",
    ),
    Cite::new(
        "67-1-4",
        XSF,
        "67",
        Some(1),
        Some(4),
        "羁押期限届满，案件尚未办结，需要采取取保候审的",
    ),
    Cite::new(
        "81-3",
        XSF,
        "81",
        Some(3),
        None,
        "可能判处十年有期徒刑以上刑罚的",
    ),
    Cite::new(
        "81-3b",
        XSF,
        "81",
        Some(3),
        None,
        "曾经故意犯罪或者身份不明的，应当予以逮捕",
    ),
    Cite::new(
        "ga82",
        GA,
        "82",
        None,
        None,
        "对累犯，犯罪集团的主犯，以自伤、自残办法逃避侦查的犯罪嫌疑人",
    ),
    Cite::new(
        "ga82b",
        GA,
        "82",
        None,
        None,
        "但犯罪嫌疑人具有本规定第八十一条第一款第三项、第四项规定情形的除外",
    ),
    Cite::new(
        "ga81-1-3",
        GA,
        "81",
        Some(1),
        Some(3),
        "怀孕或者正在哺乳自己婴儿的妇女",
    ),
    Cite::new(
        "ga81-1-4",
        GA,
        "81",
        Some(1),
        Some(4),
        "羁押期限届满，案件尚未办结，需要继续侦查的",
    ),
    Cite::new(
        "ga81-2",
        GA,
        "81",
        Some(2),
        None,
        "人民检察院不批准逮捕，需要继续侦查，并且符合取保候审条件的",
    ),
    Cite::new(
        "jc87",
        JC,
        "87",
        None,
        None,
        "人民检察院对于严重危害社会治安的犯罪嫌疑人",
    ),
    Cite::new(
        "jc87b",
        JC,
        "87",
        None,
        None,
        "其他犯罪性质恶劣、情节严重的犯罪嫌疑人不得取保候审",
    ),
    Cite::new(
        "js150-1",
        JS,
        "150",
        Some(1),
        None,
        "人民法院可以决定取保候审",
    ),
    Cite::new(
        "gd3-1",
        GD,
        "3",
        Some(1),
        None,
        "对于采取取保候审足以防止发生社会危险性的犯罪嫌疑人，应当依法适用取保候审",
    ),
    Cite::new(
        "gd36",
        GD,
        "36",
        None,
        None,
        "分别参照最高人民法院、最高人民检察院、公安部、司法部、国家卫生计生委",
    ),
    Cite::new(
        "xf38-1",
        XF,
        "38",
        Some(1),
        None,
        "管制的期限，为三个月以上二年以下",
    ),
    Cite::new(
        "xf42",
        XF,
        "42",
        None,
        None,
        "拘役的期限，为一个月以上六个月以下",
    ),
    Cite::new("xf34-2", XF, "34", Some(2), None, "附加刑也可以独立适用"),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R02",
    name: "bail_eligibility",
    title: "取保候审的适用条件（应当/可以/不得）",
    description: "可以取保候审的四种情形：可能判处管制、拘役或者独立适用附加刑的；可能判处有期徒刑以上刑罚，采取取保候审不致发生社会危险性的；患有严重疾病、生活不能自理，怀孕或者正在哺乳自己婴儿，不致发生社会危险性的；羁押期限届满，案件尚未办结的（刑诉法67）。足以防止社会危险性的，应当依法适用取保候审（规定(2022)3）；有证据证明有犯罪事实，可能判处十年有期徒刑以上刑罚的，或者可能判处徒刑以上刑罚、曾经故意犯罪或者身份不明的，应当予以逮捕（刑诉法81③）；公安机关对累犯、犯罪集团的主犯、以自伤自残办法逃避侦查的、严重暴力犯罪以及其他严重犯罪的，不得取保候审（公安部规定82），人民检察院对严重危害社会治安、犯罪性质恶劣、情节严重的亦同（检察规则87）",
    fields: &[
        ("authority", AUTHORITY, true, "决定机关"),
        ("person_role", "enum:suspect|defendant", true, "犯罪嫌疑人或被告人"),
        ("likely_penalty", "enum:surveillance|criminal_detention|additional_only|fixed_term_or_more", true, "可能判处的刑罚"),
        ("no_social_danger", "enum:yes|no|unknown", true, "采取取保候审不致发生社会危险性（决定机关的评估）"),
        ("evidence_of_crime", "boolean", false, "有证据证明有犯罪事实（可能判处有期徒刑以上时必填）"),
        ("likely_ten_years_plus", "boolean", false, "可能判处十年有期徒刑以上刑罚（同上）"),
        ("prior_intentional_crime", "boolean", false, "曾经故意犯罪（同上）"),
        ("identity_unknown", "boolean", false, "身份不明（同上）"),
        ("recidivist", "enum:general65|special66|not_recidivist|uncertain", false, "是否构成累犯（公安机关决定时必填，可用累犯认定计算器判断）"),
        ("serious_illness", "boolean", false, "患有严重疾病"),
        ("cannot_care_for_self", "boolean", false, "生活不能自理"),
        ("pregnant", "boolean", false, "怀孕"),
        ("breastfeeding_own_infant", "boolean", false, "正在哺乳自己婴儿"),
        ("custody_limit_expired_case_pending", "boolean", false, "羁押期限届满，案件尚未办结"),
        ("principal_of_criminal_group", "boolean", false, "犯罪集团的主犯（公安部规定82）"),
        ("self_injury_to_evade", "boolean", false, "以自伤、自残办法逃避侦查（公安部规定82）"),
        ("serious_violent_or_other_serious", "boolean", false, "严重暴力犯罪以及其他严重犯罪（公安部规定82）"),
        ("serious_threat_to_public_order", "boolean", false, "严重危害社会治安（检察规则87）"),
        ("vile_nature_serious_circumstances", "boolean", false, "犯罪性质恶劣、情节严重（检察规则87）"),
        ("detained_and_arrest_not_met_or_not_approved", "boolean", false, "公安：被拘留人证据不符合逮捕条件或检察院不批准逮捕（公安部规定81②）"),
        ("is_minor", "boolean", false, "决定时未满十八周岁"),
        ("cannot_provide_guarantor_or_deposit", "boolean", false, "既不能提出保证人也不交纳保证金"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn yes(b: Option<bool>) -> bool {
    b == Some(true)
}

/// The 项 of 刑诉法67 ¶1 a ground code (G1–G4) stands for, for the summary.
fn ground_zh(g: &str) -> &'static str {
    match g {
        "G1" => "第（一）项（可能判处管制、拘役或者独立适用附加刑）",
        "G2" => "第（二）项（可能判处有期徒刑以上刑罚，采取取保候审不致发生社会危险性）",
        "G3" => {
            "第（三）项（患有严重疾病、生活不能自理，怀孕或者正在哺乳自己婴儿，不致发生社会危险性）"
        }
        _ => "第（四）项（羁押期限届满，案件尚未办结）",
    }
}

/// The exceptions of 公安部规定82's bars (its 但书: 81①(三)(四)), said with every such bar.
const MPS82_EXCEPT: &str = "；但患有严重疾病、生活不能自理，怀孕或者正在哺乳自己婴儿而不致发生社会危险性，或者羁押期限届满、案件尚未办结的除外（公安部规定第82条但书）";

/// What a `blocked_by` code means, for the summary ("Mps82(累犯)" → 公安部规定第82条（累犯）).
fn bar_zh(b: &str) -> String {
    match b {
        "NoGround" => "不符合刑诉法第67条规定的任何情形".into(),
        "MandatoryArrest81_3" => "属于刑诉法第81条第3款应当逮捕的情形".into(),
        "Spp87" => "检察规则第87条的禁止情形".into(),
        _ => match b.strip_prefix("Mps82(").and_then(|r| r.strip_suffix(')')) {
            Some(what) => format!("公安部规定第82条的禁止情形（{what}）"),
            None => b.into(),
        },
    }
}

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(auth), Some(role), Some(pen), Some(nsd)) = (
        o.req(i.authority, "authority"),
        o.req(i.person_role, "person_role"),
        o.req(i.likely_penalty, "likely_penalty"),
        o.req(i.no_social_danger, "no_social_danger"),
    ) else {
        return Ok(o.missing());
    };
    let fixed = pen == Penalty::FixedTermOrMore;
    // Facts needed for 刑诉法81 ¶3 and for the 公安 bar.
    let (mut evidence, mut ten, mut prior_int, mut ident) = (false, false, false, false);
    if fixed {
        let r = (
            o.req(i.evidence_of_crime, "evidence_of_crime"),
            o.req(i.likely_ten_years_plus, "likely_ten_years_plus"),
            o.req(i.prior_intentional_crime, "prior_intentional_crime"),
            o.req(i.identity_unknown, "identity_unknown"),
        );
        let (Some(a), Some(b), Some(c), Some(d)) = r else {
            return Ok(o.missing());
        };
        (evidence, ten, prior_int, ident) = (a, b, c, d);
    }
    let recid = if auth == Authority::PublicSecurity {
        let Some(r) = o.req(i.recidivist, "recidivist") else {
            return Ok(o.missing());
        };
        Some(r)
    } else {
        i.recidivist
    };
    let not_asserted: Vec<&str> = [
        ("serious_illness", i.serious_illness),
        ("cannot_care_for_self", i.cannot_care_for_self),
        ("pregnant", i.pregnant),
        ("breastfeeding_own_infant", i.breastfeeding_own_infant),
        (
            "custody_limit_expired_case_pending",
            i.custody_limit_expired_case_pending,
        ),
        ("is_minor", i.is_minor),
    ]
    .iter()
    .filter(|(_, v)| v.is_none())
    .map(|(n, _)| *n)
    .collect();

    // 1. Grounds (刑诉法67 ¶1).
    let g1 = matches!(
        pen,
        Penalty::Surveillance | Penalty::CriminalDetention | Penalty::AdditionalOnly
    );
    let humanitarian = yes(i.serious_illness)
        || yes(i.cannot_care_for_self)
        || yes(i.pregnant)
        || yes(i.breastfeeding_own_infant);
    let g2 = fixed && nsd == Tri::Yes;
    let g3 = humanitarian && nsd == Tri::Yes;
    let g4 = yes(i.custody_limit_expired_case_pending);
    let undetermined = nsd == Tri::Unknown && (fixed || humanitarian);
    if g1 {
        o.cite("67-1-1");
        match pen {
            Penalty::Surveillance => o.cite("xf38-1"),
            Penalty::CriminalDetention => o.cite("xf42"),
            _ => o.cite("xf34-2"),
        };
    }
    if fixed {
        o.cite("67-1-2");
    }
    if humanitarian {
        o.cite("67-1-3");
        if yes(i.serious_illness) || yes(i.cannot_care_for_self) {
            o.cite("gd36");
        }
    }
    if g4 {
        o.cite("67-1-4");
        if auth == Authority::PublicSecurity {
            o.cite("ga81-1-4");
            o.flag(Flag::conflict(
                "C06",
                "公安部规定81(四)表述为“需要继续侦查的”，以刑诉法67(四)为准",
            ));
        }
    }
    if undetermined {
        o.flag(Flag::review(
            "缺少社会危险性评估：是否不致发生社会危险性须由决定机关评估",
        ));
    }
    let mut grounds: Vec<&str> = Vec::new();
    for (g, id) in [(g1, "G1"), (g2, "G2"), (g3, "G3"), (g4, "G4")] {
        if g {
            grounds.push(id);
        }
    }
    let mut blocked_by: Vec<&str> = Vec::new();
    let mut still_open: Vec<&str> = Vec::new();
    let mut alternatives: Vec<&str> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    if i.detained_and_arrest_not_met_or_not_approved == Some(true)
        && auth == Authority::PublicSecurity
    {
        o.cite("ga81-2");
        o.flag(Flag::conflict(
            "C15",
            "公安部规定81②是适用途径，仍须符合67条情形之一，不是独立的取保条件",
        ));
    }
    // 2. No ground. An authority's own bar decides first where it holds whatever the grounds are:
    // 公安部规定82 excepts only grounds (三)(四) of 81①, which cannot be met here; 检察规则87 excepts
    // nothing.
    if grounds.is_empty() {
        let own_bar: Option<&str> = match auth {
            Authority::PublicSecurity if !humanitarian && !g4 => {
                let r = recid.unwrap_or(Recidivism::NotRecidivist);
                if matches!(r, Recidivism::General65 | Recidivism::Special66) {
                    Some("Mps82(累犯)")
                } else if yes(i.principal_of_criminal_group) {
                    Some("Mps82(犯罪集团的主犯)")
                } else if yes(i.self_injury_to_evade) {
                    Some("Mps82(自伤自残逃避侦查)")
                } else if yes(i.serious_violent_or_other_serious) {
                    Some("Mps82(严重暴力犯罪及其他严重犯罪)")
                } else {
                    None
                }
            }
            Authority::Procuratorate
                if yes(i.serious_threat_to_public_order)
                    || yes(i.vile_nature_serious_circumstances) =>
            {
                Some("Spp87")
            }
            _ => None,
        };
        if let Some(bar) = own_bar {
            if bar == "Spp87" {
                o.cite("jc87").cite("jc87b");
            } else {
                o.cite("ga82");
            }
            blocked_by.push(bar);
            let d = json!({"grounds": grounds, "modality": "shall_not", "blocked_by": blocked_by, "still_open": still_open,
                           "alternatives": alternatives, "not_asserted": not_asserted});
            let except = if bar == "Spp87" { "" } else { MPS82_EXCEPT };
            return Ok(o.done(
                "shall_not",
                &format!("不得取保候审；{}{except}", bar_zh(bar)),
                d,
            ));
        }
        if undetermined {
            let d = json!({"grounds": grounds, "modality": "undetermined", "not_asserted": not_asserted});
            return Ok(o.done(
                "undetermined",
                "是否符合刑诉法67条第(二)(三)项取决于社会危险性评估，尚无法判断",
                d,
            ));
        }
        blocked_by.push("NoGround");
        let d = json!({"grounds": grounds, "modality": "shall_not", "blocked_by": blocked_by, "still_open": still_open,
                       "alternatives": alternatives, "not_asserted": not_asserted});
        return Ok(o.done(
            "shall_not",
            "不得取保候审；不符合刑诉法第67条规定的任何取保候审情形",
            d,
        ));
    }
    // 3. Statutory mandatory arrest (刑诉法81 ¶3).
    let mandatory = evidence && (ten || (fixed && (prior_int || ident)));
    let mut remaining: Vec<&str> = grounds.clone();
    if mandatory {
        o.cite("81-3");
        if prior_int || ident {
            o.cite("81-3b");
        }
        remaining.retain(|g| *g != "G2");
        blocked_by.push("MandatoryArrest81_3");
        o.flag(Flag::conflict(
            "C16",
            "“不受刑期限制”之说与刑诉法81条第3款不符",
        ));
        for g in ["G3", "G4"] {
            if grounds.contains(&g) {
                still_open.push(g);
            }
        }
        if !still_open.is_empty() {
            o.flag(Flag::interpretation(
                "刑诉法第81条第3款（应当逮捕）与第67条第1款第（三）、（四）项的关系，法律未作规定；参照公安部规定第82条，将第（三）、（四）项作为例外保留",
            ));
        }
        alternatives.push("Rsdl74_1");
        if yes(i.is_minor) && prior_int {
            o.flag(Flag::review(
                "刑诉法第81条第3款没有未成年人除外规定；须结合刑诉法第280条（对未成年人严格限制适用逮捕）权衡",
            ));
        }
    }
    let mut modality = if remaining.is_empty() {
        Modality::ShallNot
    } else {
        Modality::May
    };
    let mut barred_by_authority = false;
    // a bar of 公安部规定82 that its 但书 lifts (serious illness, pregnancy, nursing)
    let mut excepted = false;
    // 4. Authority-specific bars (each binds only its own authority).
    match auth {
        Authority::PublicSecurity => {
            let r = recid.unwrap_or(Recidivism::NotRecidivist);
            let mut bars: Vec<&str> = Vec::new();
            if matches!(r, Recidivism::General65 | Recidivism::Special66) {
                bars.push("Mps82(累犯)");
            }
            if yes(i.principal_of_criminal_group) {
                bars.push("Mps82(犯罪集团的主犯)");
            }
            if yes(i.self_injury_to_evade) {
                bars.push("Mps82(自伤自残逃避侦查)");
            }
            if yes(i.serious_violent_or_other_serious) {
                bars.push("Mps82(严重暴力犯罪及其他严重犯罪)");
            }
            if r == Recidivism::Uncertain {
                o.flag(Flag::review(
                    "累犯认定不确定：公安部规定第82条的累犯禁止情形须人工确认",
                ));
            }
            if !bars.is_empty() {
                o.cite("ga82");
                if g3 || g4 {
                    o.cite("ga82b");
                    notes.push("公安部规定82的除外情形适用（第81条第1款第三项、第四项）".into());
                    excepted = true;
                    // the police's own grounds (公安部规定81①), which 82's 但书 names
                    o.cite("ga81-1-3");
                    barred_by_authority = true;
                } else {
                    blocked_by.extend(bars);
                    modality = Modality::ShallNot;
                }
            }
        }
        Authority::Procuratorate => {
            if yes(i.serious_threat_to_public_order) || yes(i.vile_nature_serious_circumstances) {
                o.cite("jc87").cite("jc87b");
                blocked_by.push("Spp87");
                modality = Modality::ShallNot;
                o.flag(Flag::conflict(
                    "C07",
                    "检察规则87条无疾病、怀孕等除外情形；公安部规定82有除外，各自仅约束本机关",
                ));
                if g3 && !alternatives.contains(&"Rsdl74_1") {
                    alternatives.push("Rsdl74_1");
                }
            }
        }
        Authority::Court => {
            o.cite("js150-1");
        }
        Authority::StateSecurity => {
            o.flag(Flag::review("国家安全机关的取保候审禁止情形不在语料中"));
        }
    }
    // 5. 应当 (规定(2022) 3 ¶1) for suspects when nothing barred.
    if modality == Modality::May
        && role == Role::Suspect
        && nsd == Tri::Yes
        && auth != Authority::Court
        && !mandatory
        && !barred_by_authority
    {
        modality = Modality::Shall;
        o.cite("gd3-1");
        o.flag(Flag::interpretation(
            "规定(2022)第3条的“应当”只针对犯罪嫌疑人；人民法院仍依刑诉解释第150条为“可以”",
        ));
    }
    // 7. Alternatives and minors' note.
    if modality != Modality::ShallNot && yes(i.cannot_provide_guarantor_or_deposit) {
        alternatives.push("Rsdl74_2");
    }
    if yes(i.is_minor) {
        notes.push(
            "未成年人：严格限制适用逮捕（刑诉法第280条；另见未成年人取保候审的特别规定）".into(),
        );
    }
    let verdict = match modality {
        Modality::Shall => "shall",
        Modality::May => "may",
        Modality::ShallNot => "shall_not",
    };
    let except_words = if excepted {
        "；累犯、犯罪集团的主犯等本属公安机关不得取保候审的情形，但患有严重疾病、生活不能自理、怀孕或者正在哺乳自己婴儿的除外（公安部规定82但书）"
    } else {
        ""
    };
    let summary = match modality {
        Modality::Shall => format!(
            "可以取保候审；依据刑诉法第67条第1款{}；足以防止社会危险性的，应当依法适用取保候审（规定(2022)第3条）{except_words}",
            grounds.iter().map(|g| ground_zh(g)).collect::<Vec<_>>().join("、")
        ),
        Modality::May => format!(
            "可以取保候审；依据刑诉法第67条第1款{}{except_words}",
            remaining.iter().map(|g| ground_zh(g)).collect::<Vec<_>>().join("、")
        ),
        Modality::ShallNot => format!(
            "不得取保候审；{}{}",
            blocked_by.iter().map(|b| bar_zh(b)).collect::<Vec<_>>().join("；"),
            if blocked_by.iter().any(|b| b.starts_with("Mps82")) {
                MPS82_EXCEPT
            } else {
                ""
            }
        ),
    };
    let details = json!({
        "grounds": grounds,
        "modality": verdict,
        "blocked_by": blocked_by,
        "still_open": still_open,
        "alternatives": alternatives,
        "notes": notes,
        "not_asserted": not_asserted,
    });
    Ok(o.done(verdict, &summary, details))
}
