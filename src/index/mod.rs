//! The tantivy index: schema, atomic builds beside the live index, and opening it for search.
//!
//! Layout of the index directory:
//! ```text
//! index/
//!   CURRENT            name of the live generation (replaced atomically by rename)
//!   gen-<millis>/      one complete build: tantivy files, records.json (the Corpus), fatiao.json (Meta)
//!   .tmp-gen-<millis>/ a build in progress (never read; removed by the next build)
//! ```
//! A build writes a new generation beside the live one and only then switches `CURRENT`, so a build
//! that fails or is killed leaves the previous index serving. The previous generation is kept one
//! build longer, so a server that opened it keeps working.
//!
//! A build that fails (disk full, read-only directory …) removes what it wrote and returns
//! [`Error::Io`] with the path it could not write; nothing half-written is ever named by `CURRENT`.
//! The stages a build goes through can be paused for crash tests, see [`pause_point`].

pub mod tokenizer;

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::records::{ArticleKind, SectionKind, Status};

/// Schema version: bump when fields or tokenisation change, so stale indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 3;
const CURRENT: &str = "CURRENT";
const RECORDS: &str = "records.json";
const META: &str = "fatiao.json";

/// What built an index.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    pub fatiao_version: String,
    pub schema_version: u32,
    pub fingerprint: String,
    /// RFC 3339 time of the build.
    pub built_at: String,
    pub documents: usize,
    pub articles: usize,
    pub sections: usize,
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Record id (article or section id).
    pub id: Field,
    /// statute / quoted / section.
    pub kind: Field,
    /// Exact law title (or page id for sections), for filters.
    pub law_key: Field,
    pub level: Field,
    /// current / superseded / expired.
    pub status: Field,
    /// Law title and aliases (or page title), tokenised.
    pub law: Field,
    /// 编/章/节 headings (or section heading / question), tokenised.
    pub path: Field,
    /// The text, tokenised with the legal tokenizer (search mode).
    pub body: Field,
    /// The text as character bigrams, for recall.
    pub bigram: Field,
    /// The text of the articles of other laws that cite this one (anchor text).
    pub anchor: Field,
    /// Ordinal of the record (see [`Rec`]), a fast field: a hit's record is found without
    /// reading the document store.
    pub ord: Field,
}

/// The record an index ordinal stands for: articles first, in corpus order, then the sections of
/// every page in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rec {
    /// Index into `Corpus::articles`.
    Article(usize),
    /// Page index, section index.
    Section(usize, usize),
}

/// The ordinal → record table of a corpus, in the order [`build`] numbers the documents.
pub fn records_by_ord(corpus: &Corpus) -> Vec<Rec> {
    let mut out: Vec<Rec> = (0..corpus.articles.len()).map(Rec::Article).collect();
    for (p, page) in corpus.pages.iter().enumerate() {
        out.extend((0..page.sections.len()).map(|s| Rec::Section(p, s)));
    }
    out
}

/// The index schema.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tok: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tok)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        law_key: b.add_text_field("law_key", STRING),
        level: b.add_text_field("level", STRING),
        status: b.add_text_field("status", STRING),
        law: b.add_text_field("law", text(tokenizer::LEGAL)),
        path: b.add_text_field("path", text(tokenizer::LEGAL)),
        body: b.add_text_field("body", text(tokenizer::LEGAL)),
        bigram: b.add_text_field("bigram", text(tokenizer::BIGRAM)),
        anchor: b.add_text_field("anchor", text(tokenizer::LEGAL)),
        ord: b.add_u64_field("ord", FAST),
    };
    (b.build(), fields)
}

pub fn status_term(s: Status) -> &'static str {
    match s {
        Status::Current => "current",
        Status::Superseded => "superseded",
        Status::Expired => "expired",
    }
}

pub fn kind_term(k: &ArticleKind) -> &'static str {
    match k {
        ArticleKind::Statute => "statute",
        ArticleKind::Quoted { .. } => "quoted",
    }
}

