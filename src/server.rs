//! The HTTP API (axum). Handlers are thin: they validate, call the [`Service`], and render JSON.
//! Every error is `{"error": {"code", "message"}}` with a 4xx/5xx status from [`Error::status`].
//!
//! Load: the API routes (all but `/api/health`, the docs and the static files) admit at most
//! [`Limits::max_inflight`] requests at once; one more is answered at once with `503`, a
//! `Retry-After` header and the code `overloaded`, so the server never queues without bound. The
//! CPU-bound work of an admitted request (search, ask, MCP, citation checks) runs on the blocking
//! pool, at most [`Limits::workers`] at a time in arrival order, so the async runtime stays free to
//! accept connections, answer health checks and shed load.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::sync::Semaphore;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use tower_http::cors::{Any, CorsLayer};
use tower_http::trace::TraceLayer;

use crate::error::Error;
use crate::search::SearchParams;
use crate::service::{LawFilter, Service};

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Seconds an overloaded client is asked to wait (`Retry-After`).
pub const RETRY_AFTER_SECS: u32 = 1;

/// Environment variable for [`Limits::max_inflight`] (the `--max-inflight` flag of `fatiao serve`).
pub const MAX_INFLIGHT_ENV: &str = "FATIAO_MAX_INFLIGHT";

/// How much work the server takes on at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// API requests admitted at once (computing or waiting for a worker); one more gets `503`.
    pub max_inflight: usize,
    /// CPU-bound computations at once; admitted requests beyond wait in arrival order.
    pub workers: usize,
}

impl Default for Limits {
    /// `workers`: the available cores; `max_inflight`: 32 per core (64 on 2 cores), enough to
    /// keep every core busy, and a queue short enough that a request admitted waits at most a few
    /// tens of milliseconds behind the others.
    fn default() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        Limits {
            max_inflight: 32 * cores,
            workers: cores,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let overloaded = matches!(self, Error::Overloaded(_));
        if status.is_server_error() && !overloaded {
            tracing::error!(error = %self, "request failed");
        }
        let body = json!({ "error": { "code": self.code(), "message": self.to_string() } });
        let mut res = (status, Json(body)).into_response();
        if overloaded {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
        }
        res
    }
}

/// Maps axum's query-string rejections to our error.
pub fn query_error(e: QueryRejection) -> Error {
    Error::BadRequest(format!("bad query string: {}", e.body_text()))
}

/// Maps axum's JSON body rejections to our error (a too-large body is 413, bad JSON 400).
pub fn json_error(e: JsonRejection) -> Error {
    match e {
        JsonRejection::BytesRejection(b) if b.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            Error::TooLarge(format!("request body larger than {MAX_BODY_BYTES} bytes"))
        }
        JsonRejection::MissingJsonContentType(_) => {
            Error::BadRequest("expected a JSON body with Content-Type: application/json".into())
        }
        other => Error::BadRequest(format!("malformed JSON body: {}", other.body_text())),
    }
}

/// The JSON body of every error.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code: bad_request, invalid_input, unknown_law, unknown_article,
    /// unknown_rule, payload_too_large, not_found, index_error, overloaded …
    pub code: String,
    pub message: String,
}

/// The OpenAPI 3 document of the HTTP API.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "fatiao 法条 API",
        description = "Chinese statutes (取保候审 first): search, articles, laws."
    ),
    paths(health, search, article, laws, toc, verify, ask, rules, verdicts, rule),
    components(schemas(ErrorBody, ErrorDetail))
)]
pub struct ApiDoc;

/// The OpenAPI document as JSON.
pub fn openapi() -> utoipa::openapi::OpenApi {
    <ApiDoc as utoipa::OpenApi>::openapi()
}

/// What the handlers share: the service and the workers that compute.
struct Shared {
    service: Service,
    workers: Arc<Semaphore>,
}

impl std::ops::Deref for Shared {
    type Target = Service;
    fn deref(&self) -> &Service {
        &self.service
    }
}

type AppState = Arc<Shared>;
type ApiResult<T> = Result<Json<T>, Error>;

/// Runs CPU-bound work on the blocking pool once a worker is free (in arrival order). The worker is
/// held until the work ends, even when the client has gone.
async fn compute<T: Send + 'static>(
    s: &AppState,
    work: impl FnOnce(&Service) -> T + Send + 'static,
) -> Result<T, Error> {
    let permit = Arc::clone(&s.workers)
        .acquire_owned()
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    let s = Arc::clone(s);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&s.service)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))
}

/// Admission: at most `max_inflight` requests in the routes behind it; one more is answered `503`
/// with `Retry-After` at once.
async fn admit(State(gate): State<Arc<Semaphore>>, req: Request, next: Next) -> Response {
    match gate.try_acquire() {
        Ok(_permit) => next.run(req).await,
        Err(_) => Error::Overloaded(format!(
            "the server is at its limit of requests in progress; retry in {RETRY_AFTER_SECS} s"
        ))
        .into_response(),
    }
}

