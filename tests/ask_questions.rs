//! The committed question set (`tests/data/ask_questions.jsonl`): realistic questions about every
//! rule R01–R32 — families' words, typos, traditional characters, exam items, lawyers' fact
//! patterns with dates and amounts — each labelled from the statutes with the figure or verdict
//! its answer must state and the article it must cite. They are asked through `POST /api/ask` on
//! the real server over the real corpus.
//!
//! A question passes when every requirement of `must` (each a list of alternatives) occurs in the
//! answer text and every article of `cite` is among the answer's citations. The pass rate is
//! printed with every failure; the test fails below the rate last measured, so an answer once
//! right stays right. Separately, no text a person reads — the answer, the follow-up questions,
//! every outcome summary and flag — may contain an English identifier or an internal code (a run
//! of ASCII letters, or a letter before a digit: R14, C34), for every question.

mod common;

use regex::Regex;
use serde_json::{json, Value};

/// Questions that must pass, of those in the file: the rate measured when the set was last
/// extended (raise it as the answers improve; never lower it to make a change pass).
const MIN_PASSING: usize = 164;

/// The same for the custody questions (`tests/data/custody_questions.jsonl`, rules R33–R44).
const MIN_PASSING_CUSTODY: usize = 61;

/// The same for the custody questions written by someone who saw neither the rules nor their cues
/// (`tests/data/custody_heldout.jsonl`): 9 of 30 passed when first measured; the cues and date
/// cues were then widened on its failures (so it is a development set now, not a held-out one).
const MIN_PASSING_HELDOUT: usize = 30;

/// A second set written the same way (`tests/data/custody_heldout2.jsonl`, no exam items): 21 of 30
/// passed when first measured, before any change made on it; the date cues, negations and rule
/// cues were then widened on its failures.
const MIN_PASSING_HELDOUT2: usize = 30;

/// Bail and 监视居住 questions written from the statutes by someone who saw no rules, cues or
/// earlier question sets (`tests/data/bail_heldout.jsonl`, families, lawyers and exam items):
/// 19 of 30 when first measured, before any change made on it; general gaps it showed were then
/// closed (a new decision's own date, 系累犯, 不致发生社会危险性, the 82 但书 said in words), so
/// it is a development set now.
const MIN_PASSING_BAIL_HELDOUT: usize = 30;

/// The day every question is asked on unless it names its own (relative dates are read from it).
const TODAY: &str = "2026-12-04";

fn questions(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// One string field of each outcome, in order (its rule id, its certainty).
fn of_outcomes<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    v["outcomes"]
        .as_array()
        .expect("outcomes is a list")
        .iter()
        .filter_map(|o| o[key].as_str())
        .collect()
}

/// Whether an answer's article list holds an article (law title, number).
fn lists(v: &Value, law: &str, number: &str) -> bool {
    v["articles"]
        .as_array()
        .expect("articles is a list")
        .iter()
        .any(|a| a["law"] == law && a["number"] == number)
}

/// Every outcome of an answer and the outcome of each of their cases.
fn outcomes_and_cases(v: &Value) -> impl Iterator<Item = &Value> {
    v["outcomes"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|o| {
            let cases = o["cases"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| &c["outcome"]);
            std::iter::once(o).chain(cases)
        })
}

