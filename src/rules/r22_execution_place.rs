//! R22 `execution_place`: where bail is executed and which 派出所 executes it.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Habitual {
    place: String,
    continuous_since: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Temp {
    place: String,
    fixed_dwelling: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    /// None with `hukou_unknown: true` = cannot be established.
    hukou_place: Option<String>,
    hukou_unknown: Option<bool>,
    habitual_residence: Option<Habitual>,
    today: Option<NaiveDate>,
    left_hukou_since: Option<NaiveDate>,
    temp_residence: Option<Temp>,
    foreign_or_hmt: Option<bool>,
    decider: Option<Authority>,
    decider_place: Option<String>,
    chosen_place: Option<String>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd16-1",
        GD,
        "16",
        Some(1),
        None,
        "居住地包括户籍所在地、经常居住地",
    ),
    Cite::new(
        "gd16-1b",
        GD,
        "16",
        Some(1),
        None,
        "离开户籍所在地最后连续居住一年以上的地方",
    ),
    Cite::new(
        "gd16-2",
        GD,
        "16",
        Some(2),
        None,
        "取保候审一般应当在户籍所在地执行",
    ),
    Cite::new(
        "gd16-3-1",
        GD,
        "16",
        Some(3),
        Some(1),
        "但在暂住地有固定住处的",
    ),
    Cite::new(
        "gd16-3-2",
        GD,
        "16",
        Some(3),
        Some(2),
        "被取保候审人系外国人、无国籍人",
    ),
    Cite::new(
        "gd16-3-3",
        GD,
        "16",
        Some(3),
        Some(3),
        "被取保候审人户籍所在地无法查清且无经常居住地的",
    ),
    Cite::new(
        "gd15-1",
        GD,
        "15",
        Some(1),
        None,
        "由其指定被取保候审人居住地的派出所执行",
    ),
    Cite::new(
        "gd15-2",
        GD,
        "15",
        Some(2),
        None,
        "原执行机关应当与变更后的执行机关进行工作交接",
    ),
    Cite::new(
        "gd20-1",
        GD,
        "20",
        Some(1),
        None,
        "由所在地同级公安机关依照本规定第十五条、第十六条、第十七条的规定交付执行",
    ),
    Cite::new(
        "ga91-1",
        GA,
        "91",
        Some(1),
        None,
        "应当及时通知被取保候审人居住地的派出所执行",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R22",
    name: "execution_place",
    title: "取保候审的执行地与执行派出所",
    description: "取保候审一般在户籍所在地执行，已形成经常居住地（离开户籍所在地最后连续居住1年以上的地方）的可以在经常居住地执行；离开户籍所在地1年以上且无经常居住地但在暂住地有固定住处的，外国人、无国籍人、港澳台居民，或者户籍所在地无法查清且无经常居住地的，也可以在暂住地执行（规定(2022)16）；公安机关决定的通知居住地派出所执行，异地的由居住地公安机关指定（规定(2022)15）；法院、检察院决定的送交所在地同级公安机关交付执行（规定(2022)20）",
    fields: &[
        ("hukou_place", "string", false, "户籍所在地"),
        ("hukou_unknown", "boolean", false, "户籍所在地无法查清"),
        ("habitual_residence", "object{place:string,continuous_since:date}", false, "离开户籍所在地后最后连续居住的地方及开始居住之日"),
        ("today", "date", false, "判断日（不填则用今天）"),
        ("left_hukou_since", "date", false, "离开户籍所在地之日"),
        ("temp_residence", "object{place:string,fixed_dwelling:boolean}", false, "暂住地及在那里是否有固定住处"),
        ("foreign_or_hmt", "boolean", false, "外国人、无国籍人、港澳台居民"),
        ("decider", AUTHORITY, true, "决定机关"),
        ("decider_place", "string", true, "决定机关所在地"),
        ("chosen_place", "string", false, "拟定的执行地"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(decider), Some(dplace)) = (
        o.req(i.decider, "decider"),
        o.req(i.decider_place.clone(), "decider_place"),
    ) else {
        return Ok(o.missing());
    };
    if i.hukou_place.is_none() && i.hukou_unknown != Some(true) {
        o.req(None::<()>, "hukou_place");
    }
    let today = i.today.or(ctx.today);
    if i.habitual_residence.is_some() || i.left_hukou_since.is_some() {
        o.req(today, "today");
    }
    if !o.needs_is_empty() {
        return Ok(o.missing());
    }
    o.cite("gd16-1").cite("gd16-2");
    // 1. Habitual residence formed after one continuous year (以上 inclusive).
    let formed = match (&i.habitual_residence, today) {
        (Some(h), Some(t)) => {
            o.cite("gd16-1b");
            o.flag(Flag::interpretation(
                "“一年以上”含本数：满一年之日即形成经常居住地（按202月份算法）",
            ));
            period::add_months(h.continuous_since, 12).is_some_and(|d| t >= d)
        }
        _ => false,
    };
    let mut options: Vec<Value> = Vec::new();
    if let Some(h) = &i.hukou_place {
        options.push(json!({"place": h, "basis": "户籍所在地（一般应当在此执行）"}));
    }
    if formed {
        if let Some(h) = &i.habitual_residence {
            options.push(json!({"place": h.place, "basis": "经常居住地（可以）"}));
        }
    }
    // 3. Temporary residence.
    if let Some(tr) = &i.temp_residence {
        let left_year = match (i.left_hukou_since, today) {
            (Some(l), Some(t)) => period::add_months(l, 12).is_some_and(|d| t >= d),
            _ => false,
        };
        let mut basis = None;
        if left_year && !formed && tr.fixed_dwelling {
            o.cite("gd16-3-1");
            basis =
                Some("暂住地（规定16③(一)：离开户籍地一年以上、无经常居住地、在暂住地有固定住处）");
        } else if i.foreign_or_hmt == Some(true) {
            o.cite("gd16-3-2");
            basis = Some("暂住地（规定16③(二)：外国人、无国籍人、港澳台居民）");
        } else if i.hukou_unknown == Some(true) && !formed {
            o.cite("gd16-3-3");
            basis = Some("暂住地（规定16③(三)：户籍所在地无法查清且无经常居住地）");
        }
        if let Some(b) = basis {
            options.push(json!({"place": tr.place, "basis": b}));
        }
    }
    if options.is_empty() {
        o.flag(Flag::review(
            "没有可确定的执行地：请补充户籍、经常居住地或暂住地事实",
        ));
    }
    let default = options
        .first()
        .map(|x| x["place"].clone())
        .unwrap_or(Value::Null);
    let chosen = i
        .chosen_place
        .clone()
        .map(Value::String)
        .unwrap_or(default.clone());
    let allowed = options.iter().any(|x| x["place"] == chosen);
    let remote = chosen.as_str().is_some_and(|c| c != dplace);
    // 5. Routing.
    let routing = match decider {
        Authority::PublicSecurity | Authority::StateSecurity => {
            o.cite("gd15-1").cite("ga91-1");
            if remote {
                "通知执行地公安机关，由其指定被取保候审人居住地的派出所执行"
            } else {
                "通知被取保候审人居住地的派出所执行"
            }
        }
        _ => {
            o.cite("gd20-1");
            "送交决定机关所在地同级公安机关，由其依规定15–17条交付执行；县级公安机关24小时内指定派出所"
        }
    };
    o.cite("gd15-2");
    let d = json!({"options": options, "default": default, "chosen": chosen, "chosen_allowed": allowed, "remote": remote,
                   "habitual_residence_formed": formed, "routing": routing,
                   "change_of_residence": "变更居住地的，原执行机关与变更后的执行机关进行工作交接"});
    let s = format!(
        "可选执行地：{}；{}",
        options
            .iter()
            .filter_map(|x| x["place"].as_str())
            .collect::<Vec<_>>()
            .join("、"),
        routing
    );
    Ok(o.done(
        if allowed {
            if remote {
                "remote"
            } else {
                "local"
            }
        } else {
            "place_not_allowed"
        },
        &s,
        d,
    ))
}