/// Service status, counts, index build time and corpus fingerprint.
#[utoipa::path(get, path = "/api/health", tag = "service", responses((status = 200, description = "service status, counts and which corpus answers", body = crate::service::Health)))]
async fn health(State(s): State<AppState>) -> Json<crate::service::Health> {
    Json(s.health())
}

/// Search statutes and commentary.
#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchParams), responses(
    (status = 200, description = "ranked articles", body = crate::service::SearchResponse),
    (status = 400, description = "bad request: a malformed parameter or body (error code bad_request)", body = ErrorBody), (status = 404, description = "unknown law", body = ErrorBody),
    (status = 413, description = "query too long", body = ErrorBody),
    (status = 503, description = "overloaded: retry after the Retry-After header's seconds", body = ErrorBody)))]
async fn search(
    State(s): State<AppState>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult<crate::service::SearchResponse> {
    let Query(p) = q.map_err(query_error)?;
    Ok(Json(compute(&s, move |s| s.search(&p)).await??))
}

/// `?version=` of an article.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ArticleQuery {
    /// A version of the law as its versions list names it (`YYYY-MM-DD`, e.g. 2021-12-24); default
    /// the newest. A version the law does not have is a 404 naming the versions it has.
    version: Option<String>,
}

/// One article by law (title or alias) and number (67, 133-1, 第六十七条): text, path, versions,
/// cites, cited-by and the commentary quotes linked to it.
#[utoipa::path(get, path = "/api/articles/{law}/{number}", tag = "articles",
    params(("law" = String, Path, description = "title or alias"), ("number" = String, Path, description = "67, 133-1 or 第六十七条"),
        ArticleQuery),
    responses((status = 200, description = "the article with its versions, citations and cited-by", body = crate::service::ArticleView), (status = 400, description = "bad request: a malformed parameter or body (error code bad_request)", body = ErrorBody), (status = 404, description = "no such law, article or rule", body = ErrorBody)))]
async fn article(
    State(s): State<AppState>,
    Path((law, number)): Path<(String, String)>,
    q: Result<Query<ArticleQuery>, QueryRejection>,
) -> ApiResult<crate::service::ArticleView> {
    let Query(q) = q.map_err(query_error)?;
    Ok(Json(s.article_in(&law, &number, q.version.as_deref())?))
}

/// The laws, one entry per version.
#[utoipa::path(get, path = "/api/laws", tag = "articles", params(LawFilter), responses(
    (status = 200, description = "the laws, one entry per version", body = Vec<crate::service::LawSummary>), (status = 400, description = "bad request: a malformed parameter or body (error code bad_request)", body = ErrorBody)))]
async fn laws(
    State(s): State<AppState>,
    q: Result<Query<LawFilter>, QueryRejection>,
) -> ApiResult<Vec<crate::service::LawSummary>> {
    let Query(f) = q.map_err(query_error)?;
    Ok(Json(s.laws(&f)?))
}

/// A law's table of contents: its headings (编/章/节) in order, each with its first article.
#[utoipa::path(get, path = "/api/laws/{law}/toc", tag = "articles",
    params(("law" = String, Path, description = "title or alias"), ArticleQuery),
    responses((status = 200, description = "the headings with their first articles", body = crate::service::Toc),
        (status = 400, description = "bad request: a malformed parameter or body (error code bad_request)", body = ErrorBody),
        (status = 404, description = "no such law or version", body = ErrorBody)))]
async fn toc(
    State(s): State<AppState>,
    Path(law): Path<String>,
    q: Result<Query<ArticleQuery>, QueryRejection>,
) -> ApiResult<crate::service::Toc> {
    let Query(q) = q.map_err(query_error)?;
    Ok(Json(s.toc(&law, q.version.as_deref())?))
}

/// `POST /mcp`: one JSON-RPC message (or a batch) per request.
async fn mcp_post(
    State(s): State<AppState>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Response {
    let msg = match body {
        Ok(Json(v)) => v,
        Err(e) => {
            let err = json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": json_error(e).to_string()}});
            return (StatusCode::BAD_REQUEST, Json(err)).into_response();
        }
    };
    let is_initialize = msg.get("method").and_then(|m| m.as_str()) == Some("initialize");
    let reply = compute(&s, move |s| match &msg {
        serde_json::Value::Array(batch) => {
            let out: Vec<serde_json::Value> = batch
                .iter()
                .filter_map(|m| crate::mcp::handle(s, m))
                .collect();
            (!out.is_empty()).then_some(serde_json::Value::Array(out))
        }
        m => crate::mcp::handle(s, m),
    })
    .await;
    match reply {
        Ok(Some(v)) => {
            let mut res = Json(v).into_response();
            if is_initialize {
                let id = format!("{:032x}", rand_id());
                if let Ok(h) = axum::http::HeaderValue::from_str(&id) {
                    res.headers_mut().insert("mcp-session-id", h);
                }
            }
            res
        }
        Ok(None) => StatusCode::ACCEPTED.into_response(),
        Err(e) => e.into_response(),
    }
}

/// A session id: unpredictable enough to tell sessions apart (not a secret).
fn rand_id() -> u128 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    let a = h.finish();
    let mut h2 = std::collections::hash_map::RandomState::new().build_hasher();
    h2.write_u64(a);
    ((a as u128) << 64) | h2.finish() as u128
}

