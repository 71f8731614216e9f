//! R25 `change_of_measure`: the legal paths between bail and the other measures.

use super::*;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum Current {
    Bail,
    Rsdl,
    Detention,
    Arrest,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Trigger {
    Improper,
    Application,
    CustodyLimitExpired,
    RsdlPersonOffersGuarantee,
    CannotProvideGuaranteeOrDeposit,
    GuarantorLost,
    DepositRefusedOrShort,
    Violation,
    CaseChanged,
    ChangedToRsdlExecuted,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    current: Option<Current>,
    trigger: Option<Trigger>,
    authority: Option<Authority>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "96",
        XSF,
        "96",
        None,
        None,
        "发现对犯罪嫌疑人、被告人采取强制措施不当的，应当及时撤销或者变更",
    ),
    Cite::new(
        "98",
        XSF,
        "98",
        None,
        None,
        "对犯罪嫌疑人、被告人可以取保候审或者监视居住",
    ),
    Cite::new("gd6-2", GD, "6", Some(2), None, "可以对其变更为取保候审"),
    Cite::new(
        "74-2",
        XSF,
        "74",
        Some(2),
        None,
        "也不交纳保证金的，可以监视居住",
    ),
    Cite::new(
        "ga107-1",
        GA,
        "107",
        Some(1),
        None,
        "应当及时变更强制措施或者解除取保候审",
    ),
    Cite::new("ga162", GA, "162", None, None, "取保候审变更为监视居住的"),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R25",
    name: "change_of_measure",
    title: "强制措施的变更",
    description: "发现强制措施不当的，应当及时撤销或者变更（刑诉法96）；羁押案件不能在法定期限内办结的应当释放，需要继续查证、审理的可以取保候审或者监视居住（刑诉法98）；不能提出保证人也不交纳保证金的可以监视居住（刑诉法74②），此后提出保证人或者交纳保证金的可以变更为取保候审（规定(2022)6②）；申请变更的3日以内作出决定（刑诉法97）；取保候审变更为监视居住、拘留、逮捕的，不再办理解除手续（公安部规定162）",
    fields: &[
        ("current", "enum:bail|rsdl|detention|arrest", true, "现行强制措施"),
        ("trigger", "enum:improper|application|custody_limit_expired|rsdl_person_offers_guarantee|cannot_provide_guarantee_or_deposit|guarantor_lost|deposit_refused_or_short|violation|case_changed|changed_to_rsdl_executed", true, "变更事由"),
        ("authority", AUTHORITY, false, "决定机关"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(cur), Some(tr)) = (o.req(i.current, "current"), o.req(i.trigger, "trigger")) else {
        return Ok(o.missing());
    };
    let (verdict, targets, modality, rule, s): (&str, Vec<&str>, &str, Option<&str>, &str) =
        match tr {
            Trigger::Improper => {
                o.cite("96");
                if i.authority == Some(Authority::PublicSecurity) {
                    o.flag(Flag::interpretation(
                        "公安释放或变更逮捕的，通知原批准的检察院（公安部规定158）",
                    ));
                }
                (
                    "revoke_or_change",
                    vec!["撤销", "变更"],
                    "shall",
                    None,
                    "发现强制措施不当的，应当及时撤销或者变更",
                )
            }
            Trigger::Application => (
                "see_rule",
                vec![],
                "shall",
                Some("R24"),
                "申请变更：三日内作出决定",
            ),
            Trigger::CustodyLimitExpired => {
                o.cite("98");
                (
                    "release_or_bail_or_rsdl",
                    vec!["释放", "取保候审", "监视居住"],
                    "may",
                    None,
                    "羁押期限届满：应当释放；需要继续查证、审理的，可以取保候审或者监视居住",
                )
            }
            Trigger::RsdlPersonOffersGuarantee => {
                o.cite("gd6-2");
                (
                    "bail_may",
                    vec!["取保候审"],
                    "may",
                    None,
                    "因不能提出保证而被监视居住的人提出保证人或交纳保证金的，可以变更为取保候审",
                )
            }
            Trigger::CannotProvideGuaranteeOrDeposit => {
                o.cite("74-2");
                (
                    "rsdl_may",
                    vec!["监视居住", "逮捕（违反规定的）"],
                    "may",
                    None,
                    "不能提出保证人也不交纳保证金的，可以监视居住",
                )
            }
            Trigger::GuarantorLost => (
                "see_rule",
                vec![],
                "shall",
                Some("R06"),
                "保证人不愿或不能继续保证：决定机关应当责令重新提出保证人、交纳保证金或者变更强制措施",
            ),
            Trigger::DepositRefusedOrShort => (
                "see_rule",
                vec![],
                "shall",
                Some("R10"),
                "拒绝交纳或交纳不足：由决定机关作出处理（人民检察院应当作出变更强制措施、保证方式或者保证金数额的决定）",
            ),
            Trigger::Violation => (
                "see_rule",
                vec![],
                "shall",
                Some("R13"),
                "违反取保候审规定：依违反规定的后果处理（没收保证金、具结悔过、重新交纳保证金、提出保证人、监视居住或者逮捕）",
            ),
            Trigger::CaseChanged => {
                o.cite("ga107-1");
                (
                    "change_or_release",
                    vec!["变更强制措施", "解除取保候审"],
                    "shall",
                    None,
                    "案件情况变化的，应当及时变更强制措施或者解除取保候审",
                )
            }
            Trigger::ChangedToRsdlExecuted => {
                o.cite("ga162");
                (
                    "no_release_formalities",
                    vec!["监视居住"],
                    "shall",
                    None,
                    "取保候审变更为监视居住的，对原取保候审不再办理解除手续",
                )
            }
        };
    if cur == Current::Bail
        && matches!(
            tr,
            Trigger::Violation
                | Trigger::CannotProvideGuaranteeOrDeposit
                | Trigger::ChangedToRsdlExecuted
        )
    {
        o.cite("ga162");
    }
    let d = json!({"current": format!("{:?}", cur).to_lowercase(), "targets": targets, "modality": modality, "see": rule,
                   "release_formalities_needed": cur != Current::Bail});
    Ok(o.done(verdict, s, d))
}
