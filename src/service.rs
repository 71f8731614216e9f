//! The service layer: the one place the HTTP handlers, the MCP endpoint and the CLI call.
//! It owns the open index and the records, and turns requests into answers.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, IngestStats};
use crate::error::{Error, Result};
use crate::index::{self, Live, Meta};
use crate::ingest::{CorpusKind, Source};
use crate::numerals::ArticleNumber;
use crate::records::{Article, ArticleKind, Law, Level, Status};
use crate::search::{self, Hit, SearchParams};

/// Longest text accepted by citation verification, in characters.
pub const MAX_VERIFY_CHARS: usize = 20_000;

/// The open knowledge base.
#[derive(Debug, Clone)]
pub struct Service {
    live: Arc<Live>,
}

/// `GET /api/health`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub articles: usize,
    pub laws: usize,
    pub pages: usize,
    pub sections: usize,
    pub built_at: String,
    pub fingerprint: String,
    /// `core`: the core corpus built into fatiao (the statutes its rules cite); `national`: corpus
    /// folders on disk (the national corpus).
    pub corpus: CorpusKind,
}

/// `GET /api/search`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub hits: Vec<Hit>,
    pub took_ms: f64,
}

/// A reference in an article view.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ArticleRef {
    pub id: String,
    pub law: String,
    pub number: String,
    pub label: String,
    /// The citation as written.
    pub text: String,
    /// The version of the referring (or referred) law, and whether it is in force.
    pub version: String,
    pub status: Status,
    /// For a citing text older than the article's version, or no longer in force: its article
    /// number may be of an earlier numbering of this law (said in words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

impl ArticleRef {
    /// The reference to an article, with the citation as written (empty where there is none).
    fn of(t: &Article, text: String) -> ArticleRef {
        ArticleRef {
            id: t.id.clone(),
            law: t.law.clone(),
            number: t.number.clone(),
            label: t.label.clone(),
            text,
            version: t.version.clone(),
            status: t.status,
            warning: None,
        }
    }
}

/// A version of a law, for the version list.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VersionRef {
    pub law_id: String,
    pub version: String,
    pub status: Status,
    /// Id of this article in that version, if it has one with the same number.
    pub article_id: Option<String>,
    /// Whether that version's article reads the same as this one (absent for this version and
    /// where it has no such article).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_text: Option<bool>,
    /// That version's text of the article, where it reads differently (for the differences view).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// `GET /api/articles/{law}/{number}`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ArticleView {
    #[serde(flatten)]
    pub article: Article,
    pub text: String,
    /// 《中华人民共和国刑事诉讼法》第六十七条.
    pub citation: String,
    pub law_info: Law,
    pub versions: Vec<VersionRef>,
    pub cites: Vec<ArticleRef>,
    pub cited_by: Vec<ArticleRef>,
    /// Articles quoted on commentary pages that were linked to this one.
    pub quoted_in: Vec<ArticleRef>,
    /// The body that made the law (制定机关), where its history names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The article before and after this one in the same version of its law (for reading on).
    pub previous: Option<ArticleRef>,
    pub next: Option<ArticleRef>,
    /// Set when the text is known only from a commentary page (非官方文本（转引自…）): its words may
    /// differ from the official text, and it is never shown as 现行.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unofficial: Option<String>,
}

/// One entry of a law's table of contents: a heading (编/章/节) and the first article under it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TocEntry {
    /// The heading, and how deep it is (1 = 编 or the top level the law uses).
    pub heading: String,
    pub depth: usize,
    /// The first article under the heading (its number and label).
    pub number: String,
    pub label: String,
}

/// `GET /api/laws/{law}/toc`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Toc {
    pub law: String,
    pub version: String,
    pub entries: Vec<TocEntry>,
}

