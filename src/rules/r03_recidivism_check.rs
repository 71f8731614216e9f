//! R03 `recidivism_check`: 累犯 under 刑法65/66 (input to R02's 公安 bar and to R26).

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum PriorPenalty {
    None,
    Surveillance,
    CriminalDetention,
    FixedTermOrMore,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    prior_penalty: Option<PriorPenalty>,
    /// 刑罚执行完毕或者赦免之日; when paroled, 假释期满之日.
    prior_completed_on: Option<NaiveDate>,
    paroled: Option<bool>,
    new_offence_on: Option<NaiveDate>,
    new_offence_warrants_fixed_term: Option<bool>,
    prior_intentional: Option<bool>,
    new_intentional: Option<bool>,
    age_at_prior: Option<u8>,
    age_at_new: Option<u8>,
    prior_special: Option<bool>,
    new_special: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "xf65-1",
        XF,
        "65",
        Some(1),
        None,
        "在五年以内再犯应当判处有期徒刑以上刑罚之罪的，是累犯",
    ),
    Cite::new(
        "xf65-1b",
        XF,
        "65",
        Some(1),
        None,
        "但是过失犯罪和不满十八周岁的人犯罪的除外",
    ),
    Cite::new(
        "xf65-2",
        XF,
        "65",
        Some(2),
        None,
        "对于被假释的犯罪分子，从假释期满之日起计算",
    ),
    Cite::new(
        "xf66",
        XF,
        "66",
        None,
        None,
        "在任何时候再犯上述任一类罪的，都以累犯论处",
    ),
    Cite::new(
        "x83-1",
        X8,
        "3",
        Some(1),
        None,
        "前罪实施时不满十八周岁的，是否构成累犯，适用修正后刑法第六十五条的规定",
    ),
    Cite::new("wcn2", WCN, "2", None, None, "从周岁生日的第二天起算"),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R03",
    name: "recidivism_check",
    title: "累犯认定（刑法65、66条）",
    description: "一般累犯（五年以内、有期徒刑以上、故意、已满十八周岁）与特别累犯；供判断公安部规定82条的累犯禁止情形使用",
    fields: &[
        ("prior_penalty", "enum:none|surveillance|criminal_detention|fixed_term_or_more", true, "前罪所判刑罚"),
        ("prior_completed_on", "date", true, "前罪刑罚执行完毕或赦免之日；假释的为假释期满之日"),
        ("paroled", "boolean", false, "前罪假释"),
        ("new_offence_on", "date", true, "后罪实施日"),
        ("new_offence_warrants_fixed_term", "boolean", true, "后罪应当判处有期徒刑以上刑罚"),
        ("prior_intentional", "boolean", true, "前罪为故意犯罪"),
        ("new_intentional", "boolean", true, "后罪为故意犯罪"),
        ("age_at_prior", "integer", true, "实施前罪时的周岁（生日次日起算）"),
        ("age_at_new", "integer", true, "实施后罪时的周岁"),
        ("prior_special", "boolean", false, "前罪为危害国家安全/恐怖活动/黑社会性质的组织犯罪"),
        ("new_special", "boolean", false, "后罪为上述犯罪"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let base =
        json!({"prior_completed_on": i.prior_completed_on, "new_offence_on": i.new_offence_on});
    // 1. Special recidivism (刑法66): no time limit, no minimum penalty, no exception for age in
    // its text — decided by the two kinds of crime and a prior sentence alone.
    if i.prior_special == Some(true) && i.new_special == Some(true) {
        if let Some(pp) = o.req(i.prior_penalty, "prior_penalty") {
            if pp != PriorPenalty::None {
                o.cite("xf66");
                let minor = match (i.age_at_prior, i.age_at_new) {
                    (Some(a), Some(b)) => Some(a < 18 || b < 18),
                    (Some(a), None) | (None, Some(a)) if a < 18 => Some(true),
                    _ => None,
                };
                if minor == Some(true) {
                    o.flag(Flag::review("刑法第66条没有不满十八周岁的除外规定"));
                    return Ok(o.done("uncertain", "特别累犯条件形式上满足，但一罪实施时不满十八周岁：第66条无未成年人除外规定，须人工判断", base));
                }
                let age_note = if minor.is_none() {
                    "（一罪实施时不满十八周岁的，第66条没有除外规定，须另行判断）"
                } else {
                    ""
                };
                return Ok(o.done(
                    "special66",
                    &format!("特别累犯：前后罪都是危害国家安全、恐怖活动或者黑社会性质的组织犯罪的，刑罚执行完毕或者赦免以后，在任何时候再犯，都以累犯论处，不受五年的限制{age_note}"),
                    base,
                ));
            }
        }
    }
    // The dates matter only for the five years of 刑法65: the exclusions (age, negligence,
    // penalty) are decided without them.
    let r = (
        o.req(i.prior_penalty, "prior_penalty"),
        o.req(
            i.new_offence_warrants_fixed_term,
            "new_offence_warrants_fixed_term",
        ),
        o.req(i.prior_intentional, "prior_intentional"),
        o.req(i.new_intentional, "new_intentional"),
        o.req(i.age_at_prior, "age_at_prior"),
        o.req(i.age_at_new, "age_at_new"),
    );
    let (Some(pp), Some(new_fixed), Some(p_int), Some(n_int), Some(a_p), Some(a_n)) = r else {
        return Ok(o.missing());
    };
    // 2–3. General recidivism (刑法65) and its exceptions.
    o.cite("xf65-1");
    let not = |o: Out, reason: &str, zh: &str| {
        let mut d = base.clone();
        d["reason"] = json!(reason);
        o.done("not_recidivist", zh, d)
    };
    // The ages are 周岁 counted from the day after the birthday (未成年人解释2), whose validity the
    // catalogue cannot vouch for (§1, §8 Q18).
    let wcn_stale = |o: &mut Out| {
        o.cite("wcn2");
        o.flag(Flag::review(
            "2006年未成年人解释在目录中标为有效，目录可能过时",
        ));
    };
    if a_n < 18 {
        o.cite("xf65-1b");
        wcn_stale(&mut o);
        let mut msg = "不是累犯：后罪实施时不满十八周岁（刑法65条第1款但书）".to_string();
        if a_p < 18 {
            msg.push_str("；前罪实施时亦不满十八周岁");
        }
        let mut d = base.clone();
        d["reason"] = json!("后罪实施时不满十八周岁");
        d["prior_offence_under_18"] = json!(a_p < 18);
        return Ok(o.done("not_recidivist", &msg, d));
    }
    if a_p < 18 {
        o.cite("xf65-1b").cite("x83-1");
        wcn_stale(&mut o);
        o.flag(Flag::interpretation(
            "前罪不满十八周岁排除累犯：依修八时间效力解释第3条适用修正后的第65条",
        ));
        return Ok(not(
            o,
            "前罪实施时不满十八周岁",
            "不是累犯：前罪实施时不满十八周岁",
        ));
    }
    if !p_int || !n_int {
        o.cite("xf65-1b");
        o.flag(Flag::interpretation(
            "刑法第65条第1款但书中的“过失犯罪”未说明指前罪还是后罪；本引擎要求前罪和后罪均为故意犯罪",
        ));
        return Ok(not(o, "过失犯罪", "不是累犯：过失犯罪除外"));
    }
    if pp != PriorPenalty::FixedTermOrMore {
        return Ok(not(
            o,
            "前罪刑罚低于有期徒刑",
            "不是累犯：前罪未被判处有期徒刑以上刑罚",
        ));
    }
    if !new_fixed {
        return Ok(not(
            o,
            "后罪应当判处的刑罚低于有期徒刑",
            "不是累犯：后罪不应当判处有期徒刑以上刑罚",
        ));
    }
    if i.paroled == Some(true) {
        o.cite("xf65-2");
    }
    let (Some(done), Some(new_on)) = (
        o.req(i.prior_completed_on, "prior_completed_on"),
        o.req(i.new_offence_on, "new_offence_on"),
    ) else {
        return Ok(o.missing());
    };
    let Some(limit) = period::add_months(done, 60) else {
        return Err(Error::InvalidInput("date out of range".into()));
    };
    o.flag(Flag::interpretation(
        "五年期限按刑诉解释第202条的月份算法计算，“以内”包含本数",
    ));
    let mut d = base.clone();
    d["five_years_end"] = json!(limit);
    if new_on > done && new_on <= limit {
        Ok(o.done(
            "general65",
            &format!("一般累犯：后罪在前罪刑罚执行完毕后五年以内（至{limit}，含当日）"),
            d,
        ))
    } else {
        d["reason"] = json!("后罪不在前罪刑罚执行完毕后五年以内");
        Ok(o.done(
            "not_recidivist",
            &format!("不是累犯：后罪不在五年以内（{done}后至{limit}）"),
            d,
        ))
    }
}
