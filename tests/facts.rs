//! Question understanding: facts and topics over realistic phrasings, the crime table and the
//! sentencing bands checked against the 刑法 text of the corpus.

mod common;

use chrono::NaiveDate;
use fatiao::understand::facts::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 12).unwrap()
}

fn ex(q: &str) -> Facts {
    extract(q, today())
}

/// Prints the facts of every eval question (run with --ignored --nocapture to review).
#[test]
#[ignore]
fn dump_eval_questions() {
    let Some(national) = common::national_corpus("dump_eval_questions") else {
        return;
    };
    let path = national.join("../eval/questions.jsonl");
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let q = v["question"].as_str().unwrap();
        let f = ex(q);
        let mut s = serde_json::to_value(&f).unwrap();
        let o = s.as_object_mut().unwrap();
        o.remove("normalized");
        o.retain(|_, v| {
            !(v.is_null() || v == &serde_json::json!([]) || v == &serde_json::json!(false))
        });
        let compact = serde_json::to_string(&s).unwrap();
        println!("{} {}\n   {}\n", v["id"], q.replace('\n', " "), compact);
    }
}

/// Every eval question is read without panicking, and the crime questions name their crime.
#[test]
fn eval_questions_name_their_crimes() {
    let Some(national) = common::national_corpus("eval_questions_name_their_crimes") else {
        return;
    };
    let path = national.join("../eval/questions.jsonl");
    let text = std::fs::read_to_string(&path).expect("the eval set beside the national corpus");
    let mut crime_questions = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (id, q) = (v["id"].as_str().unwrap(), v["question"].as_str().unwrap());
        let f = ex(q);
        // crime-drunk-05 names the crime only by its blood alcohol figure
        if id.starts_with("crime-") && id != "crime-drunk-05" {
            crime_questions += 1;
            assert!(!f.crimes.is_empty(), "{id} {q}");
        }
    }
    assert!(crime_questions >= 10);
}

fn kinds(f: &Facts) -> Vec<(u64, AmountKind)> {
    f.amounts.iter().map(|a| (a.yuan, a.kind)).collect()
}

#[test]
fn amounts_in_many_forms() {
    for (q, yuan) in [
        ("保证金交了3万元", 30_000),
        ("交了五千块保证金", 5_000),
        ("保证金2.5万", 25_000),
        ("保证金要一万五", 15_000),
        ("派出所让交10000元保证金", 10_000),
        ("保证金两千", 2_000),
        ("保证金1千元", 1_000),
        ("保证金三千五", 3_500),
        ("保证金交了3万5", 35_000),
        ("保证金５０００元", 5_000),
        ("保证金5000", 5_000),
        ("保证金10万块钱", 100_000),
        ("保证金一百万", 1_000_000),
    ] {
        let f = ex(q);
        assert_eq!(kinds(&f), vec![(yuan, AmountKind::Deposit)], "{q}");
    }
}

#[test]
fn amounts_are_tagged_by_their_cue() {
    let f = ex("我老公诈骗了8万，交了2万保证金，能退吗");
    assert_eq!(
        kinds(&f),
        vec![
            (80_000, AmountKind::CaseAmount),
            (20_000, AmountKind::Deposit)
        ]
    );
    let f = ex("因收了价值5000元的赃物，今天又交了5000元的罚金");
    assert_eq!(
        kinds(&f),
        vec![
            (5_000, AmountKind::CaseAmount),
            (5_000, AmountKind::CriminalFine)
        ]
    );
    let f = ex("涉案金额120万元，取保候审要多少钱");
    assert_eq!(kinds(&f), vec![(1_200_000, AmountKind::CaseAmount)]);
    let f = ex("已经赔偿对方3万元并取得谅解");
    assert_eq!(kinds(&f), vec![(30_000, AmountKind::Compensation)]);
    let f = ex("盗窃废旧光缆一万元以下");
    assert_eq!(kinds(&f), vec![(10_000, AmountKind::CaseAmount)]);
    assert_eq!(f.amounts[0].qualifier.as_deref(), Some("以下"));
    let f = ex("价值一万五左右");
    assert_eq!(
        (f.amounts[0].yuan, f.amounts[0].qualifier.as_deref()),
        (15_000, Some("左右"))
    );
    let f = ex("取保候审交了3万，现在案子结了");
    assert_eq!(kinds(&f), vec![(30_000, AmountKind::Deposit)]);
}

#[test]
fn numbers_that_are_not_money() {
    for q in [
        "酒精含量96应该判几个月",
        "2024年3月1日被刑拘",
        "取保候审12个月到期",
        "他今年17岁",
        "第二次违反规定",
        "贩卖冰毒0.63克",
        "关了37天",
        "千万不要乱说",
        "一共有四人",
    ] {
        assert!(ex(q).amounts.is_empty(), "{q}: {:?}", ex(q).amounts);
    }
}