/// `GET /api/laws`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LawSummary {
    pub id: String,
    pub title: String,
    pub level: Level,
    pub version: String,
    pub status: Status,
    pub articles: usize,
    pub official: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LawFilter {
    /// Level name: 法律, 行政法规, 司法解释, 部门规章 …
    pub level: Option<String>,
    pub current: Option<bool>,
    /// Substring of the title.
    pub q: Option<String>,
}

impl Service {
    /// Opens the live index in `index_root`.
    pub fn open(index_root: &Path) -> Result<Service> {
        Ok(Service {
            live: Arc::new(index::open(index_root)?),
        })
    }

    /// Opens the index, first building it if it is missing or stale for this corpus.
    pub fn open_or_build(source: &Source, index_root: &Path) -> Result<Service> {
        Service::open_or_build_with(source, index_root, None)
    }

    /// [`Service::open_or_build`], reporting the ingest's progress when it builds.
    pub fn open_or_build_with(
        source: &Source,
        index_root: &Path,
        progress: Option<crate::ingest::Progress<'_>>,
    ) -> Result<Service> {
        let fp = crate::ingest::fingerprint(source)?;
        if !index::is_fresh(index_root, &fp) {
            tracing::debug!(index = %index_root.display(), "index missing or stale: building");
            let corpus = crate::ingest::ingest(source, progress)?;
            index::build(&corpus, index_root)?;
        }
        Service::open(index_root)
    }

    pub fn corpus(&self) -> &Corpus {
        &self.live.corpus
    }

    pub fn meta(&self) -> &Meta {
        &self.live.meta
    }

    pub fn live(&self) -> &Live {
        &self.live
    }

    pub fn stats(&self) -> &IngestStats {
        &self.live.corpus.stats
    }

    pub fn health(&self) -> Health {
        let c = self.corpus();
        Health {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            articles: c.articles.len(),
            laws: c.laws.len(),
            pages: c.pages.len(),
            sections: c.pages.iter().map(|p| p.sections.len()).sum(),
            built_at: self.live.meta.built_at.clone(),
            fingerprint: self.live.meta.fingerprint.clone(),
            corpus: c.source,
        }
    }

