//! R31 `rsdl_sentence_credit`: designated-residence 监视居住 days credited against the sentence.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Place {
    Home,
    Designated,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Sentence {
    Surveillance,
    CriminalDetention,
    FixedTerm,
    Other,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    place: Option<Place>,
    rsdl_days: Option<u32>,
    sentence: Option<Sentence>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "76",
        XSF,
        "76",
        None,
        None,
        "指定居所监视居住的期限应当折抵刑期",
    ),
    Cite::new(
        "76b",
        XSF,
        "76",
        None,
        None,
        "被判处管制的，监视居住一日折抵刑期一日",
    ),
    Cite::new(
        "76c",
        XSF,
        "76",
        None,
        None,
        "被判处拘役、有期徒刑的，监视居住二日折抵刑期一日",
    ),
    Cite::new(
        "xf41",
        XF,
        "41",
        None,
        None,
        "判决执行以前先行羁押的，羁押一日折抵刑期二日",
    ),
    Cite::new(
        "xf44",
        XF,
        "44",
        None,
        None,
        "判决执行以前先行羁押的，羁押一日折抵刑期一日",
    ),
    Cite::new(
        "xf47",
        XF,
        "47",
        None,
        None,
        "判决执行以前先行羁押的，羁押一日折抵刑期一日",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R31",
    name: "rsdl_sentence_credit",
    title: "指定居所监视居住折抵刑期",
    description:
        "只有指定居所监视居住折抵：管制一日折抵一日，拘役、有期徒刑二日折抵一日；取保候审不折抵",
    fields: &[
        ("place", "enum:home|designated", true, "住处或指定居所"),
        (
            "rsdl_days",
            "integer",
            false,
            "指定居所监视居住的天数（由调用方计算；不给出时只答折抵比例）",
        ),
        (
            "sentence",
            "enum:surveillance|criminal_detention|fixed_term|other",
            true,
            "所判刑罚",
        ),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let r = (o.req(i.place, "place"), o.req(i.sentence, "sentence"));
    let (Some(place), Some(sentence)) = r else {
        return Ok(o.missing());
    };
    // without the days, the rate is the answer ("一天折抵几天")
    let days = i.rsdl_days.unwrap_or(0);
    o.cite("76");
    o.flag(Flag::review(
        "监视居住天数的计算方法不在语料中，由调用方提供",
    ));
    let contrast = json!({"custody_credit": {"管制": "羁押一日折抵二日（刑法41）", "拘役": "一日折抵一日（刑法44）", "有期徒刑": "一日折抵一日（刑法47）"},
                          "bail": "取保候审不折抵刑期（语料中无规定）"});
    if place == Place::Home {
        return Ok(o.done(
            "no_credit",
            "在住处执行的监视居住不折抵刑期",
            json!({"days": 0, "leftover_rsdl_days": 0, "contrast": contrast}),
        ));
    }
    let (credit, leftover) = match sentence {
        Sentence::Surveillance => {
            o.cite("76b").cite("xf41");
            (days, 0)
        }
        Sentence::CriminalDetention | Sentence::FixedTerm => {
            o.cite("76c");
            o.cite(if sentence == Sentence::CriminalDetention {
                "xf44"
            } else {
                "xf47"
            });
            if days % 2 == 1 {
                o.flag(Flag::review("奇数日的折算（余1日）语料无规定"));
            }
            (days / 2, days % 2)
        }
        Sentence::Other => {
            o.flag(Flag::review(
                "管制、拘役、有期徒刑以外的刑罚如何折抵，语料无规定",
            ));
            return Ok(o.done(
                "needs_review",
                "该刑罚的折抵方法不在刑诉法76条中",
                json!({"days": null}),
            ));
        }
    };
    // the rate first (what "一天折抵几天" asks), then what the days told come to
    let rate = if sentence == Sentence::Surveillance {
        "判处管制的，指定居所监视居住一日折抵刑期一日"
    } else {
        "判处拘役、有期徒刑的，指定居所监视居住二日折抵刑期一日"
    };
    let counted = match i.rsdl_days {
        Some(days) => format!(
            "；{days}日折抵刑期{credit}日{}",
            if leftover > 0 {
                "（余1日待定）"
            } else {
                ""
            }
        ),
        None => String::new(),
    };
    let d = if i.rsdl_days.is_some() {
        json!({"days": credit, "leftover_rsdl_days": leftover, "contrast": contrast})
    } else {
        json!({"rate": rate, "contrast": contrast})
    };
    Ok(o.done("credit", &format!("{rate}{counted}"), d))
}