#[test]
fn ages_and_minors() {
    let f = ex("男朋友17岁，聚众斗殴被取保候审");
    assert_eq!(f.ages[0].years, 17);
    assert_eq!(f.ages[0].bound, AgeBound::Exact);
    assert_eq!(f.is_minor.as_ref().map(|m| m.value), Some(true));
    let f = ex("男孩不满十八周岁，能取保吗");
    assert_eq!((f.ages[0].years, f.ages[0].bound), (18, AgeBound::Under));
    assert_eq!(f.is_minor.as_ref().map(|m| m.value), Some(true));
    let f = ex("已满16周岁的人犯罪");
    assert_eq!((f.ages[0].years, f.ages[0].bound), (16, AgeBound::AtLeast));
    let f = ex("我儿子未成年，涉嫌盗窃");
    assert_eq!(f.is_minor.as_ref().map(|m| m.value), Some(true));
    assert!(f.ages.is_empty());
    assert!(f.has_topic(Topic::Minors));
    let f = ex("我今年35岁，第一次犯事");
    assert_eq!(f.is_minor.as_ref().map(|m| m.value), Some(false));
    let f = ex("他已成年了");
    assert_eq!(f.is_minor.as_ref().map(|m| m.value), Some(false));
    let f = ex("涉嫌诈骗能取保吗");
    assert!(f.is_minor.is_none() && f.ages.is_empty());
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn dates_absolute_and_relative() {
    // today = 2025-03-12
    let cases: &[(&str, NaiveDate, DatePrecision)] = &[
        ("2024年3月1日被取保候审", d(2024, 3, 1), DatePrecision::Day),
        (
            "二〇二四年没写 2024年十月一日办的",
            d(2024, 10, 1),
            DatePrecision::Day,
        ),
        ("3月1日被刑拘", d(2025, 3, 1), DatePrecision::Day),
        ("11月16日被刑拘", d(2024, 11, 16), DatePrecision::Day),
        ("去年十月取保候审", d(2024, 10, 1), DatePrecision::Month),
        ("上个月刚取保", d(2025, 2, 1), DatePrecision::Month),
        ("上个月10号被刑拘", d(2025, 2, 10), DatePrecision::Day),
        ("前天被抓", d(2025, 3, 10), DatePrecision::Day),
        ("昨天放出来的", d(2025, 3, 11), DatePrecision::Day),
        ("三天前被拘留", d(2025, 3, 9), DatePrecision::Day),
        ("两个月前取保的", d(2025, 1, 12), DatePrecision::Day),
        ("2024-03-01取保", d(2024, 3, 1), DatePrecision::Day),
        ("2024.3.1取保", d(2024, 3, 1), DatePrecision::Day),
        ("2024/3/1取保", d(2024, 3, 1), DatePrecision::Day),
        ("2023年5月份被抓", d(2023, 5, 1), DatePrecision::Month),
    ];
    for (q, date, p) in cases {
        let f = ex(q);
        let got = f
            .dates
            .iter()
            .find(|x| x.precision == *p && x.date == *date);
        assert!(got.is_some(), "{q}: {:?}", f.dates);
    }
    let f = ex("3月1日被刑拘");
    assert!(f.dates[0].year_assumed);
    let f = ex("前天被抓");
    assert!(f.dates[0].relative);
}

#[test]
fn a_month_and_day_with_a_dot_before_an_event() {
    let days = |q: &str| -> Vec<NaiveDate> { ex(q).dates.iter().map(|x| x.date).collect() };
    // today is 2025-03-12: November is last year's, March this year's
    assert_eq!(days("我哥是11.2被刑拘的"), vec![d(2024, 11, 2)]);
    assert_eq!(days("3/5那天取保的"), vec![d(2025, 3, 5)]);
    // amounts, terms and longer numbers are not dates
    assert!(days("保证金1.5万元").is_empty());
    assert!(days("判了3.5年").is_empty());
    assert!(days("版本2.1.3被下载").is_empty());
}

#[test]
fn a_bare_day_takes_the_month_before_it() {
    let f = ex("于11月16日被刑拘，18日收到通知");
    let days: Vec<NaiveDate> = f.dates.iter().map(|x| x.date).collect();
    assert_eq!(days, vec![d(2024, 11, 16), d(2024, 11, 18)]);
}

#[test]
fn impossible_dates_are_reported_not_panicked() {
    for q in [
        "2月30日被抓",
        "2023年2月29日取保",
        "2024年13月1日",
        "2024-02-30",
        "4月31号放出来",
    ] {
        let f = ex(q);
        assert!(!f.invalid_dates.is_empty(), "{q}: {:?}", f.dates);
        assert!(
            f.dates.iter().all(|x| x.precision != DatePrecision::Day),
            "{q}"
        );
    }
    // 2024 is a leap year
    assert_eq!(ex("2024年2月29日取保").dates[0].date, d(2024, 2, 29));
}

#[test]
fn durations_with_kinds() {
    let cases: &[(&str, u32, bool, DurationUnit, DurationKind)] = &[
        (
            "取保候审了8个月",
            8,
            false,
            DurationUnit::Month,
            DurationKind::Bail,
        ),
        (
            "被关了20天",
            20,
            false,
            DurationUnit::Day,
            DurationKind::Custody,
        ),
        (
            "已经羁押两个月",
            2,
            false,
            DurationUnit::Month,
            DurationKind::Custody,
        ),
        (
            "在看守所里面已经3个半月了",
            3,
            true,
            DurationUnit::Month,
            DurationKind::Custody,
        ),
        (
            "被刑拘10天可以取保吗",
            10,
            false,
            DurationUnit::Day,
            DurationKind::Custody,
        ),
        (
            "开庭判1年4个月实刑",
            16,
            false,
            DurationUnit::Month,
            DurationKind::Sentence,
        ),
        (
            "取保候审还有10天就到期了",
            10,
            false,
            DurationUnit::Day,
            DurationKind::Remaining,
        ),
        (
            "监视居住三个月了",
            3,
            false,
            DurationUnit::Month,
            DurationKind::ResidentialSurveillance,
        ),
        (
            "取保候审半年了",
            0,
            true,
            DurationUnit::Year,
            DurationKind::Bail,
        ),
    ];
    for (q, v, half, unit, kind) in cases {
        let f = ex(q);
        assert_eq!(f.durations.len(), 1, "{q}: {:?}", f.durations);
        let x = &f.durations[0];
        assert_eq!(
            (x.value, x.half, x.unit, x.kind),
            (*v, *half, *unit, *kind),
            "{q}"
        );
    }
    let f = ex("取保候审快一年了");
    assert_eq!(f.durations[0].approx, Some(Approx::AlmostReached));
    assert!(f.has_topic(Topic::Term));
    let f = ex("取保候审一年多了");
    assert_eq!(f.durations[0].approx, Some(Approx::MoreThan));
    let f = ex("办理手续二十多天了");
    assert_eq!(
        (f.durations[0].value, f.durations[0].approx),
        (20, Some(Approx::MoreThan))
    );
    assert!((ex("关了3个半月").durations[0].approx_days() - 105.0).abs() < 1e-9);
}

#[test]
fn stage_and_authority() {
    let f = ex("案子在公安机关侦查阶段");
    assert_eq!(
        f.stage.as_ref().map(|s| s.value),
        Some(Stage::Investigation)
    );
    assert!(!f.stage_inferred);
    let f = ex("现在案子已经审查起诉了");
    assert_eq!(
        f.stage.as_ref().map(|s| s.value),
        Some(Stage::ProsecutionReview)
    );
    let f = ex("下周法院开庭");
    assert_eq!(f.stage.as_ref().map(|s| s.value), Some(Stage::Trial));
    assert_eq!(
        f.authority.as_ref().map(|a| a.value),
        Some(Authority::Court)
    );
    let f = ex("派出所让交保证金");
    assert_eq!(
        f.authority.as_ref().map(|a| a.value),
        Some(Authority::PublicSecurity)
    );
    assert_eq!(
        f.stage.as_ref().map(|s| s.value),
        Some(Stage::Investigation)
    );
    assert!(f.stage_inferred);
    // the authority named last is where the case is now; typo 检查院 is read as 检察院
    let f = ex("在公安机关的罪是涉嫌诈骗，到了检查院变成了涉嫌掩饰隐瞒");
    assert_eq!(f.authorities.len(), 2);
    assert_eq!(
        f.authority.as_ref().map(|a| a.value),
        Some(Authority::Procuratorate)
    );
    assert_eq!(
        f.stage.as_ref().map(|s| s.value),
        Some(Stage::ProsecutionReview)
    );
    // 检察院批捕 happens during the investigation
    let f = ex("10月份检察院下的批捕");
    assert_eq!(
        f.authority.as_ref().map(|a| a.value),
        Some(Authority::Procuratorate)
    );
    assert_ne!(
        f.stage.as_ref().map(|s| s.value),
        Some(Stage::ProsecutionReview)
    );
    let f = ex("国安机关决定取保候审");
    assert_eq!(
        f.authority.as_ref().map(|a| a.value),
        Some(Authority::StateSecurity)
    );
}

fn crime_names(q: &str) -> Vec<(String, String)> {
    ex(q)
        .crimes
        .into_iter()
        .map(|c| (c.name, c.article))
        .collect()
}

#[test]
fn crimes_named_in_questions() {
    let one = |q: &str, name: &str, art: &str| {
        assert_eq!(
            crime_names(q),
            vec![(name.to_string(), art.to_string())],
            "{q}"
        );
    };
    one("无证醉驾，被取保候审", "危险驾驶罪", "133-1");
    one("酒驾被抓了", "危险驾驶罪", "133-1");
    one("因醉架在拘留所", "危险驾驶罪", "133-1");
    one("因犯诈骗罪取保候审", "诈骗罪", "266");
    one("盗窃废旧光缆", "盗窃罪", "264");
    one("第一次偷车贩卖被抓", "盗窃罪", "264");
    one("涉嫌帮信罪被抓", "帮助信息网络犯罪活动罪", "287-2");
    one("卖银行卡给别人用", "帮助信息网络犯罪活动罪", "287-2");
    one("农村妇女如果是故意伤害", "故意伤害罪", "234");
    one("强奸未遂", "强奸罪", "236");
    one("团伙抢劫", "抢劫罪", "263");
    one("我是寻性滋事第一次进去", "寻衅滋事罪", "293");
    one("我老公开设赌场被刑拘了", "开设赌场罪", "303");
    one("贩卖毒品被抓", "走私、贩卖、运输、制造毒品罪", "347");
    one("贩毒0.63克", "走私、贩卖、运输、制造毒品罪", "347");
    one("公司涉嫌非法吸收公众存款", "非法吸收公众存款罪", "176");
    one("职务侵占了公司的钱", "职务侵占罪", "271");
    one("交通肇事逃逸", "交通肇事罪", "133");
    one("涉嫌合同诈骗", "合同诈骗罪", "224");
    one(
        "涉嫌掩饰隐瞒犯罪所得",
        "掩饰、隐瞒犯罪所得、犯罪所得收益罪",
        "312",
    );
    one("信用卡未还被抓", "信用卡诈骗罪", "196");
    one("涉嫌猥亵儿童罪", "猥亵儿童罪", "237");
    one("非法执有枪支", "非法持有、私藏枪支、弹药罪", "128");
    one("涉嫌受贿被逮捕", "受贿罪", "385");
    assert_eq!(ex("涉嫌受贿").crimes[0].penalty_article, "383");
    assert!(crime_names("取保候审期间可以离婚吗").is_empty());
    assert!(crime_names("我吸过一次毒").is_empty());
    let both = crime_names("公安说是诈骗，检察院改成了帮信");
    assert_eq!(both.len(), 2);
}

#[test]
fn circumstances() {
    let f = ex("我是个有前科的人可以判缓刑吗");
    assert_eq!(f.prior_record.as_ref().map(|x| x.value), Some(true));
    let f = ex("初犯，无前科，取得了谅解书");
    assert_eq!(f.prior_record.as_ref().map(|x| x.value), Some(false));
    let f = ex("以前判过刑，这次又犯新罪");
    assert_eq!(f.prior_record.as_ref().map(|x| x.value), Some(true));
    assert_eq!(f.new_crime.as_ref().map(|x| x.value), Some(true));
    let f = ex("他是累犯");
    assert_eq!(f.recidivist.as_ref().map(|x| x.value), Some(true));
    let f = ex("他不是累犯");
    assert_eq!(f.recidivist.as_ref().map(|x| x.value), Some(false));
    let f = ex("未满18岁少女怀孕能不能取保候审");
    assert_eq!(f.pregnant.as_ref().map(|x| x.value), Some(true));
    assert!(f.has_topic(Topic::Eligibility));
    let f = ex("我老婆正在哺乳期");
    assert_eq!(f.nursing.as_ref().map(|x| x.value), Some(true));
    let f = ex("她没怀孕");
    assert_eq!(f.pregnant.as_ref().map(|x| x.value), Some(false));
    let f = ex("患有严重疾病、生活不能自理");
    assert_eq!(f.serious_illness.as_ref().map(|x| x.value), Some(true));
    let f = ex("他是生活不能自理的人的唯一扶养人");
    assert_eq!(f.sole_carer.as_ref().map(|x| x.value), Some(true));
    let f = ex("我爸得了癌症");
    assert_eq!(f.serious_illness.as_ref().map(|x| x.value), Some(true));
}

#[test]
fn violations_and_counts() {
    let f = ex("取保候审期间没按时报到");
    assert!(f.has_violation(ViolationKind::MissedReport));
    assert!(f.has_topic(Topic::Violation));
    let f = ex("我取保候审到外地三天就回来了");
    assert!(f.has_violation(ViolationKind::LeftArea));
    let f = ex("未经批准离开市县，这是第二次违反取保候审规定");
    assert!(f.has_violation(ViolationKind::LeftArea));
    assert!(f.has_violation(ViolationKind::General));
    assert_eq!(
        f.violation_count.as_ref().map(|c| c.value),
        Some(ViolationCount {
            count: 2,
            at_least: false
        })
    );
    let f = ex("上次出省被警告，这次又违反了");
    assert!(f.has_violation(ViolationKind::LeftArea));
    assert_eq!(f.violation_count.as_ref().map(|c| c.value.count), Some(2));
    let f = ex("取保候审期间又犯新罪，保证金会没收吗");
    assert!(f.has_violation(ViolationKind::NewCrime));
    assert_eq!(f.new_crime.as_ref().map(|x| x.value), Some(true));
    assert!(f.has_topic(Topic::Forfeiture));
    // the person on bail ran off, told as a guarantor tells it; the fine named by who is fined
    let f = ex("我是保证人，被保证人跑了我没报告，公安要罚我5万块钱，合法吗？");
    assert!(f.has_violation(ViolationKind::Absconded));
    assert_eq!(kinds(&f), vec![(50_000, AmountKind::Fine)]);
    // asked, not told
    for q in [
        "取保候审期间可以出省吗",
        "取保候审能不能去外地打工",
        "如果违反取保候审规定会怎么样",
        "我没有违反规定",
    ] {
        assert!(ex(q).violations.is_empty(), "{q}: {:?}", ex(q).violations);
    }
    assert!(ex("取保候审期间可以出省吗").has_topic(Topic::Obligations));
    assert!(ex("第一次进去").violation_count.is_none());
}

#[test]
fn guarantee_form_and_custody() {
    let f = ex("找了个保证人取保的");
    assert_eq!(
        f.guarantee_form.as_ref().map(|g| g.value),
        Some(GuaranteeKind::Guarantor)
    );
    let f = ex("交了保证金");
    assert_eq!(
        f.guarantee_form.as_ref().map(|g| g.value),
        Some(GuaranteeKind::Deposit)
    );
    let f = ex("保证人和保证金能同时用吗");
    assert_eq!(
        f.guarantee_form.as_ref().map(|g| g.value),
        Some(GuaranteeKind::Both)
    );

    let f = ex("我爱人被刑事拘留，现在已经10天了");
    assert_eq!(f.custody_events[0].value, CustodyEvent::Detained);
    assert_eq!(f.in_custody.as_ref().map(|x| x.value), Some(true));
    let f = ex("被逮捕了，关在看守所");
    assert_eq!(f.in_custody.as_ref().map(|x| x.value), Some(true));
    assert!(f
        .custody_events
        .iter()
        .any(|e| e.value == CustodyEvent::Arrested));
    let f = ex("被刑拘，现在是取保候审出来了");
    assert_eq!(f.in_custody.as_ref().map(|x| x.value), Some(false));
    assert_eq!(f.on_bail.as_ref().map(|x| x.value), Some(true));
    let f = ex("后因病取保候审出来，病好了又被抓了进去");
    assert_eq!(f.in_custody.as_ref().map(|x| x.value), Some(true));
    assert_eq!(f.on_bail.as_ref().map(|x| x.value), Some(false));
    // a question about custody is not custody
    assert!(ex("拘留多久才能取保").custody_events.is_empty());
}

fn topic_set(q: &str) -> Vec<Topic> {
    topics(q)
}

#[test]
fn topics_of_questions() {
    let has = |q: &str, t: Topic| assert!(topic_set(q).contains(&t), "{q}: {:?}", topic_set(q));
    has("涉嫌非法拘禁罪可以取保候审吗?", Topic::Eligibility);
    has("第一次偷车贩卖被抓能保释出来吗", Topic::Eligibility);
    has("我孩子因涉嫌赌博取保候审多少钱", Topic::DepositAmount);
    has("取保候审保证金一般交多少", Topic::DepositAmount);
    has("取保候审最长不得超过多长时间", Topic::Term);
    has("取保候审什么时候到期", Topic::Term);
    has("取保候审期间能不能出省旅游", Topic::Obligations);
    has("没按时报到会怎么样", Topic::Violation);
    has("保证金会被没收吗", Topic::Forfeiture);
    has("取保候审压金退回需要多久", Topic::Refund);
    has("取保候审保释金怎么拿回", Topic::Refund);
    has("取保候审提出的保证人是外国人可以吗", Topic::Guarantor);
    has("取保候审怎么解除", Topic::Release);
    has(
        "指定居所监视居住和取保候审有什么区别",
        Topic::ResidentialSurveillance,
    );
    has("寻衅滋事拘留，刑事拘留，会关押多少天", Topic::CustodyLimits);
    has(
        "拘留、取保候审、监视居住的期限分别有多长",
        Topic::CustodyLimits,
    );
    has("刑事拘留37天后通知批捕了", Topic::CustodyLimits);
    has("被抓进去以后要关多少天", Topic::CustodyLimits);
    // 关 as the end of 机关 is not being locked up
    assert!(
        !topic_set("公安机关决定的取保候审最长多久？").contains(&Topic::CustodyLimits),
        "{:?}",
        topic_set("公安机关决定的取保候审最长多久？")
    );
    has("取保候审有一项患有严重疾病指的是什么病", Topic::Eligibility);
    has("无证醉驾，被取保候审，能不能被判缓刑", Topic::Sentence);
    has("男朋友17岁聚众斗殴", Topic::Minors);
    assert!(topic_set("你好").is_empty());
    // order is stable (Topic order) and each topic once
    let t = topic_set("取保候审保证金多少钱，到期后怎么退还，期限多久");
    let mut sorted = t.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(t, sorted);
}

#[test]
fn traditional_characters_give_the_same_facts() {
    for (trad, simp) in [
        (
            "我老公詐騙了8萬，交了2萬保證金，能退嗎",
            "我老公诈骗了8万，交了2万保证金，能退吗",
        ),
        (
            "男朋友17歲，聚眾鬥毆被取保候審，這兩天要開庭了",
            "男朋友17岁，聚众斗殴被取保候审，这两天要开庭了",
        ),
        (
            "取保候審期間沒按時報到，第二次違反規定",
            "取保候审期间没按时报到，第二次违反规定",
        ),
        (
            "在看守所裡面已經3個半月了，檢察院下的批捕",
            "在看守所里面已经3个半月了，检察院下的批捕",
        ),
        (
            "醉駕被刑拘，昨天放出來的，保證金１萬元",
            "醉驾被刑拘，昨天放出来的，保证金1万元",
        ),
    ] {
        let a = ex(trad);
        let b = ex(simp);
        assert_eq!(a.normalized, b.normalized, "{trad}");
        let strip = |f: &Facts| {
            let mut v = serde_json::to_value(f).unwrap();
            strip_offsets(&mut v);
            v
        };
        assert_eq!(strip(&a), strip(&b), "{trad}");
        // spans point into the original text
        for am in &a.amounts {
            assert!(trad.get(am.span.start..am.span.end).is_some());
        }
    }
}

fn strip_offsets(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(o) => {
            o.remove("start");
            o.remove("end");
            for x in o.values_mut() {
                strip_offsets(x);
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_offsets),
        _ => {}
    }
}

#[test]
fn spans_point_at_the_original_text() {
    let q = "取保候審期間，保證金３萬元";
    let f = ex(q);
    let a = &f.amounts[0];
    assert_eq!(&q[a.span.start..a.span.end], "３萬元");
    assert_eq!(a.span.text, "3万元");
}

#[test]
fn facts_round_trip_through_json() {
    let f = ex("2024年3月1日因诈骗8万被刑拘，17岁，取保候审了8个月，保证金2万，能退吗");
    let s = serde_json::to_string(&f).unwrap();
    let back: Facts = serde_json::from_str(&s).unwrap();
    assert_eq!(back, f);
}

#[test]
fn huge_and_odd_input_does_not_panic() {
    let big = "取保候审保证金3万元，诈骗2月30日，十七岁".repeat(20_000);
    let f = ex(&big);
    assert!(f.truncated);
    let _ = ex("");
    let _ = ex("年月日岁元万千百");
    let _ =
        ex("99999999999999999999999元 9999999999999999999年 999999999月 0月0日 2024-99-99 99999岁");
    let _ = ex("\u{200B}\u{FEFF}𠀀𠀁 🙂 ｱｲｳ");
    let _ = extract("三天前", NaiveDate::MIN);
    let _ = extract("99999天前 9999年前", NaiveDate::MIN);
    let _ = extract("明天 下个月", NaiveDate::MAX);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,80}") {
        let _ = ex(&s);
    }

    #[test]
    fn never_panics_on_question_like_text(s in "[0-9０-９一二两三四五六七八九十百千万亿零年月日号天周岁个半多前后昨今去上下元块钱保证金取保候审违反第次拘留逮捕,，。？.\\-/ ]{0,60}") {
        let f = ex(&s);
        for a in &f.amounts {
            proptest::prop_assert!(s.get(a.span.start..a.span.end).is_some());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// crime table and sentencing bands against the 刑法 text of the corpus

use fatiao::understand::crimes::{self, sentencing_bands, statutory_maximum, Band, CRIMINAL_LAW};
use std::sync::OnceLock;

fn criminal_law() -> &'static fatiao::corpus::Corpus {
    static C: OnceLock<fatiao::corpus::Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/statutes/lawrefbook/刑法");
        fatiao::ingest::ingest(&fatiao::ingest::Source::dirs([root]), None).expect("ingest 刑法")
    })
}

