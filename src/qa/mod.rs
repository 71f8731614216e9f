//! Question answering: a question in plain Chinese → the articles that answer it, the commentary
//! sections that discuss them, and (with the rule engine) the computed outcomes.
//!
//! The answer merges: citations written in the question (first), search hits, and the commentary
//! sections found by search or citing the articles found. Every request is validated here: an
//! empty or oversized question, a bad `limit`, an impossible `today` are 4xx errors.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod inputs;

use crate::error::{Error, Result};
use crate::normalize::normalize_str;
use crate::search::{self, Hit, SearchParams};
use crate::service::Service;
use crate::understand::facts;

/// Most articles an answer lists.
pub const MAX_ASK_LIMIT: usize = 50;

/// `POST /api/ask` body.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AskRequest {
    /// The question, simplified or traditional, colloquial.
    pub question: String,
    /// Facts given as data; they override what the text implies.
    #[serde(default)]
    pub facts: Option<serde_json::Value>,
    /// The date relative dates are computed from (`YYYY-MM-DD`); default: today.
    #[serde(default)]
    pub today: Option<String>,
    /// Number of articles (1–50, default 10).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// A commentary section in an answer.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CommentaryRef {
    pub id: String,
    pub page: String,
    pub page_title: String,
    pub heading: Option<String>,
    /// The question, for a Q&A section.
    pub question: Option<String>,
    pub text: String,
    pub note: Option<String>,
    /// Why it is listed: "search" or the id of the article it discusses.
    pub reason: String,
}

/// `POST /api/ask` answer.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AskResponse {
    pub question: String,
    /// The question normalised (simplified, half-width) as it was searched.
    pub normalized: String,
    pub today: String,
    pub articles: Vec<Hit>,
    /// Computed rule outcomes, each citing its articles.
    pub outcomes: Vec<serde_json::Value>,
    pub commentary: Vec<CommentaryRef>,
    /// The facts read from the question (amounts, ages, dates, stage, authority, crimes …).
    #[schema(value_type = Object)]
    pub facts: serde_json::Value,
    /// What could not be determined from the question.
    pub needs: Vec<String>,
    pub took_ms: f64,
}

/// Parses `today`, rejecting impossible dates.
pub fn parse_today(today: Option<&str>) -> Result<NaiveDate> {
    match today.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(chrono::Local::now().date_naive()),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            Error::InvalidInput(format!("`today` must be a real date YYYY-MM-DD, got {s:?}"))
        }),
    }
}

/// Answers a question.
pub fn ask(service: &Service, req: &AskRequest) -> Result<AskResponse> {
    let started = std::time::Instant::now();
    search::check_query(&req.question)?;
    let limit = match req.limit {
        None => 10,
        Some(0) => return Err(Error::BadRequest("limit must be at least 1".into())),
        Some(n) if n > MAX_ASK_LIMIT => {
            return Err(Error::BadRequest(format!(
                "limit must be at most {MAX_ASK_LIMIT} (got {n})"
            )))
        }
        Some(n) => n,
    };
    let today = parse_today(req.today.as_deref())?;
    inputs::check_given(req.facts.as_ref())?;
    let hits = service
        .search(&SearchParams {
            q: req.question.clone(),
            limit: Some(limit + 10),
            ..Default::default()
        })?
        .hits;
    let corpus = service.corpus();
    let mut articles: Vec<Hit> = Vec::new();
    let mut commentary: Vec<CommentaryRef> = Vec::new();
    let mut seen_sections: HashSet<String> = HashSet::new();
    for h in hits {
        if h.kind == "section" {
            if commentary.len() < 5 && seen_sections.insert(h.id.clone()) {
                if let Some(c) = section_ref(service, &h.id, "search") {
                    commentary.push(c);
                }
            }
        } else if articles.len() < limit {
            articles.push(h);
        }
    }
    // Sections that cite the top articles.
    for a in articles.iter().take(5) {
        for link in corpus.cited_by(&a.id) {
            if commentary.len() >= 8 {
                break;
            }
            if corpus.article(&link.from).is_none() && seen_sections.insert(link.from.clone()) {
                if let Some(c) = section_ref(service, &link.from, &a.id) {
                    commentary.push(c);
                }
            }
        }
    }
    // Rules the question touches, evaluated on the facts it states (given facts override).
    let found = facts::extract(&req.question, today);
    let mut stated = inputs::fact_fields(corpus, &req.question, &found);
    let mut outcomes = Vec::new();
    let mut needs: Vec<String> = Vec::new();
    for rule in inputs::rules_for(&req.question, &found) {
        let input = inputs::input_for(&rule, &stated, req.facts.as_ref());
        match crate::rules::evaluate(&rule, input, Some(today)) {
            Ok(o) => {
                // the articles an outcome rests on are ranked into the answer
                for c in &o.citations {
                    if articles.len() >= limit + 3
                        || articles
                            .iter()
                            .any(|h| h.law == c.law && h.number == c.number)
                    {
                        continue;
                    }
                    if let Some(a) = corpus.find(&c.law, &c.number) {
                        if let Some(mut h) =
                            search::make_hit(service.live(), &a.id, 0.0, &HashSet::new())
                        {
                            h.via = Some(format!("结论：{}", o.rule));
                            articles.push(h);
                        }
                    }
                }
                for n in &o.needs {
                    if !needs.contains(n) {
                        needs.push(n.clone());
                    }
                }
                inputs::carry_over(&o, &mut stated);
                outcomes.push(serde_json::to_value(&o)?);
            }
            // a fact of the wrong shape (a negative amount, an impossible date) is the caller's error
            Err(e @ (Error::InvalidInput(_) | Error::BadRequest(_))) if req.facts.is_some() => {
                return Err(e)
            }
            Err(e) => tracing::debug!(rule, error = %e, "rule not applicable"),
        }
    }
    Ok(AskResponse {
        question: req.question.clone(),
        normalized: normalize_str(&req.question),
        today: today.to_string(),
        articles,
        outcomes,
        commentary,
        facts: serde_json::to_value(&found)?,
        needs,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

fn section_ref(service: &Service, id: &str, reason: &str) -> Option<CommentaryRef> {
    let (page_id, _) = id.split_once('#')?;
    let page = service.corpus().page(page_id)?;
    let s = page.sections.iter().find(|s| s.id == id)?;
    Some(CommentaryRef {
        id: s.id.clone(),
        page: page.id.clone(),
        page_title: page.title.clone(),
        heading: s.heading.clone(),
        question: match &s.kind {
            crate::records::SectionKind::Qa { question } => Some(question.clone()),
            crate::records::SectionKind::Body => None,
        },
        text: s.text.clone(),
        note: s.note.clone(),
        reason: reason.to_string(),
    })
}
