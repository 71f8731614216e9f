//! R10 `deposit_payment`: how a deposit was paid and the 3-day payment deadline.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Payment {
    date: NaiveDate,
    amount: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decider: Option<Authority>,
    /// 公安: the 收取保证金通知书 was served; 法院/检察院: payment was ordered.
    ordered_on: Option<NaiveDate>,
    in_custody_while_paying: Option<bool>,
    currency: Option<String>,
    payments: Option<Vec<Payment>>,
    ordered_amount: Option<u64>,
    /// What was paid in all, where the payments' days are not told.
    paid_amount: Option<u64>,
    into_designated_special_account: Option<bool>,
    bank_voucher: Option<bool>,
}

const CITES: &[Cite] = &[
    Cite::new(
        "gd11",
        GD,
        "11",
        None,
        None,
        "责令其在三日内向指定的银行一次性交纳保证金",
    ),
    Cite::new(
        "gd12",
        GD,
        "12",
        None,
        None,
        "应当责令被取保候审人在三日内向公安机关指定银行的专门账户一次性交纳保证金",
    ),
    Cite::new("gd10-2", GD, "10", Some(2), None, "保证金应当以人民币交纳"),
    Cite::new("gd13", GD, "13", None, None, "并由银行出具相关凭证"),
    Cite::new(
        "gd14",
        GD,
        "14",
        None,
        None,
        "在核实被取保候审人已经交纳保证金后",
    ),
    Cite::new(
        "72-2",
        XSF,
        "72",
        Some(2),
        None,
        "提供保证金的人应当将保证金存入执行机关指定银行的专门账户",
    ),
    Cite::new(
        "ga88-2",
        GA,
        "88",
        Some(2),
        None,
        "提供保证金的人，应当一次性将保证金存入取保候审保证金专门账户",
    ),
    Cite::new(
        "ga88-3",
        GA,
        "88",
        Some(3),
        None,
        "保证金应当由办案部门以外的部门管理",
    ),
    Cite::new(
        "jc97",
        JC,
        "97",
        None,
        None,
        "被取保候审人拒绝交纳保证金或者交纳保证金不足决定数额时",
    ),
    Cite::new(
        "js154-2",
        JS,
        "154",
        Some(2),
        None,
        "将银行出具的收款凭证一并送交公安机关",
    ),
];

pub(super) static RULE: RuleDef = RuleDef {
    id: "R10",
    name: "deposit_payment",
    title: "保证金的交纳",
    description: "保证金应当以人民币交纳（规定(2022)10）；被取保候审人应当在收到收取保证金通知书（法院、检察院决定的，为责令交纳）后3日内，向公安机关指定银行的专门账户一次性交纳，由银行出具相关凭证（规定(2022)11、12、13）；交纳期间仍被羁押的，期满日不因节假日顺延（刑诉法105）",
    fields: &[
        ("decider", AUTHORITY, true, "决定机关"),
        ("ordered_on", "date", false, "公安：收取保证金通知书送达之日；法院/检察院：责令交纳之日"),
        ("in_custody_while_paying", "boolean", false, "核实交纳前仍被羁押（计算期限时必填）"),
        ("currency", "string", false, "币种（只能以人民币交纳）"),
        ("payments", "array:object{date:date,amount:integer}", false, "每一次交纳的日期和数额（元）"),
        ("ordered_amount", "integer", false, "决定的保证金数额"),
        ("paid_amount", "integer", false, "已交纳的保证金数额（不知道每次交纳日期时）"),
        ("into_designated_special_account", "boolean", false, "存入指定银行的专门账户"),
        ("bank_voucher", "boolean", false, "银行出具凭证"),
    ],
    cites: CITES,
    uses_period: true,
    eval,
};

