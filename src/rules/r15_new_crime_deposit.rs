//! R15 `new_crime_deposit`: the deposit of a compliant bailee suspected of a new crime.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum NewCrime {
    None,
    SuspectedIntentional,
    SuspectedNegligent,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[allow(clippy::enum_variant_names)] // the names are the input vocabulary
enum Judgment {
    IntentionalCrime,
    NegligentCrime,
    NotACrime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    violated_71: Option<bool>,
    new_crime: Option<NewCrime>,
    case_filed: Option<bool>,
    /// Only once legally effective.
    judgment: Option<Judgment>,
    case_ended_without_judgment: Option<bool>,
    decider: Option<Authority>,
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
        "73",
        XSF,
        "73",
        None,
        None,
        "凭解除取保候审的通知或者有关法律文书到银行领取退还的保证金",
    ),
    Cite::new(
        "gd29",
        GD,
        "29",
        None,
        None,
        "但在取保候审期间涉嫌故意实施新的犯罪被立案侦查的",
    ),
    Cite::new(
        "gd29b",
        GD,
        "29",
        None,
        None,
        "公安机关应当暂扣保证金，待人民法院判决生效后",
    ),
    Cite::new(
        "gd29c",
        GD,
        "29",
        None,
        None,
        "对故意实施新的犯罪的，应当没收保证金",
    ),
    Cite::new(
        "gd29d",
        GD,
        "29",
        None,
        None,
        "对过失实施新的犯罪或者不构成犯罪的，应当退还保证金",
    ),
    Cite::new(
        "ga102",
        GA,
        "102",
        None,
        None,
        "负责执行的公安机关应当暂扣其交纳的保证金",
    ),
    Cite::new(
        "js164-1-1",
        JS,
        "164",
        Some(1),
        Some(1),
        "故意实施新的犯罪的",
    ),
    Cite::new("jc101-1-1", JC, "101", Some(1), Some(1), "故意实施新的犯罪"),
    Cite::new(
        "80",
        XSF,
        "80",
        None,
        None,
        "必须经过人民检察院批准或者人民法院决定",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R15",
    name: "new_crime_deposit",
    title: "取保候审期间涉嫌故意犯新罪时的保证金",
    description: "未违反71条但涉嫌故意实施新的犯罪被立案侦查的，暂扣保证金；判决生效后故意犯罪没收，过失犯罪或不构成犯罪退还",
    fields: &[
        ("violated_71", "boolean", true, "有违反刑诉法71条的行为"),
        ("new_crime", "enum:none|suspected_intentional|suspected_negligent", true, "新罪嫌疑"),
        ("case_filed", "boolean", false, "新罪已立案侦查（故意新罪时必填）"),
        ("judgment", "enum:intentional_crime|negligent_crime|not_a_crime", false, "已生效的判决结论"),
        ("case_ended_without_judgment", "boolean", false, "新罪案件未经判决即终结（如撤销案件）"),
        ("decider", AUTHORITY, false, "决定机关（逮捕模态）"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    // a judgment on the new crime tells that it was suspected, and of which kind
    let implied = match i.judgment {
        Some(Judgment::IntentionalCrime) => Some(NewCrime::SuspectedIntentional),
        Some(Judgment::NegligentCrime) => Some(NewCrime::SuspectedNegligent),
        _ => None,
    };
    let (Some(violated), Some(nc)) = (
        o.req(i.violated_71, "violated_71"),
        o.req(i.new_crime.or(implied), "new_crime"),
    ) else {
        return Ok(o.missing());
    };
    // 1. A 71 violation → R13/R14.
    if violated {
        o.cite("71-3");
        let d = json!({"fate": "NotThisRule", "see": ["R14", "R13"]});
        return Ok(o.done(
            "not_this_rule",
            "有违反刑诉法71条的行为：保证金依没收保证金的规定处理，是否逮捕依违反取保候审规定的后果判断",
            d,
        ));
    }
    // Arrest for a new intentional crime: each deciding authority by its own rule (catalogue R15
    // step 5); without a decider, both are stated.
    let arrest = |o: &mut Out| -> Value {
        match i.decider {
            Some(Authority::Court) => {
                o.cite("js164-1-1");
                json!("shall")
            }
            Some(Authority::Procuratorate) => {
                o.cite("jc101-1-1");
                json!("shall")
            }
            // the police decide no arrest themselves: they ask the procuratorate to approve it
            Some(_) => {
                o.cite("80");
                json!("requires_approval")
            }
            None => {
                o.cite("js164-1-1");
                o.cite("jc101-1-1");
                json!({"court": "shall", "procuratorate": "shall"})
            }
        }
    };
    // the arrest in words, by the deciding authority's own rule
    let arrest_words = match i.decider {
        Some(Authority::Court) => "人民法院应当决定逮捕（刑诉解释164）",
        Some(Authority::Procuratorate) => "人民检察院应当予以逮捕（检察规则101）",
        Some(_) => "需要逮捕的，提请人民检察院批准（刑诉法80）",
        None => "人民法院、人民检察院决定取保候审的，应当予以逮捕（刑诉解释164、检察规则101）",
    };
    match nc {
        NewCrime::None => {
            o.cite("73");
            Ok(o.done(
                "not_this_rule",
                "无新罪嫌疑：保证金在解除时退还",
                json!({"fate": "NotThisRule", "see": ["R21"]}),
            ))
        }
        NewCrime::SuspectedNegligent => {
            o.cite("gd29");
            o.flag(Flag::conflict(
                "C13",
                "规定29、公安部规定102只针对“故意”新罪；评论页漏掉“故意”",
            ));
            let d = json!({"fate": "NoHold", "refund": "R21"});
            Ok(o.done("no_hold", "涉嫌过失犯罪不暂扣保证金，解除时退还", d))
        }
        NewCrime::SuspectedIntentional => {
            // a judgment was preceded by a case filed
            let filed = i.case_filed.or(i.judgment.map(|_| true));
            let Some(filed) = o.req(filed, "case_filed") else {
                return Ok(o.missing());
            };
            o.cite("gd29");
            let a = arrest(&mut o);
            if !filed {
                return Ok(o.done(
                    "no_hold",
                    &format!(
                        "故意实施新的犯罪的，{arrest_words}；新罪尚未立案侦查的，保证金不暂扣"
                    ),
                    json!({"fate": "NoHold", "arrest": a}),
                ));
            }
            o.cite("ga102");
            match i.judgment {
                None if i.case_ended_without_judgment == Some(true) => {
                    o.cite("gd29d");
                    o.flag(Flag::review(
                        "新罪案件未经判决终结：规定29以判决生效为条件；建议按“不构成犯罪”退还",
                    ));
                    Ok(o.done(
                        "refund",
                        "新罪案件未经判决终结：建议退还保证金（须人工确认）",
                        json!({"fate": "Refund", "arrest": a}),
                    ))
                }
                None => {
                    o.cite("gd29b");
                    Ok(o.done(
                        "hold",
                        &format!("故意实施新的犯罪的，{arrest_words}；公安机关应当暂扣保证金，待判决生效后处理"),
                        json!({"fate": "Hold", "arrest": a}),
                    ))
                }
                Some(Judgment::IntentionalCrime) => {
                    o.cite("gd29c");
                    o.flag(Flag::interpretation("“应当没收保证金”按全部没收理解"));
                    Ok(o.done(
                        "forfeit",
                        "判决认定故意实施新的犯罪：应当没收保证金",
                        json!({"fate": "Forfeit", "arrest": a}),
                    ))
                }
                Some(_) => {
                    o.cite("gd29d");
                    Ok(o.done(
                        "refund",
                        "判决认定过失犯罪或不构成犯罪：应当退还保证金",
                        json!({"fate": "Refund", "arrest": a}),
                    ))
                }
            }
        }
    }
}
