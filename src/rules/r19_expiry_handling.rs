//! R19 `expiry_handling`: what must happen when the term expires. Expiry does not end bail by itself.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    expiry_day: Option<NaiveDate>,
    today: Option<NaiveDate>,
    decision_made: Option<bool>,
    demand_received_on: Option<NaiveDate>,
    authority: Option<Authority>,
    not_to_be_prosecuted: Option<bool>,
    /// The user believes bail ended automatically at expiry (seed 002 Q6).
    claimed_automatic_release: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd24-1",
        GD,
        "24",
        Some(1),
        None,
        "决定机关应当作出解除取保候审或者变更强制措施的决定",
    ),
    Cite::new(
        "gd24-1b",
        GD,
        "24",
        Some(1),
        None,
        "有权要求决定机关解除取保候审",
    ),
    Cite::new(
        "79-2",
        XSF,
        "79",
        Some(2),
        None,
        "应当及时解除取保候审、监视居住",
    ),
    Cite::new("99", XSF, "99", None, None, "有权要求解除强制措施"),
    Cite::new(
        "jc150-1",
        JC,
        "150",
        Some(1),
        None,
        "人民检察院应当在收到申请后三日以内作出决定",
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
        "js174",
        JS,
        "174",
        None,
        None,
        "人民法院收到申请后，应当在三日以内作出决定",
    ),
    Cite::new(
        "jc567-1-5",
        JC,
        "567",
        Some(1),
        Some(5),
        "或者强制措施法定期限届满，不予释放、解除或者变更的",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R19",
    name: "expiry_handling",
    title: "取保候审期限届满的处理",
    description: "取保候审期限届满不会自动解除，决定机关应当作出解除取保候审或者变更强制措施的决定；未解除的，被取保候审人及其法定代理人、近亲属或者辩护人有权要求解除（规定(2022)24①、刑诉法99）；检察院、法院应当在收到申请后3日以内作出决定（检察规则150、刑诉解释174），公安机关经审查情况属实的，应当立即解除或者变更（公安部规定161）",
    fields: &[
        ("expiry_day", "date", true, "期限届满日"),
        ("today", "date", false, "当前日期（不填则用今天）"),
        ("decision_made", "boolean", false, "已作出解除或变更决定（期满后必填）"),
        ("demand_received_on", "date", false, "收到解除要求之日"),
        ("authority", AUTHORITY, true, "决定机关"),
        ("not_to_be_prosecuted", "boolean", false, "已撤销案件/终止侦查/不应追究刑事责任"),
        ("claimed_automatic_release", "boolean", false, "用户认为期满自动解除"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

/// The last day to answer a demand to release received on `dr`: 3 days for the procuratorate
/// (检察规则150) and the court (刑诉解释174), at once for the police (公安部规定161).
fn answer_by(o: &mut Out, auth: Authority, dr: NaiveDate, cal: Calendar) -> Result<NaiveDate> {
    Ok(match auth {
        Authority::Procuratorate => {
            o.cite("jc150-1");
            period::days_for(o, dr, 3, false, cal)?.expiry_day
        }
        Authority::Court => {
            o.cite("js174");
            period::days_for(o, dr, 3, false, cal)?.expiry_day
        }
        _ => {
            o.cite("ga161-2");
            o.flag(Flag::interpretation(
                "公安“立即解除或者变更”：答复期限按收到当日",
            ));
            dr
        }
    })
}

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let today = i.today.or(ctx.today);
    // A demand to release received on a day told: the answer is due whatever day the term ended.
    if let (None, Some(dr)) = (i.expiry_day, i.demand_received_on) {
        let Some(auth) = o.req(i.authority, "authority") else {
            return Ok(o.missing());
        };
        o.req(i.expiry_day, "expiry_day");
        o.cite("gd24-1").cite("99");
        let by = answer_by(&mut o, auth, dr, ctx.cal)?;
        let s = format!(
            "收到解除取保候审的要求后，应于{by}前作出决定{}；取保候审期限届满不会自动解除，决定机关应当作出解除或者变更强制措施的决定",
            if matches!(auth, Authority::PublicSecurity | Authority::StateSecurity) {
                "（公安机关经审查属实的，应当立即解除或者变更）"
            } else {
                ""
            }
        );
        return Ok(o.done("answer_deadline", &s, json!({"answer_by": by})));
    }
    let (Some(exp), Some(auth), Some(today)) = (
        o.req(i.expiry_day, "expiry_day"),
        o.req(i.authority, "authority"),
        o.req(today, "today"),
    ) else {
        return Ok(o.missing());
    };
    let mut d = json!({"expiry_day": exp, "today": today});
    if i.claimed_automatic_release == Some(true) {
        o.flag(Flag::superseded("期满“自动解除”之说（见于评论页）与规定(2022)24条不符：期满须由决定机关作出解除或变更决定").with_code("seed002"));
        o.flag(Flag::conflict(
            "C11",
            "期满不在规定(2022)24③自动解除情形之列",
        ));
    }
    if i.not_to_be_prosecuted == Some(true) {
        o.cite("gd24-1");
        d["release_decision_required"] = json!("及时");
        return Ok(o.done(
            "release_required",
            "不应追究刑事责任或已撤销案件：决定机关应当及时作出解除取保候审的决定（规定(2022)24②）",
            d,
        ));
    }
    // 1. Running.
    if today <= exp {
        // what the expiry will require, so that the outcome rests on its articles
        o.cite("gd24-1").cite("79-2");
        return Ok(o.done(
            "running",
            &format!("期限尚未届满（{exp}）；届满时决定机关应当作出解除取保候审或者变更强制措施的决定，不会自动解除"),
            d,
        ));
    }
    // 2. Expired: a decision is required.
    let Some(decided) = o.req(i.decision_made, "decision_made") else {
        return Ok(o.missing());
    };
    if decided {
        o.cite("gd24-1");
        return Ok(o.done("decided", "期满后已作出解除或变更决定", d));
    }
    o.cite("gd24-1").cite("gd24-1b").cite("79-2").cite("99");
    if matches!(auth, Authority::PublicSecurity | Authority::StateSecurity) {
        o.cite("ga161-2");
    }
    // 3. Answer to a demand.
    if let Some(dr) = i.demand_received_on {
        d["answer_by"] = json!(answer_by(&mut o, auth, dr, ctx.cal)?);
    }
    // 4. Supervision.
    o.cite("jc567-1-5");
    d["supervision_hint"] =
        json!("期满不予解除或变更的，属检察院监督纠正的违法情形（检察规则567(五)）");
    let mut s = "期限已届满但尚未作出决定：取保候审并未自动解除，决定机关应当作出解除或者变更强制措施的决定；当事人有权要求解除".to_string();
    if let Some(a) = d.get("answer_by") {
        s.push_str(&format!("；应于{}前答复", a.as_str().unwrap_or("")));
    }
    Ok(o.done("expired_pending_decision", &s, d))
}
