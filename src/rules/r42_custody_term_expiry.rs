//! R42 `custody_term_expiry`: when a custody term ends without a lawful extension, the person is
//! released, or put on 取保候审 or 监视居住 if the case goes on (刑诉法98); the person or the family
//! may demand it (刑诉法99), and each authority's time to answer. Specification:
//! `src/rules/custody.md` R42.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    /// The last day of the custody term (from R34, R39, R40, R41).
    custody_expiry_day: Option<NaiveDate>,
    /// The day of the arrest, when the expiry day is not told: 侦查羁押 ends 2 months later unless
    /// an extension was approved (刑诉法156).
    arrested_on: Option<NaiveDate>,
    /// Who holds the case now.
    authority: Option<Authority>,
    /// The day the authority received a demand for release (刑诉法99).
    release_demand_received_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "156",
        XSF,
        "156",
        None,
        None,
        "对犯罪嫌疑人逮捕后的侦查羁押期限不得超过二个月",
    ),
    Cite::new(
        "98a",
        XSF,
        "98",
        None,
        None,
        "对犯罪嫌疑人、被告人应当予以释放",
    ),
    Cite::new(
        "98b",
        XSF,
        "98",
        None,
        None,
        "需要继续查证、审理的，对犯罪嫌疑人、被告人可以取保候审或者监视居住",
    ),
    Cite::new(
        "99a",
        XSF,
        "99",
        None,
        None,
        "应当予以释放、解除取保候审、监视居住或者依法变更强制措施",
    ),
    Cite::new("99b", XSF, "99", None, None, "有权要求解除强制措施"),
    Cite::new(
        "67-1-4",
        XSF,
        "67",
        Some(1),
        Some(4),
        "羁押期限届满，案件尚未办结，需要采取取保候审的",
    ),
    Cite::new(
        "ga161-2",
        GA,
        "161",
        Some(2),
        None,
        "对于情况属实的，应当立即解除或者变更强制措施",
    ),
    Cite::new(
        "ga161-3",
        GA,
        "161",
        Some(3),
        None,
        "对于犯罪嫌疑人、被告人羁押期限即将届满的，看守所应当立即通知办案机关",
    ),
    Cite::new(
        "jc150",
        JC,
        "150",
        Some(1),
        None,
        "人民检察院应当在收到申请后三日以内作出决定",
    ),
    Cite::new(
        "jc618",
        JC,
        "618",
        Some(1),
        None,
        "人民检察院发现同级或者下级公安机关、人民法院超期羁押的",
    ),
    Cite::new(
        "js170",
        JS,
        "170",
        Some(1),
        Some(4),
        "案件不能在法律规定的期限内审结的",
    ),
    Cite::new(
        "js174",
        JS,
        "174",
        None,
        None,
        "人民法院收到申请后，应当在三日以内作出决定",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R42",
    name: "custody_term_expiry",
    title: "羁押期限届满的处理",
    description: "羁押期限届满、案件尚未办结的，对犯罪嫌疑人、被告人应当予以释放，需要继续查证、审理的，可以取保候审或者监视居住（刑诉法第98条）；羁押期限届满的，本人、法定代理人、近亲属或者辩护人有权要求解除强制措施（刑诉法第99条）：公安机关经审查属实的应当立即解除或者变更，检察院、法院应当在3日以内作出决定；超期羁押的，检察院应当提出纠正意见",
    fields: &[
        ("custody_expiry_day", "date", false, "羁押期限届满之日"),
        ("arrested_on", "date", false, "执行逮捕之日（不知道届满日时，按侦查羁押2个月推算）"),
        ("authority", AUTHORITY, false, "现在办理案件的机关"),
        ("release_demand_received_on", "date", false, "办案机关收到解除强制措施要求之日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    o.cite("98a")
        .cite("98b")
        .cite("67-1-4")
        .cite("99a")
        .cite("99b");
    let mut parts = vec![
        "羁押期限届满而没有依法延长或者重新计算的，应当释放；案件还需要继续侦查、审理的，可以改为取保候审或者监视居住，不能继续关押".to_string(),
    ];
    let mut details = json!({});
    let expiry = match (i.custody_expiry_day, i.arrested_on) {
        (Some(end), _) => Some(end),
        (None, Some(arrested)) => {
            o.cite("156");
            let end = period::months_for(&mut o, arrested, 2, true, ctx.cal)?.expiry_day;
            parts.push(format!(
                "逮捕后的侦查羁押期限为2个月，自{arrested}起算到{end}届满；没有经上一级检察院批准延长（或者依法重新计算）的，到期就不能再关押"
            ));
            Some(end)
        }
        (None, None) => None,
    };
    if let Some(end) = expiry {
        o.cite("ga161-3");
        let warn = period::before(end, 7).unwrap_or(end);
        details["expiry_day"] = json!(end);
        match ctx.today {
            Some(t) if t > end => {
                o.cite("jc618");
                details["state"] = json!("overdue");
                parts.insert(
                    0,
                    format!("羁押期限已于{end}届满，到今天（{t}）仍然关押而没有依法延长的，属于超期羁押，检察院应当提出纠正意见"),
                );
            }
            _ => {
                details["state"] = json!("running");
                parts.insert(
                    0,
                    format!("羁押期限到{end}届满（在押期间不得因节假日而延长），看守所应当在届满前（{warn}起）通知办案机关"),
                );
            }
        }
    }
    let answer = match i.authority {
        Some(Authority::PublicSecurity) | Some(Authority::StateSecurity) => {
            o.cite("ga161-2");
            "公安机关经审查情况属实的，应当立即解除或者变更强制措施".to_string()
        }
        Some(Authority::Procuratorate) => {
            o.cite("jc150");
            "检察院应当在收到申请后3日以内作出决定".to_string()
        }
        Some(Authority::Court) => {
            o.cite("js174").cite("js170");
            "法院应当在收到申请后3日以内作出决定；案件不能在法定期限内审结的，对被告人应当立即释放，可以变更强制措施".to_string()
        }
        None => {
            o.cite("ga161-2").cite("jc150").cite("js174");
            "公安机关经审查属实的应当立即解除或者变更，检察院、法院应当在收到申请后3日以内作出决定"
                .to_string()
        }
    };
    let when = match (i.release_demand_received_on, i.authority) {
        (Some(d), Some(Authority::Procuratorate | Authority::Court)) => {
            let by = period::days_for(&mut o, d, 3, true, ctx.cal)?.expiry_day;
            details["answer_by"] = json!(by);
            format!("（最后一日为{by}）")
        }
        (Some(d), Some(_)) => {
            details["answer_by"] = json!(d);
            format!("（收到要求的当日，{d}）")
        }
        _ => String::new(),
    };
    parts.push(format!(
        "本人、法定代理人、近亲属或者辩护人有权要求解除强制措施：{answer}{when}"
    ));
    Ok(o.done("computed", &parts.join("；"), details))
}