#[test]
fn every_crime_row_matches_the_criminal_law_text() {
    let c = criminal_law();
    let table = crimes::table();
    assert!(table.len() >= 40, "{} rows", table.len());
    for row in table {
        let a = c
            .find(CRIMINAL_LAW, &row.article)
            .unwrap_or_else(|| panic!("{}: 刑法 {} not in corpus", row.name, row.article));
        let text = a.text();
        assert!(
            text.contains(&row.conduct),
            "{}: 刑法 {} does not contain 「{}」",
            row.name,
            row.article,
            row.conduct
        );
        let bands = sentencing_bands(c, &row.penalty_article);
        assert!(
            !bands.is_empty(),
            "{}: 刑法 {} carries no penalty phrase",
            row.name,
            row.penalty_article
        );
        assert!(
            bands
                .iter()
                .all(|b| b.max_months > 0 || b.life || b.death || b.fine_only),
            "{}: {bands:?}",
            row.name
        );
    }
}

fn band(b: &[Band], i: usize) -> (&str, u32, u32, bool, bool) {
    (
        b[i].threshold.as_str(),
        b[i].min_months,
        b[i].max_months,
        b[i].life,
        b[i].death,
    )
}

#[test]
fn bands_of_dangerous_driving() {
    let b = sentencing_bands(criminal_law(), "133-1");
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!(band(&b, 0), ("base", 1, 6, false, false));
    assert!(b[0].detention && b[0].fine);
    let m = statutory_maximum(&b, None).unwrap();
    assert_eq!(m.months, 6);
}

