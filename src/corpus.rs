//! The ingested corpus held in memory: laws, articles, pages, sections, and the lookups the index,
//! the rules and the service need (by id, by law title or alias and article number).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::numerals::ArticleNumber;
use crate::records::{Article, ArticleKind, Law, Page, Warning};

/// A reference from one record (article or page section) to an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Id of the citing article or section.
    pub from: String,
    /// Id of the cited article.
    pub to: String,
    /// The citation as written.
    pub text: String,
}

/// Counts reported at the end of an ingest.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IngestStats {
    pub files: usize,
    pub statute_files: usize,
    pub page_files: usize,
    pub laws: usize,
    pub versions: usize,
    pub articles: usize,
    pub current_articles: usize,
    pub pages: usize,
    pub sections: usize,
    pub quoted_articles: usize,
    pub quoted_linked: usize,
    pub citations: usize,
    pub citations_resolved: usize,
    pub spans_repaired: usize,
    pub spans_damaged: usize,
    pub warnings: usize,
    pub seconds: f64,
}

/// Everything ingest produced.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Corpus {
    pub laws: Vec<Law>,
    pub articles: Vec<Article>,
    pub pages: Vec<Page>,
    pub links: Vec<Link>,
    pub warnings: Vec<Warning>,
    pub stats: IngestStats,
    /// Alias or short name → full title.
    pub aliases: HashMap<String, String>,
    /// Fingerprint of the corpus files (paths, sizes, contents) this was built from.
    pub fingerprint: String,
    /// The core corpus built into the binary, or corpus folders on disk.
    #[serde(default)]
    pub source: crate::ingest::CorpusKind,
    #[serde(skip)]
    lookup: Lookup,
}

#[derive(Debug, Default)]
struct Lookup {
    article_by_id: HashMap<String, usize>,
    /// (title, number) → statute articles of every version, newest first.
    by_title_number: HashMap<(String, String), Vec<usize>>,
    law_by_id: HashMap<String, usize>,
    /// title → law versions, newest first.
    versions: HashMap<String, Vec<usize>>,
    /// Normalised title or alias (half-width brackets, simplified) → title.
    normalized_names: HashMap<String, String>,
    cites: HashMap<String, Vec<usize>>,
    cited_by: HashMap<String, Vec<usize>>,
    /// canonical article id → the page quotes linked to it
    quoted_by: HashMap<String, Vec<usize>>,
}

impl Corpus {
    /// Builds the lookup tables. Call after the vectors are filled or deserialised.
    pub fn finish(&mut self) {
        let mut l = Lookup::default();
        for (i, a) in self.articles.iter().enumerate() {
            l.article_by_id.insert(a.id.clone(), i);
            if let ArticleKind::Quoted {
                linked: Some(to), ..
            } = &a.kind
            {
                l.quoted_by.entry(to.clone()).or_default().push(i);
            }
            if matches!(a.kind, ArticleKind::Statute)
                || self.law(&a.law_id).is_none_or(|law| !law.is_official())
            {
                l.by_title_number
                    .entry((a.law.clone(), a.number.clone()))
                    .or_default()
                    .push(i);
            }
        }
        for (i, law) in self.laws.iter().enumerate() {
            l.law_by_id.insert(law.id.clone(), i);
            l.versions.entry(law.title.clone()).or_default().push(i);
        }
        for title in l.versions.keys() {
            l.normalized_names
                .insert(crate::normalize::normalize_str(title), title.clone());
        }
        for (alias, title) in &self.aliases {
            l.normalized_names
                .entry(crate::normalize::normalize_str(alias))
                .or_insert_with(|| title.clone());
        }
        for v in l.versions.values_mut() {
            v.sort_by(|a, b| self.laws[*b].version.cmp(&self.laws[*a].version));
        }
        for v in l.by_title_number.values_mut() {
            v.sort_by(|a, b| self.articles[*b].version.cmp(&self.articles[*a].version));
        }
        for (i, link) in self.links.iter().enumerate() {
            l.cites.entry(link.from.clone()).or_default().push(i);
            l.cited_by.entry(link.to.clone()).or_default().push(i);
        }
        self.lookup = l;
    }