/// An open index generation with the records it was built from.
pub struct Live {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub corpus: Arc<Corpus>,
    /// Index ordinal → record.
    pub records: Vec<Rec>,
    /// Index ordinal → what the record's BM25 score is multiplied by ([`crate::search::priors`]).
    pub priors: Vec<f32>,
    /// Per article, the number of its (law title, number): the versions of one article and the
    /// page quotes of it share one, so that a list shows it once.
    pub article_group: Vec<u32>,
    /// The article (index, newest version) of each row of the learned table
    /// ([`crate::search::learned`]); None where this corpus lacks it.
    pub learned_articles: Vec<Option<usize>>,
    pub meta: Meta,
    pub dir: PathBuf,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("dir", &self.dir)
            .field("meta", &self.meta)
            .finish()
    }
}

fn now_millis() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

/// Environment variable of the crash-test hook, see [`pause_point`].
pub const PAUSE_ENV: &str = "FATIAO_TEST_PAUSE_AT";

/// Crash-test hook. When `FATIAO_TEST_PAUSE_AT` names `stage`, prints `fatiao: paused at <stage>`
/// on stderr and waits until standard input is closed (a test kills the process there, or closes
/// stdin to let it go on). Without the variable (or with stdin at end of file) it does nothing.
///
/// Stages, in order: `ingest` (records parsed, no index directory touched yet), `tantivy` (half of
/// the documents handed to the tantivy writer in `.tmp-gen-*`), `committed` (tantivy files
/// complete, no `records.json` yet), `records` (half of `records.json.tmp` written), `renamed`
/// (`gen-*` complete, `CURRENT` not switched), `switched` (`CURRENT` names the new generation, older
/// generations not yet removed).
pub fn pause_point(stage: &str) {
    static WANTED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let wanted = WANTED.get_or_init(|| std::env::var(PAUSE_ENV).ok().filter(|s| !s.is_empty()));
    if wanted.as_deref() != Some(stage) {
        return;
    }
    eprintln!("fatiao: paused at {stage} ({PAUSE_ENV})");
    let _ = std::io::stderr().flush();
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
}

/// Writes a file by writing `name.tmp` beside it and renaming; a failed write removes the temporary.
/// `pause` names the [`pause_point`] reached half-way through the bytes.
fn write_atomic(path: &Path, bytes: &[u8], pause: Option<&str>) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        let (head, tail) = bytes.split_at(bytes.len() / 2);
        f.write_all(head)?;
        if let Some(stage) = pause {
            f.flush()?;
            pause_point(stage);
        }
        f.write_all(tail)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(&tmp, e));
    }
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Flushes a directory's entries (a rename) to disk; best effort (not every platform can).
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The live generation directory named by `CURRENT`, if any.
pub fn current_generation(root: &Path) -> Option<PathBuf> {
    let name = fs::read_to_string(root.join(CURRENT)).ok()?;
    let name = name.trim();
    if name.is_empty() || name.contains('/') || name.contains("..") {
        return None;
    }
    let dir = root.join(name);
    dir.is_dir().then_some(dir)
}

/// The meta of the live generation, if any.
pub fn current_meta(root: &Path) -> Option<Meta> {
    let dir = current_generation(root)?;
    serde_json::from_slice(&fs::read(dir.join(META)).ok()?).ok()
}

/// Whether the live index was built by this fatiao from a corpus with this fingerprint.
pub fn is_fresh(root: &Path, fingerprint: &str) -> bool {
    current_meta(root).is_some_and(|m| {
        m.fingerprint == fingerprint
            && m.schema_version == SCHEMA_VERSION
            && m.fatiao_version == env!("CARGO_PKG_VERSION")
    })
}

/// Reverse alias map: full title → aliases.
fn aliases_by_title(corpus: &Corpus) -> HashMap<&str, Vec<&str>> {
    let mut m: HashMap<&str, Vec<&str>> = HashMap::new();
    for (alias, title) in &corpus.aliases {
        m.entry(title.as_str()).or_default().push(alias.as_str());
    }
    for v in m.values_mut() {
        v.sort();
    }
    m
}

