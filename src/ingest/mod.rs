//! Ingest: corpus files → records ([`Corpus`]).
//!
//! Walks each corpus root, parses statute Markdown files ([`statute`]) with the catalogue
//! ([`catalog`]) for levels and expiry, groups files into law versions (a law split over files is one
//! law; several versions of a law are all kept, the newest current), and reads commentary pages.
//! Problems never stop an ingest: they become [`Warning`]s naming the file.

pub mod catalog;
pub mod page;
pub mod repair;
pub mod source;
pub mod statute;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;
use std::time::Instant;

use regex::Regex;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::records::{Article, ArticleKind, Law, LawSource, Level, Status, Warning};
use catalog::Catalogue;
pub use source::{walk, CorpusFile, CorpusKind, FileKind, Source};

/// Classifies a file by name: Markdown statutes, pages (`.txt`, `.html`, `.htm`), the catalogue
/// (LawRefBook's `db.sqlite3`, or the core corpus's `MANIFEST.tsv`).
pub fn classify(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?;
    if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") || name == "_index.md" {
        return None;
    }
    if name == catalog::MANIFEST {
        return Some(FileKind::Catalogue);
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Some(FileKind::Statute),
        "txt" | "html" | "htm" => Some(FileKind::Page),
        "sqlite3" => Some(FileKind::Catalogue),
        _ => None,
    }
}

static FILE_DATE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)\((\d{4}-\d{2}-\d{2})\)$").unwrap());

/// Splits a file stem `刑事诉讼法(2018-10-26)` into short name and version date.
pub fn split_stem(stem: &str) -> (String, Option<String>) {
    match FILE_DATE_RE.captures(stem) {
        Some(c) => (c[1].to_string(), Some(c[2].to_string())),
        None => (stem.to_string(), None),
    }
}

/// Level from the corpus folder when the catalogue has no row.
fn level_from_folder(rel: &str) -> Level {
    let top = rel.split('/').next().unwrap_or("");
    let second = rel.split('/').nth(1).unwrap_or("");
    let folder = if top == "lawrefbook" { second } else { top };
    match folder {
        "宪法" => Level::Constitution,
        "行政法规" => Level::AdministrativeRegulation,
        "司法解释" => Level::JudicialInterpretation,
        "部门规章" => Level::DepartmentalRule,
        "其他" => Level::Other,
        "extra" => Level::NormativeDocument,
        _ => Level::Law,
    }
}

fn category_of(rel: &str) -> String {
    let parts: Vec<&str> = rel.split('/').collect();
    let parts = if parts.first() == Some(&"lawrefbook") {
        &parts[1..]
    } else {
        &parts[..]
    };
    if parts.len() > 1 {
        parts[..parts.len() - 1].join("/")
    } else {
        String::new()
    }
}

/// Decodes a statute file's bytes. UTF-8 with some invalid bytes (no more of them than valid
/// multi-byte characters) is decoded lossily with a warning; anything else as pages are decoded
/// ([`page::decode`]): a BOM (UTF-8, UTF-16), else the detected encoding (GBK/GB18030, Big5 …)
/// with a warning. Empty, binary and undecodable files give `None` with a warning.
fn decode_statute(rel: &str, bytes: &[u8], warnings: &mut Vec<Warning>) -> Option<String> {
    let has_bom = encoding_rs::Encoding::for_bom(bytes).is_some();
    if let (false, Err(e)) = (has_bom, std::str::from_utf8(bytes)) {
        let lossy = String::from_utf8_lossy(bytes);
        // Text in a legacy encoding read as UTF-8 is almost all replacement characters; UTF-8
        // with a few broken bytes keeps far more valid multi-byte characters than broken ones.
        let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
        let good = lossy
            .chars()
            .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
            .count();
        if !bytes.contains(&0) && good >= bad {
            warnings.push(Warning::new(
                rel,
                None,
                format!(
                    "invalid UTF-8 at byte {}: decoded with replacement characters",
                    e.valid_up_to()
                ),
            ));
            return Some(lossy.into_owned());
        }
    }
    match page::decode(bytes) {
        Ok((text, enc)) => {
            if enc != "UTF-8" {
                warnings.push(Warning::new(
                    rel,
                    None,
                    format!("not UTF-8: decoded as {enc}"),
                ));
            }
            Some(text.trim_start_matches('\u{FEFF}').to_string())
        }
        Err(why) => {
            warnings.push(Warning::new(rel, None, format!("{why}, skipped")));
            None
        }
    }
}

/// Fingerprint of the corpus files (relative paths, sizes and contents) and of this fatiao version:
/// an index built from the same fingerprint is fresh.
pub fn fingerprint(source: &Source) -> Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(env!("FATIAO_SOURCE_HASH").as_bytes());
    for f in walk(source)? {
        let bytes = f.read().unwrap_or_default();
        hash_file(&mut hasher, &f.rel, &bytes);
    }
    Ok(hasher.finalize().to_hex()[..16].to_string())
}

