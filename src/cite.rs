//! Citations: find references to articles in any text, resolve them to article records, and build
//! the citation graph (what each record cites, and what cites it).
//!
//! Forms: `《中华人民共和国刑事诉讼法》第六十八条`, `刑诉法第71条`, `第六十七条第一款第（三）项`,
//! `本规定第八十一条第一款第三项、第四项`, `第六十八条、第六十九条`, `第一百五十条至第一百五十九条`,
//! `第一百三十三条之一`, `前款` / `本条`, a bare `第六十七条` (same law), issuing-body prefixes
//! (`最高人民法院《…》第71条`), traditional characters (`第六十七條`), and the study-notes door
//! notation `🚪刑诉_67`, `🚪刑诉解释_150~159`, `🚪公安部规定_81_1_3、4`, `🚪刑诉_70, 71`.
//! Aliases come from the reviewed table `corpus/aliases.tsv`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Link};
use crate::normalize::normalize;
use crate::numerals::{self, ArticleNumber};
use crate::records::{Article, ArticleKind, Status};

/// The reviewed alias table, compiled in.
pub const ALIASES_TSV: &str = include_str!("../corpus/aliases.tsv");

/// (alias, full title) pairs of the alias table.
pub fn alias_table() -> Vec<(&'static str, &'static str)> {
    ALIASES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, t)| (a.trim(), t.trim()))
        .collect()
}

/// Installs the alias table into the corpus (only aliases whose title is in the corpus).
pub fn install_aliases(corpus: &mut Corpus) {
    let titles: HashSet<String> = corpus.laws.iter().map(|l| l.title.clone()).collect();
    for (alias, title) in alias_table() {
        if titles.contains(title) {
            corpus.aliases.insert(alias.to_string(), title.to_string());
        }
    }
}

/// How a citation names its law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", content = "name", rename_all = "snake_case")]
pub enum LawRef {
    /// A title or alias as written (《…》 removed).
    Named(String),
    /// 本法 / 本规定 / 本规则 / 本解释 …: the law of the citing text.
    This,
    /// A bare 第X条: the citing law, or the law last named in the same text.
    Implicit,
}

/// A reference found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CitationRef {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    /// The citation as written.
    pub text: String,
    pub law: LawRef,
    /// Article numbers ("67", "133-1"); lists and ranges expanded. Empty for 前款 / 本条.
    pub articles: Vec<String>,
    /// 款 (paragraph), when given.
    pub paragraph: Option<u32>,
    /// 项 (items), when given.
    pub items: Vec<u32>,
    /// 前款 / 本条: points inside the citing article.
    pub relative: bool,
}

const NUM: &str = "[零〇一二两三四五六七八九十百千0-9]+";

static ART_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"第\s*({NUM})\s*条(?:之({NUM}))?")).unwrap());
static PARA_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"^第({NUM})款")).unwrap());
static ITEM_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^第?\(?({NUM})\)?项")).unwrap());
static LIST_ART_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:、|和|及|与|或者|以及)第({NUM})条(?:之({NUM}))?"
    ))
    .unwrap()
});
static LIST_ITEM_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:、|和|及|与|或者)第?\(?({NUM})\)?项")).unwrap());
static RANGE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:至|到|—|-|~)第({NUM})条")).unwrap());
static THIS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"本(?:法|规定|规则|解释|条例|办法|细则|决定|准则|意见|通知)$").unwrap()
});
static RELATIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"前[一二三四两]?款|本条(?:第[一二三四五六七八九十]+款)?").unwrap()
});
static DOOR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"🚪([\p{Han}A-Za-z]+)_(\d+)(?:_(\d+)(?:_(\d+)((?:、\d+)*))?)?(?:~(\d+))?((?:,\s*\d+)*)",
    )
    .unwrap()
});

fn number(s: &str) -> Option<u32> {
    numerals::parse(s)
}

fn art_key(main: &str, sub: Option<&str>) -> Option<String> {
    let m = number(main)?;
    let s = match sub {
        Some(x) => number(x)?,
        None => 0,
    };
    (m > 0).then(|| ArticleNumber::new(m, s).key())
}

/// Names the static alias table knows (plus `中华人民共和国…法` titles), for parsing without a corpus.
fn static_is_law(name: &str) -> bool {
    static NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        let mut s: HashSet<&'static str> = HashSet::new();
        for (a, t) in alias_table() {
            s.insert(a);
            s.insert(t);
        }
        s
    });
    NAMES.contains(name) || (name.starts_with("中华人民共和国") && name.ends_with('法'))
}