/// `GET /mcp`: this server offers no server-initiated event stream.
async fn mcp_get() -> Response {
    (StatusCode::METHOD_NOT_ALLOWED, Json(json!({"error": {"code": "method_not_allowed", "message": "POST JSON-RPC messages to /mcp"}}))).into_response()
}

/// `DELETE /mcp`: sessions hold no state, so ending one always succeeds.
async fn mcp_delete() -> StatusCode {
    StatusCode::OK
}

/// Answer a question in plain Chinese: the articles, the commentary and the computed outcomes.
#[utoipa::path(post, path = "/api/ask", tag = "answers", request_body = crate::qa::AskRequest, responses(
    (status = 200, description = "the answer in Chinese, the rule outcomes and the articles", body = crate::qa::AskResponse), (status = 400, description = "bad request: a malformed parameter or body (error code bad_request)", body = ErrorBody),
    (status = 413, description = "request body or query too large (payload_too_large)", body = ErrorBody), (status = 422, description = "impossible date or value", body = ErrorBody),
    (status = 503, description = "overloaded: retry after the Retry-After header's seconds", body = ErrorBody)))]
async fn ask(
    State(s): State<AppState>,
    body: Result<Json<crate::qa::AskRequest>, JsonRejection>,
) -> ApiResult<crate::qa::AskResponse> {
    let Json(req) = body.map_err(json_error)?;
    Ok(Json(compute(&s, move |s| s.ask(&req)).await??))
}

/// The rules of the engine, with the inputs each takes.
#[utoipa::path(get, path = "/api/rules", tag = "rules", responses((status = 200, description = "every rule with its inputs", body = Vec<crate::rules::RuleInfo>)))]
async fn rules(State(s): State<AppState>) -> Json<Vec<crate::rules::RuleInfo>> {
    Json(s.rules())
}

/// The verdicts of the rules in words (`shall_not` → 不得), for the outcomes of
/// `POST /api/ask` and `POST /api/rules/{rule}`; each input's words are in `GET /api/rules`
/// (`title`, `x-question`, `x-values`).
#[utoipa::path(get, path = "/api/verdicts", tag = "rules", responses((status = 200, description = "verdict code → Chinese label",
    body = std::collections::BTreeMap<String, String>)))]
async fn verdicts() -> Json<std::collections::BTreeMap<&'static str, &'static str>> {
    Json(crate::rules::vocab::verdict_labels().into_iter().collect())
}

/// Query of `POST /api/rules/{rule}`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RuleQuery {
    /// Date for rules that compare with today (YYYY-MM-DD); default today.
    pub today: Option<String>,
}

/// Evaluate one rule (id such as R08 or name such as deposit_amount) on a typed JSON input.
#[utoipa::path(post, path = "/api/rules/{rule}", tag = "rules", params(("rule" = String, Path, description = "R08 or deposit_amount"), RuleQuery),
    request_body(content = Object, description = "the rule's input, as described by GET /api/rules"),
    responses((status = 200, description = "the rule outcome with its citations", body = crate::rules::Outcome), (status = 400, description = "bad request: a malformed parameter or body (error code bad_request)", body = ErrorBody),
        (status = 404, description = "unknown rule", body = ErrorBody), (status = 422, description = "a value that parses but is not valid: an impossible date, a negative amount (invalid_input)", body = ErrorBody)))]
async fn rule(
    State(s): State<AppState>,
    Path(rule): Path<String>,
    q: Result<Query<RuleQuery>, QueryRejection>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<crate::rules::Outcome> {
    let Query(q) = q.map_err(query_error)?;
    let Json(input) = body.map_err(json_error)?;
    Ok(Json(s.evaluate_rule(&rule, input, q.today.as_deref())?))
}

/// `POST /api/citations/verify` body.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct VerifyRequest {
    /// Any text with citations (刑诉法第71条, 《…》第X条第Y款, 🚪刑诉_67 …).
    pub text: String,
}

/// `POST /api/citations/verify` answer.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct VerifyResponse {
    pub citations: Vec<crate::cite::Verified>,
}