/// Every citation of an answer: its outcomes' and their cases'.
fn citations(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for x in outcomes_and_cases(v) {
        for c in x["citations"].as_array().into_iter().flatten() {
            out.push((
                c["law"].as_str().unwrap_or("").to_string(),
                c["number"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    // the 款 an exam item's options were held against, quoted in the answer
    for o in v["exam"]["options"].as_array().into_iter().flatten() {
        let c = &o["citation"];
        if c.is_object() {
            out.push((
                c["law"].as_str().unwrap_or("").to_string(),
                c["number"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out
}

/// Every string of an answer a person reads.
fn readable(v: &Value) -> Vec<String> {
    let mut out = vec![v["answer"].as_str().unwrap_or("").to_string()];
    for q in v["follow_up"].as_array().into_iter().flatten() {
        out.push(q.as_str().unwrap_or("").to_string());
    }
    if let Some(s) = v["scope"].as_str() {
        out.push(s.to_string());
    }
    // what the answer says of a commentary section (the section's own text is the page's)
    for c in v["commentary"].as_array().into_iter().flatten() {
        out.push(c["note"].as_str().unwrap_or("").to_string());
    }
    for o in v["outcomes"].as_array().into_iter().flatten() {
        out.push(o["title"].as_str().unwrap_or("").to_string());
    }
    for x in outcomes_and_cases(v) {
        out.push(x["summary"].as_str().unwrap_or("").to_string());
        for f in x["flags"].as_array().into_iter().flatten() {
            out.push(f["detail"].as_str().unwrap_or("").to_string());
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_question_set_gets_its_answers() {
    let qs = questions(include_str!("data/ask_questions.jsonl"));
    assert!(qs.len() >= 80, "{} questions", qs.len());
    for r in 1..=32 {
        let id = format!("R{r:02}");
        let n = qs.iter().filter(|q| q["rule"] == id.as_str()).count();
        assert!(n >= 2, "{id}: {n} questions");
    }
    ask_all("question set", &qs, MIN_PASSING).await;
}

/// The custody questions (拘留, 逮捕, 羁押期限), written with the specification of R33–R44.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_custody_questions_get_their_answers() {
    let qs = questions(include_str!("data/custody_questions.jsonl"));
    assert!(qs.len() >= 30, "{} questions", qs.len());
    ask_all("custody questions", &qs, MIN_PASSING_CUSTODY).await;
}

/// The held-out custody questions.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_held_out_custody_questions_get_their_answers() {
    let qs = questions(include_str!("data/custody_heldout.jsonl"));
    assert!(qs.len() >= 30, "{} questions", qs.len());
    ask_all("held-out custody questions", &qs, MIN_PASSING_HELDOUT).await;
}

/// The second held-out custody set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_held_out_custody_questions_get_their_answers() {
    let qs = questions(include_str!("data/custody_heldout2.jsonl"));
    assert!(qs.len() >= 30, "{} questions", qs.len());
    ask_all(
        "second held-out custody questions",
        &qs,
        MIN_PASSING_HELDOUT2,
    )
    .await;
}

/// The held-out bail set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_held_out_bail_questions_get_their_answers() {
    let qs = questions(include_str!("data/bail_heldout.jsonl"));
    assert!(qs.len() >= 30, "{} questions", qs.len());
    ask_all("held-out bail questions", &qs, MIN_PASSING_BAIL_HELDOUT).await;
}

/// Exam items (单选, 多选, 不属于, blanks) written from the statutes by someone who saw no rules,
/// cues or earlier sets (`tests/data/exam_heldout.jsonl`): when first measured, 36 of 40 stated
/// the deciding words and cited the deciding articles, and the answer named the key's letter in
/// 19, none in 21, a wrong one in none. The blank comparison was then reworked on its misses,
/// and an item's facts, concepts and asked kind read from its stem, not its options (38 pass;
/// 23 right, 17 none, 0 wrong), so it is a development set now.
const MIN_PASSING_EXAM_HELDOUT: usize = 38;

/// The held-out exam items: no answer may name a letter other than the key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_held_out_exam_items_get_their_answers() {
    let qs = questions(include_str!("data/exam_heldout.jsonl"));
    assert!(qs.len() >= 40, "{} questions", qs.len());
    ask_all("held-out exam items", &qs, MIN_PASSING_EXAM_HELDOUT).await;
}

/// Asks one question through `POST /api/ask` on the shared test server; the 200 reply's body.
async fn ask_one(question: &str, today: &str) -> Value {
    let addr = common::serve("ask_questions").await;
    let body = json!({"question": question, "today": today}).to_string();
    let (status, v) = common::request(addr, "POST", "/api/ask", &body).await;
    assert_eq!(status, 200, "{v}");
    v
}

/// Asks every question through `POST /api/ask`; prints the pass rate and each failure; fails
/// below `min_passing` or when English or a code reaches people.
async fn ask_all(set: &str, qs: &[Value], min_passing: usize) {
    let addr = common::serve("ask_questions").await;
    let ascii = Regex::new("[A-Za-z]{2,}|[A-Za-z][0-9]").unwrap();
    let exam_key = Regex::new(r"(?:答案|选)\s*([A-D]+)").unwrap();
    let named_letter =
        Regex::new(r"^(?:答案：([A-D])|逐项对照条文，[^。]*(?:相合的是|最多的是|只有)([A-D]))")
            .unwrap();
    let (mut passed, mut failures, mut english) = (0, Vec::new(), Vec::new());
    let (mut definite, mut conditional, mut follow_only) = (0, 0, 0);
    for q in qs {
        let id = q["id"].as_str().unwrap();
        let today = q["today"].as_str().unwrap_or(TODAY);
        let body = json!({"question": q["question"], "today": today}).to_string();
        let (status, v) = common::request(addr, "POST", "/api/ask", &body).await;
        assert_eq!(status, 200, "{id}: {v}");
        let answer = v["answer"].as_str().unwrap_or("");
        let mut why = Vec::new();
        for req in q["must"].as_array().unwrap() {
            let alts: Vec<&str> = req
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .collect();
            if !alts.iter().any(|a| answer.contains(a)) {
                why.push(format!("states none of {alts:?}"));
            }
        }
        // an exam item: a letter the answer names is the key's (one letter claimed for a
        // several-letter key is wrong too)
        let key = exam_key
            .captures(q["note"].as_str().unwrap_or(""))
            .map(|c| c[1].to_string());
        if let (Some(key), Some(named)) = (key, named_letter.captures(answer)) {
            let l = named
                .iter()
                .skip(1)
                .flatten()
                .next()
                .map_or("", |m| m.as_str());
            if !key.contains(l) || (key.len() > 1 && answer.starts_with("答案")) {
                why.push(format!("names option {l}, the key is {key}"));
            }
        }
        let cited = citations(&v);
        for c in q["cite"].as_array().unwrap() {
            let (law, art) = (c["law"].as_str().unwrap(), c["article"].as_str().unwrap());
            if !cited.iter().any(|(l, n)| l == law && n == art) {
                why.push(format!("cites no {law}第{art}条"));
            }
        }
        for s in readable(&v) {
            if let Some(m) = ascii.find(&s) {
                english.push(format!("{id}: {:?} in {s}", m.as_str()));
            }
        }
        // the pages' door notation (🚪刑诉_68) is written out as citations wherever it shows
        for c in v["commentary"].as_array().into_iter().flatten() {
            for k in ["heading", "question", "text"] {
                let s = c[k].as_str().unwrap_or("");
                if s.contains('🚪') {
                    english.push(format!("{id}: door notation in the section's {k}: {s}"));
                }
            }
        }
        let certainties = of_outcomes(&v, "certainty");
        match certainties.first() {
            Some(&"definite") => definite += 1,
            Some(&"conditional") => conditional += 1,
            _ => follow_only += 1,
        }
        if why.is_empty() {
            passed += 1;
        } else {
            let ran = of_outcomes(&v, "rule");
            failures.push(format!(
                "{id} [ran {}] {}: {}\n    answer: {}",
                ran.join(","),
                q["question"].as_str().unwrap(),
                why.join("; "),
                answer.replace('\n', " / ")
            ));
        }
    }
    println!(
        "{set}: {passed}/{} pass; first answer definite {definite}, conditional {conditional}, follow-up only {follow_only}",
        qs.len()
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        english.is_empty(),
        "English or codes reach people:\n{}",
        english.join("\n")
    );
    assert!(
        passed >= min_passing,
        "{set}: {passed} of {} pass, below the {min_passing} measured before",
        qs.len()
    );
}

/// A question the leading answer settles asks nothing back: what later rules lack does not decide
/// it (监视居住在家 is never credited, whatever the eligibility rule would want to know).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_settled_question_asks_nothing_back() {
    let v = ask_one(
        "被判了一年有期徒刑，之前监视居住在家三个月，能抵刑期吗",
        TODAY,
    )
    .await;
    assert_eq!(v["outcomes"][0]["certainty"], "definite", "{v}");
    assert!(v["answer"].as_str().unwrap().contains("不折抵"), "{v}");
    assert_eq!(v["follow_up"], json!([]), "{v}");
}

/// The asking day is not an event day: 今天都第28天了 after 上个月10号被刑拘 leaves the detention on
/// 11月10日, so the request deadline is 3 days after it, not after today.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn today_told_is_not_the_day_of_the_detention() {
    let q = "我女儿上个月10号被派出所刑拘了，今天都第28天了还没放出来，也没说批捕，这还合法吗？最多能关多少天？";
    let v = ask_one(q, "2026-12-05").await;
    let answer = v["answer"].as_str().unwrap();
    assert!(answer.contains("2026年11月13日"), "{answer}");
    assert!(answer.contains("37日"), "{answer}");
    assert!(!answer.contains("2026年12月8日"), "{answer}");
}

/// The measure a question is set in is not what it asks about: 监视居住期间能不能见律师 is a
/// question of a lawyer's visit (刑诉法39), not of whether 监视居住 may be ordered (R28).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_measure_named_as_the_scene_is_not_the_question() {
    let v = ask_one("监视居住期间能不能见律师？", TODAY).await;
    let ran = of_outcomes(&v, "rule");
    assert!(!ran.contains(&"R28"), "{ran:?}");
    assert!(
        v["scope"].as_str().unwrap_or("").contains("辩护律师会见"),
        "{v}"
    );
    assert!(lists(&v, "中华人民共和国刑事诉讼法", "39"), "{v}");
}

/// A detention told only by its day count (拘留已经第5天了, asked on 12月5日) was on 12月1日: the
/// notification was due by 12月2日, and that rule leads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_detention_told_by_its_day_count_is_dated() {
    let q = "我妈被拘留已经第5天了还没通知家属，合法吗？";
    let v = ask_one(q, "2026-12-05").await;
    assert_eq!(v["outcomes"][0]["rule"], "R33", "{v}");
    let answer = v["answer"].as_str().unwrap();
    assert!(answer.contains("2026年12月2日"), "{answer}");
}

/// A question set during the measure about something the engine does not compute (取保候审期间
/// 可以结婚吗) says so and lists the articles; no bail rule is run for the words it shares with
/// them, and eligibility is not what it asks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_during_bail_about_something_else_is_out_of_scope() {
    let v = ask_one("取保候審期間可以結婚嗎", TODAY).await;
    assert_eq!(v["outcomes"], json!([]), "{v}");
    assert!(v["scope"].as_str().unwrap_or("").contains("超出"), "{v}");
    assert!(lists(&v, "中华人民共和国民法典", "1049"), "{v}");
}

/// A new decision told without its day (检察院决定继续取保, after the case was moved on 9月10日):
/// the new term runs from that day, which falls within the seven days to decide, so the answer
/// leads with the bound (至2027年9月10日 … 至2027年9月17日) and asks the day of the decision. A
/// question whether bail will be continued (是否继续取保候审) tells no decision: no bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_term_without_its_decision_day_is_bounded_and_the_day_asked() {
    let q = "公安3月1日对我取保候审，9月10日案子移送检察院，检察院决定继续取保，期限到哪天？";
    let v = ask_one(q, "2026-12-05").await;
    assert_eq!(v["outcomes"][0]["rule"], "R18", "{v}");
    let answer = v["answer"].as_str().unwrap();
    let lead = answer.lines().next().unwrap();
    assert!(lead.starts_with("继续取保候审的期限"), "{lead}");
    assert!(
        lead.contains("2027年9月10日") && lead.contains("2027年9月17日"),
        "{lead}"
    );
    // the restart and the cap, with their articles
    let cited = citations(&v);
    assert!(
        cited.contains(&("人民检察院刑事诉讼规则".into(), "103".into())),
        "{cited:?}"
    );
    let follow = v["follow_up"].to_string();
    assert!(
        follow.contains("决定") && follow.contains("哪一天"),
        "{follow}"
    );

    let q = "案件移送审查起诉，检察院于2025年9月26日收到案件。检察院最迟哪天要作出是否继续取保候审的决定？";
    let v = ask_one(q, "2026-12-05").await;
    let answer = v["answer"].as_str().unwrap();
    assert!(!answer.contains("重新计算，最长12个月"), "{answer}");
    assert_eq!(v["follow_up"], json!([]), "{v}");
}

/// A question of the rule itself (取保候审最长多久, 期限怎么算) tells no day and asks none: the
/// rule in words is the answer, with no "需要知道…才能算出结论" and no day asked back. Asked for a
/// day (什么时候到期), the start of the term decides, and is asked. 公安机关 and 候审 are no
/// detention and no interrogation: the 24-hour rule is not run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_of_the_rule_itself_asks_no_day_back() {
    let v = ask_one("公安机关决定的取保候审最长多久？", TODAY).await;
    let answer = v["answer"].as_str().unwrap();
    assert_eq!(v["outcomes"][0]["rule"], "R16", "{v}");
    assert!(
        answer.starts_with("取保候审每一诉讼阶段最长12个月"),
        "{answer}"
    );
    assert!(!answer.contains("才能算出结论"), "{answer}");
    assert_eq!(v["follow_up"], json!([]), "{v}");
    assert_eq!(v["needs"], json!([]), "{v}");
    assert!(!of_outcomes(&v, "rule").contains(&"R33"), "{v}");

    let v = ask_one("取保候审什么时候到期？", TODAY).await;
    let follow = v["follow_up"].to_string();
    assert!(follow.contains("哪一天开始"), "{follow}");
}

/// A guarantor fined more than the law allows (罚我5万) hears that first: the range binds any fine,
/// whether or not the facts that make one due are verified (公安部规定103); the person on bail
/// who ran off (跑了) broke 刑诉法71, and the guarantor who did not report failed the duty.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fine_above_the_range_is_said_first() {
    let q = "我是保证人，被保证人跑了我没报告，公安要罚我5万块钱，合法吗？";
    let v = ask_one(q, TODAY).await;
    assert_eq!(v["outcomes"][0]["rule"], "R07", "{v}");
    let answer = v["answer"].as_str().unwrap();
    assert!(
        answer.starts_with("拟处罚款50000元超出1000元以上20000元以下的范围"),
        "{answer}"
    );
    let cited = citations(&v);
    assert!(
        cited.contains(&("公安机关办理刑事案件程序规定".into(), "103".into())),
        "{cited:?}"
    );
}