/// A law's title as an answer names it: 《刑事诉讼法》, inner 《》 as 〈〉.
pub fn law_name(title: &str) -> String {
    let t = title.strip_prefix("中华人民共和国").unwrap_or(title);
    format!("《{}》", t.replace('《', "〈").replace('》', "〉"))
}

/// A text with the commentary pages' door notation (`🚪刑诉_68~73`, `🚪公安部规定_81_1_3、4`)
/// written out as people read citations: 《刑事诉讼法》第68条至第73条, 《公安机关办理刑事案件程序规定》
/// 第81条第1款第3、4项. The notation is the pages' own shorthand, never shown as it is.
pub fn plain_doors(text: &str) -> String {
    if !text.contains('🚪') {
        return text.to_string();
    }
    static TITLES: LazyLock<HashMap<&'static str, &'static str>> =
        LazyLock::new(|| alias_table().into_iter().collect());
    let title = |alias: &str| law_name(TITLES.get(alias).copied().unwrap_or(alias));
    DOOR_RE
        .replace_all(text, |c: &regex::Captures| {
            let mut out = format!("{}第{}条", title(&c[1]), &c[2]);
            if let Some(p) = c.get(3) {
                out.push_str(&format!("第{}款", p.as_str()));
            }
            if let Some(i) = c.get(4) {
                let more = c.get(5).map_or("", |m| m.as_str());
                out.push_str(&format!("第{}{more}项", i.as_str()));
            }
            if let Some(end) = c.get(6) {
                out.push_str(&format!("至第{}条", end.as_str()));
            }
            if let Some(list) = c.get(7).filter(|m| !m.as_str().is_empty()) {
                for n in list
                    .as_str()
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                {
                    out.push_str(&format!("、第{n}条"));
                }
            }
            format!("（{out}）")
        })
        .into_owned()
}

/// Finds citations using the static alias table.
pub fn parse(text: &str) -> Vec<CitationRef> {
    parse_with(text, &static_is_law)
}