    pub fn search(&self, p: &SearchParams) -> Result<SearchResponse> {
        let t = Instant::now();
        let hits = search::search(&self.live, p)?;
        Ok(SearchResponse {
            hits,
            took_ms: t.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// An article by law (title or alias) and number (67, 133-1, 第六十七条), newest version.
    pub fn article(&self, law: &str, number: &str) -> Result<ArticleView> {
        self.article_in(law, number, None)
    }

    /// An article in one version of its law (`YYYY-MM-DD`, as the versions list names them), or the
    /// newest when none is given. A version the law does not have is `not_found`, naming the
    /// versions it has; never the current text in its place.
    pub fn article_in(
        &self,
        law: &str,
        number: &str,
        version: Option<&str>,
    ) -> Result<ArticleView> {
        let Some(version) = version.map(str::trim).filter(|v| !v.is_empty()) else {
            return self.article_latest(law, number);
        };
        let c = self.corpus();
        let title = c
            .resolve_law(law)
            .ok_or_else(|| Error::UnknownLaw(law.to_string()))?;
        let versions: Vec<&str> = c
            .versions(title)
            .iter()
            .map(|l| l.version.as_str())
            .collect();
        if !versions.contains(&version) {
            return Err(Error::NotFound(format!(
                "{title} has no version {version}; its versions: {}",
                versions.join(", ")
            )));
        }
        let a = c
            .find_versions(title, number)
            .into_iter()
            .find(|a| a.version == version)
            .ok_or_else(|| Error::UnknownArticle {
                law: format!("{title} ({version})"),
                number: number.to_string(),
            })?;
        self.article_by_id(&a.id)
    }

    fn article_latest(&self, law: &str, number: &str) -> Result<ArticleView> {
        let c = self.corpus();
        let title = c
            .resolve_law(law)
            .ok_or_else(|| Error::UnknownLaw(law.to_string()))?;
        if ArticleNumber::parse(number).is_none() && !matches!(number.trim(), "序言" | "全文") {
            return Err(Error::BadRequest(format!(
                "{number:?} is not an article number (67, 133-1, 第六十七条)"
            )));
        }
        let a = c.find(title, number).ok_or_else(|| Error::UnknownArticle {
            law: title.to_string(),
            number: number.to_string(),
        })?;
        self.article_by_id(&a.id)
    }

    /// The table of contents of a law (newest version, or the version given): every heading in
    /// order with the first article under it.
    pub fn toc(&self, law: &str, version: Option<&str>) -> Result<Toc> {
        let c = self.corpus();
        let title = c
            .resolve_law(law)
            .ok_or_else(|| Error::UnknownLaw(law.to_string()))?;
        let versions = c.versions(title);
        let l = match version.map(str::trim).filter(|v| !v.is_empty()) {
            None => versions.first().copied(),
            Some(v) => versions.iter().find(|l| l.version == v).copied(),
        }
        .ok_or_else(|| {
            Error::NotFound(format!("{title} has no version {}", version.unwrap_or("")))
        })?;
        let mut entries: Vec<TocEntry> = Vec::new();
        let mut last: Vec<String> = Vec::new();
        for a in c
            .articles_of(&l.id)
            .filter(|a| a.kind == ArticleKind::Statute)
        {
            // every heading that opens here: from the first level where the path differs from
            // the previous article's
            let common = a.path.iter().zip(&last).take_while(|(x, y)| x == y).count();
            for (depth, h) in a.path.iter().enumerate().skip(common) {
                entries.push(TocEntry {
                    heading: h.clone(),
                    depth: depth + 1,
                    number: a.number.clone(),
                    label: a.label.clone(),
                });
            }
            last = a.path.clone();
        }
        Ok(Toc {
            law: title.to_string(),
            version: l.version.clone(),
            entries,
        })
    }

    /// An article by record id.
    pub fn article_by_id(&self, id: &str) -> Result<ArticleView> {
        let c = self.corpus();
        let a = c.article(id).ok_or_else(|| Error::UnknownArticle {
            law: String::new(),
            number: id.to_string(),
        })?;
        let law = c
            .law(&a.law_id)
            .cloned()
            .ok_or_else(|| Error::Internal(format!("article {id} has no law")))?;
        let versions = c
            .versions(&a.law)
            .into_iter()
            .map(|l| {
                let other = c.article(&format!("{}#{}", l.id, a.number));
                let this_text = a.text();
                let (same_text, text) = match other {
                    Some(o) if o.id != a.id => {
                        let t = o.text();
                        let same = t == this_text;
                        (Some(same), (!same).then_some(t))
                    }
                    _ => (None, None),
                };
                VersionRef {
                    law_id: l.id.clone(),
                    version: l.version.clone(),
                    status: l.status,
                    article_id: other.map(|x| x.id.clone()),
                    same_text,
                    text,
                }
            })
            .collect();
        let to_ref =
            |target: &str, text: &str| c.article(target).map(|t| ArticleRef::of(t, text.into()));
        let cites = c
            .cites(&a.id)
            .into_iter()
            .filter_map(|l| to_ref(&l.to, &l.text))
            .collect();
        let mut cited_by = Vec::new();
        let mut quoted_in = Vec::new();
        for l in c.cited_by(&a.id) {
            if let Some(mut r) = to_ref(&l.from, &l.text) {
                // a citing text issued before this version of the law, or no longer in force,
                // may mean another article under the numbering of its own time
                let older = !r.version.is_empty() && !a.version.is_empty() && r.version < a.version;
                if older || r.status != Status::Current {
                    r.warning = Some(format!(
                        "引用方为{}版本（{}），早于或不同于本条所在的{}版本：其所引条号可能是当时的条号，未必指本条",
                        match r.status {
                            Status::Current => "现行",
                            Status::Superseded => "已修改的旧",
                            Status::Expired => "已失效的",
                        },
                        r.version,
                        a.version
                    ));
                }
                cited_by.push(r);
            }
        }
        for q in c.quoted_by(&a.id) {
            let page = match &q.kind {
                ArticleKind::Quoted { page, .. } => page.clone(),
                ArticleKind::Statute => String::new(),
            };
            quoted_in.push(ArticleRef::of(q, page));
        }
        let unofficial = match (&law.source, &a.kind) {
            (crate::records::LawSource::CommentaryPage { page }, _)
            | (_, ArticleKind::Quoted { page, .. }) => {
                // the page's title as far as a note needs it (page titles run long)
                let title: String = c
                    .page(page)
                    .map(|p| p.title.chars().take(16).collect())
                    .unwrap_or_else(|| page.clone());
                Some(format!(
                    "非官方文本（转引自评论页“{title}…”，语料中无官方文本，字句可能与官方文本不同）"
                ))
            }
            _ => None,
        };
        // the neighbours in the law's own order (statute articles of the same version)
        let siblings: Vec<&Article> = c
            .articles_of(&a.law_id)
            .filter(|x| x.kind == ArticleKind::Statute)
            .collect();
        let at = siblings.iter().position(|x| x.id == a.id);
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| siblings.get(i))
                .map(|t| ArticleRef::of(t, String::new()))
        };
        let previous = neighbour(at.and_then(|i| i.checked_sub(1)));
        let next = neighbour(at.map(|i| i + 1));
        Ok(ArticleView {
            issuer: law.issuer(),
            previous,
            next,
            unofficial,
            text: a.text(),
            citation: format!("《{}》{}", a.law, a.label),
            article: a.clone(),
            law_info: law,
            versions,
            cites,
            cited_by,
            quoted_in,
        })
    }

    /// Every citation in a text: resolved, missing, superseded or unknown, with a suggestion.
    pub fn verify_citations(&self, text: &str) -> Result<Vec<crate::cite::Verified>> {
        if text.trim().is_empty() {
            return Err(Error::BadRequest("the text is empty".into()));
        }
        let n = text.chars().count();
        if n > MAX_VERIFY_CHARS {
            return Err(Error::TooLarge(format!(
                "the text has {n} characters; at most {MAX_VERIFY_CHARS} are accepted"
            )));
        }
        Ok(crate::cite::verify(self.corpus(), text))
    }

    /// Answers a question: articles, commentary and outcomes.
    pub fn ask(&self, req: &crate::qa::AskRequest) -> Result<crate::qa::AskResponse> {
        crate::qa::ask(self.live(), req)
    }

    /// The rules of the engine with their inputs.
    pub fn rules(&self) -> Vec<crate::rules::RuleInfo> {
        crate::rules::list()
    }

    /// Evaluates one rule on a typed input.
    pub fn evaluate_rule(
        &self,
        rule: &str,
        input: serde_json::Value,
        today: Option<&str>,
    ) -> Result<crate::rules::Outcome> {
        let today = crate::qa::parse_today(today)?;
        crate::rules::evaluate(rule, input, Some(today))
    }

    pub fn laws(&self, f: &LawFilter) -> Result<Vec<LawSummary>> {
        let level = match f.level.as_deref().filter(|s| !s.is_empty()) {
            Some(l) => Some(
                Level::from_name(l)
                    .ok_or_else(|| Error::BadRequest(format!("unknown level {l:?}")))?,
            ),
            None => None,
        };
        Ok(self
            .corpus()
            .laws
            .iter()
            .filter(|l| level.is_none_or(|lv| l.level == lv))
            .filter(|l| f.current != Some(true) || l.status == Status::Current)
            .filter(|l| f.q.as_deref().is_none_or(|q| l.title.contains(q.trim())))
            .map(|l| LawSummary {
                id: l.id.clone(),
                title: l.title.clone(),
                level: l.level,
                version: l.version.clone(),
                status: l.status,
                articles: l.article_count,
                official: l.is_official(),
            })
            .collect())
    }
}