    /// The index of an article in [`Corpus::articles`], by id.
    pub fn article_index(&self, id: &str) -> Option<usize> {
        self.lookup.article_by_id.get(id).copied()
    }

    pub fn article(&self, id: &str) -> Option<&Article> {
        self.lookup
            .article_by_id
            .get(id)
            .map(|&i| &self.articles[i])
    }

    pub fn law(&self, id: &str) -> Option<&Law> {
        self.lookup.law_by_id.get(id).map(|&i| &self.laws[i])
    }

    /// All versions of a law by exact title, newest first.
    pub fn versions(&self, title: &str) -> Vec<&Law> {
        self.lookup
            .versions
            .get(title)
            .map(|v| v.iter().map(|&i| &self.laws[i]).collect())
            .unwrap_or_default()
    }

    /// Resolves a title, a short title (刑事诉讼法), or an alias (刑诉法) to the full title.
    pub fn resolve_law(&self, name: &str) -> Option<&str> {
        let name = name
            .trim()
            .trim_start_matches('《')
            .trim_end_matches('》')
            .trim();
        if name.is_empty() {
            return None;
        }
        if let Some((k, _)) = self.lookup.versions.get_key_value(name) {
            return Some(k.as_str());
        }
        let prefixed = format!("中华人民共和国{name}");
        if let Some((k, _)) = self.lookup.versions.get_key_value(&prefixed) {
            return Some(k.as_str());
        }
        if let Some(t) = self.aliases.get(name) {
            return Some(t.as_str());
        }
        // Traditional characters, full-width brackets (刑法修正案(九), 《刑事訴訟法》).
        let n = crate::normalize::normalize_str(name);
        let n = n.replace(['〈', '<'], "《").replace(['〉', '>'], "》");
        let found = self.lookup.normalized_names.get(&n).or_else(|| {
            self.lookup
                .normalized_names
                .get(&format!("中华人民共和国{n}"))
        })?;
        self.lookup
            .versions
            .get_key_value(found)
            .map(|(k, _)| k.as_str())
    }

    /// The article of the newest version of a law (title or alias) that has it.
    pub fn find(&self, law: &str, number: &str) -> Option<&Article> {
        self.find_versions(law, number).into_iter().next()
    }

    /// The article in every version of the law that has it, newest first.
    pub fn find_versions(&self, law: &str, number: &str) -> Vec<&Article> {
        let Some(title) = self.resolve_law(law) else {
            return Vec::new();
        };
        let key = ArticleNumber::parse(number)
            .map(|n| n.key())
            .unwrap_or_else(|| number.trim().to_string());
        self.lookup
            .by_title_number
            .get(&(title.to_string(), key))
            .map(|v| v.iter().map(|&i| &self.articles[i]).collect())
            .unwrap_or_default()
    }

    /// Articles of one law version, in order (for an official law its statute articles, not the
    /// quotes of it on pages; for a law known only from a page, those quotes).
    pub fn articles_of<'a>(&'a self, law_id: &'a str) -> impl Iterator<Item = &'a Article> + 'a {
        let official = self.law(law_id).is_some_and(|l| l.is_official());
        self.articles.iter().filter(move |a| {
            a.law_id == law_id && (!official || matches!(a.kind, ArticleKind::Statute))
        })
    }

    /// Links going out of a record.
    pub fn cites(&self, from: &str) -> Vec<&Link> {
        self.lookup
            .cites
            .get(from)
            .map(|v| v.iter().map(|&i| &self.links[i]).collect())
            .unwrap_or_default()
    }

    /// Links pointing at an article.
    pub fn cited_by(&self, to: &str) -> Vec<&Link> {
        self.lookup
            .cited_by
            .get(to)
            .map(|v| v.iter().map(|&i| &self.links[i]).collect())
            .unwrap_or_default()
    }

    /// Page quotes linked to a canonical article.
    pub fn quoted_by(&self, id: &str) -> Vec<&Article> {
        self.lookup
            .quoted_by
            .get(id)
            .map(|v| v.iter().map(|&i| &self.articles[i]).collect())
            .unwrap_or_default()
    }

    pub fn page(&self, id: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.id == id)
    }
}