/// Finds citations; `is_law(name)` says whether an unbracketed name before 第X条 is a law name.
pub fn parse_with(text: &str, is_law: &dyn Fn(&str) -> bool) -> Vec<CitationRef> {
    let mut out = Vec::new();
    if !(text.contains('第') || text.contains('🚪') || text.contains('款') || text.contains("本条"))
    {
        return out;
    }
    let n = normalize(text);
    let t = n.text.as_str();
    let mut taken: Vec<(usize, usize)> = Vec::new();

    // The door notation first: 🚪刑诉_67~73.
    if t.contains('🚪') {
        for c in DOOR_RE.captures_iter(t) {
            let m = c.get(0).unwrap();
            let law = c[1].to_string();
            let first: u32 = c[2].parse().unwrap_or(0);
            let mut articles = vec![first];
            if let Some(to) = c.get(6).and_then(|x| x.as_str().parse::<u32>().ok()) {
                if to > first && to - first <= 500 {
                    articles = (first..=to).collect();
                }
            }
            if let Some(more) = c.get(7) {
                articles.extend(
                    more.as_str()
                        .split(',')
                        .filter_map(|x| x.trim().parse::<u32>().ok()),
                );
            }
            let paragraph = c.get(3).and_then(|x| x.as_str().parse().ok());
            let mut items: Vec<u32> = c
                .get(4)
                .and_then(|x| x.as_str().parse().ok())
                .into_iter()
                .collect();
            if let Some(more) = c.get(5) {
                items.extend(
                    more.as_str()
                        .split('、')
                        .filter_map(|x| x.trim().parse::<u32>().ok()),
                );
            }
            let (start, end) = n.original_range(m.start(), m.end());
            taken.push((m.start(), m.end()));
            out.push(CitationRef {
                start,
                end,
                text: text[start..end].to_string(),
                law: LawRef::Named(law),
                articles: articles
                    .into_iter()
                    .filter(|a| *a > 0)
                    .map(|a| a.to_string())
                    .collect(),
                paragraph,
                items,
                relative: false,
            });
        }
    }

    for c in ART_RE.captures_iter(t) {
        let m = c.get(0).unwrap();
        if taken.iter().any(|&(a, b)| m.start() < b && m.end() > a) {
            continue;
        }
        let Some(first) = art_key(&c[1], c.get(2).map(|x| x.as_str())) else {
            continue;
        };
        let mut articles = vec![first];
        let mut end = m.end();
        let mut paragraph = None;
        let mut items = Vec::new();
        if let Some(p) = PARA_RE.captures(&t[end..]) {
            paragraph = number(&p[1]);
            end += p.get(0).unwrap().end();
        }
        if let Some(i) = ITEM_RE.captures(&t[end..]) {
            if let Some(v) = number(&i[1]) {
                items.push(v);
            }
            end += i.get(0).unwrap().end();
            while let Some(i) = LIST_ITEM_RE.captures(&t[end..]) {
                if let Some(v) = number(&i[1]) {
                    items.push(v);
                }
                end += i.get(0).unwrap().end();
            }
        }
        if let Some(r) = RANGE_RE.captures(&t[end..]) {
            if let (Some(a), Some(b)) = (number(&c[1]), number(&r[1])) {
                if b > a && b - a <= 500 && c.get(2).is_none() {
                    articles = (a..=b).map(|x| x.to_string()).collect();
                    end += r.get(0).unwrap().end();
                }
            }
        }
        while let Some(l) = LIST_ART_RE.captures(&t[end..]) {
            let Some(k) = art_key(&l[1], l.get(2).map(|x| x.as_str())) else {
                break;
            };
            articles.push(k);
            end += l.get(0).unwrap().end();
            // 第X条第Y款 inside a list: skip the paragraph/item part of later elements
            if let Some(p) = PARA_RE.captures(&t[end..]) {
                end += p.get(0).unwrap().end();
            }
        }
        // an unbracketed law name starts after the citation before it
        let floor = taken
            .iter()
            .map(|&(_, b)| b)
            .filter(|&b| b <= m.start())
            .max()
            .unwrap_or(0);
        let (law, start_norm) = law_before(t, floor, m.start(), is_law);
        taken.push((m.start(), end));
        let (start, end_o) = n.original_range(start_norm, end);
        out.push(CitationRef {
            start,
            end: end_o,
            text: text[start..end_o].to_string(),
            law,
            articles,
            paragraph,
            items,
            relative: false,
        });
    }

    for m in RELATIVE_RE.find_iter(t) {
        if out.iter().any(|r| {
            let (a, b) = (n.original_offset(m.start()), n.original_offset(m.end()));
            a < r.end && b > r.start
        }) {
            continue;
        }
        let (start, end) = n.original_range(m.start(), m.end());
        out.push(CitationRef {
            start,
            end,
            text: text[start..end].to_string(),
            law: LawRef::This,
            articles: Vec::new(),
            paragraph: None,
            items: Vec::new(),
            relative: true,
        });
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The law named right before a 第X条 at byte `pos` of the normalised text, and where the
/// citation starts. A 《title》 may hold earlier citations; an unbracketed name starts at `floor`
/// or later (after the citation before it).
fn law_before(t: &str, floor: usize, pos: usize, is_law: &dyn Fn(&str) -> bool) -> (LawRef, usize) {
    let before = &t[..pos];
    let trimmed = before.trim_end();
    if let Some(inner_end) = trimmed.strip_suffix('》') {
        // find the matching 《, allowing one level of nesting
        let mut depth = 0;
        for (i, ch) in inner_end.char_indices().rev() {
            match ch {
                '》' => depth += 1,
                '《' if depth > 0 => depth -= 1,
                '《' => {
                    let name = inner_end[i + '《'.len_utf8()..]
                        .replace(['〈', '<'], "《")
                        .replace(['〉', '>'], "》");
                    return (LawRef::Named(name), i);
                }
                _ => {}
            }
        }
    }
    if let Some(m) = THIS_RE.find(trimmed) {
        return (LawRef::This, m.start());
    }
    // An unbracketed name: the longest suffix (up to 30 characters) that is a law name.
    let chars: Vec<(usize, char)> = trimmed
        .char_indices()
        .filter(|&(i, _)| i >= floor)
        .collect();
    for len in (2..=chars.len().min(30)).rev() {
        let (i, _) = chars[chars.len() - len];
        let cand = &trimmed[i..];
        if is_law(cand) {
            return (LawRef::Named(cand.to_string()), i);
        }
    }
    (LawRef::Implicit, pos)
}

/// Where a citation was found, for resolving 本法 and bare 第X条.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// The citing article's law version (`title@version`).
    pub law_id: Option<&'a str>,
    /// The law last named earlier in the same text (for pages: a bare 第X条 after 《…》第五条).
    pub last_named: Option<String>,
}

/// How a citation resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Every article exists in the version cited.
    Resolved,
    /// The law is known but some article numbers are not in it.
    Missing,
    /// It cites a version that has been superseded.
    Superseded,
    /// The law name is not known.
    UnknownLaw,
    /// A bare 第X条 with no law to attach it to.
    Ambiguous,
    /// 前款 / 本条: inside the citing article.
    Relative,
}