#[test]
fn bands_of_theft_and_fraud() {
    for art in ["264", "266"] {
        let b = sentencing_bands(criminal_law(), art);
        assert_eq!(b.len(), 3, "{art}: {b:?}");
        assert_eq!(band(&b, 0), ("数额较大", 1, 36, false, false));
        assert_eq!(band(&b, 1), ("数额巨大", 36, 120, false, false));
        assert_eq!(band(&b, 2), ("数额特别巨大", 120, 180, true, false));
        assert!(b[0].surveillance && b[0].detention && b[0].fine);
        assert_eq!(statutory_maximum(&b, Some("数额较大")).unwrap().months, 36);
        assert_eq!(statutory_maximum(&b, Some("情节严重")).unwrap().months, 120);
        let top = statutory_maximum(&b, Some("情节特别严重")).unwrap();
        assert!(top.life && !top.assumed_base);
        let unknown = statutory_maximum(&b, None).unwrap();
        assert_eq!((unknown.months, unknown.assumed_base), (36, true));
        let odd = statutory_maximum(&b, Some("不存在")).unwrap();
        assert!(odd.assumed_base && odd.note.is_some());
    }
}

#[test]
fn bands_of_injury_and_rape() {
    let b = sentencing_bands(criminal_law(), "234");
    assert_eq!(b.len(), 3, "{b:?}");
    assert_eq!(band(&b, 0), ("base", 1, 36, false, false));
    assert_eq!(band(&b, 1), ("致人重伤", 36, 120, false, false));
    assert_eq!(band(&b, 2), ("致人死亡", 120, 180, true, true));
    assert_eq!(statutory_maximum(&b, Some("致人重伤")).unwrap().months, 120);

    let b = sentencing_bands(criminal_law(), "236");
    assert!(b.len() >= 2, "{b:?}");
    assert_eq!(band(&b, 0), ("base", 36, 120, false, false));
    let last = b.last().unwrap();
    assert_eq!((last.min_months, last.life, last.death), (120, true, true));
    assert_eq!(last.threshold, "情节恶劣");
    assert_eq!(statutory_maximum(&b, None).unwrap().months, 120);
}

