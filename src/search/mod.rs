//! Retrieval: a question or a citation → ranked hits with highlighted snippets.
//!
//! The query is built here, not by tantivy's QueryParser: the question is normalised and segmented
//! with the legal tokenizer (default mode), stopwords dropped, each word searched in the text, the
//! law title and the chapter path with field boosts, plus character bigrams for recall; [`score`]
//! computes the BM25 scores term at a time. Filters (law, level, current only) are exact terms
//! every result must hold. Current versions rank above superseded ones.

pub mod learned;
pub mod score;
pub mod snippet;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use tantivy::Term;

use crate::error::{Error, Result};
use crate::index::tokenizer::{bigrams, segment, Mode};
use crate::index::{status_term, Live, Rec};
use crate::normalize::normalize_str;
use crate::records::{ArticleKind, Level, SectionKind};

/// Most hits a single search may return.
pub const MAX_LIMIT: usize = 100;
/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 2000;

static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../corpus/stopwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split_whitespace())
        .collect()
});

/// The colloquial → legal expansion table (corpus/synonyms.tsv): (colloquial, legal terms).
static SYNONYMS: LazyLock<Vec<(String, Vec<String>)>> = LazyLock::new(|| {
    include_str!("../../corpus/synonyms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| {
            (
                normalize_str(k.trim()),
                v.split('|')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect(),
            )
        })
        .collect()
});

/// The colloquial phrases of [`SYNONYMS`] as one automaton (pattern ids are rows of the table): a
/// query is read once, not once per phrase.
static SYNONYM_KEYS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(SYNONYMS.iter().map(|(k, _)| k.as_str()))
        .unwrap_or_else(|e| panic!("synonyms.tsv: {e}"))
});

/// Legal terms for the colloquial phrases a query contains, as query words not already in it.
pub fn expansions(q: &str, terms: &[String]) -> Vec<String> {
    let norm = normalize_str(q);
    let mut rows: Vec<usize> = SYNONYM_KEYS
        .find_overlapping_iter(&norm)
        .map(|m| m.pattern().as_usize())
        .collect();
    // in the table's order, as a phrase-by-phrase reading gave them
    rows.sort_unstable();
    rows.dedup();
    let mut out: Vec<String> = Vec::new();
    for (_, vs) in rows.into_iter().filter_map(|r| SYNONYMS.get(r)) {
        for v in vs {
            for w in segment(v, Mode::Default) {
                if !is_stopword(&w.text) && !terms.contains(&w.text) && !out.contains(&w.text) {
                    out.push(w.text);
                }
            }
        }
    }
    out
}

/// Whether a normalised word is a query stopword.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(w)
}

/// A search request.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query: words, a question, or a citation (刑诉法第67条). Simplified or traditional.
    pub q: String,
    /// Number of hits, 1–100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    #[schema(minimum = 1, maximum = 100)]
    pub limit: Option<usize>,
    /// Law title or alias.
    pub law: Option<String>,
    /// Level name (法律, 司法解释 …).
    pub level: Option<String>,
    /// Only current versions (and commentary).
    pub current: Option<bool>,
}

/// One search result.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Hit {
    /// Record id.
    pub id: String,
    /// statute / quoted / section.
    pub kind: String,
    /// Full law title as in the corpus (for a commentary section: the page title).
    pub law: String,
    /// "67", "133-1" (empty for a commentary section).
    pub number: String,
    /// 第六十七条 (for a section: its heading or question).
    pub label: String,
    pub level: String,
    pub version: String,
    /// current / superseded / expired.
    pub status: String,
    pub path: Vec<String>,
    pub score: f32,
    pub text: String,
    /// HTML: escaped text with `<mark>` around matched words.
    pub snippet: String,
    /// Page id for quoted articles and sections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Why a hit is listed other than by its words: "引用" (cited in the query), "概念：取保候审的条件"
    /// (a key provision of what the question asks about), "罪名：危险驾驶罪" (the crime it names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// The query words of a question: normalised, segmented, stopwords removed.