/// A citation with its resolution.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Resolved {
    #[serde(flatten)]
    pub citation: CitationRef,
    pub status: Resolution,
    /// Full title of the cited law.
    pub law_title: Option<String>,
    pub law_id: Option<String>,
    /// Ids of the cited articles that exist.
    pub article_ids: Vec<String>,
    /// Article numbers that do not exist in that law.
    pub missing: Vec<String>,
}

/// Resolves one citation in a context.
pub fn resolve(corpus: &Corpus, ctx: &Context<'_>, r: &CitationRef) -> Resolved {
    let mut res = Resolved {
        citation: r.clone(),
        status: Resolution::Ambiguous,
        law_title: None,
        law_id: None,
        article_ids: Vec::new(),
        missing: Vec::new(),
    };
    if r.relative {
        res.status = Resolution::Relative;
        res.law_id = ctx.law_id.map(str::to_string);
        return res;
    }
    let ctx_law = ctx.law_id.and_then(|id| corpus.law(id));
    let title: Option<String> = match &r.law {
        LawRef::Named(name) => match corpus.resolve_law(name) {
            Some(t) => Some(t.to_string()),
            None => {
                res.status = Resolution::UnknownLaw;
                return res;
            }
        },
        LawRef::This => ctx_law.map(|l| l.title.clone()),
        LawRef::Implicit => match (&ctx.last_named, ctx_law) {
            (Some(n), _) => corpus.resolve_law(n).map(str::to_string),
            (None, Some(l)) => Some(l.title.clone()),
            (None, None) => None,
        },
    };
    let Some(title) = title else {
        return res;
    };
    // The same version when the citing article is of the same law, else the newest.
    let law_id = match ctx_law {
        Some(l) if l.title == title => l.id.clone(),
        _ => match corpus.versions(&title).first() {
            Some(l) => l.id.clone(),
            None => {
                res.status = Resolution::UnknownLaw;
                return res;
            }
        },
    };
    for a in &r.articles {
        match corpus
            .find_versions(&title, a)
            .into_iter()
            .find(|x| x.law_id == law_id)
        {
            Some(x) => res.article_ids.push(x.id.clone()),
            None => res.missing.push(a.clone()),
        }
    }
    let superseded = corpus
        .law(&law_id)
        .is_some_and(|l| l.status == Status::Superseded);
    res.status = if !res.missing.is_empty() {
        Resolution::Missing
    } else if superseded {
        Resolution::Superseded
    } else {
        Resolution::Resolved
    };
    res.law_title = Some(title);
    res.law_id = Some(law_id);
    res
}

/// Parses and resolves every citation of a text, carrying the last named law forward.
pub fn resolve_text(corpus: &Corpus, law_id: Option<&str>, text: &str) -> Vec<Resolved> {
    let is_law = |name: &str| corpus.resolve_law(name).is_some();
    let mut ctx = Context {
        law_id,
        last_named: None,
    };
    let mut out = Vec::new();
    for r in parse_with(text, &is_law) {
        let res = resolve(corpus, &ctx, &r);
        if let LawRef::Named(n) = &r.law {
            if res.law_title.is_some() {
                ctx.last_named = Some(n.clone());
            }
        }
        out.push(res);
    }
    out
}