#[test]
fn bands_of_drug_trafficking() {
    let b = sentencing_bands(criminal_law(), "347");
    let find = |t: &str| {
        b.iter()
            .find(|x| x.threshold == t)
            .unwrap_or_else(|| panic!("{t}: {b:?}"))
    };
    let top = find("数量大");
    assert_eq!(
        (top.min_months, top.max_months, top.life, top.death),
        (180, 180, true, true)
    );
    let mid = find("数量较大");
    assert_eq!((mid.min_months, mid.max_months, mid.life), (84, 180, false));
    let small = find("少量");
    assert_eq!((small.min_months, small.max_months), (1, 36));
    let serious = find("情节严重");
    assert_eq!((serious.min_months, serious.max_months), (36, 84));
    assert_eq!(statutory_maximum(&b, Some("少量")).unwrap().months, 36);
}

#[test]
fn bands_for_a_missing_article_are_empty() {
    assert!(sentencing_bands(criminal_law(), "9999").is_empty());
    assert!(statutory_maximum(&[], None).is_none());
}

#[test]
fn crimes_found_in_a_question_have_bands() {
    let c = criminal_law();
    let f = ex("我老公因为诈骗了8万被刑拘，能取保吗");
    let crime = &f.crimes[0];
    let b = sentencing_bands(c, &crime.penalty_article);
    assert_eq!(statutory_maximum(&b, Some("数额较大")).unwrap().months, 36);
    let f = ex("醉驾被抓了");
    let b = sentencing_bands(c, &f.crimes[0].penalty_article);
    assert_eq!(statutory_maximum(&b, None).unwrap().months, 6);
}

