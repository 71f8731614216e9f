//! R37 `arrest_first_24h`: after an arrest is executed — to the 看守所 at once, the family told and
//! the first interrogation within 24 hours (no 有碍侦查 exception for any offence), the 执行回执 to
//! the approving 检察院 within 3 days. Specification: `src/rules/custody.md` R37.

use super::r33_detention_first_24h::within_24_hours;
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    /// The time the arrest was executed, to the minute.
    arrested_at: Option<String>,
    /// The day of the arrest, when the hour is not known.
    arrested_on: Option<NaiveDate>,
    unable_to_notify: Option<bool>,
    /// Who decided the arrest; only a court's decision changes the words (its own notice rule, no
    /// 回执 to a procuratorate), so it is not asked for.
    decider: Option<Authority>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "js167",
        JS,
        "167",
        None,
        None,
        "逮捕被告人后，人民法院应当将逮捕的原因和羁押的处所，在二十四小时以内通知其家属",
    ),
    Cite::new(
        "93-2a",
        XSF,
        "93",
        Some(2),
        None,
        "逮捕后，应当立即将被逮捕人送看守所羁押",
    ),
    Cite::new(
        "93-2b",
        XSF,
        "93",
        Some(2),
        None,
        "除无法通知的以外，应当在逮捕后二十四小时以内，通知被逮捕人的家属",
    ),
    Cite::new(
        "94a",
        XSF,
        "94",
        None,
        None,
        "都必须在逮捕后的二十四小时以内进行讯问",
    ),
    Cite::new(
        "94b",
        XSF,
        "94",
        None,
        None,
        "在发现不应当逮捕的时候，必须立即释放，发给释放证明",
    ),
    Cite::new(
        "ga145-1",
        GA,
        "145",
        Some(1),
        None,
        "逮捕通知书应当写明逮捕原因和羁押处所",
    ),
    Cite::new(
        "ga145-4",
        GA,
        "145",
        Some(4),
        None,
        "对于没有在二十四小时以内通知家属的，应当在逮捕通知书中注明原因",
    ),
    Cite::new(
        "ga142",
        GA,
        "142",
        None,
        None,
        "并在执行完毕后三日以内将执行回执送达作出批准逮捕决定的人民检察院",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R37",
    name: "arrest_first_24h",
    title: "逮捕后送看守所、通知家属和讯问的期限",
    description: "逮捕后应当立即送看守所羁押；除无法通知的以外，应当在逮捕后24小时以内通知家属（逮捕通知书写明逮捕原因和羁押处所），任何罪名都没有“有碍侦查”的例外；逮捕后24小时以内必须讯问，发现不应当逮捕的必须立即释放（刑诉法第93条第2款、第94条）；公安机关执行后3日内将执行回执送达批准逮捕的检察院（公安部规定第142条）",
    fields: &[
        ("arrested_at", "datetime", false, "执行逮捕的时间（到分钟）"),
        ("arrested_on", "date", false, "执行逮捕之日（不知道钟点时）"),
        ("unable_to_notify", "boolean", false, "是否无法通知家属"),
        ("decider", AUTHORITY, false, "决定逮捕的机关（人民法院决定的，由人民法院通知家属）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some((when, detail)) = within_24_hours(i.arrested_at.as_deref(), i.arrested_on, "逮捕")?
    else {
        o.req(None::<String>, "arrested_at");
        return Ok(o.missing());
    };
    let day = i.arrested_on.or_else(|| {
        i.arrested_at
            .as_deref()
            .and_then(period::parse_datetime)
            .map(|t| t.date())
    });
    o.cite("93-2a")
        .cite("93-2b")
        .cite("ga145-1")
        .cite("94a")
        .cite("94b");
    let notice = if i.unable_to_notify == Some(true) {
        o.cite("ga145-4");
        "无法通知家属的，应当在逮捕通知书中注明原因，情形消失以后立即通知"
    } else {
        "通知家属的例外只有无法通知，涉嫌危害国家安全、恐怖活动犯罪的也不能以“有碍侦查”为由不通知"
    };
    let mut receipt = Value::Null;
    let mut receipt_words = String::new();
    let by_court = i.decider == Some(Authority::Court);
    if by_court {
        // the court decides, the police execute; the court tells the family (刑诉解释167)
        o.cite("js167");
        receipt_words = "；法院决定逮捕的，由公安机关执行，人民法院在逮捕后24小时以内将逮捕的原因和羁押的处所通知家属（刑诉解释167）".into();
    } else if let Some(d) = day {
        let p = period::days_for(&mut o, d, 3, true, ctx.cal)?;
        o.cite("ga142");
        receipt = json!(p.expiry_day);
        receipt_words = format!(
            "；公安机关执行后3日内（{}前）把执行回执送达批准逮捕的检察院",
            p.expiry_day
        );
    }
    let summary = format!(
        "逮捕后应当立即送看守所羁押；逮捕后24小时以内，{when}，应当通知家属（逮捕通知书写明逮捕原因和羁押处所）并进行讯问；{notice}；讯问中发现不应当逮捕的必须立即释放{receipt_words}。这些期限不得因节假日而延长"
    );
    Ok(o.done(
        "computed",
        &summary,
        json!({"family_notice": detail, "interrogation": detail, "receipt_by": receipt}),
    ))
}
