//! R21 `deposit_refund`: whether, when and how the deposit is returned, transferred to the court or
//! kept.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Event {
    Release,
    ChangeOfMeasure,
    PenaltyExecution,
    StageTransferContinued,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    violated_71: Option<bool>,
    intentional_new_crime: Option<bool>,
    not_to_be_prosecuted: Option<bool>,
    event: Option<Event>,
    held: Option<u64>,
    deposit_is_personal_property: Option<bool>,
    court_requests_transfer: Option<bool>,
    /// restitution | civil_compensation | property_penalty
    #[serde(default)]
    needs: Vec<String>,
    amount_needed: Option<u64>,
    payer_is_third_party: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd26-2",
        GD,
        "26",
        Some(2),
        None,
        "原则上不变更保证金数额，不再重新收取保证金",
    ),
    Cite::new(
        "73",
        XSF,
        "73",
        None,
        None,
        "凭解除取保候审的通知或者有关法律文书到银行领取退还的保证金",
    ),
    Cite::new(
        "gd25-1",
        GD,
        "25",
        Some(1),
        None,
        "也没有故意实施新的犯罪的",
    ),
    Cite::new(
        "gd25-1b",
        GD,
        "25",
        Some(1),
        None,
        "在解除取保候审、变更强制措施或者执行刑罚的同时",
    ),
    Cite::new(
        "gd25-1c",
        GD,
        "25",
        Some(1),
        None,
        "公安机关应当通知银行如数退还保证金",
    ),
    Cite::new(
        "gd25-2",
        GD,
        "25",
        Some(2),
        None,
        "转账至被取保候审人或者其委托的人提供的银行账户",
    ),
    Cite::new(
        "ga101-1",
        GA,
        "101",
        Some(1),
        None,
        "或者具有本规定第一百八十六条规定的情形之一的",
    ),
    Cite::new(
        "ga101-2",
        GA,
        "101",
        Some(2),
        None,
        "被取保候审人委托他人领取的，应当出具委托书",
    ),
    Cite::new(
        "jc106",
        JC,
        "106",
        None,
        None,
        "或者发现不应当追究犯罪嫌疑人刑事责任的",
    ),
    Cite::new(
        "gd33-2",
        GD,
        "33",
        Some(2),
        None,
        "如果保证金系被取保候审人的个人财产",
    ),
    Cite::new(
        "gd33-2b",
        GD,
        "33",
        Some(2),
        None,
        "人民法院可以书面通知公安机关移交全部保证金",
    ),
    Cite::new("js159", JS, "159", None, None, "剩余部分退还被告人"),
    Cite::new(
        "jc567-1-6",
        JC,
        "567",
        Some(1),
        Some(6),
        "应当退还取保候审保证金不退还的",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R21",
    name: "deposit_refund",
    title: "退还保证金",
    description: "被取保候审人未违反刑诉法71条规定、也没有故意实施新的犯罪的，在解除取保候审、变更强制措施或者执行刑罚的同时，公安机关应当通知银行如数退还保证金（规定(2022)25）；发现不应当追究刑事责任的，也应当退还（公安部规定101、检察规则106）；保证金系本人财产且需要用于退赔被害人、附带民事赔偿或者执行财产刑的，法院可以通知公安机关移交全部保证金，剩余部分退还被告人（规定(2022)33②、刑诉解释159）；本人凭有关法律文书到银行领取，不能自己领取的，经书面申请并经公安机关同意，转账至本人或者其委托的人提供的银行账户（规定(2022)25②）",
    fields: &[
        ("violated_71", "boolean", true, "有违反刑诉法71条的行为"),
        ("intentional_new_crime", "boolean", true, "判决认定故意实施新的犯罪"),
        ("not_to_be_prosecuted", "boolean", false, "不应追究刑事责任（公安部规定186/检察规则106）"),
        ("event", "enum:release|change_of_measure|penalty_execution|stage_transfer_continued", true, "事件"),
        ("held", "integer", false, "尚存的保证金（元）"),
        ("deposit_is_personal_property", "boolean", false, "保证金系被取保候审人的个人财产"),
        ("court_requests_transfer", "boolean", false, "法院书面通知移交保证金"),
        ("needs", "array:enum:restitution|civil_compensation|property_penalty", false, "需要用保证金执行的项目：退赔、民事赔偿、罚金或者没收财产等财产刑"),
        ("amount_needed", "integer", false, "上述项目所需金额合计"),
        ("payer_is_third_party", "boolean", false, "保证金由他人提供"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    // a violation of 刑诉法71 decides it whatever happened to the case or when: the deposit is
    // dealt with by forfeiture (unless the case is not prosecutable at all, below)
    if i.violated_71 == Some(true) && i.not_to_be_prosecuted != Some(true) {
        o.cite("jc567-1-6");
        return Ok(o.done(
            "no_refund",
            "违反刑诉法71条：保证金依没收保证金的规定处理，不予退还",
            json!({"action": "NoRefund", "see": "R14"}),
        ));
    }
    let r = (
        o.req(i.violated_71, "violated_71"),
        o.req(i.intentional_new_crime, "intentional_new_crime"),
        o.req(i.event, "event"),
    );
    let (Some(viol), Some(newc), Some(ev)) = r else {
        return Ok(o.missing());
    };
    // the amount still held: whether and how it is returned does not depend on it, only the
    // figures said (and what the court takes of it)
    let held = i.held;
    let amount = |h: Option<u64>| h.map_or(String::new(), |h| format!("{h}元"));
    let payee = |o: &mut Out| -> Value {
        o.cite("gd25-2").cite("ga101-2").cite("73");
        if i.payer_is_third_party == Some(true) {
            o.flag(Flag::interpretation("他人提供保证金的：条文只列被取保候审人或其法定代理人，第三人只能作为其委托的人领取"));
        }
        json!([
            "被取保候审人或其法定代理人（凭有关法律文书）",
            "不能亲自领取的：书面申请经公安机关同意，转账至本人或其委托的人的账户",
            "委托他人领取的须出具委托书"
        ])
    };
    // 1. Stage transfer: the deposit carries over.
    if ev == Event::StageTransferContinued {
        o.cite("gd26-2");
        return Ok(o.done(
            "not_yet",
            "移送后继续使用保证金保证：保证金不退还、不重新收取",
            json!({"action": "NotYet"}),
        ));
    }
    o.cite("jc567-1-6");
    // 2. Violation: forfeiture, unless the case is not prosecutable at all (C19).
    if viol {
        if i.not_to_be_prosecuted == Some(true) {
            o.cite("ga101-1").cite("jc106");
            o.flag(Flag::conflict(
                "C19",
                "公安部规定101、检察规则106在不应追究刑事责任时也退还保证金（规定(2022)25之外）",
            ));
            let p = payee(&mut o);
            return Ok(o.done(
                "full_refund",
                &format!(
                    "虽有违反，但不应追究刑事责任：退还尚存的保证金{}",
                    amount(held)
                ),
                json!({"action": "FullRefund", "amount": held, "collect_by": p}),
            ));
        }
        return Ok(o.done(
            "no_refund",
            "违反刑诉法71条：保证金依没收保证金的规定处理，不予退还",
            json!({"action": "NoRefund", "see": "R14"}),
        ));
    }
    // 3. Intentional new crime.
    if newc {
        return Ok(o.done(
            "no_refund",
            "故意实施新的犯罪：保证金没收",
            json!({"action": "NoRefund", "see": "R15"}),
        ));
    }
    o.cite("gd25-1").cite("gd25-1b").cite("gd25-1c");
    // 5. Court transfer.
    if i.deposit_is_personal_property == Some(true)
        && i.court_requests_transfer == Some(true)
        && !i.needs.is_empty()
    {
        let (Some(needed), Some(held)) =
            (o.req(i.amount_needed, "amount_needed"), o.req(held, "held"))
        else {
            return Ok(o.missing());
        };
        o.cite("gd33-2").cite("gd33-2b").cite("js159");
        let to_court = held.min(needed);
        let d = json!({"action": "TransferToCourt", "handed_over": held, "to_court": to_court, "remainder_to_defendant": held - to_court, "needs": i.needs});
        return Ok(o.done("transfer_to_court", &format!("公安机关将全部保证金{held}元移交法院：{to_court}元用于执行，剩余{}元由法院退还被告人", held - to_court), d));
    }
    let p = payee(&mut o);
    let d = json!({"action": "FullRefund", "amount": held, "collect_by": p, "document": "退还保证金决定书"});
    Ok(o.done(
        "full_refund",
        &format!(
            "应当如数退还保证金{}（公安机关出具退还保证金决定书并通知银行）；本人凭法律文书到银行领取，不能自己领取的，经书面申请并经公安机关同意可以转账至本人或者其委托的人的账户（规定(2022)25②）",
            amount(held)
        ),
        d,
    ))
}