/// Builds a new generation from the corpus and makes it live. Returns its meta.
///
/// On failure nothing it wrote is left behind and `CURRENT` still names the previous generation; an
/// I/O failure (disk full, read-only directory, a file where the directory should be) is
/// [`Error::Io`] with the path.
pub fn build(corpus: &Corpus, root: &Path) -> Result<Meta> {
    fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    remove_stale_builds(root);
    let name = format!("gen-{}", now_millis());
    let tmp = root.join(format!(".tmp-{name}"));
    fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
    let result = build_into(corpus, &tmp);
    let meta = match result {
        Ok(m) => m,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(io_error_in(e, &tmp));
        }
    };
    let dir = root.join(&name);
    if let Err(e) = fs::rename(&tmp, &dir) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(Error::io(&dir, e));
    }
    pause_point("renamed");
    let previous = current_generation(root);
    if let Err(e) = write_atomic(&root.join(CURRENT), name.as_bytes(), None) {
        let _ = fs::remove_dir_all(&dir);
        return Err(e);
    }
    sync_dir(root);
    pause_point("switched");
    // Keep the generation that was live until now (a running server may still read it); remove older ones.
    if let Ok(entries) = fs::read_dir(root) {
        for e in entries.flatten() {
            let p = e.path();
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with("gen-") && p != dir && Some(&p) != previous.as_ref() {
                let _ = fs::remove_dir_all(&p);
            }
        }
    }
    Ok(meta)
}

/// Removes builds left by a killed or failed run.
fn remove_stale_builds(root: &Path) {
    if let Ok(entries) = fs::read_dir(root) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(".tmp-gen-") {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
}

/// A tantivy error that is an I/O failure (tantivy writes the segment files) as [`Error::Io`] on the
/// generation being built, so a full disk reads as one.
fn io_error_in(e: Error, dir: &Path) -> Error {
    let Error::Tantivy(t) = &e else {
        return e;
    };
    let io = match t {
        tantivy::TantivyError::IoError(io) => Some((io.kind(), io.to_string())),
        tantivy::TantivyError::OpenWriteError(w) => {
            let s = w.to_string();
            match w {
                tantivy::directory::error::OpenWriteError::IoError { io_error, .. } => {
                    Some((io_error.kind(), s))
                }
                _ => None,
            }
        }
        _ => None,
    };
    match io {
        Some((kind, msg)) => Error::io(dir, std::io::Error::new(kind, msg)),
        None => e,
    }
}

fn build_into(corpus: &Corpus, dir: &Path) -> Result<Meta> {
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    tokenizer::register(&index);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let mut writer: tantivy::IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads, 100_000_000 * threads)?;
    let aliases = aliases_by_title(corpus);
    let mut articles = 0;
    let mut ord: u64 = 0;
    let half = corpus.articles.len() / 2;
    for a in &corpus.articles {
        if articles == half {
            pause_point("tantivy");
        }
        let mut law = a.law.clone();
        if let Some(al) = aliases.get(a.law.as_str()) {
            for x in al {
                law.push(' ');
                law.push_str(x);
            }
        }
        let text = a.text();
        let anchor = anchor_text(corpus, a);
        writer.add_document(doc!(
            f.id => a.id.clone(),
            f.kind => kind_term(&a.kind),
            f.law_key => a.law.clone(),
            f.level => a.level.name(),
            f.status => status_term(a.status),
            f.law => law,
            f.path => a.path.join(" "),
            f.body => text.clone(),
            f.bigram => text,
            f.anchor => anchor,
            f.ord => ord,
        ))?;
        ord += 1;
        articles += 1;
    }
    let mut sections = 0;
    for p in &corpus.pages {
        for s in &p.sections {
            let heading = match &s.kind {
                SectionKind::Qa { question } => question.clone(),
                SectionKind::Body => s.heading.clone().unwrap_or_default(),
            };
            writer.add_document(doc!(
                f.id => s.id.clone(),
                f.kind => "section",
                f.law_key => p.id.clone(),
                f.level => "评论",
                f.status => "current",
                f.law => p.title.clone(),
                f.path => heading,
                f.body => s.text.clone(),
                f.bigram => s.text.clone(),
                f.ord => ord,
            ))?;
            ord += 1;
            sections += 1;
        }
    }
    writer.commit()?;
    // One segment: a query looks each word up in one term dictionary and reads one posting list,
    // not one per indexing thread (search p50 at limit 10 1.21 → 0.93 ms, same machine and run).
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    pause_point("committed");
    let meta = Meta {
        fatiao_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: SCHEMA_VERSION,
        fingerprint: corpus.fingerprint.clone(),
        built_at: chrono::Utc::now().to_rfc3339(),
        documents: articles + sections,
        articles,
        sections,
    };
    let records = serde_json::to_vec(corpus)?;
    write_atomic(&dir.join(RECORDS), &records, Some("records"))?;
    write_atomic(&dir.join(META), &serde_json::to_vec_pretty(&meta)?, None)?;
    Ok(meta)
}