fn hash_file(hasher: &mut blake3::Hasher, rel: &str, bytes: &[u8]) {
    hasher.update(rel.as_bytes());
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// One statute file, parsed, with what is needed to place it in a law version.
struct StatuteFile {
    rel: String,
    short_name: String,
    version: String,
    level: Level,
    category: String,
    expired: bool,
    /// 施行日期 from the catalogue.
    in_force_from: Option<String>,
    parsed: statute::ParsedStatute,
}

/// Progress callback: (files done, files total).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Ingests a corpus into records. A corpus without a statute file or a page is an error
/// ([`Error::CorpusEmpty`]), not an index that finds nothing.
pub fn ingest(source: &Source, progress: Option<Progress<'_>>) -> Result<Corpus> {
    let started = Instant::now();
    let files = walk(source)?;
    if !files.iter().any(|f| f.kind != FileKind::Catalogue) {
        return Err(Error::CorpusEmpty(format!(
            "no statute files (*.md) or pages (*.html, *.txt) in {}",
            source.describe()
        )));
    }
    let mut corpus = Corpus::default();
    corpus.source = source.kind();
    let mut warnings = Vec::new();
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(env!("FATIAO_SOURCE_HASH").as_bytes());

    let mut catalogue = Catalogue::default();
    for f in files.iter().filter(|f| f.kind == FileKind::Catalogue) {
        match Catalogue::read(f) {
            Ok(c) => catalogue.merge(c),
            Err(e) => warnings.push(Warning::new(
                &f.rel,
                None,
                format!("catalogue unreadable: {e}"),
            )),
        }
    }

    let total = files.len();
    let mut statutes: Vec<StatuteFile> = Vec::new();
    let mut page_files: Vec<(String, Vec<u8>)> = Vec::new();
    for (done, f) in files.iter().enumerate() {
        if let Some(p) = progress {
            p(done, total);
        }
        corpus.stats.files += 1;
        let bytes = match f.read() {
            Ok(b) => b,
            Err(e) => {
                warnings.push(Warning::new(&f.rel, None, format!("unreadable: {e}")));
                hash_file(&mut hasher, &f.rel, &[]);
                continue;
            }
        };
        hash_file(&mut hasher, &f.rel, &bytes);
        match f.kind {
            FileKind::Catalogue => {}
            FileKind::Page => {
                corpus.stats.page_files += 1;
                page_files.push((f.rel.clone(), bytes.into_owned()));
            }
            FileKind::Statute => {
                corpus.stats.statute_files += 1;
                let Some(text) = decode_statute(&f.rel, &bytes, &mut warnings) else {
                    continue;
                };
                let parsed = statute::parse(&f.rel, &text);
                warnings.extend(parsed.warnings.iter().cloned());
                if parsed.articles.is_empty() {
                    continue;
                }
                let stem = Path::new(&f.rel)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("");
                let (short_name, file_version) = split_stem(stem);
                let cat = catalogue.lookup(&short_name, file_version.as_deref());
                let version = file_version
                    .or_else(|| statute::latest_header_date(&parsed.history))
                    .or_else(|| cat.and_then(|c| c.publish.clone()))
                    .unwrap_or_default();
                let level = cat
                    .and_then(|c| c.level)
                    .unwrap_or_else(|| level_from_folder(&f.rel));
                statutes.push(StatuteFile {
                    rel: f.rel.clone(),
                    short_name,
                    version,
                    level,
                    category: category_of(&f.rel),
                    expired: cat.is_some_and(|c| c.expired),
                    in_force_from: cat.and_then(|c| c.valid_from.clone()),
                    parsed,
                });
            }
        }
    }
    if let Some(p) = progress {
        p(total, total);
    }

    build_laws(&mut corpus, statutes, &mut warnings);
    crate::index::pause_point("ingest");
    corpus.fingerprint = hasher.finalize().to_hex()[..16].to_string();
    corpus.warnings = warnings;
    crate::cite::install_aliases(&mut corpus);
    corpus.finish();
    for (rel, bytes) in page_files {
        match page::ingest_page(&rel, &bytes) {
            Ok(out) => page::attach(&mut corpus, out),
            Err(w) => corpus.warnings.push(w),
        }
    }
    crate::cite::link_corpus(&mut corpus);
    let s = &mut corpus.stats;
    s.laws = corpus
        .laws
        .iter()
        .map(|l| &l.title)
        .collect::<std::collections::HashSet<_>>()
        .len();
    s.versions = corpus.laws.len();
    s.articles = corpus.articles.len();
    s.current_articles = corpus.articles.iter().filter(|a| a.is_current()).count();
    s.pages = corpus.pages.len();
    s.sections = corpus.pages.iter().map(|p| p.sections.len()).sum();
    s.warnings = corpus.warnings.len();
    s.seconds = started.elapsed().as_secs_f64();
    Ok(corpus)
}

/// The same law version filed twice (反电信网络诈骗法 in two folders): keep the first copy. Files of a
/// law split by 编 (民法典) have disjoint article numbers and are all kept.
fn drop_duplicate_copies(files: &mut Vec<StatuteFile>, law_id: &str, warnings: &mut Vec<Warning>) {
    let mut seen: std::collections::HashSet<(u32, u32)> = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for f in files.drain(..) {
        let numbers: Vec<(u32, u32)> = f
            .parsed
            .articles
            .iter()
            .filter(|a| a.unnumbered.is_none())
            .map(|a| (a.number.main, a.number.sub))
            .collect();
        if !kept.is_empty() && !numbers.is_empty() && numbers.iter().all(|n| seen.contains(n)) {
            let first: &StatuteFile = &kept[0];
            warnings.push(Warning::new(
                &f.rel,
                None,
                format!("a second copy of {law_id} (first: {}), skipped", first.rel),
            ));
            continue;
        }
        seen.extend(numbers);
        kept.push(f);
    }
    *files = kept;
}

/// Groups parsed files into law versions and emits the article records.
fn build_laws(corpus: &mut Corpus, statutes: Vec<StatuteFile>, warnings: &mut Vec<Warning>) {
    // title → version → files
    let mut groups: BTreeMap<String, BTreeMap<String, Vec<StatuteFile>>> = BTreeMap::new();
    for f in statutes {
        groups
            .entry(f.parsed.title.clone())
            .or_default()
            .entry(f.version.clone())
            .or_default()
            .push(f);
    }
    for (title, versions) in groups {
        // newest first
        let versions: Vec<(String, Vec<StatuteFile>)> = versions.into_iter().rev().collect();
        let ids: Vec<String> = versions
            .iter()
            .map(|(v, _)| format!("{title}@{v}"))
            .collect();
        for (i, (version, mut files)) in versions.into_iter().enumerate() {
            let law_id = ids[i].clone();
            drop_duplicate_copies(&mut files, &law_id, warnings);
            let expired = files.iter().any(|f| f.expired);
            let status = if i > 0 {
                Status::Superseded
            } else if expired {
                Status::Expired
            } else {
                Status::Current
            };
            for f in &files {
                if !f.short_name.is_empty()
                    && !corpus.aliases.contains_key(&f.short_name)
                    && f.short_name != title
                {
                    // short names from file stems (刑事诉讼法); skip 民法典's book stems (总则 …)
                    if f.parsed.book.is_none() {
                        corpus.aliases.insert(f.short_name.clone(), title.clone());
                    }
                }
            }
            let first = &files[0];
            let mut law = Law {
                id: law_id.clone(),
                title: title.clone(),
                level: first.level,
                category: first.category.clone(),
                version: version.clone(),
                status,
                superseded_by: if i > 0 {
                    Some(ids[i - 1].clone())
                } else {
                    None
                },
                history: first.parsed.history.clone(),
                source: LawSource::Official {
                    files: files.iter().map(|f| f.rel.clone()).collect(),
                },
                in_force_from: first.in_force_from.clone(),
                article_count: 0,
            };
            let mut articles: Vec<Article> = Vec::new();
            for f in files {
                for a in f.parsed.articles {
                    let (number, label) = match a.unnumbered {
                        Some(u) => (u.to_string(), u.to_string()),
                        None => (a.number.key(), a.number.label()),
                    };
                    articles.push(Article {
                        id: String::new(),
                        law_id: law_id.clone(),
                        law: title.clone(),
                        number,
                        label,
                        level: f.level,
                        version: version.clone(),
                        status,
                        path: a.path,
                        paragraphs: a.paragraphs,
                        kind: ArticleKind::Statute,
                        source: f.rel.clone(),
                        line: a.line,
                    });
                }
            }
            // A law split over files (民法典) is numbered continuously: order by number.
            articles.sort_by_key(|a| {
                crate::numerals::ArticleNumber::parse(&a.number).unwrap_or_default()
            });
            let mut seen: HashMap<String, usize> = HashMap::new();
            for a in &mut articles {
                let n = seen.entry(a.number.clone()).or_insert(0);
                *n += 1;
                a.id = if *n == 1 {
                    format!("{law_id}#{}", a.number)
                } else {
                    warnings.push(Warning::new(
                        &a.source,
                        Some(a.line),
                        format!("{} appears {} times in {}", a.label, n, law_id),
                    ));
                    format!("{law_id}#{}~{}", a.number, n)
                };
            }
            law.article_count = articles.len();
            corpus.laws.push(law);
            corpus.articles.extend(articles);
        }
    }
}