#[test]
fn base_band_of_drug_trafficking_is_the_small_quantity_band() {
    let b = sentencing_bands(criminal_law(), "347");
    let m = statutory_maximum(&b, None).unwrap();
    assert_eq!(
        (m.threshold.as_str(), m.months, m.assumed_base),
        ("少量", 36, true)
    );
    let m = statutory_maximum(&b, Some("数量大")).unwrap();
    assert!(m.life && m.death && !m.assumed_base);
}

/// Found by the property test: a number followed by a no-break space (a two-byte whitespace).
#[test]
fn a_no_break_space_after_a_number_does_not_panic() {
    let today = chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    let f = fatiao::understand::facts::extract("保证金3\u{a0}", today);
    assert!(f.amounts.iter().all(|a| a.yuan > 0));
    let _ = fatiao::understand::facts::extract("O:ඌi 2\u{a0}ú 取保", today);
}

#[test]
fn custody_denied_is_not_custody() {
    // 没有被羁押: the passive 被 between the negation and the verb still negates it
    let f = ex("公安机关2024年9月30日宣读了没收保证金决定书，他人在家没有被羁押，不服");
    assert_eq!(f.in_custody.as_ref().map(|c| c.value), Some(false), "{f:?}");
    assert!(!f
        .custody_events
        .iter()
        .any(|e| e.value == CustodyEvent::InCustody));
    // told in custody, it is custody
    let f = ex("被取保候审人因违反规定已被刑事拘留关在看守所");
    assert_eq!(f.in_custody.as_ref().map(|c| c.value), Some(true), "{f:?}");
}

