//! MCP (Model Context Protocol) over streamable HTTP at `/mcp`, for chat front-ends.
//!
//! JSON-RPC 2.0 messages are POSTed to `/mcp`; each request gets one `application/json` response,
//! notifications get `202 Accepted`. The server offers no server-initiated stream (`GET /mcp` is 405).
//! Methods: `initialize` (returns an `Mcp-Session-Id`), `ping`, `tools/list`, `tools/call`.
//! Every tool calls the same [`Service`] as the REST handlers and the CLI.

use serde_json::{json, Value};

use crate::error::Error;
use crate::records::Status;
use crate::search::SearchParams;
use crate::service::Service;

/// Protocol versions this server speaks, newest first.
pub const PROTOCOL_VERSIONS: [&str; 3] = ["2025-06-18", "2025-03-26", "2024-11-05"];

/// A tool offered to chat models. Every tool only reads (`readOnlyHint`): none changes anything.
pub struct Tool {
    pub name: String,
    /// What a person sees for the tool in a chat front-end.
    pub title: String,
    pub description: String,
    pub input_schema: Value,
    /// The shape of the tool's `structuredContent` (its top level; the full shapes are in
    /// `/api/openapi.json`).
    pub output_schema: Value,
}

/// The tools this server offers.
pub fn tools() -> Vec<Tool> {
    vec![
        Tool {
            name: "search_statutes".into(),
            title: "检索法条".into(),
            description: "Search Chinese statutes (laws, judicial interpretations, departmental rules) and commentary \
                by keywords, a plain-Chinese question or a citation such as 刑诉法第67条. Returns the best matching \
                articles with law title, article number, status (current/superseded) and text. Use it to find which \
                articles govern a topic, e.g. 取保候审保证金 (bail deposits)."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "query": {"type": "string", "description": "keywords, a question, or a citation; simplified or traditional Chinese"},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
                    "law": {"type": "string", "description": "restrict to one law (title or alias such as 刑诉法)"},
                    "current_only": {"type": "boolean", "description": "only versions in force", "default": false}
                },
                "required": ["query"]
            }),
            output_schema: json!({"type": "object", "properties": {"hits": {"type": "array", "items": {"type": "object", "properties": {"law": {"type": "string"}, "number": {"type": "string"}, "label": {"type": "string"}, "status": {"type": "string"}, "text": {"type": "string"}}}}, "took_ms": {"type": "number"}}, "required": ["hits"]}),
        },
        Tool {
            name: "get_article".into(),
            title: "查看条文".into(),
            description: "Get the exact text of one article of a Chinese statute by law and number, with its chapter, \
                version, status (current or superseded), other versions, the articles it cites and the articles that \
                cite it. Use it to quote an article verbatim, e.g. law=刑事诉讼法 number=67."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "law": {"type": "string", "description": "law title or alias: 中华人民共和国刑事诉讼法, 刑诉法, 公安部规定 …"},
                    "number": {"type": "string", "description": "article number: 67, 133-1 or 第六十七条"}
                },
                "required": ["law", "number"]
            }),
            output_schema: json!({"type": "object", "properties": {"law": {"type": "string"}, "number": {"type": "string"}, "citation": {"type": "string"}, "text": {"type": "string"}, "status": {"type": "string"}, "version": {"type": "string"}, "unofficial": {"type": "string"}, "cites": {"type": "array"}, "cited_by": {"type": "array"}}, "required": ["law", "number", "citation", "text"]}),
        },
        Tool {
            name: "ask".into(),
            title: "法律问答".into(),
            description: "Answer a question about Chinese criminal procedure (取保候审 bail, deposits, terms, \
                guarantors, residential surveillance …) written in plain Chinese: returns the statute articles that \
                answer it, commentary that discusses them, and computed rule outcomes with the articles each rests on. \
                Use it for a user's question; use get_article to quote an article exactly."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "question": {"type": "string", "description": "the question, simplified or traditional Chinese"},
                    "today": {"type": "string", "description": "YYYY-MM-DD, for relative dates (default: today)"},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}
                },
                "required": ["question"]
            }),
            output_schema: json!({"type": "object", "properties": {"answer": {"type": "string"}, "follow_up": {"type": "array", "items": {"type": "string"}}, "outcomes": {"type": "array"}, "articles": {"type": "array"}, "needs": {"type": "array", "items": {"type": "string"}}}, "required": ["answer", "follow_up", "outcomes", "articles"]}),
        },
        Tool {
            name: "verify_citations".into(),
            title: "核对引用".into(),
            description: "Check every statute citation in a text (e.g. a draft answer: 刑诉法第67条, \
                《关于取保候审若干问题的规定》第五条): says for each whether the article exists, is missing, cites a \
                superseded version or an unknown law, with a suggestion. Use it before presenting citations to a user."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {"text": {"type": "string", "description": "any text containing citations"}},
                "required": ["text"]
            }),
            output_schema: json!({"type": "object", "properties": {"citations": {"type": "array"}}, "required": ["citations"]}),
        },
        Tool {
            name: "list_rules".into(),
            title: "计算规则列表".into(),
            description: "List the rules the engine computes (R01–R44: bail 取保候审, residential surveillance \
                监视居住, custody deadlines of 拘留/逮捕/羁押): id, Chinese title, what each rule says, and the \
                facts it takes with their Chinese names. Use it to pick a rule for evaluate_rule."
                .into(),
            input_schema: json!({"type": "object", "properties": {}}),
            output_schema: json!({"type": "object", "properties": {"rules": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "facts": {"type": "object"}}}}}, "required": ["rules"]}),
        },
        Tool {
            name: "evaluate_rule".into(),
            title: "按规则计算".into(),
            description: "Compute one rule from facts (list_rules gives the rules and their facts): a deadline, \
                an amount or a verdict, with the articles (款/项) it rests on; facts left out are listed in \
                `needs`, never guessed. E.g. rule=R34 input={\"detained_on\":\"2026-11-02\"}."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "rule": {"type": "string", "description": "rule id (R34) or name (arrest_request_deadline)"},
                    "input": {"type": "object", "description": "the facts, by the names list_rules gives"},
                    "today": {"type": "string", "description": "YYYY-MM-DD, for rules that compare with today"}
                },
                "required": ["rule"]
            }),
            output_schema: json!({"type": "object", "properties": {"rule": {"type": "string"}, "verdict": {"type": "string"}, "summary": {"type": "string"}, "details": {"type": "object"}, "needs": {"type": "array", "items": {"type": "string"}}, "citations": {"type": "array"}}, "required": ["rule", "verdict", "summary"]}),
        },
    ]
}

