//! Question answering: a question in plain Chinese → the articles that answer it, the commentary
//! sections that discuss them, and (with the rule engine) the computed outcomes.
//!
//! The answer merges: citations written in the question (first), search hits, and the commentary
//! sections found by search or citing the articles found. Every request is validated here: an
//! empty or oversized question, a bad `limit`, an impossible `today` are 4xx errors.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod compare;
pub mod compose;
pub mod exam;
pub mod inputs;
pub mod plan;
mod table;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::index::Live;
use crate::rules::partial::Certainty;
use crate::search::{self, Hit, SearchParams};
use crate::understand::question::{Asked, Question};

/// Most articles an answer lists.
pub const MAX_ASK_LIMIT: usize = 50;

/// `POST /api/ask` body.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AskRequest {
    /// The question, simplified or traditional, colloquial.
    #[schema(example = "我弟弟2026年11月2日被刑拘了，结伙作案，最长能关到哪天？")]
    pub question: String,
    /// Facts given as data, by the names `GET /api/rules` gives the rules' inputs
    /// (`{"detained_on": "2026-11-02", "serious_suspect": true}`); they override what the text
    /// implies.
    #[serde(default)]
    #[schema(value_type = Option<Object>, example = json!({"detained_on": "2026-11-02"}))]
    pub facts: Option<serde_json::Value>,
    /// The date relative dates are computed from (`YYYY-MM-DD`); default: today.
    #[serde(default)]
    pub today: Option<String>,
    /// Number of articles (1–50, default 10).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 50)]
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
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AskResponse {
    /// The direct answer in plain Chinese: the figure or verdict first, what it depends on, the
    /// articles as 《…》第N条; one paragraph per rule that answers the question.
    pub answer: String,
    /// Questions to put to the person, in Chinese, where a missing fact decides the answer.
    pub follow_up: Vec<String>,
    /// Said when no rule of the engine answers the question.
    pub scope: Option<String>,
    pub question: String,
    /// The question normalised (simplified, half-width) as it was searched.
    pub normalized: String,
    pub today: String,
    pub articles: Vec<Hit>,
    /// The rules that answer the question, each an outcome citing its articles, with how certain
    /// it is and, for a conditional answer, its cases.
    pub outcomes: Vec<compose::RuleAnswer>,
    pub commentary: Vec<CommentaryRef>,
    /// The facts read from the question (amounts, ages, dates, stage, authority, crimes …).
    #[schema(value_type = Object)]
    pub facts: serde_json::Value,
    /// What the question asks for (a date, an amount, who approves …).
    pub asked: Vec<Asked>,
    /// An exam item's options held against the provisions found and cited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exam: Option<compare::Comparison>,
    /// The facts still decisive and missing, by the names `facts` takes (see `GET /api/rules`);
    /// `follow_up` asks for them in words.
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

/// Default number of articles an answer lists.
pub const DEFAULT_ASK_LIMIT: usize = 10;
/// Extra hits fetched beyond `limit`: commentary sections come from the same list.
const EXTRA_HITS: usize = 10;
/// Commentary sections found by search, and in all (with those citing the top articles).
const MAX_SEARCHED_SECTIONS: usize = 5;
const MAX_SECTIONS: usize = 8;
/// The articles whose citing sections are added.
const SECTIONS_OF_TOP: usize = 5;
/// Articles an outcome cites are ranked in up to `limit` + this many.
const OUTCOME_ARTICLES_OVER_LIMIT: usize = 3;

/// Articles cited for a rule stated in words (a date or amount to compute with is missing): its
/// statement names the articles of its table, the answer shows the first four.
const KEY_CITATIONS: usize = 8;

/// What the engine computes, said when a question lies outside it.
pub const SCOPE: &str = "本系统计算取保候审、监视居住，以及拘留、逮捕和羁押期限的规则";

/// Answers a question: validate → understand → retrieve → plan → evaluate → compose.
pub fn ask(live: &Live, req: &AskRequest) -> Result<AskResponse> {
    let started = std::time::Instant::now();
    let (limit, today) = validate(req)?;
    let q = Question::read(&req.question, today);
    let (mut articles, commentary) = retrieve(live, &q, limit)?;
    let rules = plan::plan(&q, &articles);
    let mut answers = evaluate(live, &q, &rules, req.facts.as_ref())?;
    // what could be computed leads, in the planned order; rules only stated in words follow
    answers.sort_by_key(compose::in_words);
    drop_restated(&mut answers);
    rank_in_cited(live, &answers, &mut articles, limit);
    let scope = scope_note(&q, &answers);
    let needs: Vec<String> = answers
        .iter()
        .flat_map(|a| a.outcome.needs.iter().cloned())
        .fold(Vec::new(), |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        });
    let mut answer = compose::answer_text(&answers, scope.as_deref());
    // an exam item: the letter of the option the first answer states leads; the options held
    // against the provisions follow it, or lead where no answer states an option
    let first = answer.lines().next().unwrap_or("");
    let stated = exam::choice(&q, first).map(String::from);
    let exam = compare_options(live, &q, &articles, &answers);
    answer = exam_answer(&q.normalized, answer, stated, exam.as_ref());
    Ok(AskResponse {
        answer,
        // an exam item tells no one's case: there is no one to ask
        follow_up: if q.options.is_empty() {
            compose::follow_ups(&answers)
        } else {
            Vec::new()
        },
        scope,
        question: req.question.clone(),
        normalized: q.normalized.clone(),
        today: today.to_string(),
        articles,
        outcomes: answers,
        commentary,
        facts: serde_json::to_value(&q.facts)?,
        asked: q.asked.clone(),
        exam,
        needs,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

/// Rules computing the same figure, the first over several decisions and the second over one:
/// where the first computed it, the second only stated in words (asking for a start) is dropped.
const SAME_FIGURE: &[(&str, &str)] = &[("R16", "R17"), ("R30", "R17")];

/// Drops a rule stated in words (for facts missing, or as the answer to a question of the rule
/// itself) whose figure another rule of the answer computed or states.
fn drop_restated(answers: &mut Vec<compose::RuleAnswer>) {
    let computed: Vec<String> = answers
        .iter()
        .filter(|a| a.certainty != Certainty::Missing)
        .map(|a| a.outcome.rule.clone())
        .collect();
    answers.retain(|a| {
        !compose::in_words(a)
            || !SAME_FIGURE
                .iter()
                .any(|(by, same)| a.outcome.rule == *same && computed.iter().any(|c| c == by))
    });
}

/// The request's limit and day, or the error a bad one gets.
fn validate(req: &AskRequest) -> Result<(usize, NaiveDate)> {
    search::check_query(&req.question)?;
    let limit = match req.limit {
        None => DEFAULT_ASK_LIMIT,
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
    Ok((limit, today))
}

/// The articles and commentary sections for the question (normalised, typos fixed).
fn retrieve(live: &Live, q: &Question, limit: usize) -> Result<(Vec<Hit>, Vec<CommentaryRef>)> {
    let hits = search::search(
        live,
        &SearchParams {
            q: q.normalized.clone(),
            limit: Some(limit + EXTRA_HITS),
            ..Default::default()
        },
    )?;
    let corpus = &live.corpus;
    let mut articles: Vec<Hit> = Vec::new();
    let mut commentary: Vec<CommentaryRef> = Vec::new();
    let mut seen_sections: HashSet<String> = HashSet::new();
    for h in hits {
        if h.kind == "section" {
            if commentary.len() < MAX_SEARCHED_SECTIONS && seen_sections.insert(h.id.clone()) {
                if let Some(c) = section_ref(corpus, &h.id, "search") {
                    commentary.push(c);
                }
            }
        } else if articles.len() < limit {
            articles.push(h);
        }
    }
    // Sections that cite the top articles.
    for a in articles.iter().take(SECTIONS_OF_TOP) {
        for link in corpus.cited_by(&a.id) {
            if commentary.len() >= MAX_SECTIONS {
                break;
            }
            if corpus.article(&link.from).is_none() && seen_sections.insert(link.from.clone()) {
                if let Some(c) = section_ref(corpus, &link.from, &a.id) {
                    commentary.push(c);
                }
            }
        }
    }
    Ok((articles, commentary))
}

/// Each planned rule evaluated on the facts the question states (given facts override), over the
/// values of the enumerable facts it leaves out.
fn evaluate(
    live: &Live,
    q: &Question,
    rules: &[String],
    given: Option<&serde_json::Value>,
) -> Result<Vec<compose::RuleAnswer>> {
    let mut stated = inputs::fact_fields(&live.corpus, q);
    let mut answers = Vec::new();
    for rule in rules {
        let Some(info) = crate::rules::info(rule) else {
            continue;
        };
        let input = inputs::input_for(info, &stated, given);
        match crate::rules::partial::evaluate_partial(rule, input, Some(q.today)) {
            Ok(mut p) => {
                inputs::carry_over(&p.outcome, &mut stated);
                if p.certainty == Certainty::Missing && p.outcome.citations.is_empty() {
                    // the rule is stated in words: cite what it rests on
                    p.outcome.citations = crate::rules::key_citations(rule, KEY_CITATIONS);
                }
                // a question of how or what (not of a figure) wants the rule itself
                let how = [Asked::Procedure, Asked::List].iter().any(|a| q.asks(*a))
                    && ![Asked::Date, Asked::Amount].iter().any(|a| q.asks(*a));
                // where the rule is stated in words, it cites the articles its statement names
                let stated = p.certainty == Certainty::Missing
                    || (how && p.certainty == Certainty::Conditional);
                // a question of the rule itself (its cap, how it counts) is not decided by the
                // days the rule would compute with: the rule in words answers it
                let of_the_rule = p.certainty == Certainty::Missing
                    && !p.needs.is_empty()
                    && !q.days_decide()
                    && p.needs
                        .iter()
                        .all(|n| crate::rules::partial::is_dated(&info.inputs, n));
                let mut a = if of_the_rule {
                    compose::stated_answer(p, &info.title, &info.description)
                } else {
                    compose::rule_answer(p, &info.title, &info.description, how)
                };
                if stated {
                    for c in crate::rules::described_citations(rule) {
                        let cited = &a.outcome.citations;
                        if !cited.iter().any(|o| o.law == c.law && o.number == c.number) {
                            a.outcome.citations.push(c);
                        }
                    }
                }
                answers.push(a);
            }
            // a fact of the wrong shape (a negative amount, an impossible date) is the caller's error
            Err(e @ (Error::InvalidInput(_) | Error::BadRequest(_))) if given.is_some() => {
                return Err(e)
            }
            // a fact read from the text that a rule rejects (a date before a birth date): the
            // rule is left out, and the log says why
            Err(e) => tracing::warn!(rule, error = %e, "rule not evaluated on the facts read"),
        }
    }
    Ok(answers)
}

/// The articles an outcome rests on are ranked into the answer's articles.
fn rank_in_cited(
    live: &Live,
    answers: &[compose::RuleAnswer],
    articles: &mut Vec<Hit>,
    limit: usize,
) {
    for a in answers {
        for c in &a.outcome.citations {
            if articles.len() >= limit + OUTCOME_ARTICLES_OVER_LIMIT
                || articles
                    .iter()
                    .any(|h| h.law == c.law && h.number == c.number)
            {
                continue;
            }
            if let Some(art) = live.corpus.find(&c.law, &c.number) {
                if let Some(mut h) =
                    search::make_hit(live, &art.id, 0.0, &search::snippet::Marker::none())
                {
                    h.via = Some(format!("结论：{}", a.title));
                    articles.push(h);
                }
            }
        }
    }
}

/// An exam item's answer: the letter its first answer states, the options held against the
/// provisions, or both where they agree. A letter the options fill a blank with wins over one the
/// answer states (the statute says it in the stem's own words); other disagreements give none.
fn exam_answer(
    question: &str,
    answer: String,
    stated: Option<String>,
    exam: Option<&compare::Comparison>,
) -> String {
    let Some(c) = exam else {
        return match stated {
            Some(l) => format!("答案：{l}。{answer}"),
            None => answer,
        };
    };
    let block = compare::text(c);
    match (stated, &c.choice) {
        (Some(s), Some(x)) if s == *x => format!("答案：{s}。{answer}\n\n{block}"),
        (Some(s), None) => format!("答案：{s}。{answer}\n\n{block}"),
        (Some(_), Some(_)) if !c.blank => format!("{block}\n\n{answer}"),
        (_, Some(_)) => {
            let lead = compare::lead(question, c).unwrap_or_default();
            format!("{lead}\n{block}\n\n{answer}")
        }
        (None, None) => format!("{block}\n\n{answer}"),
    }
}

/// Most articles whose 款 exam options are held against: the articles found, then those the
/// outcomes cite.
const EXAM_ARTICLES: usize = 30;

/// An exam item's options held against the 款 of the current statutes found and cited; none when
/// the question lists no options or no option is near any 款.
fn compare_options(
    live: &Live,
    q: &Question,
    articles: &[Hit],
    answers: &[compose::RuleAnswer],
) -> Option<compare::Comparison> {
    if q.options.is_empty() {
        return None;
    }
    let corpus = &live.corpus;
    let found = articles.iter().filter_map(|h| corpus.article(&h.id));
    // (a conditional answer's citations are already those of all its cases)
    let cited = answers
        .iter()
        .flat_map(|a| &a.outcome.citations)
        .filter_map(|c| corpus.find(&c.law, &c.number));
    let mut seen = HashSet::new();
    let held: Vec<&crate::records::Article> = found
        .chain(cited)
        .filter(|a| {
            a.is_current()
                && a.kind == crate::records::ArticleKind::Statute
                && a.number.starts_with(|c: char| c.is_ascii_digit())
                && seen.insert(a.id.clone())
        })
        .take(EXAM_ARTICLES)
        .collect();
    let provisions: Vec<compare::Provision> = held
        .iter()
        .flat_map(|a| {
            (0..a.paragraphs.len()).map(move |paragraph| compare::Provision {
                article: a,
                paragraph,
            })
        })
        .collect();
    let c = compare::compare(&q.stem, &q.options, &provisions);
    compare::telling(&c).then_some(c)
}

/// Said when no rule answers the question: what the engine computes, and what the question is
/// about where a concept was recognised.
fn scope_note(q: &Question, answers: &[compose::RuleAnswer]) -> Option<String> {
    if !answers.is_empty() {
        return None;
    }
    Some(match q.concepts_asked().next() {
        Some(c) => format!(
            "{SCOPE}；此问题涉及“{}”，暂无可计算的规则，以下列出相关条文。",
            c.concept.name
        ),
        None => format!("{SCOPE}；此问题超出其范围，以下列出检索到的条文。"),
    })
}

fn section_ref(corpus: &Corpus, id: &str, reason: &str) -> Option<CommentaryRef> {
    let (page_id, _) = id.split_once('#')?;
    let page = corpus.page(page_id)?;
    let s = page.sections.iter().find(|s| s.id == id)?;
    Some(CommentaryRef {
        id: s.id.clone(),
        page: page.id.clone(),
        page_title: page.title.clone(),
        heading: s.heading.as_deref().map(crate::cite::plain_doors),
        question: match &s.kind {
            crate::records::SectionKind::Qa { question } => {
                Some(crate::cite::plain_doors(question))
            }
            crate::records::SectionKind::Body => None,
        },
        text: crate::cite::plain_doors(&s.text),
        note: s.note.clone(),
        reason: reason.to_string(),
    })
}