pub fn query_terms(q: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    segment(q, Mode::Default)
        .into_iter()
        .map(|w| w.text)
        .filter(|w| !is_stopword(w))
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

/// Validates the parameters common to search and ask.
pub fn check_query(q: &str) -> Result<()> {
    if q.trim().is_empty() {
        return Err(Error::BadRequest("the query is empty".into()));
    }
    let n = q.chars().count();
    if n > MAX_QUERY_CHARS {
        return Err(Error::TooLarge(format!(
            "the query has {n} characters; at most {MAX_QUERY_CHARS} are accepted"
        )));
    }
    Ok(())
}

pub fn check_limit(limit: Option<usize>, default: usize) -> Result<usize> {
    match limit {
        None => Ok(default),
        Some(0) => Err(Error::BadRequest("limit must be at least 1".into())),
        Some(n) if n > MAX_LIMIT => Err(Error::BadRequest(format!(
            "limit must be at most {MAX_LIMIT} (got {n})"
        ))),
        Some(n) => Ok(n),
    }
}

/// Runs a search.
pub fn search(live: &Live, p: &SearchParams) -> Result<Vec<Hit>> {
    check_query(&p.q)?;
    let limit = check_limit(p.limit, 10)?;
    let f = &live.fields;
    let corpus = &live.corpus;

    let terms = query_terms(&p.q);
    let term = |field, word: &str| Term::from_field_text(field, word);
    let mut groups: Vec<score::Group> = Vec::new();
    for t in &terms {
        groups.push(score::Group::fields(
            vec![
                (term(f.body, t), 1.0),
                (term(f.path, t), 1.5),
                (term(f.anchor, t), ANCHOR_WEIGHT),
            ],
            FIELD_TIE,
        ));
        // a word in the law's title says the law is about it: a signal of its own, added
        groups.push(score::Group::term(term(f.law, t), LAW_TITLE_WEIGHT));
    }
    for t in expansions(&p.q, &terms) {
        groups.push(score::Group::fields(
            vec![(term(f.body, &t), 0.6), (term(f.path, &t), 0.9)],
            FIELD_TIE,
        ));
    }
    let searcher = live.reader.searcher();
    // A bigram in a large share of the records (可以, 什么) scores next to nothing and costs a
    // long posting list: left out.
    let max_df =
        ((searcher.num_docs() as f64 * BIGRAM_MAX_DF_SHARE) as u64).max(BIGRAM_MAX_DF_FLOOR);
    let mut seen_bigrams = HashSet::new();
    for b in bigrams(&p.q) {
        let t = term(f.bigram, &b.text);
        if seen_bigrams.insert(b.text) {
            groups.push(score::Group::term(t, BIGRAM_WEIGHT).unless_more_than(max_df));
        }
    }
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let mut filters: Vec<Term> = Vec::new();
    if let Some(law) = p.law.as_deref().filter(|s| !s.trim().is_empty()) {
        let title = corpus
            .resolve_law(law)
            .ok_or_else(|| Error::UnknownLaw(law.to_string()))?;
        filters.push(term(f.law_key, title));
    }
    if let Some(level) = p.level.as_deref().filter(|s| !s.trim().is_empty()) {
        let l = Level::from_name(level.trim())
            .ok_or_else(|| Error::BadRequest(format!("unknown level {level:?}")))?;
        filters.push(term(f.level, l.name()));
    }
    if p.current == Some(true) {
        filters.push(term(f.status, status_term(crate::records::Status::Current)));
    }
    let pool = (limit * 3 + 20).max(POOL);
    let mut ranked = run(live, &searcher, &groups, &filters, pool)?;

    // What the question asks about (a legal concept, a named crime): its key provisions.
    let links = crate::understand::links(&p.q);

    // Less of what people asked where the reviewed concept table names the provisions.
    let asked_scale = if links.is_empty() {
        1.0
    } else {
        learned::WITH_CONCEPT
    };

    let mut via: HashMap<String, String> = HashMap::new();
    link_articles(live, p, links, &mut ranked, &mut via);

    diversify(live, &searcher, &terms, &mut ranked, DIVERSIFY_GAIN);

    // What people asked about each article, learned from training questions: added last, so that
    // the head's coverage of the question's words is chosen on the statutes' own words.
    add_asked(live, p, &terms, asked_scale, &mut ranked);

    // Citations in the query (刑诉法第67条, 🚪公安部规定_82) come first, in the order written.
    let cited = cited_articles(live, p);
    if !cited.is_empty() {
        let top_score = ranked.first().map_or(1.0, |r| r.0);
        let cited_recs: Vec<Rec> = cited
            .iter()
            .filter_map(|id| corpus.article_index(id).map(Rec::Article))
            .collect();
        ranked.retain(|r| !cited_recs.contains(&r.1));
        let n = cited_recs.len();
        let mut first: Vec<Ranked> = cited_recs
            .iter()
            .enumerate()
            .map(|(i, rec)| (top_score + (n - i) as f32, *rec))
            .collect();
        first.extend(ranked);
        ranked = first;
        for id in cited {
            via.insert(id, "引用".to_string());
        }
    }
    ranked.truncate(limit);
    let marker = snippet::Marker::new(terms.iter().map(String::as_str));
    Ok(ranked
        .into_iter()
        .filter_map(|(score, rec)| {
            let mut h = hit_of(live, rec, score, &marker)?;
            h.via = via.remove(&h.id);
            Some(h)
        })
        .collect())
}

/// Runs the word query with the filters: the pool re-ranked with the priors, one entry per article.
fn run(
    live: &Live,
    searcher: &tantivy::Searcher,
    groups: &[score::Group],
    filters: &[Term],
    pool: usize,
) -> Result<Vec<Ranked>> {
    let top = score::top(searcher, groups, filters, pool)?;
    // the record of each hit from the ordinal fast field, not the document store
    let ords: Vec<tantivy::columnar::Column<u64>> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.fast_fields().u64("ord"))
        .collect::<tantivy::Result<_>>()?;
    let mut ranked: Vec<Ranked> = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let Some(o) = ords
            .get(addr.segment_ord as usize)
            .and_then(|c| c.first(addr.doc_id))
            .map(|o| o as usize)
        else {
            continue;
        };
        if let (Some(rec), Some(prior)) = (live.records.get(o), live.priors.get(o)) {
            ranked.push((score * prior, *rec));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    // One entry per article: an older version or a page's quote of an article already listed
    // adds nothing to the list (both stay reachable from the article view).
    let mut listed: HashSet<usize> = HashSet::with_capacity(ranked.len());
    ranked.retain(|r| listed.insert(entry_of(live, r.1)));
    Ok(ranked)
}

/// Re-orders the head of the list so that it covers the question's distinct words: greedily, each
/// position takes the candidate whose score, raised by the idf share of the query words it
/// contains that no earlier result contained, is highest.
fn diversify(
    live: &Live,
    searcher: &tantivy::Searcher,
    terms: &[String],
    ranked: &mut [Ranked],
    lambda: f32,
) {
    let head = ranked.len().min(DIVERSIFY_HEAD);
    if head < 2 {
        return;
    }
    let n = searcher.num_docs() as f32;
    let aspects: Vec<(&str, f32)> = terms
        .iter()
        .filter(|t| t.chars().count() >= 2)
        .map(|t| {
            let df = searcher
                .doc_freq(&Term::from_field_text(live.fields.body, t))
                .unwrap_or(0) as f32;
            (t.as_str(), ((n - df + 0.5) / (df + 0.5)).ln_1p())
        })
        .filter(|(_, idf)| *idf >= DIVERSIFY_MIN_IDF)
        .collect();
    let total: f32 = aspects.iter().map(|a| a.1).sum();
    if aspects.len() < 2 || total <= 0.0 {
        return;
    }
    // which aspects each head text contains: one finder per aspect, built once per query; a text
    // is read for an aspect until its first occurrence
    let finders: Vec<memchr::memmem::Finder> = aspects
        .iter()
        .map(|a| memchr::memmem::Finder::new(a.0.as_bytes()))
        .collect();
    let corpus = &live.corpus;
    let has: Vec<Vec<bool>> = ranked[..head]
        .iter()
        .map(|r| match r.1 {
            Rec::Article(i) => corpus.articles.get(i),
            Rec::Section(..) => None,
        })
        .map(|a| {
            let mut has = vec![false; aspects.len()];
            let mut scan = |text: &str| {
                for (h, f) in has.iter_mut().zip(&finders) {
                    *h = *h || f.find(text.as_bytes()).is_some();
                }
            };
            match a {
                // statute texts are simplified already: read in place, 款 by 款 and item by item;
                // a page's quote may be traditional
                Some(a) if matches!(a.kind, ArticleKind::Statute) => {
                    for p in &a.paragraphs {
                        scan(&p.text);
                        for item in &p.items {
                            scan(&item.text);
                        }
                    }
                }
                Some(a) => scan(&normalize_str(&a.text())),
                None => {}
            }
            has
        })
        .collect();
    let top = ranked[0].0.max(f32::EPSILON);
    let mut covered = vec![false; aspects.len()];
    let cover = |covered: &mut [bool], i: usize| {
        for (c, h) in covered.iter_mut().zip(&has[i]) {
            *c |= *h;
        }
    };
    let keep = DIVERSIFY_KEEP.min(head);
    let mut order: Vec<usize> = (0..keep).collect();
    for &i in &order {
        cover(&mut covered, i);
    }
    let mut left: Vec<usize> = (keep..head).collect();
    while !left.is_empty() {
        let gain = |i: usize| {
            let new: f32 = aspects
                .iter()
                .enumerate()
                .filter(|(j, _)| !covered[*j] && has[i][*j])
                .map(|(_, (_, w))| w / total)
                .sum();
            ranked[i].0 / top * (1.0 + lambda * new)
        };
        let (k, _) = left
            .iter()
            .enumerate()
            .map(|(k, &i)| (k, gain(i)))
            .fold((0, f32::MIN), |b, x| if x.1 > b.1 { x } else { b });
        let i = left.remove(k);
        cover(&mut covered, i);
        order.push(i);
    }
    let reordered: Vec<Ranked> = order.iter().map(|&i| ranked[i]).collect();
    // keep the scores in descending order so that the list still reads as ranked
    let scores: Vec<f32> = ranked[..head].iter().map(|r| r.0).collect();
    for (slot, (mut r, s)) in reordered.into_iter().zip(scores).enumerate() {
        r.0 = s;
        ranked[slot] = r;
    }
}

/// The law / level / current-only filters of a request, applied to an article ranked in from
/// outside the word query (a link, a citation, a learned match).
struct Filter<'a> {
    law: Option<&'a str>,
    level: Option<&'a str>,
    current: bool,
}