/// Search hits as the text a chat shows: one line per hit, the article and the start of its text
/// (no HTML; the full hits, snippets included, are the structured result).
fn search_text(r: &crate::service::SearchResponse) -> String {
    if r.hits.is_empty() {
        return "没有找到相关条文。".into();
    }
    let mut out = String::new();
    for (n, h) in r.hits.iter().enumerate() {
        let text: String = h.text.chars().take(SEARCH_EXCERPT_CHARS).collect();
        let more = if h.text.chars().count() > SEARCH_EXCERPT_CHARS {
            "……"
        } else {
            ""
        };
        let status = match serde_json::from_value::<Status>(Value::String(h.status.clone())) {
            _ if h.kind == "quoted" => "非官方文本",
            Ok(st) => st.badge(),
            Err(_) => "",
        };
        out.push_str(&format!(
            "{}. 《{}》{}（{status}）：{}{more}\n",
            n + 1,
            h.law,
            h.label,
            text.replace('\n', " ")
        ));
    }
    out
}

/// How much of each hit's text the search text shows.
const SEARCH_EXCERPT_CHARS: usize = 100;

/// One article as the text a chat shows: its citation and status, its full text, what it cites.
fn article_text(v: &crate::service::ArticleView) -> String {
    let status = match &v.unofficial {
        Some(note) => note.clone(),
        None => v.article.status.badge().to_string(),
    };
    let mut out = format!(
        "{}（{status}，{}版）\n\n{}\n",
        v.citation, v.article.version, v.text
    );
    if !v.cites.is_empty() {
        let cites: Vec<String> = v
            .cites
            .iter()
            .map(|r| format!("《{}》{}", r.law, r.label))
            .collect();
        out.push_str(&format!("\n本条引用：{}\n", cites.join("、")));
    }
    out
}

