//! R34 `arrest_request_deadline`: after a 刑事拘留, the last day to ask the 检察院 to approve an
//! arrest (3 days; 1–4 more in special circumstances; up to 30 days for 流窜、多次、结伙作案的重大
//! 嫌疑分子), the 检察院's 7 days that follow, and so the longest lawful 拘留 (10, 14 or 37 days);
//! the 自侦 (14 + 1–3 days) and 监察 (10 + 1–4 days) parallels. Specification:
//! `src/rules/custody.md` R34. Everything runs in custody: no holiday extension (刑诉法105④).

use super::*;

/// Who investigates the case (and so who 拘留s and asks for or decides the arrest).
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Investigator {
    /// 公安机关 (and 国家安全机关): asks the 检察院 to approve (刑诉法91).
    PublicSecurity,
    StateSecurity,
    /// 人民检察院 in a case it investigates itself (自侦, 刑诉法167).
    ProcuratorateOwnCase,
    /// 人民检察院 after a 监察机关 transfers a case with 留置 (刑诉法170②).
    Supervisory,
}

pub(crate) const INVESTIGATOR: &str =
    "enum:public_security|state_security|procuratorate_own_case|supervisory";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    investigator: Option<Investigator>,
    /// The day of the 拘留 (the hour does not matter for day periods).
    detained_on: Option<NaiveDate>,
    /// 流窜作案、多次作案、结伙作案的重大嫌疑分子 (the 30-day path of 刑诉法91②).
    serious_suspect: Option<bool>,
    /// Days of extension approved in special circumstances (1–4; 自侦 1–3).
    special_extension_days: Option<u32>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "91-1a",
        XSF,
        "91",
        Some(1),
        None,
        "应当在拘留后的三日以内，提请人民检察院审查批准",
    ),
    Cite::new(
        "91-1b",
        XSF,
        "91",
        Some(1),
        None,
        "在特殊情况下，提请审查批准的时间可以延长一日至四日",
    ),
    Cite::new(
        "91-2a",
        XSF,
        "91",
        Some(2),
        None,
        "对于流窜作案、多次作案、结伙作案的重大嫌疑分子",
    ),
    Cite::new(
        "91-2b",
        XSF,
        "91",
        Some(2),
        None,
        "提请审查批准的时间可以延长至三十日",
    ),
    Cite::new(
        "91-3",
        XSF,
        "91",
        Some(3),
        None,
        "人民检察院应当自接到公安机关提请批准逮捕书后的七日以内",
    ),
    Cite::new(
        "ga129-1",
        GA,
        "129",
        Some(1),
        None,
        "经县级以上公安机关负责人批准，提请审查批准逮捕的时间可以延长一日至四日",
    ),
    Cite::new(
        "ga129-2",
        GA,
        "129",
        Some(2),
        None,
        "经县级以上公安机关负责人批准，提请审查批准逮捕的时间可以延长至三十日",
    ),
    Cite::new(
        "ga129-3a",
        GA,
        "129",
        Some(3),
        None,
        "“多次作案”，是指三次以上作案",
    ),
    Cite::new(
        "ga129-3b",
        GA,
        "129",
        Some(3),
        None,
        "“结伙作案”，是指二人以上共同作案",
    ),
    Cite::new(
        "ga131-3",
        GA,
        "131",
        Some(1),
        Some(3),
        "拘留期限届满，案件尚未办结，需要继续侦查的",
    ),
    Cite::new("167a", XSF, "167", None, None, "应当在十四日以内作出决定"),
    Cite::new(
        "167b",
        XSF,
        "167",
        None,
        None,
        "在特殊情况下，决定逮捕的时间可以延长一日至三日",
    ),
    Cite::new(
        "170-2a",
        XSF,
        "170",
        Some(2),
        None,
        "应当在拘留后的十日以内作出是否逮捕、取保候审或者监视居住的决定",
    ),
    Cite::new(
        "jc143",
        JC,
        "143",
        Some(1),
        None,
        "特殊情况下，决定的时间可以延长一日至四日",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R34",
    name: "arrest_request_deadline",
    title: "刑事拘留后提请批准逮捕的期限与最长拘留期限",
    description: "公安机关拘留后3日内提请检察院批准逮捕，特殊情况经县级以上公安机关负责人批准可延长1至4日，流窜作案、多次作案、结伙作案的重大嫌疑分子可延长至30日；检察院接到提请后7日内作出决定，所以拘留最长为10日、14日或37日（刑诉法第91条，公安部规定第129条）；检察院自侦案件14日内决定逮捕，特殊情况延长1至3日（刑诉法第167条）；在押期间的期限不得因节假日而延长",
    fields: &[
        ("investigator", INVESTIGATOR, false, "侦查机关：公安机关、国家安全机关、人民检察院（自侦）或监察机关移送的案件"),
        ("detained_on", "date", false, "刑事拘留之日（不给出时按日数回答）"),
        ("serious_suspect", "boolean", false, "是否流窜作案、多次作案、结伙作案的重大嫌疑分子"),
        ("special_extension_days", "integer", false, "特殊情况下经批准延长的日数（1至4日）"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

/// `start + n` days in custody (no holiday extension), cited.
fn custody_day(o: &mut Out, start: NaiveDate, n: u32, ctx: &Ctx) -> Result<NaiveDate> {
    Ok(period::days_for(o, start, n, true, ctx.cal)?.expiry_day)
}

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    if let Some(k) = i.special_extension_days {
        if !(1..=4).contains(&k) {
            return Err(Error::InvalidInput(format!(
                "special_extension_days: {k} — the law allows 1 to 4 days (刑诉法91①)"
            )));
        }
    }
    let investigator = i.investigator.unwrap_or(Investigator::PublicSecurity);
    let Some(detained) = i.detained_on else {
        // How long, in days, does not depend on the day of the 拘留.
        return Ok(in_days(o, investigator, i.serious_suspect));
    };
    match investigator {
        Investigator::PublicSecurity | Investigator::StateSecurity => {
            let (summary, details) = police(&mut o, detained, &i, investigator, ctx)?;
            Ok(o.done("computed", &summary, details))
        }
        Investigator::ProcuratorateOwnCase => {
            o.cite("167a").cite("167b");
            let by = custody_day(&mut o, detained, 14, ctx)?;
            let max = custody_day(&mut o, detained, 17, ctx)?;
            let summary = format!(
                "检察院自行侦查的案件，拘留后14日内作出是否逮捕的决定，最后一日为{by}；特殊情况下可延长1至3日，最迟{max}；在押期间不得因节假日而延长"
            );
            Ok(o.done(
                "computed",
                &summary,
                json!({"decide_by": by, "decide_by_extended": max, "path": "procuratorate_own_case"}),
            ))
        }
        Investigator::Supervisory => {
            o.cite("170-2a").cite("jc143");
            let by = custody_day(&mut o, detained, 10, ctx)?;
            let max = custody_day(&mut o, detained, 14, ctx)?;
            let summary = format!(
                "监察机关移送的案件，检察院先行拘留后10日内作出是否逮捕、取保候审或者监视居住的决定，最后一日为{by}；特殊情况下可延长1至4日，最迟{max}"
            );
            Ok(o.done(
                "computed",
                &summary,
                json!({"decide_by": by, "decide_by_extended": max, "path": "supervisory"}),
            ))
        }
    }
}

/// The periods in days, when the day of the 拘留 is not told: what "how long" asks needs no date.
fn in_days(mut o: Out, investigator: Investigator, serious_suspect: Option<bool>) -> Outcome {
    let police = matches!(
        investigator,
        Investigator::PublicSecurity | Investigator::StateSecurity
    );
    // A 流窜/多次/结伙 suspect told (or denied): the one path that applies.
    if let (true, Some(serious)) = (police, serious_suspect) {
        o.cite("91-1a").cite("91-3");
        let summary = if serious {
            o.cite("91-2a").cite("91-2b").cite("ga129-2");
            o.cite("ga129-3a").cite("ga129-3b");
            "流窜作案、多次作案（三次以上作案）、结伙作案（二人以上共同作案）的重大嫌疑分子，经县级以上公安机关负责人批准，提请批准逮捕的时间可以延长至拘留后30日，检察院接到提请后7日内决定是否批准逮捕，所以拘留最长37日（30日＋7日）。期限从拘留的次日起算，在押期间不得因节假日而延长；到期不批准逮捕的应当放人或者改为取保候审、监视居住"
        } else {
            o.cite("91-1b").cite("ga129-1").cite("ga131-3");
            "不属于流窜作案、多次作案、结伙作案的重大嫌疑分子的，公安机关应当在拘留后3日内提请检察院批准逮捕，检察院7日内决定，所以一般最长关10日；特殊情况经县级以上公安机关负责人批准，提请时间可延长1至4日，最长14日，不能延长至30日。期限从拘留的次日起算，在押期间不得因节假日而延长"
        };
        o.cite_from(period::CITES, "105-2")
            .cite_from(period::CITES, "105-4b");
        let days = if serious {
            json!({"thirty_days": 37})
        } else {
            json!({"normal": 10, "extended": 14})
        };
        return o.done(
            "computed",
            summary,
            json!({ "longest_detention_days": days }),
        );
    }
    let summary = match investigator {
        Investigator::ProcuratorateOwnCase => {
            o.cite("167a").cite("167b");
            "检察院自行侦查的案件，拘留后14日内作出是否逮捕的决定，特殊情况下可延长1至3日，所以拘留最长17日；期限从拘留的次日起算，在押期间不得因节假日而延长"
        }
        Investigator::Supervisory => {
            o.cite("170-2a").cite("jc143");
            "监察机关移送的案件，检察院先行拘留后10日内作出是否逮捕、取保候审或者监视居住的决定，特殊情况下可延长1至4日，所以拘留最长14日"
        }
        Investigator::PublicSecurity | Investigator::StateSecurity => {
            o.cite("91-1a")
                .cite("91-1b")
                .cite("91-2a")
                .cite("91-2b")
                .cite("91-3");
            o.cite("ga129-1")
                .cite("ga129-2")
                .cite("ga129-3a")
                .cite("ga129-3b")
                .cite("ga131-3");
            "刑事拘留后，公安机关应当在3日内提请检察院批准逮捕，检察院7日内决定，所以一般最长关10日；特殊情况经县级以上公安机关负责人批准，提请时间可延长1至4日，最长14日；流窜作案、多次作案（三次以上作案）、结伙作案（二人以上共同作案）的重大嫌疑分子，提请时间可延长至30日，最长37日。期限从拘留的次日起算，在押期间不得因节假日而延长；到期不批准逮捕的应当放人或者改为取保候审、监视居住"
        }
    };
    o.cite_from(period::CITES, "105-2")
        .cite_from(period::CITES, "105-4b");
    o.done(
        "computed",
        summary,
        json!({"longest_detention_days": {"normal": 10, "extended": 14, "thirty_days": 37}}),
    )
}

/// 公安 / 国安: 3 days, 3 + 1–4, or 30 days to ask; the 检察院's 7 days after (summary, details).
fn police(
    o: &mut Out,
    detained: NaiveDate,
    i: &Input,
    investigator: Investigator,
    ctx: &Ctx,
) -> Result<(String, Value)> {
    o.cite("91-1a").cite("91-3");
    let normal = custody_day(o, detained, 3, ctx)?;
    let special = custody_day(o, detained, 3 + i.special_extension_days.unwrap_or(4), ctx)?;
    let thirty = custody_day(o, detained, 30, ctx)?;
    let max = |o: &mut Out, d: NaiveDate| custody_day(o, d, 7, ctx);
    let (normal_max, special_max, thirty_max) =
        (max(o, normal)?, max(o, special)?, max(o, thirty)?);
    let who = if investigator == Investigator::StateSecurity {
        "国家安全机关"
    } else {
        "公安机关"
    };
    let special_words = match i.special_extension_days {
        Some(k) => format!("已批准延长{k}日的，提请的最后一日为{special}"),
        None => format!("特殊情况下经县级以上公安机关负责人批准可延长1至4日，最迟{special}"),
    };
    let (summary, path) = match i.serious_suspect {
        Some(true) => {
            o.cite("91-2a").cite("91-2b").cite("ga129-2");
            o.cite("ga129-3a").cite("ga129-3b");
            (
                format!(
                    "流窜作案、多次作案（三次以上）、结伙作案（二人以上）的重大嫌疑分子，经县级以上公安机关负责人批准，提请批准逮捕的时间可以延长至拘留后30日，最后一日为{thirty}；检察院接到提请后7日内决定是否批准逮捕，所以拘留最长到{thirty_max}（共37日）。一般情形下{who}应在拘留后3日内（{normal}前）提请；在押期间的期限不得因节假日而延长"
                ),
                "thirty_days",
            )
        }
        Some(false) => {
            o.cite("91-1b").cite("ga129-1");
            (
                format!(
                    "{who}应当在拘留后3日内提请检察院批准逮捕，最后一日为{normal}；{special_words}；检察院接到提请后7日内决定是否批准逮捕，所以拘留一般最长到{normal_max}（10日），延长4日的最长到{special_max}（14日）。不属于流窜作案、多次作案、结伙作案的重大嫌疑分子，不能延长至30日；在押期间的期限不得因节假日而延长"
                ),
                "normal",
            )
        }
        None => {
            o.cite("91-1b").cite("ga129-1");
            o.cite("91-2a").cite("91-2b").cite("ga129-2");
            (
                format!(
                    "{who}应当在拘留后3日内提请检察院批准逮捕，最后一日为{normal}；{special_words}；流窜作案、多次作案、结伙作案的重大嫌疑分子经批准可延长至30日，最后一日为{thirty}。检察院接到提请后7日内决定是否批准逮捕，所以拘留一般最长到{normal_max}（10日），延长4日的到{special_max}（14日），30日的到{thirty_max}（最长37日）；在押期间的期限不得因节假日而延长"
                ),
                "all",
            )
        }
    };
    o.cite("ga131-3");
    Ok((
        summary,
        json!({
            "request_by": normal,
            "request_by_extended": special,
            "request_by_thirty_days": thirty,
            "longest_detention": {"normal": normal_max, "extended": special_max, "thirty_days": thirty_max},
            "path": path,
        }),
    ))
}
