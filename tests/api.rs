//! The HTTP API, exercised with `app().oneshot(request)` over the real corpus.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn app() -> axum::Router {
    fatiao::server::app(common::service("api").clone())
}

async fn get(uri: &str) -> (StatusCode, Value) {
    let res = app()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        panic!(
            "{uri}: body is not JSON: {:?}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, v)
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn health_reports_the_corpus() {
    let (status, v) = get("/api/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["status"], "ok");
    let articles = v["articles"].as_u64().unwrap();
    if common::national() {
        assert_eq!(v["corpus"], "national", "{v}");
        assert!(articles > 60_000, "{v}");
    } else {
        assert_eq!(v["corpus"], "core", "{v}");
        assert!((2_000..10_000).contains(&articles), "{v}");
    }
    assert!(!v["fingerprint"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn search_finds_bail_deposit_articles() {
    let (status, v) = get(&format!("/api/search?q={}&limit=10", enc("取保候审保证金"))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 10);
    // 规定 第五条 sets the deposit minimum: it must be among the first results.
    assert!(
        hits.iter()
            .any(|h| h["law"] == "关于取保候审若干问题的规定" && h["number"] == "5"),
        "{hits:#?}"
    );
    for h in hits {
        for key in [
            "law", "number", "label", "level", "version", "status", "path", "score", "text",
            "snippet",
        ] {
            assert!(h.get(key).is_some(), "hit lacks {key}: {h}");
        }
        assert_eq!(h["status"], "current", "current versions rank first: {h}");
    }
    assert!(hits[0]["snippet"].as_str().unwrap().contains("<mark>"));
}

#[tokio::test]
async fn traditional_query_gives_the_same_top_ten() {
    let ids = |v: &Value| {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (_, s) = get(&format!("/api/search?q={}", enc("取保候审保证金"))).await;
    let (_, t) = get(&format!("/api/search?q={}", enc("取保候審保證金"))).await;
    assert_eq!(ids(&s), ids(&t));
}

#[tokio::test]
async fn law_filter_and_unknown_law() {
    let (status, v) = get(&format!(
        "/api/search?q={}&law={}",
        enc("保证人"),
        enc("中华人民共和国刑事诉讼法")
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["law"] == "中华人民共和国刑事诉讼法"));
    let (status, v) = get(&format!(
        "/api/search?q={}&law={}",
        enc("保证人"),
        enc("不存在的法")
    ))
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["error"]["code"], "unknown_law");
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    for (uri, status, code) in [
        (
            "/api/search?q=".to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/search".to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            format!("/api/search?q={}&limit=100000", enc("保证金")),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            format!("/api/search?q={}&limit=abc", enc("保证金")),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            format!("/api/search?q={}", "%E4%BF%9D".repeat(3000)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            "/api/nothing-here".to_string(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            format!("/api/articles/{}/9999", enc("中华人民共和国刑事诉讼法")),
            StatusCode::NOT_FOUND,
            "unknown_article",
        ),
        (
            format!("/api/articles/{}/abc", enc("中华人民共和国刑事诉讼法")),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/laws?level=xyz".to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
    ] {
        let (s, v) = get(&uri).await;
        assert_eq!(s, status, "{uri}: {v}");
        assert_eq!(v["error"]["code"], code, "{uri}: {v}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn article_view_has_versions_and_path() {
    let (status, v) = get(&format!(
        "/api/articles/{}/{}",
        enc("刑事诉讼法"),
        enc("第六十七条")
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["law"], "中华人民共和国刑事诉讼法");
    assert_eq!(v["number"], "67");
    assert_eq!(v["citation"], "《中华人民共和国刑事诉讼法》第六十七条");
    assert!(
        v["path"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "第六章 强制措施"),
        "{}",
        v["path"]
    );
    assert!(v["text"].as_str().unwrap().starts_with(
        "人民法院、人民检察院和公安机关对有下列情形之一的犯罪嫌疑人、被告人，可以取保候审"
    ));

    // Two versions of 民事诉讼法: the national corpus has them.
    if common::national_corpus("article_view_has_versions_and_path (民事诉讼法 versions)").is_none()
    {
        return;
    }
    let (status, v) = get(&format!(
        "/api/articles/{}/{}",
        enc("中华人民共和国民事诉讼法"),
        "1"
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["version"], "2023-09-01");
    let versions = v["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["status"], "superseded");
}

#[tokio::test]
async fn laws_filter_by_level() {
    let (status, v) = get(&format!("/api/laws?level={}&current=true", enc("司法解释"))).await;
    assert_eq!(status, StatusCode::OK);
    let laws = v.as_array().unwrap();
    assert!(laws.iter().any(|l| l["title"] == "人民检察院刑事诉讼规则"));
    assert!(laws
        .iter()
        .all(|l| l["level"] == "司法解释" && l["status"] == "current"));
}

#[tokio::test]
async fn openapi_document_lists_every_endpoint() {
    let (status, v) = get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/health",
        "/api/search",
        "/api/articles/{law}/{number}",
        "/api/laws",
        "/api/rules",
        "/api/verdicts",
    ] {
        assert!(
            v["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(v["components"]["schemas"].get("Hit").is_some());
    let res = app()
        .oneshot(Request::get("/docs/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.into_body().collect().await.unwrap().to_bytes();
    assert!(
        String::from_utf8_lossy(&html).contains("swagger"),
        "offline Swagger UI is served"
    );
}

#[tokio::test]
async fn citations_in_the_query_come_first() {
    for (q, law, number) in [
        ("刑诉法第67条", "中华人民共和国刑事诉讼法", "67"),
        ("刑事诉讼法第六十七条", "中华人民共和国刑事诉讼法", "67"),
        ("规定第五条", "关于取保候审若干问题的规定", "5"),
        ("🚪公安部规定_82", "公安机关办理刑事案件程序规定", "82"),
        (
            "取保候审期间违反刑诉法第71条会怎样",
            "中华人民共和国刑事诉讼法",
            "71",
        ),
    ] {
        let (status, v) = get(&format!("/api/search?q={}&limit=5", enc(q))).await;
        assert_eq!(status, StatusCode::OK);
        let h = &v["hits"][0];
        assert_eq!(
            (h["law"].as_str().unwrap(), h["number"].as_str().unwrap()),
            (law, number),
            "{q}"
        );
    }
}

async fn post_json(uri: &str, body: &str) -> (StatusCode, Value) {
    let req = Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let res = app().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn verify_citations_endpoint() {
    let body =
        serde_json::json!({"text": "依照刑诉法第67条和刑诉法第999条，以及《没有这部法》第1条"})
            .to_string();
    let (status, v) = post_json("/api/citations/verify", &body).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let c = v["citations"].as_array().unwrap();
    assert_eq!(c.len(), 3, "{v}");
    assert_eq!(c[0]["status"], "resolved");
    assert_eq!(
        c[0]["article_ids"][0],
        "中华人民共和国刑事诉讼法@2018-10-26#67"
    );
    assert_eq!(c[1]["status"], "missing");
    assert_eq!(c[2]["status"], "unknown_law");
    assert!(c[1]["suggestion"].is_string());
    let (status, v) = post_json("/api/citations/verify", "{\"text\": ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["code"], "bad_request");
    let (status, v) = post_json(
        "/api/citations/verify",
        &serde_json::json!({"text": ""}).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    let big = serde_json::json!({"text": "第".repeat(400_000)}).to_string();
    let (status, v) = post_json("/api/citations/verify", &big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
}

#[tokio::test]
async fn ask_answers_with_articles_and_commentary() {
    let body =
        serde_json::json!({"question": "取保候审保证金最少要交多少钱？", "today": "2025-10-01"})
            .to_string();
    let (status, v) = post_json("/api/ask", &body).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["today"], "2025-10-01");
    assert_eq!(v["normalized"], "取保候审保证金最少要交多少钱?");
    let arts = v["articles"].as_array().unwrap();
    assert!(
        arts.iter()
            .take(5)
            .any(|h| h["law"] == "关于取保候审若干问题的规定" && h["number"] == "5"),
        "{arts:#?}"
    );
    assert!(v["commentary"].as_array().is_some());
    assert!(v["outcomes"].is_array());
    // a traditional question gets the same articles
    let t =
        serde_json::json!({"question": "取保候審保證金最少要交多少錢？", "today": "2025-10-01"})
            .to_string();
    let (_, tv) = post_json("/api/ask", &t).await;
    let ids = |x: &Value| {
        x["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&v), ids(&tv));
}

#[tokio::test]
async fn ask_rejects_bad_input_with_json_errors() {
    let big = serde_json::json!({"question": "取".repeat(1_000_000)}).to_string();
    for (body, status, code) in [
        (
            "{\"question\": ".to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "[1,2,3]".to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            serde_json::json!({"question": ""}).to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            serde_json::json!({"question": "   "}).to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (big, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
        (
            serde_json::json!({"question": "取保候审", "limit": 100000}).to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            serde_json::json!({"question": "取保候审", "today": "2025-02-30"}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            serde_json::json!({"question": "取保候审", "today": "昨天"}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            serde_json::json!({"question": "取保候审", "facts": [1]}).to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
    ] {
        let (s, v) = post_json("/api/ask", &body).await;
        assert_eq!(
            s,
            status,
            "{}: {v}",
            &body.chars().take(60).collect::<String>()
        );
        assert_eq!(v["error"]["code"], code, "{v}");
    }
}

#[tokio::test]
async fn rules_are_listed_and_evaluated() {
    let (status, v) = get("/api/rules").await;
    assert_eq!(status, StatusCode::OK);
    let list = v.as_array().unwrap();
    let r08 = list
        .iter()
        .find(|r| r["id"] == "R08")
        .expect("R08 registered");
    assert!(r08["inputs"]["properties"]["is_minor"].is_object());
    // each input in words: its Chinese title, the question to ask for it, the phrase of each value
    let is_minor = &r08["inputs"]["properties"]["is_minor"];
    assert_eq!(is_minor["title"], "是否未成年人", "{is_minor}");
    assert!(
        is_minor["x-question"].as_str().unwrap().ends_with('？'),
        "{is_minor}"
    );
    assert_eq!(is_minor["x-values"]["true"], "未满十八周岁的", "{is_minor}");
    let authority = &r08["inputs"]["properties"]["authority"];
    for code in authority["enum"].as_array().unwrap() {
        let phrase = authority["x-values"][code.as_str().unwrap()].as_str();
        assert!(
            phrase.is_some_and(|p| !p.is_empty() && !p.is_ascii()),
            "{code} in words: {authority}"
        );
    }
    for r in list {
        for (name, p) in r["inputs"]["properties"].as_object().unwrap() {
            let title = p["title"].as_str().unwrap_or("");
            assert!(
                !title.is_empty() && !title.chars().any(|c| c.is_ascii_alphabetic()),
                "{} {name}: {p}",
                r["id"]
            );
        }
    }
    // the verdicts in words
    let (status, verdicts) = get("/api/verdicts").await;
    assert_eq!(status, StatusCode::OK, "{verdicts}");
    assert_eq!(verdicts["shall_not"], "不得", "{verdicts}");
    assert_eq!(verdicts["conditional"], "视情形而定", "{verdicts}");
    assert_eq!(verdicts["needs_input"], "需要补充事实", "{verdicts}");
    let body = serde_json::json!({"authority": "public_security", "is_minor": true, "offence_kind": "other", "property_penalty_possible": false}).to_string();
    let (status, o) = post_json("/api/rules/R08", &body).await;
    assert_eq!(status, StatusCode::OK, "{o}");
    assert!(o["summary"].as_str().unwrap().contains("500"), "{o}");
    assert!(o["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["law"] == "关于取保候审若干问题的规定" && c["number"] == "5"));
    for (uri, body, status, code) in [
        (
            "/api/rules/R99",
            "{}".to_string(),
            StatusCode::NOT_FOUND,
            "unknown_rule",
        ),
        (
            "/api/rules/R08",
            "{\"is_minor\": ".to_string(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            "/api/rules/R08",
            serde_json::json!({"authority": "public_security", "is_minor": false, "proposed": -5})
                .to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
        (
            "/api/rules/R08?today=2025-13-01",
            "{}".to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
        ),
    ] {
        let (s, v) = post_json(uri, &body).await;
        assert_eq!(s, status, "{uri} {body}: {v}");
        assert_eq!(v["error"]["code"], code, "{v}");
    }
}

#[tokio::test]
async fn ask_computes_the_deposit_outcome_for_a_minor() {
    let body = serde_json::json!({"question": "我儿子17岁，在派出所，取保候审保证金要交多少？", "today": "2025-10-01"}).to_string();
    let (status, v) = post_json("/api/ask", &body).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let o = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["rule"] == "R08")
        .expect("deposit outcome");
    // the facts the question does not give are not guessed: the minor's starting sum is the same
    // whatever they are, so the answer is definite and names them as not deciding it
    assert_eq!(o["certainty"], "definite", "{o}");
    assert_ne!(o["verdict"], "needs_input", "{o}");
    for fact in ["offence_kind", "property_penalty_possible"] {
        assert!(
            o["regardless"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n == fact),
            "{fact} is named as not deciding the answer: {o}"
        );
    }
    let summary = o["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("不论") && summary.contains("起点500元"),
        "{o}"
    );
    // with the missing facts given as data, the minimum for a minor is computed and cited
    let body = serde_json::json!({"question": "我儿子17岁，在派出所，取保候审保证金要交多少？", "today": "2025-10-01",
        "facts": {"offence_kind": "other", "property_penalty_possible": false}}).to_string();
    let (_, v) = post_json("/api/ask", &body).await;
    let o = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["rule"] == "R08")
        .unwrap();
    assert_ne!(o["verdict"], "needs_input", "{o}");
    assert_eq!(o["details"]["floor"], 500, "{o}");
    // the 2025 band comes only from a commentary page, and says so
    assert!(o["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "commentary_only"));
    assert!(v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["law"] == "关于取保候审若干问题的规定" && h["number"] == "5"));
    // a negative amount given as a fact is a 4xx, not a guess
    let body = serde_json::json!({"question": "保证金要交多少？", "facts": {"authority": "public_security", "is_minor": false, "proposed": -1}}).to_string();
    let (status, v) = post_json("/api/ask", &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}

/// The OpenAPI document validates against the OpenAPI 3.1 schema (the `openapi-spec-validator`
/// Python package, installed by `.ci/run`).
#[tokio::test]
async fn the_openapi_document_validates() {
    let (status, v) = get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let has_validator = std::process::Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_validator {
        common::skip(
            "the_openapi_document_validates",
            "the Python package openapi-spec-validator (pip install openapi-spec-validator==0.9.0)",
        );
        return;
    }
    let path = std::env::temp_dir().join(format!("fatiao-openapi-{}.json", std::process::id()));
    std::fs::write(&path, v.to_string()).unwrap();
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A known path asked with another method is a 405 with the JSON error of every other failure.
#[tokio::test]
async fn a_wrong_method_is_a_json_405() {
    let res = app()
        .oneshot(
            Request::delete("/api/search?q=x")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(res.headers().get("allow").is_some());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["error"]["code"], "method_not_allowed", "{v}");
}

/// `?version=` serves that version of the article, and a version the law does not have is a 404
/// naming the versions it has, never the current text in its place.
#[tokio::test]
async fn an_article_in_one_version_of_its_law() {
    let law = enc("刑事诉讼法");
    let (status, v) = get(&format!("/api/articles/{law}/67?version=1900-01-01")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{v}");
    assert_eq!(v["error"]["code"], "not_found");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("2018-10-26"),
        "names the versions there are: {v}"
    );
    let (status, v) = get(&format!("/api/articles/{law}/67?version=2018-10-26")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["version"], "2018-10-26");
    if common::national_corpus("an_article_in_one_version_of_its_law (民事诉讼法 2021)").is_none()
    {
        return;
    }
    let (status, v) = get(&format!(
        "/api/articles/{}/1?version=2021-12-24",
        enc("民事诉讼法")
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["version"], "2021-12-24");
    assert_eq!(v["status"], "superseded");
}

/// An article known only from a commentary page says so (非官方文本（转引自…）) instead of passing
/// for the official text.
#[tokio::test]
async fn a_text_known_only_from_a_commentary_page_is_marked_unofficial() {
    let (status, v) = get(&format!("/api/articles/{}/67", enc("刑事诉讼法"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        v.get("unofficial").is_none(),
        "the statute is official: {v}"
    );
    if common::national_corpus("a_text_known_only_from_a_commentary_page_is_marked_unofficial")
        .is_none()
    {
        return;
    }
    let law = enc(fatiao::rules::SEED004_LAW);
    let (status, v) = get(&format!("/api/articles/{law}/6")).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let note = v["unofficial"].as_str().unwrap_or("");
    assert!(note.starts_with("非官方文本（转引自"), "{v}");
}

/// An article names the one before and after it in its law, and its law the date it took effect.
#[tokio::test]
async fn an_article_knows_its_neighbours_and_its_law_when_it_took_effect() {
    let (status, v) = get(&format!("/api/articles/{}/67", enc("刑事诉讼法"))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["previous"]["number"], "66", "{v}");
    assert_eq!(v["next"]["number"], "68", "{v}");
    assert_eq!(v["law_info"]["in_force_from"], "2018-10-26", "{v}");
    assert_eq!(v["issuer"], "全国人民代表大会", "{v}");
    let (_, g) = get(&format!(
        "/api/articles/{}/1",
        enc("关于取保候审若干问题的规定")
    ))
    .await;
    assert_eq!(
        g["issuer"], "最高人民法院、最高人民检察院、公安部、国家安全部",
        "{g}"
    );
    let (_, v) = get(&format!(
        "/api/articles/{}/1",
        enc("最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释")
    ))
    .await;
    assert_eq!(v["law_info"]["in_force_from"], "2021-03-01", "{v}");
    assert!(v["previous"].is_null() && v["next"]["number"] == "2", "{v}");
}

/// A citing text older than the article's version, or no longer in force, carries a warning that
/// its article number may be of the numbering of its own time (检察规则（试行）(2012) 88 cites 刑诉法67
/// in its 2012 numbering, where article 67 was about guarantors).
#[tokio::test]
async fn cited_by_from_an_older_text_carries_a_warning() {
    let (status, v) = get(&format!("/api/articles/{}/67", enc("刑事诉讼法"))).await;
    assert_eq!(status, StatusCode::OK);
    let cited_by = v["cited_by"].as_array().unwrap();
    for r in cited_by {
        if r["status"] == "current" && r["version"].as_str().unwrap() >= "2018-10-26" {
            assert!(r.get("warning").is_none(), "{r}");
        }
    }
    if common::national_corpus("cited_by_from_an_older_text_carries_a_warning").is_none() {
        return;
    }
    let old = cited_by
        .iter()
        .find(|r| r["law"] == "人民检察院刑事诉讼规则（试行）")
        .unwrap_or_else(|| panic!("{cited_by:?}"));
    assert!(
        old["warning"].as_str().unwrap_or("").contains("当时的条号"),
        "{old}"
    );
}

/// Every route the OpenAPI document lists answers a good request with 200 and a bad one with a
/// status its operation documents, in the one error shape `{"error": {"code", "message"}}`.
#[tokio::test]
async fn every_documented_route_answers_good_and_bad_input_as_documented() {
    let (_, doc) = get("/api/openapi.json").await;
    let fill = |path: &str| {
        path.replace("{law}", &enc("刑事诉讼法"))
            .replace("{number}", "67")
            .replace("{rule}", "R17")
    };
    let good_body = |path: &str| match path {
        "/api/ask" => r#"{"question":"取保候审的期限是多久"}"#,
        "/api/citations/verify" => r#"{"text":"刑诉法第67条"}"#,
        "/api/rules/{rule}" => r#"{"measure":"bail","start":"2026-03-02"}"#,
        _ => "{}",
    };
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let documented: Vec<u16> = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .filter_map(|k| k.parse().ok())
                .collect();
            let query = if op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == "q"))
            {
                format!("?q={}", enc("取保候审"))
            } else {
                String::new()
            };
            let uri = format!("{}{query}", fill(path));
            let (good, bad) = match method.as_str() {
                "get" => {
                    let (s, _) = get(&uri).await;
                    // the bad request: a limit out of range where there is one, else a yes/no
                    // that is neither, else an unknown law in the path
                    let has = |name: &str| {
                        op["parameters"]
                            .as_array()
                            .is_some_and(|ps| ps.iter().any(|p| p["name"] == name))
                    };
                    let sep = if uri.contains('?') { '&' } else { '?' };
                    let bad_uri = if has("limit") {
                        format!("{uri}{sep}limit=0")
                    } else if has("current") {
                        format!("{uri}{sep}current=maybe")
                    } else {
                        uri.replace(&enc("刑事诉讼法"), &enc("没有这部法"))
                    };
                    if bad_uri == uri {
                        (s, None)
                    } else {
                        (s, Some(get(&bad_uri).await))
                    }
                }
                "post" => {
                    let (s, _) = post_json(&uri, good_body(path)).await;
                    (s, Some(post_json(&uri, "{not json").await))
                }
                other => panic!("{other} {path}: a method the test does not know"),
            };
            assert_eq!(good, StatusCode::OK, "{method} {uri}");
            if let Some((status, body)) = bad {
                assert!(status.is_client_error(), "{method} {path}: {status} {body}");
                assert!(
                    documented.contains(&status.as_u16()),
                    "{method} {path}: {status} is not among the documented {documented:?}"
                );
                assert!(
                    body["error"]["code"].is_string() && body["error"]["message"].is_string(),
                    "{method} {path}: {body}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked} operations");
}

/// The versions list says whether each other version's article reads the same, and gives the text
/// of one that reads differently (民事诉讼法40 was changed in 2023).
#[tokio::test]
async fn the_versions_list_tells_where_the_article_changed() {
    if common::national_corpus("the_versions_list_tells_where_the_article_changed").is_none() {
        return;
    }
    let (status, v) = get(&format!("/api/articles/{}/40", enc("民事诉讼法"))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let older = v["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["version"] == "2021-12-24")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(older["same_text"], false, "{older}");
    assert!(
        older["text"].as_str().unwrap_or("").contains("合议庭"),
        "{older}"
    );
}

/// A law's table of contents: its headings in order, each with the first article under it.
#[tokio::test]
async fn a_law_has_a_table_of_contents() {
    let (status, v) = get(&format!("/api/laws/{}/toc", enc("刑诉法"))).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["law"], "中华人民共和国刑事诉讼法");
    let entries = v["entries"].as_array().unwrap();
    let chapter = entries
        .iter()
        .find(|e| e["heading"] == "第六章 强制措施")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(chapter["number"], "66");
    assert_eq!(chapter["depth"], 2);
    assert_eq!(entries[0]["depth"], 1);
    let (status, v) = get(&format!("/api/laws/{}/toc", enc("没有这部法"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{v}");
}