/// A rule's outcome as the text a chat shows: its conclusion in words, what is still needed, the
/// articles it rests on.
fn outcome_text(o: &crate::rules::Outcome) -> String {
    let mut out = format!("{}\n", crate::qa::compose::plain_dates(&o.summary));
    if !o.needs.is_empty() {
        let needs: Vec<String> = o
            .needs
            .iter()
            .map(|n| crate::rules::vocab::question(n))
            .collect();
        out.push_str(&format!("\n还需要了解：\n- {}\n", needs.join("\n- ")));
    }
    if !o.citations.is_empty() {
        out.push_str("\n依据：\n");
        for c in &o.citations {
            out.push_str(&format!(
                "- 《{}》第{}条：「{}」\n",
                c.law, c.number, c.quote
            ));
        }
    }
    out
}

/// Verified citations as the text a chat shows: one line per citation found, with its verdict.
fn citations_text(input: &str, v: &Value) -> String {
    let list = v["citations"].as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        return "文中没有找到法条引用。".into();
    }
    let mut out = String::new();
    for c in &list {
        let status = match c["status"].as_str().unwrap_or("") {
            "resolved" => "有此条",
            "missing" => "无此条",
            "superseded" => "引用的是已修改的旧版本",
            "unknown_law" => "语料中没有这部法",
            "ambiguous" => "所指不明确",
            other => other,
        };
        let hint = c["suggestion"]
            .as_str()
            .map(|s| format!("（{s}）"))
            .unwrap_or_default();
        // the citation as written: its span in the text checked
        let span = match (c["start"].as_u64(), c["end"].as_u64()) {
            (Some(a), Some(b)) => input.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        };
        out.push_str(&format!("- {span}：{status}{hint}\n"));
    }
    out
}

/// The rule list as the text a chat shows: one line per rule, its facts by name and words.
fn rule_list_text(v: &Value) -> String {
    let mut out =
        String::from("可计算的规则（evaluate_rule 的 rule 取编号，input 取下列事实名）：\n");
    for r in v["rules"].as_array().into_iter().flatten() {
        let facts: Vec<String> = r["facts"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, t)| format!("{k}（{}）", t.as_str().unwrap_or("")))
            .collect();
        out.push_str(&format!(
            "- {} {}：{}\n",
            r["id"].as_str().unwrap_or(""),
            r["title"].as_str().unwrap_or(""),
            facts.join("、")
        ));
    }
    out
}

/// The rules as a chat model reads them: id, name, title, rule in words, facts with their words.
fn rule_list() -> Value {
    let rules: Vec<Value> = crate::rules::infos()
        .iter()
        .map(|r| {
            let facts: serde_json::Map<String, Value> = r.inputs["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v["title"].clone()))
                .collect();
            json!({"id": r.id, "name": r.name, "title": r.title, "description": r.description, "facts": facts})
        })
        .collect();
    json!({ "rules": rules })
}

fn tool_list() -> Value {
    let tools: Vec<Value> = tools()
        .into_iter()
        .map(|t| {
            json!({"name": t.name, "title": t.title, "description": t.description,
                   "inputSchema": t.input_schema, "outputSchema": t.output_schema,
                   "annotations": {"title": t.title, "readOnlyHint": true, "destructiveHint": false,
                                   "idempotentHint": true, "openWorldHint": false}})
        })
        .collect();
    json!({ "tools": tools })
}

fn str_arg<'a>(args: &'a Value, key: &str) -> Result<&'a str, Error> {
    args.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Error::BadRequest(format!("argument `{key}` (string) is required")))
}