/// Check every citation in a text: resolved, missing, superseded or unknown law, with a suggestion.
#[utoipa::path(post, path = "/api/citations/verify", tag = "articles", request_body = VerifyRequest, responses(
    (status = 200, description = "each citation found and how it resolves", body = VerifyResponse), (status = 400, description = "bad request: a malformed parameter or body (error code bad_request)", body = ErrorBody), (status = 413, description = "request body or query too large (payload_too_large)", body = ErrorBody)))]
async fn verify(
    State(s): State<AppState>,
    body: Result<Json<VerifyRequest>, JsonRejection>,
) -> ApiResult<VerifyResponse> {
    let Json(req) = body.map_err(json_error)?;
    let citations = compute(&s, move |s| s.verify_citations(&req.text)).await??;
    Ok(Json(VerifyResponse { citations }))
}

async fn not_found() -> Error {
    Error::NotFound("no such endpoint".into())
}

/// A known path asked with another method: the JSON error of every other failure.
async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Error {
    Error::MethodNotAllowed(format!("{method} is not allowed on {}", uri.path()))
}

// `WEB_FILES: &[(&str, &[u8])]`: the files of `web/` (path, contents), written by build.rs, so the
// binary serves its page from wherever it runs.
include!(concat!(env!("OUT_DIR"), "/web_assets.rs"));

/// The page's icon: 法 on a dark square, as SVG (browsers ask for `/favicon.ico` first).
const FAVICON_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\">\
<rect width=\"64\" height=\"64\" rx=\"12\" fill=\"#7a1f1f\"/>\
<text x=\"32\" y=\"46\" font-size=\"40\" text-anchor=\"middle\" fill=\"#fff\">法</text></svg>";

/// A file of the web page, compiled into the binary; `/` is `index.html`. Anything else is the
/// JSON 404 of every other unknown path.
async fn web_asset(method: Method, uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if method != Method::GET && method != Method::HEAD {
        return Error::NotFound("no such endpoint".into()).into_response();
    }
    let path = uri.path().trim_start_matches('/');
    if path == "favicon.ico" || path == "favicon.svg" {
        return (
            [(axum::http::header::CONTENT_TYPE, "image/svg+xml")],
            FAVICON_SVG,
        )
            .into_response();
    }
    let path = if path.is_empty() { "index.html" } else { path };
    let Some((_, bytes)) = WEB_FILES.iter().find(|(rel, _)| *rel == path) else {
        return Error::NotFound("no such endpoint".into()).into_response();
    };
    let mime = match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        _ => "application/octet-stream",
    };
    ([(axum::http::header::CONTENT_TYPE, mime)], *bytes).into_response()
}

/// The application router over a service, with the default [`Limits`].
pub fn app(service: Service) -> Router {
    app_with(service, Limits::default())
}

/// The application router over a service, with these limits.
pub fn app_with(service: Service, limits: Limits) -> Router {
    let state: AppState = Arc::new(Shared {
        service,
        workers: Arc::new(Semaphore::new(limits.workers.max(1))),
    });
    let gate = Arc::new(Semaphore::new(limits.max_inflight));
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::DELETE, Method::OPTIONS])
        .allow_headers(Any)
        .expose_headers([axum::http::HeaderName::from_static("mcp-session-id")]);
    // Every route that computes passes the admission gate; health, docs and static files do not.
    let admitted = Router::new()
        .route("/api/search", get(search))
        .route("/api/articles/{law}/{number}", get(article))
        .route("/api/laws", get(laws))
        .route("/api/laws/{law}/toc", get(toc))
        .route("/api/citations/verify", axum::routing::post(verify))
        .route("/api/ask", axum::routing::post(ask))
        .route("/api/rules", get(rules))
        .route("/api/verdicts", get(verdicts))
        .route("/api/rules/{rule}", axum::routing::post(rule))
        .route("/mcp", get(mcp_get).post(mcp_post).delete(mcp_delete))
        .route_layer(axum::middleware::from_fn_with_state(gate, admit));
    Router::new()
        .merge(utoipa_swagger_ui::SwaggerUi::new("/docs").url("/api/openapi.json", openapi()))
        .route("/api/health", get(health))
        .merge(admitted)
        .route("/api/{*rest}", axum::routing::any(not_found))
        .fallback(web_asset)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the app until Ctrl-C / SIGTERM, then shuts down gracefully.
pub async fn serve(service: Service, addr: SocketAddr, limits: Limits) -> crate::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Internal(format!("cannot bind {addr}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Internal(e.to_string()))?;
    tracing::info!("fatiao listening on http://{local}");
    tracing::info!(
        max_inflight = limits.max_inflight,
        workers = limits.workers,
        "admission limits"
    );
    eprintln!("fatiao listening on http://{local}");
    axum::serve(listener, app_with(service, limits))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Error::Internal(e.to_string()))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
