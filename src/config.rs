//! Where the corpus and the index live.
//!
//! Corpus: `--corpus DIR` (repeatable), else `FATIAO_CORPUS` (colon-separated), else the development
//! layout `../shared/corpus` (looked up from the working directory upwards), else the core corpus
//! compiled into the binary ([`Source::Core`]). Index: `--index DIR`, else `FATIAO_INDEX`, else
//! `index/` in the working directory. The web page is compiled into the binary.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ingest::Source;

pub const CORPUS_ENV: &str = "FATIAO_CORPUS";
pub const INDEX_ENV: &str = "FATIAO_INDEX";

/// Resolves the corpus from explicit flags, the environment, the development layout, or the core
/// corpus built into the binary. A folder that is named but missing is an error, never a fallback.
pub fn corpus_source(flags: &[PathBuf]) -> Result<Source> {
    let candidates: Vec<PathBuf> = if !flags.is_empty() {
        flags.to_vec()
    } else if let Some(v) = std::env::var_os(CORPUS_ENV).filter(|v| !v.is_empty()) {
        std::env::split_paths(&v)
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    } else {
        return Ok(match national_corpus() {
            Some(dir) => Source::Dirs(vec![dir]),
            None => Source::Core,
        });
    };
    for dir in &candidates {
        if !dir.is_dir() {
            return Err(Error::CorpusNotFound(format!(
                "{} is not a directory",
                dir.display()
            )));
        }
    }
    Ok(Source::Dirs(candidates))
}

/// The national corpus in the development layout, `../shared/corpus` (or `shared/corpus`) from the
/// working directory or one of its parents.
pub fn national_corpus() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    for dir in cwd.ancestors().take(4) {
        let c = dir.join("shared").join("corpus");
        if c.is_dir() {
            return Some(c);
        }
        let c = dir.join("..").join("shared").join("corpus");
        if c.is_dir() {
            return Some(c.canonicalize().unwrap_or(c));
        }
    }
    None
}

/// Resolves the index directory.
pub fn index_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(v) = std::env::var_os(INDEX_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(v);
    }
    PathBuf::from("index")
}