#[test]
fn a_count_of_days_is_a_duration_not_a_day() {
    // 91日 cannot be a day of the month; 40日 after 监视居住 is how long it lasted
    for (q, n) in [
        ("被告人被指定居所监视居住91日，最终被判处管制一年", 91),
        (
            "2025年3月1日起，甲被指定居所监视居住40日，后被判处拘役五个月",
            40,
        ),
    ] {
        let f = ex(q);
        assert!(f.invalid_dates.is_empty(), "{q}: {f:?}");
        assert!(
            f.durations
                .iter()
                .any(|d| d.value == n && d.unit == DurationUnit::Day),
            "{q}: {f:?}"
        );
    }
    // a day told after a date is still a date
    let f = ex("2025年4月1日判决生效，18日开始社区矫正");
    assert!(
        f.dates.iter().any(|d| d.date.to_string() == "2025-04-18"),
        "{f:?}"
    );
}

#[test]
fn a_parent_or_spouse_on_bail_is_of_age() {
    let f = ex("我爸被取保候审了，保证金交多少？");
    assert_eq!(f.is_minor.as_ref().map(|x| x.value), Some(false));
    let f = ex("我老公因为打架被刑拘了");
    assert_eq!(f.is_minor.as_ref().map(|x| x.value), Some(false));
    // the parent acts for the one held: nothing is said of that one's age
    let f = ex("我爸帮我弟弟交了保证金");
    assert_eq!(f.is_minor, None);
    // an age told wins
    let f = ex("我儿子16岁被取保候审");
    assert_eq!(f.is_minor.as_ref().map(|x| x.value), Some(true));
}