/// Longest anchor text indexed with an article, in characters.
const MAX_ANCHOR_CHARS: usize = 3000;

/// The anchor text of an article: the text of the current articles of other laws that cite it
/// (an interpretation or an implementing rule often says in concrete words what it applies).
fn anchor_text(corpus: &Corpus, a: &crate::records::Article) -> String {
    let mut out = String::new();
    let mut seen: Vec<&str> = Vec::new();
    for link in corpus.cited_by(&a.id) {
        let Some(from) = corpus.article(&link.from) else {
            continue;
        };
        if from.law == a.law || !from.is_current() || seen.contains(&from.id.as_str()) {
            continue;
        }
        seen.push(&from.id);
        out.push_str(&from.text());
        out.push('\n');
        if out.chars().count() > MAX_ANCHOR_CHARS {
            break;
        }
    }
    out
}

/// Numbers the distinct (law title, number) pairs of the articles, in corpus order.
fn article_groups(corpus: &Corpus) -> Vec<u32> {
    let mut ids: std::collections::HashMap<(&str, &str), u32> = std::collections::HashMap::new();
    corpus
        .articles
        .iter()
        .map(|a| {
            let next = ids.len() as u32;
            *ids.entry((a.law.as_str(), a.number.as_str()))
                .or_insert(next)
        })
        .collect()
}

/// Resolves each row of the learned table to an article of this corpus.
fn learned_articles(corpus: &Corpus) -> Vec<Option<usize>> {
    crate::search::learned::table()
        .docs
        .iter()
        .map(|(law, number)| {
            corpus
                .find(law, number)
                .and_then(|a| corpus.article_index(&a.id))
        })
        .collect()
}

/// Opens the live generation.
pub fn open(root: &Path) -> Result<Live> {
    let dir = current_generation(root).ok_or_else(|| {
        Error::Index(format!(
            "no index in {} (run `fatiao ingest`)",
            root.display()
        ))
    })?;
    let meta: Meta = serde_json::from_slice(
        &fs::read(dir.join(META)).map_err(|e| Error::io(dir.join(META), e))?,
    )?;
    let bytes = fs::read(dir.join(RECORDS)).map_err(|e| Error::io(dir.join(RECORDS), e))?;
    let mut corpus: Corpus = serde_json::from_slice(&bytes)?;
    corpus.finish();
    let index = Index::open_in_dir(&dir)?;
    tokenizer::register(&index);
    let (_, fields) = schema();
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let records = records_by_ord(&corpus);
    let priors = crate::search::priors(&corpus, &records);
    let learned_articles = learned_articles(&corpus);
    let article_group = article_groups(&corpus);
    Ok(Live {
        index,
        reader,
        fields,
        records,
        priors,
        learned_articles,
        article_group,
        corpus: Arc::new(corpus),
        meta,
        dir,
    })
}
