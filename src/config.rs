//! Where the corpus and the index live.
//!
//! Corpus: `--corpus DIR` (repeatable), else `FATIAO_CORPUS` (colon-separated), else the development
//! layout `../shared/corpus` next to the repository (looked up from the working directory and from
//! the crate's own directory). Index: `--index DIR`, else `FATIAO_INDEX`, else `index/` in the
//! repository.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const CORPUS_ENV: &str = "FATIAO_CORPUS";
pub const INDEX_ENV: &str = "FATIAO_INDEX";

/// Resolves the corpus roots from explicit flags, the environment, or the development default.
pub fn corpus_dirs(flags: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let candidates: Vec<PathBuf> = if !flags.is_empty() {
        flags.to_vec()
    } else if let Some(v) = std::env::var_os(CORPUS_ENV).filter(|v| !v.is_empty()) {
        std::env::split_paths(&v)
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    } else {
        return default_corpus().map(|p| vec![p]).ok_or_else(|| {
            Error::CorpusNotFound(format!(
                "no --corpus given, {CORPUS_ENV} unset, and ../shared/corpus not found; \
                 point fatiao at a corpus with --corpus DIR or {CORPUS_ENV}=DIR"
            ))
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
    Ok(candidates)
}

/// The development corpus `../shared/corpus`, searched from the working directory upwards and from
/// the crate directory.
pub fn default_corpus() -> Option<PathBuf> {
    let mut starts: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        starts.push(cwd);
    }
    starts.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    for start in starts {
        for dir in start.ancestors().take(4) {
            let c = dir.join("shared").join("corpus");
            if c.is_dir() {
                return Some(c);
            }
            let c = dir.join("..").join("shared").join("corpus");
            if c.is_dir() {
                return Some(c.canonicalize().unwrap_or(c));
            }
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
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("index")
}

/// The project's own data directory (`corpus/` in the repository: dictionaries, alias and synonym
/// tables, the holiday calendar). These files are compiled into the binary, see [`crate::data`].
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub const WEB_ENV: &str = "FATIAO_WEB";

/// The web UI's static files: `FATIAO_WEB`, else `web/` in the repository.
pub fn web_dir() -> PathBuf {
    if let Some(v) = std::env::var_os(WEB_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(v);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("web")
}
