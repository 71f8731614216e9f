//! R09 `deposit_approval`: approval and filing level that a deposit *collected* by 公安 requires
//! (2025保证金规定 art. 9 — source: commentary page (seed 004), official text not in corpus).

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    authority: Option<Authority>,
    amount: Option<u64>,
    case_major_complex: Option<bool>,
}

pub(super) const CITES: &[Cite] = &[
    Cite::seed004(
        "s9",
        "9",
        None,
        None,
        "收取保证金五万元以上、不满二十万元的",
    ),
    Cite::seed004("s9b", "9", None, None, "应当经本级公安机关负责人批准后"),
    Cite::seed004(
        "s9c",
        "9",
        None,
        None,
        "报设区的市一级公安机关业务主管部门备案",
    ),
    Cite::seed004("s9d", "9", None, None, "确需收取二十万元以上保证金的"),
    Cite::seed004(
        "s9e",
        "9",
        None,
        None,
        "应当经设区的市一级公安机关负责人批准后",
    ),
    Cite::seed004("s9f", "9", None, None, "报省级公安机关业务主管部门备案"),
    Cite::new("ga83", GA, "83", None, None, "经县级以上公安机关负责人批准"),
    // The ordinary deciders of the other authorities (R01).
    Cite::new(
        "js147-2",
        JS,
        "147",
        Some(2),
        None,
        "对被告人采取、撤销或者变更强制措施的，由院长决定",
    ),
    Cite::new(
        "jc178-2",
        JC,
        "178",
        Some(2),
        None,
        "对犯罪嫌疑人采取强制措施，应当经检察长批准",
    ),
    Cite::new(
        "gd37",
        GD,
        "37",
        None,
        None,
        "适用本规定中关于公安机关职责的规定",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R09",
    name: "deposit_approval",
    title: "收取保证金的审批与备案层级",
    description: "公安机关收取保证金不满5万元的，按一般程序经县级以上公安机关负责人批准（公安部规定83）；依2025年公安部保证金规定，5万元以上、不满20万元的，经本级公安机关负责人批准，报设区的市一级公安机关业务主管部门备案；案件重大、复杂，确需收取20万元以上的，经设区的市一级公安机关负责人批准，报省级公安机关业务主管部门备案（仅见于评论页）；法院、检察院不按数额分级审批",
    fields: &[
        ("authority", AUTHORITY, true, "决定机关"),
        ("amount", "integer", true, "收取的保证金数额（元）"),
        ("case_major_complex", "boolean", false, "案件重大、复杂（20万元以上时必填）"),
    ],
    cites: CITES,
    uses_period: false,
    eval,
};

/// The approval tier for `amount`; shared with R08. Returns (verdict, details).
pub(super) fn approval(
    o: &mut Out,
    auth: Authority,
    amount: u64,
    major: Option<bool>,
) -> (&'static str, Value) {
    if auth != Authority::PublicSecurity {
        // 4. No amount-based rule for the other authorities.
        let approver = match auth {
            Authority::Court => {
                o.cite_from(CITES, "js147-2");
                "院长"
            }
            Authority::Procuratorate => {
                o.cite_from(CITES, "jc178-2");
                o.flag(Flag::interpretation(
                    "检察院非自侦案件：按检察规则第4条的一般分工（重大办案事项由检察长决定，其他可授权）",
                ));
                "检察长（检察规则178②/第4条）"
            }
            _ => {
                o.cite_from(CITES, "gd37");
                o.flag(Flag::review(
                    "国家安全机关的内部审批规定不在语料中；依规定(2022)第37条参照公安机关",
                ));
                "县级以上国家安全机关负责人（参照公安机关）"
            }
        };
        return (
            "no_amount_rule",
            json!({"approver": approver, "filing_with": null, "amount_rule": false}),
        );
    }
    o.cite_from(CITES, "ga83");
    if amount < 50_000 {
        // Below the 2025 rule's first threshold: the ordinary approval, no filing.
        o.cite_from(CITES, "s9");
        return (
            "county_head",
            json!({"tier": "x < 50,000", "approver": "县级以上公安机关负责人", "filing_with": null}),
        );
    }
    if amount < 200_000 {
        o.cite_from(CITES, "s9")
            .cite_from(CITES, "s9b")
            .cite_from(CITES, "s9c");
        o.flag(Flag::conflict(
            "C22",
            "备案机关为“设区的市一级公安机关业务主管部门”",
        ));
        return (
            "same_level_head_city_filing",
            json!({"tier": "50,000 ≤ x < 200,000", "approver": "本级公安机关负责人",
            "filing_with": "设区的市一级公安机关业务主管部门"}),
        );
    }
    o.cite_from(CITES, "s9d")
        .cite_from(CITES, "s9e")
        .cite_from(CITES, "s9f");
    o.flag(Flag::conflict(
        "C22",
        "备案机关为“省级公安机关业务主管部门”",
    ));
    let pre_failed = major == Some(false);
    if major.is_none() {
        o.flag(Flag::review(
            "20万元以上须“案件重大、复杂，确需收取”：未说明",
        ));
    }
    (
        "city_head_province_filing",
        json!({"tier": "x ≥ 200,000", "approver": "设区的市一级公安机关负责人",
        "filing_with": "省级公安机关业务主管部门", "precondition_failed": pre_failed}),
    )
}

fn eval(v: Value, _ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let (Some(auth), Some(amount)) = (o.req(i.authority, "authority"), o.req(i.amount, "amount"))
    else {
        return Ok(o.missing());
    };
    let (verdict, details) = approval(&mut o, auth, amount, i.case_major_complex);
    let summary = match (
        details["approver"].as_str(),
        details["filing_with"].as_str(),
    ) {
        (Some(a), Some(f)) => format!("{amount}元：经{a}批准，报{f}备案"),
        (Some(a), None) => format!("{amount}元：经{a}批准"),
        _ => String::new(),
    };
    Ok(o.done(verdict, &summary, details))
}
