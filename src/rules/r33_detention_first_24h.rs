//! R33 `detention_first_24h`: the first 24 hours of a 刑事拘留 — to the 看守所, the family told, the
//! first interrogation — and when the notice may wait. Specification: `src/rules/custody.md` R33.
//! Hour periods have no holiday rule; both readings of "24 hours" are given (period::hours).

use super::r29_rsdl_place::{OffenceClass, OFFENCE_CLASS};
use super::r34_arrest_request_deadline::{Investigator, INVESTIGATOR};
use super::*;
use chrono::NaiveDateTime;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    investigator: Option<Investigator>,
    /// The time of the 拘留, to the minute.
    detained_at: Option<String>,
    /// The day of the 拘留, when the hour is not known.
    detained_on: Option<NaiveDate>,
    offence_class: Option<OffenceClass>,
    /// 无法通知 (no family, identity unknown, unreachable …).
    unable_to_notify: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "85-2a",
        XSF,
        "85",
        Some(2),
        None,
        "应当立即将被拘留人送看守所羁押，至迟不得超过二十四小时",
    ),
    Cite::new(
        "85-2b",
        XSF,
        "85",
        Some(2),
        None,
        "除无法通知或者涉嫌危害国家安全犯罪、恐怖活动犯罪通知可能有碍侦查的情形以外",
    ),
    Cite::new(
        "85-2c",
        XSF,
        "85",
        Some(2),
        None,
        "应当在拘留后二十四小时以内，通知被拘留人的家属",
    ),
    Cite::new(
        "85-2d",
        XSF,
        "85",
        Some(2),
        None,
        "有碍侦查的情形消失以后，应当立即通知被拘留人的家属",
    ),
    Cite::new(
        "86a",
        XSF,
        "86",
        None,
        None,
        "应当在拘留后的二十四小时以内进行讯问",
    ),
    Cite::new(
        "86b",
        XSF,
        "86",
        None,
        None,
        "在发现不应当拘留的时候，必须立即释放，发给释放证明",
    ),
    Cite::new(
        "ga126-1",
        GA,
        "126",
        Some(1),
        None,
        "拘留后，应当立即将被拘留人送看守所羁押，至迟不得超过二十四小时",
    ),
    Cite::new(
        "ga127-1a",
        GA,
        "127",
        Some(1),
        None,
        "应当在拘留后二十四小时以内制作拘留通知书，通知被拘留人的家属",
    ),
    Cite::new(
        "ga127-1b",
        GA,
        "127",
        Some(1),
        None,
        "拘留通知书应当写明拘留原因和羁押处所",
    ),
    Cite::new(
        "ga127-5",
        GA,
        "127",
        Some(5),
        None,
        "对于没有在二十四小时以内通知家属的，应当在拘留通知书中注明原因",
    ),
    Cite::new(
        "jc123-1",
        JC,
        "123",
        Some(1),
        None,
        "除无法通知的以外，人民检察院应当在二十四小时以内，通知被拘留人的家属",
    ),
    Cite::new(
        "166",
        XSF,
        "166",
        None,
        None,
        "应当在拘留后的二十四小时以内进行讯问",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R33",
    name: "detention_first_24h",
    title: "刑事拘留后24小时内的送看守所、通知家属和讯问",
    description: "拘留后应当立即送看守所羁押，至迟不超过24小时；除无法通知或者涉嫌危害国家安全犯罪、恐怖活动犯罪通知可能有碍侦查的以外，应当在拘留后24小时以内通知家属（拘留通知书写明拘留原因和羁押处所）；拘留后24小时以内进行讯问，发现不应当拘留的必须立即释放（刑诉法第85条第2款、第86条）；小时计算的期限不得因节假日而延长",
    fields: &[
        ("investigator", INVESTIGATOR, false, "侦查机关（检察院自侦案件只有“无法通知”一种例外）"),
        ("detained_at", "datetime", false, "刑事拘留的时间（到分钟）"),
        ("detained_on", "date", false, "刑事拘留之日（不知道钟点时）"),
        ("offence_class", OFFENCE_CLASS, false, "涉嫌的犯罪是否危害国家安全犯罪或恐怖活动犯罪"),
        ("unable_to_notify", "boolean", false, "是否无法通知家属（没有家属、身份不明、无法联系等）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

/// "即最迟到Y（自…时刻起算；按期间开始的时不计入计算为Z）" for a 24-hour limit from `at`, or the
/// day after `on` at the same time when only the day is known. Shared with R37.
pub(crate) fn within_24_hours(
    at: Option<&str>,
    on: Option<NaiveDate>,
    event: &str,
) -> Result<Option<(String, Value)>> {
    let fmt = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    if let Some(s) = at {
        let t = period::parse_datetime(s).ok_or_else(|| {
            Error::InvalidInput(format!(
                "{s:?} is not a date and time; write YYYY-MM-DDTHH:MM"
            ))
        })?;
        let (statutory, conservative) = period::hours(t, 24)
            .ok_or_else(|| Error::InvalidInput(format!("date out of range: {s}")))?;
        return Ok(Some((
            format!(
                "即最迟到{}（自{}时刻起算；按“期间开始的时不计入”计算为{}）",
                fmt(conservative),
                event,
                fmt(statutory)
            ),
            json!({"by": conservative, "by_statutory": statutory}),
        )));
    }
    Ok(on.and_then(|d| d.succ_opt()).map(|next| {
        (
            format!("即最迟到{next}{event}时的同一时刻"),
            json!({"by_day": next}),
        )
    }))
}

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some((when, detail)) = within_24_hours(i.detained_at.as_deref(), i.detained_on, "拘留")?
    else {
        o.req(None::<String>, "detained_at");
        return Ok(o.missing());
    };
    let own_case = i.investigator == Some(Investigator::ProcuratorateOwnCase);
    o.cite("85-2a").cite("85-2c");
    if own_case {
        o.cite("jc123-1").cite("166");
    } else {
        o.cite("ga126-1")
            .cite("ga127-1a")
            .cite("ga127-1b")
            .cite("86a");
    }
    let who = if own_case {
        "检察院"
    } else {
        "公安机关"
    };
    let notice = match (i.unable_to_notify, i.offence_class) {
        (Some(true), _) => {
            o.cite("85-2b").cite("85-2d");
            if !own_case {
                o.cite("ga127-5");
            }
            "无法通知家属的可以不在24小时内通知，但应当注明原因，情形消失以后立即通知"
        }
        (_, Some(OffenceClass::StateSecurity | OffenceClass::Terrorism)) if !own_case => {
            o.cite("85-2b").cite("85-2d");
            "涉嫌危害国家安全犯罪、恐怖活动犯罪，通知可能有碍侦查的，可以暂不通知家属，有碍侦查的情形消失以后应当立即通知"
        }
        (_, Some(OffenceClass::Other)) => {
            o.cite("85-2b");
            "通知家属的例外只有无法通知，或者涉嫌危害国家安全犯罪、恐怖活动犯罪通知可能有碍侦查；其他犯罪不能以“有碍侦查”为由不通知"
        }
        _ => {
            o.cite("85-2b");
            "通知家属的例外只有无法通知，或者涉嫌危害国家安全犯罪、恐怖活动犯罪通知可能有碍侦查"
        }
    };
    o.cite("86b");
    o.cite_from(period::CITES, "105-4b");
    let summary = format!(
        "拘留后24小时以内，{when}，{who}应当把人送看守所羁押（应当立即送）、通知家属（拘留通知书写明拘留原因和羁押处所）、进行讯问；{notice}；讯问中发现不应当拘留的必须立即释放。以小时计算的期限不得因节假日而延长"
    );
    Ok(o.done(
        "computed",
        &summary,
        json!({"handover": detail, "family_notice": detail, "interrogation": detail}),
    ))
}
