//! R38 `custody_necessity_review`: after an arrest the 检察院 keeps reviewing whether custody is still
//! needed (羁押必要性审查); who may apply, who acts on a finding that it is not, and the 10 days the
//! 公安 or the court has to report back. Specification: `src/rules/custody.md` R38.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    stage: Option<Stage>,
    /// The day the 公安 or the court received the 检察院's suggestion.
    suggestion_received_on: Option<NaiveDate>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "95a",
        XSF,
        "95",
        None,
        None,
        "人民检察院仍应当对羁押的必要性进行审查",
    ),
    Cite::new(
        "95b",
        XSF,
        "95",
        None,
        None,
        "对不需要继续羁押的，应当建议予以释放或者变更强制措施",
    ),
    Cite::new(
        "95c",
        XSF,
        "95",
        None,
        None,
        "有关机关应当在十日以内将处理情况通知人民检察院",
    ),
    Cite::new(
        "jc574-2",
        JC,
        "574",
        Some(2),
        None,
        "可以申请人民检察院进行羁押必要性审查",
    ),
    Cite::new(
        "jc575-2",
        JC,
        "575",
        Some(2),
        None,
        "应当直接释放犯罪嫌疑人或者变更强制措施",
    ),
    Cite::new(
        "jc581-1",
        JC,
        "581",
        Some(1),
        None,
        "要求办案机关在十日以内回复处理情况",
    ),
    Cite::new(
        "ga159-2",
        GA,
        "159",
        Some(2),
        None,
        "公安机关应当在十日以内将处理情况通知人民检察院",
    ),
    Cite::new(
        "js173",
        JS,
        "173",
        None,
        None,
        "人民法院应当在收到建议后十日以内将处理情况通知人民检察院",
    ),
    Cite::new("97", XSF, "97", None, None, "应当在三日以内作出决定"),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R38",
    name: "custody_necessity_review",
    title: "羁押必要性审查",
    description: "逮捕后，人民检察院仍应当对羁押的必要性进行审查，对不需要继续羁押的，应当建议予以释放或者变更强制措施，有关机关应当在10日以内将处理情况通知人民检察院（刑诉法第95条）；犯罪嫌疑人、被告人及其法定代理人、近亲属或者辩护人可以申请羁押必要性审查（检察规则第574条）；审查起诉阶段由检察院直接释放或者变更强制措施（检察规则第575条）；也可以直接申请变更强制措施，办案机关3日内作出决定（刑诉法第97条）",
    fields: &[
        ("stage", STAGE, false, "诉讼阶段"),
        ("suggestion_received_on", "date", false, "公安机关或法院收到检察院建议之日"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    o.cite("95a").cite("95b").cite("jc574-2");
    let mut parts = vec![
        "逮捕以后，检察院仍应当审查是否还有必要继续羁押（羁押必要性审查）；本人、法定代理人、近亲属或者辩护人可以向检察院申请审查".to_string(),
    ];
    let mut details = json!({});
    // a suggestion received is one to 公安 or a court: the 审查起诉 stage has none
    let stage = match (i.stage, i.suggestion_received_on) {
        (Some(Stage::ProsecutionReview), Some(_)) => None,
        (s, _) => s,
    };
    if stage != Some(Stage::ProsecutionReview) {
        let who = match stage {
            Some(Stage::Trial) => {
                o.cite("js173");
                "人民法院"
            }
            Some(Stage::Investigation) => {
                o.cite("ga159-2");
                "公安机关"
            }
            _ => {
                o.cite("ga159-2").cite("js173");
                "公安机关（审判阶段为人民法院）"
            }
        };
        o.cite("95c").cite("jc581-1");
        match i.suggestion_received_on {
            Some(d) => {
                let p = period::days_for(&mut o, d, 10, true, ctx.cal)?;
                details["reply_by"] = json!(p.expiry_day);
                parts.push(format!(
                    "检察院建议释放或者变更强制措施的，{who}应当在收到建议后10日以内（{}前）把处理情况通知检察院，在押期间不得因节假日而延长",
                    p.expiry_day
                ));
            }
            None => parts.push(format!(
                "侦查、审判阶段，检察院认为不需要继续羁押的，应当建议释放或者变更强制措施，{who}应当在10日以内把处理情况通知检察院"
            )),
        }
    }
    if i.suggestion_received_on.is_none() {
        o.cite("jc575-2");
        parts.push("审查起诉阶段，检察院认为不需要继续羁押的，应当直接释放或者变更强制措施".into());
    }
    o.cite("97");
    parts.push(
        "也可以直接向办案机关申请变更强制措施（如取保候审），办案机关应当在3日以内作出决定".into(),
    );
    Ok(o.done("computed", &parts.join("；"), details))
}
