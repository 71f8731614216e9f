//! `POST /api/ask` on the real server (bound to an ephemeral port, spoken to over TCP) over the
//! real corpus: the seed pages' questions get the articles that answer them and the outcomes of
//! the rules they touch; facts in a question become figures with their articles.

mod common;

use std::collections::BTreeMap;

use serde_json::{json, Value};

async fn server() -> std::net::SocketAddr {
    common::serve("ask").await
}

async fn call(addr: std::net::SocketAddr, method: &str, path: &str, body: &str) -> (u16, Value) {
    common::request(addr, method, path, body).await
}

async fn ask(addr: std::net::SocketAddr, req: Value) -> Value {
    let (status, v) = call(addr, "POST", "/api/ask", &req.to_string()).await;
    assert_eq!(status, 200, "{req}: {v}");
    v
}

const XSF: &str = "中华人民共和国刑事诉讼法";
const GD: &str = "关于取保候审若干问题的规定";
const GA: &str = "公安机关办理刑事案件程序规定";
const JC: &str = "人民检察院刑事诉讼规则";

/// (law, number) of the first `n` articles of an answer.
fn first(v: &Value, n: usize) -> Vec<(String, String)> {
    v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .take(n)
        .map(|h| {
            (
                h["law"].as_str().unwrap().to_string(),
                h["number"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rules_of(v: &Value) -> Vec<String> {
    v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["rule"].as_str().unwrap().to_string())
        .collect()
}

/// The Q&A questions of a seed page, read from the corpus, by section number.
fn page_questions(prefix: &str) -> BTreeMap<u32, String> {
    let corpus = common::service("ask").corpus();
    let page = corpus
        .pages
        .iter()
        .find(|p| p.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("seed page {prefix} not ingested"));
    page.sections
        .iter()
        .filter_map(|s| match &s.kind {
            fatiao::records::SectionKind::Qa { question } => {
                let n = s.id.rsplit('#').next()?.parse().ok()?;
                Some((n, question.clone()))
            }
            fatiao::records::SectionKind::Body => None,
        })
        .collect()
}

/// Expected answer: one of `articles` among the first five, every one of `rules` computed.
type Expect = (
    u32,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

async fn check_page(addr: std::net::SocketAddr, prefix: &str, table: &[Expect]) {
    let questions = page_questions(prefix);
    let mut failures = Vec::new();
    for (n, articles, rules) in table {
        let q = questions
            .get(n)
            .unwrap_or_else(|| panic!("{prefix}: no question #{n}"));
        let v = ask(addr, json!({"question": q, "today": "2025-06-01"})).await;
        let top = first(&v, 5);
        if !articles
            .iter()
            .any(|(l, a)| top.iter().any(|(tl, ta)| tl == l && ta == a))
        {
            failures.push(format!("{prefix}#{n} {q}: none of {articles:?} in {top:?}"));
        }
        let got = rules_of(&v);
        for r in *rules {
            if !got.iter().any(|g| g == r) {
                failures.push(format!("{prefix}#{n} {q}: no {r} outcome in {got:?}"));
            }
        }
        // every computed outcome rests on articles; a request for facts says which
        for o in v["outcomes"].as_array().unwrap() {
            let cites = o["citations"].as_array().unwrap();
            if o["verdict"] == "needs_input" {
                assert!(!o["needs"].as_array().unwrap().is_empty(), "{o}");
            } else if cites.is_empty() {
                failures.push(format!("{prefix}#{n}: {} cites nothing", o["rule"]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {}:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn the_nineteen_questions_of_seed_002_get_their_articles_and_outcomes() {
    if common::national_corpus("the_nineteen_questions_of_seed_002_get_their_articles_and_outcomes")
        .is_none()
    {
        return;
    }
    let addr = server().await;
    let table: &[Expect] = &[
        (2, &[(XSF, "67"), (GA, "81")], &["R02"]),
        (
            3,
            &[(XSF, "81"), (XSF, "67"), (GA, "82"), (JC, "129")],
            &["R02"],
        ),
        (4, &[(GA, "82"), (JC, "87")], &["R02"]),
        (5, &[(XSF, "67"), (GD, "16"), (GD, "15")], &["R02"]),
        (6, &[(XSF, "67"), (GD, "2"), (XSF, "66")], &["R01"]),
        (7, &[(XSF, "79"), (GD, "3")], &[]),
        (8, &[(XSF, "68"), (GD, "4")], &["R04"]),
        (9, &[(XSF, "69")], &["R05"]),
        (10, &[(XSF, "69"), (XSF, "70")], &["R05"]),
        (11, &[(XSF, "72"), (GD, "5")], &["R08", "R10"]),
        (12, &[(XSF, "71")], &["R11"]),
        (13, &[(XSF, "71"), (GA, "96"), (GD, "27")], &["R13", "R14"]),
        (14, &[(GD, "15"), (GD, "20"), (GA, "91")], &["R22"]),
        (15, &[(GD, "15"), (GD, "17"), (GA, "92")], &["R22"]),
        (16, &[(XSF, "71"), (GD, "19"), (GA, "95")], &["R12"]),
        (17, &[(XSF, "79"), (GD, "24")], &["R17", "R19"]),
        (18, &[(GD, "26"), (JC, "103")], &["R18"]),
        (19, &[(GD, "24")], &["R20"]),
        (20, &[(XSF, "73"), (GD, "25")], &["R21"]),
    ];
    check_page(addr, "002", table).await;
}

#[tokio::test]
async fn the_user_questions_of_seed_001_get_their_articles_and_outcomes() {
    if common::national_corpus("the_user_questions_of_seed_001_get_their_articles_and_outcomes")
        .is_none()
    {
        return;
    }
    let addr = server().await;
    let table: &[Expect] = &[
        (8, &[(XSF, "72"), (GD, "5")], &["R08"]),
        (9, &[(XSF, "67")], &["R02"]),
        (10, &[(XSF, "72"), (GD, "5")], &["R08"]),
        (11, &[(XSF, "72"), (GD, "5")], &["R08"]),
        (12, &[(XSF, "72"), (GD, "5")], &["R08"]),
        (13, &[(XSF, "72"), (GD, "5")], &["R08"]),
        (14, &[(XSF, "72"), (GD, "5")], &["R08"]),
    ];
    check_page(addr, "001", table).await;
}

fn outcome<'a>(v: &'a Value, rule: &str) -> &'a Value {
    v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} outcome: {}", v["outcomes"]))
}

/// Whether a rule's outcome still asks for a fact.
fn asks_for(v: &Value, rule: &str, fact: &str) -> bool {
    outcome(v, rule)["needs"]
        .as_array()
        .is_some_and(|n| n.contains(&json!(fact)))
}

fn cites(o: &Value, law: &str, number: &str) -> bool {
    o["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["law"] == law && c["number"] == number)
}

#[tokio::test]
async fn an_amount_a_minor_and_a_date_give_the_deposit_and_term_outcomes() {
    let addr = server().await;
    let q = "我儿子17岁，醉驾，2024年3月1日被派出所取保候审，交了3万元保证金。取保候审什么时候到期？保证金要交多少？";
    let v = ask(addr, json!({"question": q, "today": "2024-06-01"})).await;

    // the term: 12 months from 2024-03-01, the last day a Saturday → the next working day
    let term = outcome(&v, "R17");
    assert_eq!(term["verdict"], "computed", "{term}");
    assert_eq!(term["details"]["nominal_last_day"], "2025-03-01");
    assert_eq!(term["details"]["expiry_day"], "2025-03-03");
    assert!(cites(term, XSF, "105"), "{term}");
    // and its expiry feeds the expiry rule: still running on `today`
    assert_eq!(outcome(&v, "R19")["verdict"], "running");

    // the deposit: a minor (floor 500, 规定5 / 公安部规定87); the police's 2025 band 500–3,000
    // (commentary only); 30,000 lies outside it
    let dep = outcome(&v, "R08");
    assert!(cites(dep, GD, "5") && cites(dep, GA, "87"), "{dep}");
    assert!(dep.to_string().contains("500"), "{dep}");
    assert_eq!(dep["verdict"], "outside_guideline_band", "{dep}");
    assert!(
        dep["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "commentary_only"),
        "{dep}"
    );
    // the crime's penalty article, read from 刑法 (拘役, 并处罚金), is cited
    assert!(cites(dep, "中华人民共和国刑法", "133-1"), "{dep}");
    // the facts read are reported
    assert_eq!(v["facts"]["is_minor"]["value"], true);
}

#[tokio::test]
async fn a_new_crime_told_in_the_question_fills_the_new_crime_rule() {
    let addr = server().await;
    // 故意 and 被立案侦查 in the clause of the new crime; whether 刑诉法71 was kept is not said
    let q = "检察院决定取保候审，期间又涉嫌故意犯新罪被立案侦查，保证金怎么处理？";
    let v = ask(addr, json!({"question": q})).await;
    let r15 = outcome(&v, "R15");
    assert_eq!(r15["needs"], json!(["violated_71"]), "{r15}");
    // given the missing fact, the police hold the deposit until the judgment (规定29, 公安部规定102)
    // and the procuratorate shall arrest by its own rule (检察规则101)
    let v = ask(
        addr,
        json!({"question": q, "facts": {"violated_71": false}}),
    )
    .await;
    let r15 = outcome(&v, "R15");
    assert_eq!(r15["verdict"], "hold", "{r15}");
    assert!(cites(r15, GD, "29") && cites(r15, GA, "102"), "{r15}");
    assert_eq!(r15["details"]["arrest"], "shall", "{r15}");
    assert!(cites(r15, JC, "101"), "{r15}");
    // a negligent new crime is not held (the text covers intentional ones only)
    let q = "取保候审期间因过失犯新罪被立案，保证金会被暂扣吗？";
    let v = ask(
        addr,
        json!({"question": q, "facts": {"violated_71": false}}),
    )
    .await;
    assert_eq!(outcome(&v, "R15")["verdict"], "no_hold", "{v}");
    // unsaid, the kind of the new crime is asked for, not guessed
    let v = ask(
        addr,
        json!({"question": "取保候审期间又犯新罪，保证金怎么处理？"}),
    )
    .await;
    assert!(asks_for(&v, "R15", "new_crime"), "{}", outcome(&v, "R15"));
}

#[tokio::test]
async fn a_violation_told_in_the_question_gives_its_consequence_per_authority() {
    let addr = server().await;
    // the second unauthorised departure, a deposit, the court deciding: the court shall arrest
    // (刑诉解释164), and the deposit is forfeited under R14
    let q = "取保候审期间没经批准去了外地，第二次被发现，交了保证金，法院会怎么处理";
    let v = ask(addr, json!({"question": q})).await;
    let r13 = outcome(&v, "R13");
    assert_eq!(r13["verdict"], "arrest_shall", "{r13}");
    assert!(
        cites(
            r13,
            "最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释",
            "164"
        ),
        "{r13}"
    );
    assert!(cites(r13, XSF, "71"), "{r13}");
    assert_eq!(r13["details"]["deposit_rule"], "R14", "{r13}");
    // told once to the police: no arrest duty; contacting someone is not mapped to one kind
    let v = ask(
        addr,
        json!({"question": "取保候审期间串供，交了保证金，公安局会怎么处理"}),
    )
    .await;
    let r13 = outcome(&v, "R13");
    assert_eq!(r13["needs"], json!([]), "{r13}");
    assert_ne!(r13["verdict"], "arrest_shall", "{r13}");
    let v = ask(
        addr,
        json!({"question": "取保候审期间去联系被害人，交了保证金，公安局会怎么处理"}),
    )
    .await;
    assert!(asks_for(&v, "R13", "violations"), "{}", outcome(&v, "R13"));
}

#[tokio::test]
async fn a_traditional_question_gets_the_answer_of_its_simplified_form() {
    let addr = server().await;
    let s = ask(
        addr,
        json!({"question": "取保候审的保证金能退还吗？", "today": "2025-06-01"}),
    )
    .await;
    let t = ask(
        addr,
        json!({"question": "取保候審的保證金能退還嗎？", "today": "2025-06-01"}),
    )
    .await;
    assert_eq!(first(&s, 10), first(&t, 10));
    assert_eq!(rules_of(&s), rules_of(&t));
    assert!(rules_of(&s).contains(&"R21".to_string()));
}

#[tokio::test]
async fn given_facts_override_the_text_and_unknown_facts_are_refused() {
    let addr = server().await;
    let q = "检察院决定取保候审，保证金要交多少？";
    let v = ask(
        addr,
        json!({"question": q, "facts": {"is_minor": false, "proposed": 800}}),
    )
    .await;
    let dep = outcome(&v, "R08");
    assert_eq!(dep["verdict"], "below_floor", "{dep}");
    assert!(cites(dep, JC, "92"), "{dep}");

    let (status, e) = call(
        addr,
        "POST",
        "/api/ask",
        &json!({"question": q, "facts": {"shoe_size": 42}}).to_string(),
    )
    .await;
    assert_eq!(status, 400, "{e}");
    assert_eq!(e["error"]["code"], "bad_request");
    let (status, e) = call(
        addr,
        "POST",
        "/api/ask",
        &json!({"question": q, "facts": {"proposed": -5}}).to_string(),
    )
    .await;
    assert!((400..500).contains(&status), "{status} {e}");
}

#[tokio::test]
async fn bad_requests_to_the_real_server_get_4xx_json_errors() {
    let addr = server().await;
    let big = json!({"question": "取".repeat(1_000_000)}).to_string();
    let cases: Vec<(&str, String, String)> = vec![
        ("POST", "/api/ask".into(), "{\"question\": ".into()),
        (
            "POST",
            "/api/ask".into(),
            json!({"question": "  "}).to_string(),
        ),
        ("POST", "/api/ask".into(), big),
        (
            "POST",
            "/api/ask".into(),
            json!({"question": "保证金", "limit": 100000}).to_string(),
        ),
        (
            "GET",
            "/api/search?q=%E4%BF%9D&limit=100000".into(),
            String::new(),
        ),
        (
            "GET",
            "/api/search?q=%E4%BF%9D&law=%E4%B8%8D%E5%AD%98%E5%9C%A8%E6%B3%95".into(),
            String::new(),
        ),
        (
            "POST",
            "/api/ask".into(),
            json!({"question": "保证金交多少", "facts": {"proposed": -1000}}).to_string(),
        ),
        (
            "POST",
            "/api/ask".into(),
            json!({"question": "取保候审什么时候到期", "today": "2025-02-30"}).to_string(),
        ),
        (
            "POST",
            "/api/rules/R17".into(),
            json!({"start": "2025-02-30", "measure": "bail"}).to_string(),
        ),
    ];
    for (method, path, body) in cases {
        let (status, v) = call(addr, method, &path, &body).await;
        let shown: String = body.chars().take(60).collect();
        assert!(
            (400..500).contains(&status),
            "{method} {path} {shown}: {status} {v}"
        );
        assert!(
            v["error"]["code"].is_string() && v["error"]["message"].is_string(),
            "{method} {path}: {v}"
        );
    }
}