/// Runs a tool. Errors in the tool's input become a tool result with `isError: true`.
/// Calls a tool: its structured result, and the text a chat front-end shows where it is not that
/// result as JSON (the answer of `ask`, as Markdown).
pub fn call_tool(
    service: &Service,
    name: &str,
    args: &Value,
) -> Result<(Value, Option<String>), Error> {
    match name {
        "search_statutes" => {
            let p = SearchParams {
                q: str_arg(args, "query")?.to_string(),
                limit: match args.get("limit") {
                    None | Some(Value::Null) => None,
                    Some(v) => Some(v.as_u64().ok_or_else(|| {
                        Error::BadRequest("`limit` must be a positive integer".into())
                    })? as usize),
                },
                law: args.get("law").and_then(Value::as_str).map(str::to_string),
                level: None,
                current: args.get("current_only").and_then(Value::as_bool),
            };
            let r = service.search(&p)?;
            let text = search_text(&r);
            Ok((serde_json::to_value(&r)?, Some(text)))
        }
        "get_article" => {
            let law = str_arg(args, "law")?;
            let number = match args.get("number") {
                Some(Value::Number(n)) => n.to_string(),
                _ => str_arg(args, "number")?.to_string(),
            };
            let v = service.article(law, &number)?;
            let text = article_text(&v);
            Ok((serde_json::to_value(&v)?, Some(text)))
        }
        "ask" => {
            let req = crate::qa::AskRequest {
                question: str_arg(args, "question")?.to_string(),
                facts: args.get("facts").cloned(),
                today: args
                    .get("today")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                limit: args
                    .get("limit")
                    .and_then(Value::as_u64)
                    .map(|n| n as usize),
            };
            let r = service.ask(&req)?;
            Ok((
                serde_json::to_value(&r)?,
                Some(crate::qa::compose::markdown(&r)),
            ))
        }
        "verify_citations" => {
            let input = str_arg(args, "text")?;
            let v = service.verify_citations(input)?;
            let value = json!({ "citations": v });
            let text = citations_text(input, &value);
            Ok((value, Some(text)))
        }
        "list_rules" => {
            let v = rule_list();
            let text = rule_list_text(&v);
            Ok((v, Some(text)))
        }
        "evaluate_rule" => {
            let rule = str_arg(args, "rule")?;
            let input = args.get("input").cloned().unwrap_or_else(|| json!({}));
            let today = args
                .get("today")
                .and_then(Value::as_str)
                .map(str::to_string);
            let o = service.evaluate_rule(rule, input, today.as_deref())?;
            let text = outcome_text(&o);
            Ok((serde_json::to_value(&o)?, Some(text)))
        }
        _ => Err(Error::NotFound(format!("unknown tool {name:?}"))),
    }
}

/// The JSON-RPC error object for a code and message.
fn rpc_error(id: Value, code: i64, message: impl Into<String>) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message.into()}})
}

/// Handles one JSON-RPC message. Returns `None` for notifications (no response body).
pub fn handle(service: &Service, msg: &Value) -> Option<Value> {
    let Some(obj) = msg.as_object() else {
        return Some(rpc_error(
            Value::Null,
            -32600,
            "a JSON-RPC message must be an object",
        ));
    };
    let method = obj.get("method").and_then(Value::as_str);
    let id = obj.get("id").cloned();
    let Some(method) = method else {
        // A response from the client (we send no requests) or garbage.
        return id.map(|id| rpc_error(id, -32600, "missing method"));
    };
    let id = id?; // notifications: nothing to answer
    let params = obj.get("params").cloned().unwrap_or(Value::Null);
    let result = match method {
        "initialize" => {
            let asked = params
                .get("protocolVersion")
                .and_then(Value::as_str)
                .unwrap_or("");
            let version = PROTOCOL_VERSIONS
                .iter()
                .find(|v| **v == asked)
                .copied()
                .unwrap_or(PROTOCOL_VERSIONS[0]);
            json!({
                "protocolVersion": version,
                "capabilities": {"tools": {"listChanged": false}},
                "serverInfo": {"name": "fatiao", "title": "fatiao 法条", "version": env!("CARGO_PKG_VERSION")},
                "instructions": "Chinese statutes with exact article texts (取保候审 and criminal procedure first). \
                    Search with search_statutes, quote with get_article; always cite law title and article number."
            })
        }
        "ping" => json!({}),
        "tools/list" => tool_list(),
        "tools/call" => {
            let Some(name) = params.get("name").and_then(Value::as_str) else {
                return Some(rpc_error(id, -32602, "tools/call needs params.name"));
            };
            let args = params
                .get("arguments")
                .cloned()
                .unwrap_or_else(|| json!({}));
            if !tools().iter().any(|t| t.name == name) {
                return Some(rpc_error(id, -32602, format!("unknown tool {name:?}")));
            }
            match call_tool(service, name, &args) {
                Ok((v, text)) => json!({
                    "content": [{"type": "text", "text": text.unwrap_or_else(|| v.to_string())}],
                    "structuredContent": v,
                    "isError": false
                }),
                Err(e) => json!({
                    "content": [{"type": "text", "text": format!("error[{}]: {e}", e.code())}],
                    "isError": true
                }),
            }
        }
        other => return Some(rpc_error(id, -32601, format!("method not found: {other}"))),
    };
    Some(json!({"jsonrpc": "2.0", "id": id, "result": result}))
}