impl<'a> Filter<'a> {
    fn of(corpus: &'a crate::corpus::Corpus, p: &'a SearchParams) -> Filter<'a> {
        Filter {
            law: p
                .law
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .and_then(|l| corpus.resolve_law(l)),
            level: p.level.as_deref().map(str::trim).filter(|s| !s.is_empty()),
            current: p.current == Some(true),
        }
    }

    fn admits(&self, a: &crate::records::Article) -> bool {
        self.law.is_none_or(|t| t == a.law)
            && (!self.current || a.is_current())
            && self.level.is_none_or(|lv| lv == a.level.name())
    }
}

/// Adds the learned match of the question's words against the words asked about each article
/// ([`learned`]): [`learned::ASKED_WEIGHT`] times its BM25, to the article's score or as a new
/// candidate.
fn add_asked(
    live: &Live,
    p: &SearchParams,
    terms: &[String],
    scale: f32,
    ranked: &mut Vec<Ranked>,
) {
    let table = learned::table();
    if table.is_empty() || scale <= 0.0 {
        return;
    }
    let filter = Filter::of(&live.corpus, p);
    let mut added = false;
    for (row, s) in table.scores(terms) {
        let Some(i) = live.learned_articles.get(row).copied().flatten() else {
            continue;
        };
        if !live
            .corpus
            .articles
            .get(i)
            .is_some_and(|a| filter.admits(a))
        {
            continue;
        }
        let bonus = scale * learned::ASKED_WEIGHT * s;
        let rec = Rec::Article(i);
        match ranked
            .iter_mut()
            .find(|r| entry_of(live, r.1) == entry_of(live, rec))
        {
            Some(r) => r.0 += bonus,
            None => ranked.push((bonus, rec)),
        }
        added = true;
    }
    if added {
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    }
}

