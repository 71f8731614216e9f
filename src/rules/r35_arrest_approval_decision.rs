//! R35 `arrest_approval_decision`: the 检察院's time to decide on a request to approve an arrest (7
//! days for a detained suspect; 15, at most 20, for one not detained), and what follows a refusal:
//! release at once, 复议 within 5 days, 复核 within 5 days of the 复议 decision. Specification:
//! `src/rules/custody.md` R35.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    /// The day the 检察院 received the 提请批准逮捕书.
    request_received_on: Option<NaiveDate>,
    /// The day of the 拘留, when the day of the request is not told: the request is then taken as
    /// made on the last day the law allows in the ordinary case (3 days, R34).
    detained_on: Option<NaiveDate>,
    /// The suspect is held (拘留) while the 检察院 decides (default: yes).
    suspect_detained: Option<bool>,
    /// The day 公安 received a refusal (不批准逮捕决定书).
    refusal_received_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "91-1",
        XSF,
        "91",
        Some(1),
        None,
        "应当在拘留后的三日以内，提请人民检察院审查批准",
    ),
    Cite::new(
        "91-3a",
        XSF,
        "91",
        Some(3),
        None,
        "人民检察院应当自接到公安机关提请批准逮捕书后的七日以内",
    ),
    Cite::new(
        "91-3b",
        XSF,
        "91",
        Some(3),
        None,
        "人民检察院不批准逮捕的，公安机关应当在接到通知后立即释放",
    ),
    Cite::new(
        "91-3c",
        XSF,
        "91",
        Some(3),
        None,
        "对于需要继续侦查，并且符合取保候审、监视居住条件的",
    ),
    Cite::new(
        "90",
        XSF,
        "90",
        None,
        None,
        "对于批准逮捕的决定，公安机关应当立即执行",
    ),
    Cite::new(
        "92",
        XSF,
        "92",
        None,
        None,
        "可以要求复议，但是必须将被拘留的人立即释放",
    ),
    Cite::new(
        "jc282a",
        JC,
        "282",
        None,
        None,
        "应当在收到提请批准逮捕书后七日以内作出是否批准逮捕的决定",
    ),
    Cite::new(
        "jc282b",
        JC,
        "282",
        None,
        None,
        "应当在收到提请批准逮捕书后十五日以内作出是否批准逮捕的决定",
    ),
    Cite::new(
        "jc282c",
        JC,
        "282",
        None,
        None,
        "重大、复杂案件，不得超过二十日",
    ),
    Cite::new(
        "ga141-1",
        GA,
        "141",
        Some(1),
        None,
        "应当在收到不批准逮捕决定书后五日以内制作要求复议意见书",
    ),
    Cite::new(
        "ga141-2",
        GA,
        "141",
        Some(2),
        None,
        "应当在收到人民检察院的复议决定书后五日以内制作提请复核意见书",
    ),
    Cite::new(
        "jc290",
        JC,
        "290",
        None,
        None,
        "在收到要求复议意见书和案卷材料后七日以内",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R35",
    name: "arrest_approval_decision",
    title: "检察院审查批准逮捕的期限与不批准逮捕的后果",
    description: "对已被拘留的犯罪嫌疑人，检察院应当自接到提请批准逮捕书后7日以内作出批准逮捕或者不批准逮捕的决定；未被拘留的，15日以内，重大、复杂案件不超过20日（刑诉法第91条第3款，检察规则第282条）；批准的，公安机关立即执行；不批准的，公安机关接到通知后立即释放，需要继续侦查且符合条件的依法取保候审或者监视居住；公安机关可在5日内要求复议，但必须先放人（刑诉法第92条）",
    fields: &[
        ("request_received_on", "date", false, "检察院收到提请批准逮捕书之日"),
        ("detained_on", "date", false, "刑事拘留之日（不知道提请之日时，按拘留后第3日提请推算）"),
        ("suspect_detained", "boolean", false, "犯罪嫌疑人是否已被拘留"),
        ("refusal_received_on", "date", false, "公安机关收到不批准逮捕决定之日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let detained = i.suspect_detained != Some(false);
    let (decide_words, decide_by) = if let (None, Some(_)) =
        (i.request_received_on, i.refusal_received_on)
    {
        // Asked about what follows a refusal: the decision period is past.
        ("检察院已作出不批准逮捕的决定".to_string(), json!({}))
    } else if let (None, Some(detained_on), true) = (i.request_received_on, i.detained_on, detained)
    {
        // the request taken as made on the last ordinary day: the latest decision day
        o.cite("91-3a").cite("jc282a").cite("91-1");
        let request = period::days_for(&mut o, detained_on, 3, true, ctx.cal)?.expiry_day;
        let p = period::days_for(&mut o, request, 7, true, ctx.cal)?;
        (
            format!(
                "一般情况下，公安机关最迟在拘留后第3日（{request}）提请，检察院自接到提请后7日以内作出决定，所以最迟{}（拘留后第10日）决定是否批准逮捕；提请时间经批准延长1至4日或者延长至30日的，相应推后（在押期间不得因节假日而延长）",
                p.expiry_day
            ),
            json!({"request_by": request, "decide_by": p.expiry_day}),
        )
    } else if let Some(received) = o.req(i.request_received_on, "request_received_on") {
        if detained {
            o.cite("91-3a").cite("jc282a");
            let p = period::days_for(&mut o, received, 7, true, ctx.cal)?;
            (
            format!(
                "犯罪嫌疑人已被拘留的，检察院应当自接到提请批准逮捕书后7日以内作出决定，最后一日为{}（在押期间不得因节假日而延长）",
                p.expiry_day
            ),
            json!({"decide_by": p.expiry_day}),
        )
        } else {
            o.cite("jc282b").cite("jc282c");
            let p = period::days_for(&mut o, received, 15, false, ctx.cal)?;
            let q = period::days_for(&mut o, received, 20, false, ctx.cal)?;
            (
            format!(
                "犯罪嫌疑人未被拘留的，检察院应当在15日以内作出决定，最后一日为{}；重大、复杂案件不超过20日，即{}",
                p.expiry_day, q.expiry_day
            ),
            json!({"decide_by": p.expiry_day, "decide_by_complex": q.expiry_day}),
        )
        }
    } else {
        return Ok(o.missing());
    };
    o.cite("90").cite("91-3b").cite("91-3c").cite("92");
    let mut after = String::from(
        "批准逮捕的，公安机关应当立即执行；不批准逮捕的，公安机关接到通知后应当立即释放，需要继续侦查并且符合条件的，依法取保候审或者监视居住",
    );
    let mut details = decide_by;
    if let Some(r) = i.refusal_received_on {
        // The person is released first: the holiday rule applies again.
        let p = period::days_for(&mut o, r, 5, false, ctx.cal)?;
        o.cite("ga141-1").cite("ga141-2").cite("jc290");
        after.push_str(&format!(
            "；公安机关认为不批准逮捕有错误的，可以在收到决定书后5日以内（{}前）要求复议，但必须先放人；检察院收到复议材料后7日以内作出决定，对复议决定不服的可以在5日以内提请上一级检察院复核",
            p.expiry_day
        ));
        details["reconsideration_by"] = json!(p.expiry_day);
    } else {
        o.cite("ga141-1");
        after.push_str(
            "；公安机关认为不批准逮捕有错误的，可以在收到决定书后5日以内要求复议，但必须先放人",
        );
    }
    Ok(o.done("computed", &format!("{decide_words}。{after}"), details))
}
