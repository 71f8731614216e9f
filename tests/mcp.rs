//! MCP over streamable HTTP: a real client session (the official MCP Python SDK) against the real
//! server on an ephemeral port, plus protocol edge cases through `oneshot`.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

fn app() -> axum::Router {
    fatiao::server::app(common::service("mcp").clone())
}

async fn post(body: &str) -> (StatusCode, Option<String>, Value) {
    let req = Request::post("/mcp")
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(Body::from(body.to_string()))
        .unwrap();
    let res = app().oneshot(req).await.unwrap();
    let status = res.status();
    let session = res
        .headers()
        .get("mcp-session-id")
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, session, v)
}

#[tokio::test]
async fn protocol_basics() {
    let (s, session, v) = post(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}}).to_string()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(session.is_some(), "initialize returns an Mcp-Session-Id");
    assert_eq!(v["result"]["protocolVersion"], "2025-03-26");
    assert!(v["result"]["capabilities"]["tools"].is_object());

    let (s, _, v) = post(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).await;
    assert_eq!(s, StatusCode::ACCEPTED);
    assert!(v.is_null());

    let (_, _, v) = post(r#"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#).await;
    let names: Vec<&str> = v["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"search_statutes") && names.contains(&"get_article"),
        "{names:?}"
    );
    for t in v["result"]["tools"].as_array().unwrap() {
        assert!(
            t["description"].as_str().unwrap().len() > 40,
            "a description a model can choose by: {t}"
        );
        assert_eq!(t["inputSchema"]["type"], "object");
        assert!(!t["title"].as_str().unwrap_or("").is_empty(), "{t}");
        assert_eq!(t["annotations"]["readOnlyHint"], true, "{t}");
        assert_eq!(t["outputSchema"]["type"], "object", "{t}");
    }
    // a few tools, not one per rule: the list stays small in a model's context
    assert!(names.contains(&"evaluate_rule") && names.contains(&"list_rules"));
    assert!(names.len() <= 8, "{names:?}");
    let size = v["result"].to_string().len();
    assert!(size < 12 * 1024, "tools/list is {size} bytes");

    // the rules, and one of them computed
    let (_, _, v) = post(r#"{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"list_rules","arguments":{}}}"#).await;
    let rules = &v["result"]["structuredContent"]["rules"];
    assert_eq!(
        rules.as_array().map(Vec::len),
        Some(fatiao::rules::list().len()),
        "{v}"
    );
    assert_eq!(rules[33]["facts"]["detained_on"], "刑事拘留之日", "{v}");
    let (_, _, v) = post(r#"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"evaluate_rule","arguments":{"rule":"R34","input":{"detained_on":"2026-11-02"}}}}"#).await;
    assert_eq!(v["result"]["isError"], false, "{v}");
    assert_eq!(
        v["result"]["structuredContent"]["details"]["request_by"], "2026-11-05",
        "{v}"
    );
    // what a chat shows: the conclusion in words with plain dates, then the articles
    let text = v["result"]["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("2026年11月5日") && text.contains("依据："),
        "{text}"
    );
    let (_, _, v) = post(r#"{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"verify_citations","arguments":{"text":"依照刑诉法第67条和刑诉法第999条"}}}"#).await;
    let text = v["result"]["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("刑诉法第67条：有此条"), "{text}");
    assert!(text.contains("刑诉法第999条：无此条"), "{text}");

    let (_, _, v) = post(r#"{"jsonrpc":"2.0","id":3,"method":"no/such"}"#).await;
    assert_eq!(v["error"]["code"], -32601);
    let (_, _, v) =
        post(r#"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"nope"}}"#).await;
    assert_eq!(v["error"]["code"], -32602);
    let (_, _, v) = post(r#"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"search_statutes","arguments":{"query":""}}}"#).await;
    assert_eq!(v["result"]["isError"], true, "{v}");
    let (s, _, v) = post("{not json").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["code"], -32700);

    let res = app()
        .oneshot(Request::get("/mcp").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}

/// Whether the official MCP Python SDK is importable.
fn python_sdk() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import mcp.client.streamable_http"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn official_sdk_client_session_lists_tools_and_calls_them() {
    if !python_sdk() {
        common::skip(
            "official_sdk_client_session_lists_tools_and_calls_them",
            "the MCP Python SDK (pip install mcp==2.3.0)",
        );
        return;
    }
    let service = common::service("mcp").clone();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move {
        axum::serve(listener, fatiao::server::app(service))
            .await
            .unwrap()
    });
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mcp_client.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(format!("http://{addr}/mcp"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "client failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["server"], "fatiao");
    let tools: Vec<&str> = v["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert!(tools.contains(&"search_statutes") && tools.contains(&"get_article"));
    assert_eq!(v["search_is_error"], false);
    let hits = v["search"]["hits"].as_array().unwrap();
    assert!(
        hits.iter()
            .any(|h| h["law"] == "关于取保候审若干问题的规定" && h["number"] == "5"),
        "{hits:?}"
    );
    assert_eq!(v["article"]["law"], "中华人民共和国刑事诉讼法");
    assert_eq!(v["article"]["number"], "67");
    // what a chat shows: Markdown lines with the articles as 《…》, no HTML or JSON
    let search_text = v["search_text"].as_str().unwrap();
    assert!(search_text.starts_with("1. 《"), "{search_text}");
    assert!(
        !search_text.contains("<mark>") && !search_text.contains('{'),
        "{search_text}"
    );
    let article_text = v["article_text"].as_str().unwrap();
    assert!(
        article_text.starts_with("《中华人民共和国刑事诉讼法》第六十七条（现行"),
        "{article_text}"
    );
    assert_eq!(v["bad_is_error"], true);
    assert!(v["bad_text"].as_str().unwrap().contains("unknown_law"));
    // ask: what the chat shows is the answer in Markdown; the full answer is the structured content
    assert_eq!(v["ask_is_error"], false, "{v}");
    let structured = &v["ask_structured"];
    assert!(
        !structured["outcomes"].as_array().unwrap().is_empty(),
        "{structured}"
    );
    assert_ask_text(v["ask_text"].as_str().unwrap(), structured);
}

/// The text of the `ask` tool: Chinese answer text first (the structured answer's first
/// paragraph), the articles as 《…》, short enough for a chat (under 3 KB), no JSON.
fn assert_ask_text(text: &str, structured: &Value) {
    let first = text.chars().next().unwrap_or(' ');
    assert!(
        ('\u{4e00}'..='\u{9fff}').contains(&first),
        "starts with Chinese text: {text}"
    );
    let answer = structured["answer"].as_str().unwrap();
    assert!(
        text.starts_with(answer.lines().next().unwrap()),
        "the answer first: {text}"
    );
    assert!(text.contains('《'), "names its articles: {text}");
    assert!(text.len() < 3 * 1024, "{} bytes: {text}", text.len());
    assert!(
        !text.contains("\"outcomes\"") && !text.trim_start().starts_with('{'),
        "not JSON: {text}"
    );
}

#[tokio::test]
async fn ask_tool_answers_in_markdown_with_the_json_beside_it() {
    let (_, _, v) = post(
        &json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                "params": {"name": "ask", "arguments": {"question": "取保候审保证金最低交多少"}}})
        .to_string(),
    )
    .await;
    let r = &v["result"];
    assert_eq!(r["isError"], false, "{v}");
    let structured = &r["structuredContent"];
    assert_eq!(structured["question"], "取保候审保证金最低交多少");
    assert!(
        !structured["follow_up"].as_array().unwrap().is_empty(),
        "{structured}"
    );
    let text = r["content"][0]["text"].as_str().unwrap();
    assert_eq!(r["content"][0]["type"], "text");
    assert_ask_text(text, structured);
    // what is still missing is asked back in the text too
    assert!(text.contains("还需要了解"), "{text}");
}