/// How strongly a linked article is ranked in: a weight-1 link scores 1.1 times the best word match
/// on top of its own score, so the statute of a concept the question asks about lands at the top
/// even when its words were not matched at all (at 1.0 it tied the best match and stayed below it:
/// questions.jsonl via ask hit@1 0.614 → 0.675, the retrieval set 0.437 → 0.506; 1.25 and 1.5 lose
/// hit@5 on both; STARD dev unchanged).
const LINK_GAIN: f32 = 1.1;

/// Ranks in the articles the question links to ([`crate::understand::links`]): each gets its
/// link weight times the best match score on top of its own score. Filters apply to them too.
fn link_articles(
    live: &Live,
    p: &SearchParams,
    links: Vec<crate::understand::Link>,
    ranked: &mut Vec<Ranked>,
    via: &mut HashMap<String, String>,
) {
    if links.is_empty() {
        return;
    }
    let corpus = &live.corpus;
    let filter = Filter::of(corpus, p);
    let top = ranked.first().map_or(1.0, |r| r.0);
    for l in links {
        let Some(a) = corpus.find(&l.law, &l.number) else {
            continue;
        };
        if !filter.admits(a) {
            continue;
        }
        let bonus = l.weight * top * LINK_GAIN;
        let Some(rec) = corpus.article_index(&a.id).map(Rec::Article) else {
            continue;
        };
        match ranked
            .iter_mut()
            .find(|r| entry_of(live, r.1) == entry_of(live, rec))
        {
            Some(r) => {
                r.0 += bonus;
                via.entry(id_of(live, r.1).to_string()).or_insert(l.via);
            }
            None => {
                via.insert(a.id.clone(), l.via);
                ranked.push((bonus, rec));
            }
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
}

/// Weight of a query bigram against a query word: tuned on the STARD train split (0.25 → 1.5:
/// recall@10 0.43 → 0.52 on train); colloquial questions share characters more than words with
/// the statutes.
const BIGRAM_WEIGHT: f32 = 1.5;

/// A candidate while ranking: score and record (ids and keys are read from the corpus when needed,
/// not copied for each of the pool's candidates).
type Ranked = (f32, Rec);

/// The entry a record is listed once by: an article's group (its law title and number, whatever
/// the version or page quoting it), or the section itself, numbered after every article group.
fn entry_of(live: &Live, r: Rec) -> usize {
    match r {
        Rec::Article(i) => live.article_group.get(i).map_or(i, |&g| g as usize),
        Rec::Section(p, k) => live.article_group.len() + (p << 16) + k,
    }
}

/// The id of a record.
fn id_of(live: &Live, r: Rec) -> &str {
    let corpus = &live.corpus;
    match r {
        Rec::Article(i) => corpus.articles.get(i).map_or("", |a| a.id.as_str()),
        Rec::Section(p, k) => corpus
            .pages
            .get(p)
            .and_then(|pg| pg.sections.get(k))
            .map_or("", |sec| sec.id.as_str()),
    }
}

/// How much a word matching in a second field (chapter path, anchor text) adds to its best field:
/// a word found in the heading and the text is one match, not two.
const FIELD_TIE: f32 = 0.3;

/// Weight of a query word found in the law's title (and aliases), added to its best text field.
/// Measured on STARD dev: recall@10 0.501 → 0.507, recall@100 0.719 → 0.723 against the title as a
/// fourth field of the disjunction.
const LAW_TITLE_WEIGHT: f32 = 0.3;

/// Weight of the anchor text (what other laws citing an article say) against the article's own
/// text. Measured on STARD: recall@100 dev 0.705 → 0.719, train 0.728 → 0.740.
const ANCHOR_WEIGHT: f32 = 1.0;

/// Diversification of the head of the list: the first [`DIVERSIFY_KEEP`] results stay, the next
/// ones of the first [`DIVERSIFY_HEAD`] are re-ordered so that a distinctive word of the question
/// (idf ≥ [`DIVERSIFY_MIN_IDF`]) that no earlier result contains raises a result by up to
/// [`DIVERSIFY_GAIN`] times its score share. A question such as 取保候审期间可以离婚吗 gets the
/// 离婚 article among the first five, not only ten 取保候审 articles.
const DIVERSIFY_KEEP: usize = 2;
const DIVERSIFY_HEAD: usize = 50;
const DIVERSIFY_MIN_IDF: f32 = 3.0;
const DIVERSIFY_GAIN: f32 = 2.0;

/// Candidates re-ranked with the priors (at least; `limit * 3 + 20` for a long list). 100 would
/// be faster (search p50 0.86 → 0.76 ms at limit 10) and keeps STARD dev and questions.jsonl, but
/// a concept's key provision found low by its words (刑诉法69 for 谁可以做保证人) then enters with
/// its link bonus alone and falls out of the first three.
const POOL: usize = 300;

/// Bigrams found in more than this share of the records are not searched. Two STARD train folds
/// (learned table from the other half), recall@10 / @100 averaged: all bigrams 0.593 / 0.787,
/// 5 % 0.589 / 0.787, 2 % 0.588 / 0.789, 1 % 0.578 / 0.792; search p50 (limit 10) 0.98 → 0.78 ms
/// at 2 %.
const BIGRAM_MAX_DF_SHARE: f64 = 0.02;

/// ...but a bigram in fewer records than this is always searched: in a small corpus (the core
/// statutes, 2 800 records) 2 % would drop 保证 and 候审 themselves. The national corpus's 2 % is
/// about 1 300.
const BIGRAM_MAX_DF_FLOOR: u64 = 1000;

/// What each record's BM25 score is multiplied by, by index ordinal (computed once, when the
/// index is opened): current statutes first, laws above rules, an article the corpus cites often
/// above one it never cites, commentary below statutes.
pub fn priors(corpus: &crate::corpus::Corpus, records: &[Rec]) -> Vec<f32> {
    records
        .iter()
        .map(|r| match *r {
            Rec::Article(i) => corpus.articles.get(i).map_or(0.0, |a| {
                // Articles the corpus cites often (刑诉法67, 71, 79 …) are the ones people need
                // most.
                let cited = corpus.cited_by(&a.id).len() as f32;
                prior(status_term(a.status), crate::index::kind_term(&a.kind))
                    * level_prior(a.level)
                    * (1.0 + 0.1 * cited.ln_1p())
            }),
            Rec::Section(p, k) => corpus
                .pages
                .get(p)
                .and_then(|pg| pg.sections.get(k))
                .map_or(0.0, |sec| {
                    // Commentary ranks below statutes; platform Q&A marked low-trust lower still.
                    let trust = if sec.note.is_some() { 0.6 } else { 1.0 };
                    prior("current", "section") * trust
                }),
        })
        .collect()
}

/// Article ids cited in the query that pass the filters.
fn cited_articles(live: &Live, p: &SearchParams) -> Vec<String> {
    let corpus = &live.corpus;
    let filter = Filter::of(corpus, p);
    let mut out: Vec<String> = Vec::new();
    for r in crate::cite::resolve_text(corpus, None, &p.q) {
        for id in r.article_ids {
            let Some(a) = corpus.article(&id) else {
                continue;
            };
            if !filter.admits(a) {
                continue;
            }
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// Score multiplier by level: statutes (法律) answer most questions, then interpretations and rules.
fn level_prior(level: Level) -> f32 {
    match level {
        Level::Constitution | Level::Law => 1.15,
        Level::JudicialInterpretation | Level::NormativeDocument => 1.0,
        Level::AdministrativeRegulation => 0.95,
        Level::DepartmentalRule => 0.95,
        Level::Other => 0.8,
    }
}

/// Score multiplier by status and kind: current statutes first.
fn prior(status: &str, kind: &str) -> f32 {
    let s = match status {
        "current" => 1.0,
        "expired" => 0.6,
        _ => 0.55,
    };
    let k = match kind {
        "statute" => 1.0,
        "quoted" => 0.8,
        _ => 0.75,
    };
    s * k
}

/// Builds a hit for a record id with its final score.
pub fn make_hit(live: &Live, id: &str, score: f32, marker: &snippet::Marker) -> Option<Hit> {
    let corpus = &live.corpus;
    if let Some(a) = corpus.article(id) {
        return Some(article_hit(a, score, marker));
    }
    let (page_id, _) = id.split_once('#')?;
    let page = corpus.page(page_id)?;
    let s = page.sections.iter().find(|s| s.id == id)?;
    Some(section_hit(page, s, score, marker))
}

/// [`make_hit`] for a record of the index, without looking its id up again.
fn hit_of(live: &Live, rec: Rec, score: f32, marker: &snippet::Marker) -> Option<Hit> {
    let corpus = &live.corpus;
    match rec {
        Rec::Article(i) => Some(article_hit(corpus.articles.get(i)?, score, marker)),
        Rec::Section(p, k) => {
            let page = corpus.pages.get(p)?;
            Some(section_hit(page, page.sections.get(k)?, score, marker))
        }
    }
}

fn article_hit(a: &crate::records::Article, score: f32, marker: &snippet::Marker) -> Hit {
    let text = a.text();
    Hit {
        id: a.id.clone(),
        score,
        kind: crate::index::kind_term(&a.kind).to_string(),
        law: a.law.clone(),
        number: a.number.clone(),
        label: a.label.clone(),
        level: a.level.name().to_string(),
        version: a.version.clone(),
        status: status_term(a.status).to_string(),
        path: a.path.clone(),
        // statute texts are simplified already; a page's quote may be traditional
        snippet: if matches!(a.kind, ArticleKind::Statute) {
            snippet::snippet_simplified(&text, marker, 160)
        } else {
            snippet::snippet(&text, marker, 160)
        },
        text,
        page: match &a.kind {
            ArticleKind::Quoted { page, .. } => Some(page.clone()),
            ArticleKind::Statute => None,
        },
        via: None,
    }
}

fn section_hit(
    page: &crate::records::Page,
    s: &crate::records::Section,
    score: f32,
    marker: &snippet::Marker,
) -> Hit {
    let label = match &s.kind {
        SectionKind::Qa { question } => question.clone(),
        SectionKind::Body => s.heading.clone().unwrap_or_else(|| page.title.clone()),
    };
    Hit {
        id: s.id.clone(),
        kind: "section".into(),
        law: page.title.clone(),
        number: String::new(),
        // the pages' door notation (🚪刑诉_68~73) written out as citations
        label: crate::cite::plain_doors(&label),
        level: "评论".into(),
        version: String::new(),
        status: "current".into(),
        path: s
            .heading
            .iter()
            .map(|h| crate::cite::plain_doors(h))
            .collect(),
        score,
        snippet: crate::cite::plain_doors(&snippet::snippet(&s.text, marker, 160)),
        text: crate::cite::plain_doors(&s.text),
        page: Some(page.id.clone()),
        via: None,
    }
}
