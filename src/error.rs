//! The one error type of fatiao.
//!
//! Every variant has a stable machine-readable `code` and an HTTP status, so the CLI, the HTTP API and
//! the MCP endpoint all report the same failure the same way (`{"error": {"code", "message"}}`).

use std::path::PathBuf;

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request or command line was malformed (bad JSON, empty query, limit out of range …).
    #[error("{0}")]
    BadRequest(String),
    /// A value was syntactically fine but not acceptable (negative amount, impossible date …).
    #[error("{0}")]
    InvalidInput(String),
    /// No law matches the title or alias given.
    #[error("unknown law: {0}")]
    UnknownLaw(String),
    /// The law exists but has no such article.
    #[error("{law} has no article {number}")]
    UnknownArticle { law: String, number: String },
    /// No such endpoint or record.
    #[error("{0}")]
    NotFound(String),
    /// The path exists but not with this HTTP method.
    #[error("{0}")]
    MethodNotAllowed(String),
    /// No such rule in the rule engine.
    #[error("unknown rule: {0}")]
    UnknownRule(String),
    /// The request body or a query is larger than allowed.
    #[error("{0}")]
    TooLarge(String),
    /// No corpus directory could be found or read.
    #[error("corpus not found: {0}")]
    CorpusNotFound(String),
    /// The corpus holds no statute file and no page.
    #[error("corpus is empty: {0}")]
    CorpusEmpty(String),
    /// The search index is missing, stale or corrupt.
    #[error("index error: {0}")]
    Index(String),
    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("search engine error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("query error: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
    #[error("catalogue database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The server is computing as many requests as it is allowed to; retry after a moment.
    #[error("{0}")]
    Overloaded(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Stable error code, used in JSON bodies and by clients to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "bad_request",
            Error::InvalidInput(_) => "invalid_input",
            Error::UnknownLaw(_) => "unknown_law",
            Error::UnknownArticle { .. } => "unknown_article",
            Error::UnknownRule(_) => "unknown_rule",
            Error::NotFound(_) => "not_found",
            Error::MethodNotAllowed(_) => "method_not_allowed",
            Error::TooLarge(_) => "payload_too_large",
            Error::CorpusNotFound(_) => "corpus_not_found",
            Error::CorpusEmpty(_) => "corpus_empty",
            Error::Index(_) => "index_error",
            Error::Io { .. } => "io_error",
            Error::Tantivy(_) => "search_engine_error",
            Error::Query(_) => "query_error",
            Error::Json(_) => "json_error",
            Error::Sqlite(_) => "catalogue_error",
            Error::Overloaded(_) => "overloaded",
            Error::Internal(_) => "internal_error",
        }
    }

    /// HTTP status code for this error.
    pub fn status(&self) -> u16 {
        match self {
            Error::BadRequest(_) | Error::Query(_) | Error::Json(_) => 400,
            Error::UnknownLaw(_)
            | Error::UnknownArticle { .. }
            | Error::UnknownRule(_)
            | Error::NotFound(_) => 404,
            Error::MethodNotAllowed(_) => 405,
            Error::TooLarge(_) => 413,
            Error::InvalidInput(_) => 422,
            Error::CorpusNotFound(_)
            | Error::CorpusEmpty(_)
            | Error::Index(_)
            | Error::Overloaded(_) => 503,
            Error::Io { .. } | Error::Tantivy(_) | Error::Sqlite(_) | Error::Internal(_) => 500,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