/// Builds the citation graph of the whole corpus into `corpus.links` and counts it in the stats.
/// A statute's bare 第X条 cites its own law; a page's cites the law it last named.
pub fn link_corpus(corpus: &mut Corpus) {
    corpus.finish();
    let mut links: Vec<Link> = Vec::new();
    let mut total = 0usize;
    let mut resolved = 0usize;
    let mut add = |from: &str, rs: Vec<Resolved>, links: &mut Vec<Link>| {
        for r in rs {
            if r.status == Resolution::Relative {
                continue;
            }
            total += 1;
            if matches!(r.status, Resolution::Resolved | Resolution::Superseded) {
                resolved += 1;
            }
            for id in r.article_ids {
                if id != from {
                    links.push(Link {
                        from: from.to_string(),
                        to: id,
                        text: r.citation.text.clone(),
                    });
                }
            }
        }
    };
    for a in &corpus.articles {
        let text = a.text();
        if !(text.contains('第') || text.contains('🚪')) {
            continue;
        }
        let law_id = match &a.kind {
            ArticleKind::Statute => Some(a.law_id.as_str()),
            ArticleKind::Quoted { .. } => corpus.law(&a.law_id).map(|l| l.id.as_str()),
        };
        let rs = resolve_text(corpus, law_id, &text);
        add(&a.id, rs, &mut links);
    }
    for p in &corpus.pages {
        for s in &p.sections {
            let text = match &s.heading {
                Some(h) if !s.text.starts_with(h.as_str()) => format!("{h}\n{}", s.text),
                _ => s.text.clone(),
            };
            let rs = resolve_text(corpus, None, &text);
            add(&s.id, rs, &mut links);
        }
    }
    let mut seen = HashSet::new();
    links.retain(|l| seen.insert((l.from.clone(), l.to.clone())));
    corpus.links = links;
    corpus.stats.citations = total;
    corpus.stats.citations_resolved = resolved;
    corpus.finish();
}

/// A verified citation for `POST /api/citations/verify`.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Verified {
    #[serde(flatten)]
    pub resolved: Resolved,
    /// What to cite instead, when the citation is wrong or outdated.
    pub suggestion: Option<String>,
}

/// Checks every citation in a text: resolved, missing, superseded or unknown, with a suggestion.
pub fn verify(corpus: &Corpus, text: &str) -> Vec<Verified> {
    resolve_text(corpus, None, text)
        .into_iter()
        .filter(|r| r.status != Resolution::Relative)
        .map(|r| {
            let suggestion = match r.status {
                Resolution::UnknownLaw => match &r.citation.law {
                    LawRef::Named(n) => closest_law(corpus, n).map(|t| format!("是否指《{t}》？")),
                    _ => None,
                },
                Resolution::Missing => r.law_title.as_ref().map(|t| {
                    let count = corpus
                        .versions(t)
                        .first()
                        .map(|l| l.article_count)
                        .unwrap_or(0);
                    format!(
                        "《{t}》没有第{}条（现行版本共{}条）",
                        r.missing.join("、"),
                        count
                    )
                }),
                Resolution::Superseded => r.law_title.as_ref().and_then(|t| {
                    let cur = corpus
                        .versions(t)
                        .into_iter()
                        .find(|l| l.status == Status::Current)?;
                    Some(format!("请引用《{t}》的现行版本（{}）", cur.version))
                }),
                Resolution::Ambiguous => Some("请写明法律名称：《…》第X条".to_string()),
                _ => None,
            };
            Verified {
                resolved: r,
                suggestion,
            }
        })
        .collect()
}

/// The known title or alias closest to a name (most shared characters).
fn closest_law(corpus: &Corpus, name: &str) -> Option<String> {
    let chars: HashSet<char> = name.chars().collect();
    let mut best: Option<(usize, String)> = None;
    let mut candidates: HashMap<&str, &str> = corpus
        .aliases
        .iter()
        .map(|(a, t)| (a.as_str(), t.as_str()))
        .collect();
    for l in &corpus.laws {
        candidates.insert(l.title.as_str(), l.title.as_str());
    }
    for (cand, title) in candidates {
        let common = cand.chars().filter(|c| chars.contains(c)).count();
        let score = common * 100 / (cand.chars().count() + name.chars().count()).max(1);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, title.to_string()));
        }
    }
    best.filter(|(s, _)| *s >= 25).map(|(_, t)| t)
}