fn eval(v: Value, ctx: &Ctx) -> Result<Outcome> {
    let i: Input = parse(v)?;
    let mut o = Out::new(&RULE);
    let Some(decider) = o.req(i.decider, "decider") else {
        return Ok(o.missing());
    };
    if i.ordered_on.is_none()
        && i.payments.is_none()
        && i.paid_amount.is_none()
        && i.currency.is_none()
        && i.into_designated_special_account.is_none()
        && i.bank_voucher.is_none()
    {
        o.req(None::<()>, "ordered_on");
        return Ok(o.missing());
    }
    let ps = matches!(
        decider,
        Authority::PublicSecurity | Authority::StateSecurity
    );
    o.cite(if ps { "gd11" } else { "gd12" });
    // 1. Deadline: 3 days; no holiday extension while detained (刑诉法105 ¶4).
    let mut deadline = None;
    if let Some(d) = i.ordered_on {
        let Some(custody) = o.req(i.in_custody_while_paying, "in_custody_while_paying") else {
            return Ok(o.missing());
        };
        deadline = Some(period::days_for(&mut o, d, 3, custody, ctx.cal)?);
        if custody {
            period::flag_custody_own_deadline(&mut o);
        }
    }
    let mut issues: Vec<&str> = Vec::new();
    let mut checked = false;
    if let Some(c) = i.currency.as_deref() {
        checked = true;
        o.cite("gd10-2").cite("ga88-2");
        let c = c.trim().to_ascii_uppercase();
        if !matches!(c.as_str(), "CNY" | "RMB" | "人民币") {
            issues.push("NotRmb");
        }
    }
    if let Some(ps_) = &i.payments {
        checked = true;
        o.cite("ga88-2");
        if ps_.len() != 1 {
            issues.push("NotLumpSum");
        }
        let sum: u64 = ps_.iter().map(|p| p.amount).sum();
        if let Some(ord) = i.ordered_amount {
            if sum < ord {
                issues.push("Short");
            }
        }
        if let Some(dl) = deadline {
            if ps_.iter().any(|p| p.date > dl.expiry_day) {
                issues.push("Late");
            }
        }
    }
    if let Some(paid) = i.paid_amount {
        checked = true;
        o.cite("ga88-2");
        if i.ordered_amount.is_some_and(|ord| paid < ord) && !issues.contains(&"Short") {
            issues.push("Short");
        }
    }
    if let Some(acc) = i.into_designated_special_account {
        checked = true;
        o.cite("72-2");
        if !acc {
            issues.push("WrongAccount");
        }
    }
    if let Some(v) = i.bank_voucher {
        checked = true;
        o.cite("gd13");
        if !v {
            issues.push("NoVoucher");
        }
    }
    o.cite("ga88-3");
    let valid = checked && issues.is_empty();
    let next_step = if !checked {
        Value::Null
    } else if valid {
        match decider {
            Authority::Court => {
                o.cite("js154-2");
                json!("法院将银行出具的收款凭证一并送交公安机关")
            }
            Authority::Procuratorate => json!("检察院将银行凭证送交公安机关（检察规则95②）"),
            _ => {
                o.cite("gd14");
                json!("公安机关核实交纳后，将决定书、执行通知书送达执行")
            }
        }
    } else if decider == Authority::Procuratorate {
        o.cite("jc97");
        json!("检察院应当作出变更强制措施、保证方式或保证金数额的决定（检察规则97）")
    } else {
        o.flag(Flag::review(
            "须由决定机关作出处理，参见变更强制措施的规定（公安机关、人民法院对此无明文规定）",
        ));
        json!("由决定机关作出处理（参见变更强制措施的规定）")
    };
    let verdict = if !checked {
        "deadline"
    } else if valid {
        "valid"
    } else {
        "invalid"
    };
    let mut summary = Vec::new();
    if let Some(dl) = &deadline {
        summary.push(format!("应于{}前一次性交纳", dl.expiry_day));
    }
    if !issues.is_empty() {
        let zh: Vec<&str> = issues
            .iter()
            .map(|x| match *x {
                "NotRmb" => "未以人民币交纳",
                "NotLumpSum" => "未一次性交纳",
                "Short" => "交纳数额不足",
                "Late" => "逾期交纳",
                "WrongAccount" => "未存入执行机关指定银行的专门账户",
                _ => "银行未出具凭证",
            })
            .collect();
        summary.push(format!("交纳存在问题：{}", zh.join("、")));
        if let Some(step) = next_step.as_str() {
            summary.push(step.to_string());
        }
    } else if valid {
        summary.push("交纳方式合法".into());
    }
    let details = json!({
        "deadline": deadline.map(|d| d.expiry_day),
        "period": deadline.map(|d| d.json()),
        "valid": if checked { json!(valid) } else { Value::Null },
        "issues": issues,
        "next_step": next_step,
        "payer": "被取保候审人或提供保证金的人（刑诉法72②）",
    });
    Ok(o.done(verdict, &summary.join("；"), details))
}