/// Cited articles of one article, for convenience.
pub fn cites_of<'a>(corpus: &'a Corpus, a: &Article) -> Vec<&'a Article> {
    corpus
        .cites(&a.id)
        .into_iter()
        .filter_map(|l| corpus.article(&l.to))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> CitationRef {
        let v = parse(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn full_title_chinese_numeral() {
        let r = one("依照《中华人民共和国刑事诉讼法》第六十八条的规定");
        assert_eq!(r.law, LawRef::Named("中华人民共和国刑事诉讼法".into()));
        assert_eq!(r.articles, vec!["68"]);
        assert_eq!(r.text, "《中华人民共和国刑事诉讼法》第六十八条");
    }

    #[test]
    fn alias_arabic() {
        let r = one("违反刑诉法第71条规定");
        assert_eq!(r.law, LawRef::Named("刑诉法".into()));
        assert_eq!(r.articles, vec!["71"]);
        let r = one("刑事诉讼法第71条");
        assert_eq!(r.law, LawRef::Named("刑事诉讼法".into()));
    }

    #[test]
    fn paragraph_and_items() {
        let r = one("第六十七条第一款第（三）项");
        assert_eq!(r.law, LawRef::Implicit);
        assert_eq!(
            (r.articles.clone(), r.paragraph, r.items.clone()),
            (vec!["67".to_string()], Some(1), vec![3])
        );
        let r = one("具有本规定第八十一条第一款第三项、第四项规定情形");
        assert_eq!(r.law, LawRef::This);
        assert_eq!((r.paragraph, r.items.clone()), (Some(1), vec![3, 4]));
        assert_eq!(r.text, "本规定第八十一条第一款第三项、第四项");
    }

    #[test]
    fn lists_ranges_and_suffixes() {
        assert_eq!(one("本法第六十八条、第六十九条").articles, vec!["68", "69"]);
        assert_eq!(one("第一百五十条至第一百五十九条").articles.len(), 10);
        assert_eq!(one("刑法第一百三十三条之一").articles, vec!["133-1"]);
        assert_eq!(
            one("最高人民法院《关于执行中华人民共和国刑事诉讼法若干问题的解释》第71条").articles,
            vec!["71"]
        );
    }

    #[test]
    fn relative_and_traditional() {
        let v = parse("有前款行为的，依照本条处理");
        assert_eq!(v.len(), 2);
        assert!(v.iter().all(|r| r.relative));
        let r = one("《刑事訴訟法》第六十七條");
        assert_eq!(r.law, LawRef::Named("刑事诉讼法".into()));
        assert_eq!(r.articles, vec!["67"]);
        assert_eq!(r.text, "《刑事訴訟法》第六十七條");
        assert_eq!(one("本規則第八十六條").law, LawRef::This);
    }

    #[test]
    fn door_notation() {
        assert_eq!(
            plain_doors("保证方式🚪刑诉_68~73🚪刑诉解释_150~159"),
            "保证方式（《刑事诉讼法》第68条至第73条）（《最高人民法院关于适用〈中华人民共和国刑事诉讼法〉的解释》第150条至第159条）"
        );
        assert_eq!(
            plain_doors("见🚪公安部规定_81_1_3、4，🚪刑诉_70, 71"),
            "见（《公安机关办理刑事案件程序规定》第81条第1款第3、4项），（《刑事诉讼法》第70条、第71条）"
        );
        let r = one("🚪刑诉_67");
        assert_eq!(
            (r.law.clone(), r.articles.clone()),
            (LawRef::Named("刑诉".into()), vec!["67".to_string()])
        );
        assert_eq!(one("🚪刑诉解释_150~159").articles.len(), 10);
        let r = one("🚪公安部规定_81_1_3、4");
        assert_eq!(
            (r.articles.clone(), r.paragraph, r.items.clone()),
            (vec!["81".to_string()], Some(1), vec![3, 4])
        );
        assert_eq!(one("🚪刑诉_70, 71").articles, vec!["70", "71"]);
        let v = parse("## 保证方式🚪刑诉_68~73🚪刑诉解释_150~159");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].articles.len(), 6);
        let v = parse("🚪刑诉_72(🚪刑诉解释_153)");
        assert_eq!(v.len(), 2);
        assert_eq!(one("🚪刑诉_71_2").paragraph, Some(2));
    }

    #[test]
    fn an_unbracketed_name_does_not_swallow_the_citation_before_it() {
        let v = parse("中华人民共和国刑法第一百五十九条和中华人民共和国刑事诉讼法第五条");
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].law, LawRef::Named("中华人民共和国刑法".into()));
        assert_eq!(v[1].law, LawRef::Named("中华人民共和国刑事诉讼法".into()));
        assert_eq!(v[1].text, "中华人民共和国刑事诉讼法第五条");
    }

    #[test]
    fn no_false_positives() {
        for s in [
            "第一次修正",
            "第三人",
            "第二审程序",
            "次第",
            "第十三届全国人民代表大会",
        ] {
            assert!(parse(s).is_empty(), "{s}: {:?}", parse(s));
        }
    }
}
